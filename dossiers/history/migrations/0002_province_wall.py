"""The province wall on the award history (issue 18, part 1): lower levels' awards by
their province. See :mod:`emulation.rowsecurity`."""

from django.db import migrations

from emulation.rowsecurity import by_province, province_wall


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0001_lower_level_award"),
        ("emulation", "0018_province_wall"),
    ]

    operations = [province_wall("history_lowerlevelaward", by_province())]
