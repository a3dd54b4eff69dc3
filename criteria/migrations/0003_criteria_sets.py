"""Criteria sets as data (1/3): the schema, with the new columns still nullable.

Criterion's primary key was ``number`` (1–19), and Assessment.criterion holds those
numbers. The key column is renamed ``id`` and becomes an auto field (smallint, as the
column already is, so no referencing column changes type): every existing row keeps its
key, so every assessment still points at the same criterion. On PostgreSQL the schema
editor adds an identity that starts at 1; 0004 moves it past the largest id before it
inserts the criteria of the next set. ``number`` becomes an ordinary column, unique
within a set.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("criteria", "0002_criteria_catalogue"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CriteriaSet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="mã bộ tiêu chí")),
                ("name", models.CharField(max_length=255, verbose_name="tên bộ tiêu chí")),
                ("legal_basis", models.CharField(max_length=255, verbose_name="căn cứ pháp lý")),
                ("issued_on", models.DateField(verbose_name="ngày ban hành")),
                ("valid_from", models.DateField(blank=True, help_text="Để trống: áp dụng cho mọi đánh giá trước ngày hết hiệu lực.", null=True, verbose_name="áp dụng từ ngày")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="áp dụng đến ngày")),
                ("income_criterion", models.PositiveSmallIntegerField(blank=True, help_text="Để trống khi bộ tiêu chí không có tiêu chí thu nhập riêng.", null=True, verbose_name="số của tiêu chí thu nhập")),
                ("poverty_criterion", models.PositiveSmallIntegerField(blank=True, help_text="Để trống khi bộ tiêu chí không có tiêu chí nghèo riêng.", null=True, verbose_name="số của tiêu chí nghèo")),
                ("is_demo", models.BooleanField(default=False, verbose_name="dữ liệu minh hoạ")),
                ("notes", models.TextField(blank=True, verbose_name="ghi chú")),
            ],
            options={
                "verbose_name": "bộ tiêu chí",
                "verbose_name_plural": "bộ tiêu chí",
                "ordering": [models.OrderBy(models.F("valid_from"), nulls_first=True), "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("valid_from__isnull", True), ("valid_to__isnull", True), ("valid_to__gte", models.F("valid_from")), _connector="OR"),
                        name="criteria_set_period",
                    )
                ],
            },
        ),
        migrations.RenameField(model_name="criterion", old_name="number", new_name="id"),
        migrations.AlterField(
            model_name="criterion",
            name="id",
            field=models.SmallAutoField(primary_key=True, serialize=False),
        ),
        migrations.AddField(
            model_name="criterion",
            name="number",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="số"),
        ),
        migrations.AddField(
            model_name="criterion",
            name="criteria_set",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="criteria", to="criteria.criteriaset", verbose_name="bộ tiêu chí"),
        ),
        migrations.CreateModel(
            name="Indicator",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(help_text="Ví dụ: 1.1", max_length=12, verbose_name="mã chỉ tiêu")),
                ("name", models.CharField(max_length=500, verbose_name="tên chỉ tiêu")),
                ("level_group1", models.TextField(blank=True, verbose_name="mức đạt — nhóm 1")),
                ("level_group2", models.TextField(blank=True, verbose_name="mức đạt — nhóm 2")),
                ("level_group3", models.TextField(blank=True, verbose_name="mức đạt — nhóm 3")),
                ("is_demo", models.BooleanField(default=False, verbose_name="dữ liệu minh hoạ")),
                ("recorded_at", models.DateTimeField(auto_now=True, verbose_name="thời điểm ghi")),
                ("criterion", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="indicators", to="criteria.criterion", verbose_name="tiêu chí")),
                ("recorded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "chỉ tiêu",
                "verbose_name_plural": "chỉ tiêu",
                "ordering": ["criterion_id", "code"],
                "constraints": [models.UniqueConstraint(fields=("criterion", "code"), name="indicator_code")],
            },
        ),
        migrations.CreateModel(
            name="CommuneGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("group", models.PositiveSmallIntegerField(choices=[(1, "Nhóm 1"), (2, "Nhóm 2"), (3, "Nhóm 3")], verbose_name="nhóm xã")),
                ("valid_from", models.DateField(verbose_name="từ ngày")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="đến ngày")),
                ("legal_basis", models.CharField(blank=True, max_length=255, verbose_name="căn cứ")),
                ("note", models.TextField(blank=True, verbose_name="ghi chú")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="thời điểm ghi")),
                ("commune", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="criteria_groups", to="communes.commune")),
                ("recorded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "nhóm xã",
                "verbose_name_plural": "nhóm xã",
                "ordering": ["commune_id", "valid_from"],
                "constraints": [
                    models.UniqueConstraint(fields=("commune", "valid_from"), name="commune_group_once"),
                    models.CheckConstraint(condition=models.Q(("valid_to__isnull", True), ("valid_to__gte", models.F("valid_from")), _connector="OR"), name="commune_group_period"),
                ],
            },
        ),
    ]
