"""A failed signing of an issued decision, kept for its page (issue 16 follow-up), behind
the province wall through its dossier."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

from emulation.rowsecurity import province_wall, through


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0011_province_wall"),
        ("dossiers", "0019_nominee_awarded_identity"),
    ]

    operations = [
        migrations.CreateModel(
            name="SigningFailure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=80, unique=True)),
                (
                    "failed_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="lúc ký không thành công"
                    ),
                ),
                ("error", models.TextField(blank=True, verbose_name="lỗi")),
                (
                    "dossier",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="dossiers.dossier",
                        verbose_name="hồ sơ",
                    ),
                ),
            ],
            options={
                "verbose_name": "lần ký số không thành công",
                "verbose_name_plural": "lần ký số không thành công",
            },
        ),
        province_wall("documents_signingfailure", through("dossier_id", "dossiers_dossier")),
    ]
