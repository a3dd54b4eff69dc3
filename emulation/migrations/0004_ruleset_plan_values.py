"""Version 1 of the award standards: the plan's own values (section III.2.2).

The values are written out here (not imported) so this migration keeps meaning what it
meant when it ran. On PostgreSQL a trigger also refuses UPDATE and DELETE of rule set
rows, so no code path (not even QuerySet.update) can rewrite a version.
"""

import datetime as dt

from django.db import migrations

PLAN_VALUES = {
    "midterm_year": 2023,
    "final_year": 2025,
    "organization_infrastructure_min": 200_000_000,
    "person_contribution_min": 50_000_000,
    "person_contribution_min_dbkk": 40_000_000,
    "person_mobilized_min": 100_000_000,
    "person_own_min": 20_000_000,
    "person_own_min_dbkk": 15_000_000,
    "midterm_exemplary_new_min": 4,
    "midterm_effort_new_min": 3,
    "final_exemplary_new_min": 5,
    "final_effort_new_min": 4,
    "final_since_midterm_min": 2,
    "midterm_income_poverty": "or",
    "final_income_poverty": "and",
    "income_poverty_among": "met_now",
    "newly_met_reading": "not_in_baseline",
    "capital_debt_rounds": "final",
    "near_miss_criteria": 1,
}

TRIGGER = """
CREATE OR REPLACE FUNCTION emulation_ruleset_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'emulation_ruleset rows are never rewritten: create a new version';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER emulation_ruleset_immutable
    BEFORE UPDATE OR DELETE ON emulation_ruleset
    FOR EACH ROW EXECUTE FUNCTION emulation_ruleset_immutable();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS emulation_ruleset_immutable ON emulation_ruleset;
DROP FUNCTION IF EXISTS emulation_ruleset_immutable();
"""


def plan_values(apps, schema_editor):
    RuleSet = apps.get_model("emulation", "RuleSet")
    if not RuleSet.objects.filter(version=1).exists():
        RuleSet.objects.create(
            version=1,
            effective_from=dt.date(2021, 1, 1),
            values=PLAN_VALUES,
            reason="Giá trị của Kế hoạch thi đua “Bắc Kạn chung sức xây dựng nông thôn mới” "
            "giai đoạn 2021 - 2025, mục III.2.2.",
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER)
    apps.get_model("emulation", "RuleSet").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("emulation", "0003_ruleset")]

    operations = [migrations.RunPython(plan_values, drop)]
