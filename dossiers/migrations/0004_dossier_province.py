"""Each dossier carries its province, and the province's queue indexes lead with it.

With the whole country's dossiers in one database, a province's reviewers see only their
province's dossiers; the queue and its counts read ``(province, ...)`` indexes.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_province(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    District = apps.get_model("communes", "District")
    Province = apps.get_model("communes", "Province")
    # a district's dossier: its district's province (one UPDATE per province)
    for code in Province.objects.values_list("code", flat=True):
        Dossier.objects.filter(
            province__isnull=True,
            district__in=District.objects.filter(province_id=code),
        ).update(province_id=code)
    # a provincial agency's dossier: the installation's province
    leftover = Dossier.objects.filter(province__isnull=True)
    if leftover.exists():
        Province.objects.get_or_create(
            code=settings.PROVINCE_CODE, defaults={"name": settings.PROVINCE_CODE}
        )
        leftover.update(province_id=settings.PROVINCE_CODE)


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("dossiers", "0003_dossier_queue_all_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="province",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="dossiers",
                to="communes.province",
                verbose_name="tỉnh",
            ),
        ),
        migrations.RunPython(fill_province, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dossier",
            name="province",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="dossiers",
                to="communes.province",
                verbose_name="tỉnh",
            ),
        ),
        migrations.RemoveIndex(model_name="dossier", name="dossier_queue"),
        migrations.RemoveIndex(model_name="dossier", name="dossier_queue_all"),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("first_submitted_at__isnull", False)),
                fields=["province", "status", "-updated_at", "-id"],
                name="dossier_province_queue",
            ),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("first_submitted_at__isnull", False)),
                fields=["province", "-updated_at", "-id"],
                name="dossier_province_queue_all",
            ),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["province", "-updated_at", "-id"], name="dossier_province_list"),
        ),
    ]
