"""The province wall on the emulation tables (issue 18, part 1): agencies, the audit log,
a district's plan targets (through the district, walled by communes 0003_province_wall),
and accounts' groups and permissions (through the account, walled by dossiers
0008_province_wall). Plans, their rounds and titles, the province's own targets and the
rule sets stay shared for now (README: a province without its own plan reads the one
that ships). See :mod:`emulation.rowsecurity`."""

from django.db import migrations

from emulation.rowsecurity import by_province, province_wall, through

DISTRICT = "communes_district"


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0017_state_plans"),
        ("dossiers", "0008_province_wall"),
        ("communes", "0003_province_wall"),
    ]

    operations = [
        province_wall("emulation_agency", by_province(nullable=True)),
        # a district's target, through its district; the province's (no district) shared
        province_wall("emulation_plantarget", through("district_id", DISTRICT, "code", nullable=True)),
        province_wall(
            "emulation_plantarget_districts_completed", through("district_id", DISTRICT, "code")
        ),
        province_wall("emulation_auditentry", by_province("province_code")),
        province_wall("emulation_user_groups", through("user_id", "emulation_user")),
        province_wall("emulation_user_user_permissions", through("user_id", "emulation_user")),
    ]
