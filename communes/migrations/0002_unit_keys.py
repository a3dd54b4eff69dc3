"""Units keyed by an internal key: the official code no longer identifies a unit alone.

Province.code and Commune.code (primary keys) become ``key``; every existing row keeps
key == code, so every foreign key value in every table stays valid. A new ``code``
column holds the official code, filled from the key.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_codes(apps, schema_editor):
    Province = apps.get_model("communes", "Province")
    Commune = apps.get_model("communes", "Commune")
    District = apps.get_model("communes", "District")
    Province.objects.update(code=models.F("key"))
    Commune.objects.update(code=models.F("key"))
    for code, province in District.objects.values_list("code", "province_id"):
        Commune.objects.filter(district_id=code).update(province_id=province)


class Migration(migrations.Migration):
    dependencies = [("communes", "0001_initial")]

    operations = [
        migrations.RenameField("province", "code", "key"),
        migrations.RenameField("commune", "code", "key"),
        migrations.AddField(
            model_name="province",
            name="code",
            field=models.CharField(default="", max_length=2, verbose_name="mã tỉnh"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="commune",
            name="code",
            field=models.CharField(default="", max_length=5, verbose_name="mã xã"),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="UnitChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[("province", "Tỉnh"), ("commune", "Cấp xã")],
                        max_length=10,
                        verbose_name="cấp",
                    ),
                ),
                ("date", models.DateField(verbose_name="ngày hiệu lực")),
                ("legal_basis", models.CharField(max_length=255, verbose_name="căn cứ")),
                (
                    "whole",
                    models.BooleanField(
                        default=True, help_text="Sai: một phần.", verbose_name="toàn bộ"
                    ),
                ),
                (
                    "predecessor_code",
                    models.CharField(blank=True, max_length=5, verbose_name="mã đơn vị cũ"),
                ),
                (
                    "predecessor_name",
                    models.CharField(blank=True, max_length=100, verbose_name="tên đơn vị cũ"),
                ),
            ],
            options={
                "verbose_name": "sắp xếp đơn vị hành chính",
                "verbose_name_plural": "sắp xếp đơn vị hành chính",
                "ordering": ["date", "id"],
            },
        ),
        migrations.AlterModelOptions(
            name="commune",
            options={
                "ordering": ["district_id", "code", "valid_from"],
                "verbose_name": "xã / phường / thị trấn",
                "verbose_name_plural": "xã / phường / thị trấn",
            },
        ),
        migrations.AlterModelOptions(
            name="province",
            options={
                "ordering": ["code", "valid_from"],
                "verbose_name": "tỉnh",
                "verbose_name_plural": "tỉnh",
            },
        ),
        migrations.AddField(
            model_name="commune",
            name="province",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="communes",
                to="communes.province",
                verbose_name="tỉnh",
            ),
        ),
        migrations.AddField(
            model_name="commune",
            name="valid_from",
            field=models.DateField(
                blank=True,
                help_text="Trống: trước dữ liệu của hệ thống.",
                null=True,
                verbose_name="hiệu lực từ ngày",
            ),
        ),
        migrations.AddField(
            model_name="commune",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Trống: còn hiệu lực.",
                null=True,
                verbose_name="hiệu lực đến ngày",
            ),
        ),
        migrations.AddField(
            model_name="district",
            name="valid_from",
            field=models.DateField(
                blank=True,
                help_text="Trống: trước dữ liệu của hệ thống.",
                null=True,
                verbose_name="hiệu lực từ ngày",
            ),
        ),
        migrations.AddField(
            model_name="district",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Trống: còn hiệu lực.",
                null=True,
                verbose_name="hiệu lực đến ngày",
            ),
        ),
        migrations.AddField(
            model_name="province",
            name="valid_from",
            field=models.DateField(
                blank=True,
                help_text="Trống: trước dữ liệu của hệ thống.",
                null=True,
                verbose_name="hiệu lực từ ngày",
            ),
        ),
        migrations.AddField(
            model_name="province",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Trống: còn hiệu lực.",
                null=True,
                verbose_name="hiệu lực đến ngày",
            ),
        ),
        migrations.AlterField(
            model_name="commune",
            name="district",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="communes",
                to="communes.district",
                verbose_name="huyện",
            ),
        ),
        migrations.AlterField(
            model_name="commune",
            name="key",
            field=models.CharField(
                max_length=16, primary_key=True, serialize=False, verbose_name="khóa"
            ),
        ),
        migrations.AlterField(
            model_name="province",
            name="key",
            field=models.CharField(
                max_length=16, primary_key=True, serialize=False, verbose_name="khóa"
            ),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="commune",
            constraint=models.UniqueConstraint(
                fields=("code", "valid_from"), name="commune_code_from"
            ),
        ),
        migrations.AddConstraint(
            model_name="commune",
            constraint=models.UniqueConstraint(
                condition=models.Q(("valid_from__isnull", True)),
                fields=("code",),
                name="commune_code_from_null",
            ),
        ),
        migrations.AddConstraint(
            model_name="province",
            constraint=models.UniqueConstraint(
                fields=("code", "valid_from"), name="province_code_from"
            ),
        ),
        migrations.AddConstraint(
            model_name="province",
            constraint=models.UniqueConstraint(
                condition=models.Q(("valid_from__isnull", True)),
                fields=("code",),
                name="province_code_from_null",
            ),
        ),
        migrations.AddField(
            model_name="unitchange",
            name="predecessor_commune",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="successions",
                to="communes.commune",
                verbose_name="đơn vị cũ",
            ),
        ),
        migrations.AddField(
            model_name="unitchange",
            name="predecessor_province",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="successions",
                to="communes.province",
                verbose_name="tỉnh cũ",
            ),
        ),
        migrations.AddField(
            model_name="unitchange",
            name="successor_commune",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="predecessions",
                to="communes.commune",
                verbose_name="đơn vị mới",
            ),
        ),
        migrations.AddField(
            model_name="unitchange",
            name="successor_province",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="predecessions",
                to="communes.province",
                verbose_name="tỉnh mới",
            ),
        ),
        migrations.AddConstraint(
            model_name="unitchange",
            constraint=models.UniqueConstraint(
                fields=("predecessor_commune", "successor_commune"), name="unit_change_commune"
            ),
        ),
        migrations.AddConstraint(
            model_name="unitchange",
            constraint=models.UniqueConstraint(
                fields=("predecessor_province", "successor_province"), name="unit_change_province"
            ),
        ),
    ]
