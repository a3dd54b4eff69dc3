"""A plan's baseline date ("newly met" counts from it) is the plan's data; its criteria,
income and poverty criterion are its criteria set's (criteria.CriteriaSet), so the plan
no longer repeats them. Bắc Kạn's plan: 01/01/2021, as the code assumed before; the
merged Thái Nguyên's demo plan, if loaded: 31/03/2026 (its plan file's)."""

import datetime as dt

from django.db import migrations, models

BASELINES = {
    "bac-kan-2021-2025": dt.date(2021, 1, 1),
    "thai-nguyen-2026-2030-demo": dt.date(2026, 3, 31),
}


def set_baselines(apps, schema_editor):
    Plan = apps.get_model("emulation", "Plan")
    for code, day in BASELINES.items():
        Plan.objects.filter(code=code, baseline_date__isnull=True).update(baseline_date=day)


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0014_agency_province"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="baseline_date",
            field=models.DateField(
                blank=True,
                help_text="Ngày mà tiêu chí “đạt mới” được tính từ đó (Bắc Kạn 2021 - 2025: "
                "01/01/2021). Để trống: ngày 01/01 của năm đầu giai đoạn.",
                null=True,
                verbose_name="mốc so sánh “đạt mới”",
            ),
        ),
        migrations.RunPython(set_baselines, migrations.RunPython.noop),
        migrations.RemoveField(model_name="plan", name="criteria_numbers"),
        migrations.RemoveField(model_name="plan", name="income_criterion"),
        migrations.RemoveField(model_name="plan", name="poverty_criterion"),
    ]
