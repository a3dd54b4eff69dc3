"""Every account belongs to one province (issue 18): the empty ones take their district's
or commune's province, else the installation's (PROVINCE_CODE); then a constraint keeps
it so (a superuser, who operates the whole database, may have none)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_provinces(apps, schema_editor):
    User = apps.get_model("emulation", "User")
    Province = apps.get_model("communes", "Province")
    own = (
        settings.PROVINCE_CODE
        if Province.objects.filter(pk=settings.PROVINCE_CODE).exists()
        else None
    )
    for user in User.objects.filter(province__isnull=True).select_related("district", "commune"):
        if user.district_id:
            province = user.district.province_id
        elif user.commune_id and user.commune.province_id:
            province = user.commune.province_id
        else:
            province = own
        if province:
            user.province_id = province
            user.save(update_fields=["province"])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("communes", "0002_unit_keys"),
        ("emulation", "0012_plantarget_version"),
    ]

    operations = [
        migrations.RunPython(fill_provinces, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="province",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="staff",
                to="communes.province",
                verbose_name="tỉnh",
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(province__isnull=False) | models.Q(is_superuser=True),
                name="user_province_set",
                violation_error_message="Tài khoản phải thuộc một tỉnh.",
            ),
        ),
    ]
