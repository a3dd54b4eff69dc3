"""Criteria sets as data (3/3): every criterion has a set and a number unique in it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("criteria", "0004_criteria_sets_data")]

    operations = [
        migrations.AlterField(
            model_name="criterion",
            name="number",
            field=models.PositiveSmallIntegerField(verbose_name="số"),
        ),
        migrations.AlterField(
            model_name="criterion",
            name="criteria_set",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="criteria", to="criteria.criteriaset", verbose_name="bộ tiêu chí"),
        ),
        migrations.AlterModelOptions(
            name="criterion",
            options={"ordering": ["criteria_set_id", "number"], "verbose_name": "tiêu chí", "verbose_name_plural": "tiêu chí"},
        ),
        migrations.AddConstraint(
            model_name="criterion",
            constraint=models.UniqueConstraint(fields=("criteria_set", "number"), name="criterion_number"),
        ),
    ]
