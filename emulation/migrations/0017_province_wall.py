"""The province wall on the emulation tables (issue 18, part 1): agencies, plans (and
their rounds, titles and targets, through the plan), the audit log, and accounts' groups
and permissions (through the account, walled by dossiers 0008_province_wall). Rule sets
stay shared for now (README). See :mod:`emulation.rowsecurity`."""

from django.db import migrations

from emulation.rowsecurity import by_province, province_wall, through


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0016_ruleset_immutable_sqlite"),
        ("dossiers", "0008_province_wall"),
    ]

    operations = [
        province_wall("emulation_agency", by_province(nullable=True)),
        province_wall("emulation_plan", by_province()),
        province_wall("emulation_planround", through("plan_id", "emulation_plan")),
        province_wall("emulation_planroundtitle", through("round_id", "emulation_planround")),
        province_wall("emulation_plantarget", through("plan_id", "emulation_plan")),
        province_wall(
            "emulation_plantarget_districts_completed",
            through("plantarget_id", "emulation_plantarget"),
        ),
        province_wall("emulation_auditentry", by_province("province_code")),
        province_wall("emulation_user_groups", through("user_id", "emulation_user")),
        province_wall("emulation_user_user_permissions", through("user_id", "emulation_user")),
    ]
