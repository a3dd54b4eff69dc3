"""Bắc Kạn's plan 2021–2025 as data: the plan, its rounds and the titles each offers,
read from the plan file shipped in the repository (emulation/plan_files/), and the rule
set versions and targets already stored attached to it.

The rule set rows are never rewritten by the application (a PostgreSQL trigger refuses
UPDATE): this migration lifts the trigger for the one UPDATE that names their plan, then
puts it back.
"""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

PLAN_FILE = Path(__file__).resolve().parent.parent / "plan_files" / "bac-kan-2021-2025.json"

TRIGGER = """
CREATE TRIGGER emulation_ruleset_immutable
    BEFORE UPDATE OR DELETE ON emulation_ruleset
    FOR EACH ROW EXECUTE FUNCTION emulation_ruleset_immutable();
"""
DROP_TRIGGER = "DROP TRIGGER IF EXISTS emulation_ruleset_immutable ON emulation_ruleset;"


def _date(text):
    return dt.date.fromisoformat(text) if text else None


def load(apps, schema_editor):
    Plan = apps.get_model("emulation", "Plan")
    PlanRound = apps.get_model("emulation", "PlanRound")
    PlanRoundTitle = apps.get_model("emulation", "PlanRoundTitle")
    RuleSet = apps.get_model("emulation", "RuleSet")
    PlanTarget = apps.get_model("emulation", "PlanTarget")
    with open(PLAN_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    plan, created = Plan.objects.get_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "movement": data["movement"],
            "issuer": data["issuer"],
            "number": data.get("number") or "",
            "issued_on": _date(data.get("issued_on")),
            "province_id": data["province"],
            "first_year": data["first_year"],
            "last_year": data["last_year"],
            "criteria_set": data["criteria_set"],
            "criteria_numbers": data["criteria"]["numbers"],
            "income_criterion": data["criteria"].get("income"),
            "poverty_criterion": data["criteria"].get("poverty"),
            "is_demo": data.get("is_demo", False),
            "notes": data.get("notes") or "",
        },
    )
    if created:
        for r in data["rounds"]:
            rnd = PlanRound.objects.create(
                plan=plan,
                kind=r["kind"],
                year=r["year"],
                review_date=_date(r.get("review_date")),
                opens_on=_date(r.get("opens_on")),
                closes_on=_date(r.get("closes_on")),
            )
            for i, t in enumerate(r["titles"]):
                PlanRoundTitle.objects.create(
                    round=rnd, title=t["title"], kinds=t["kinds"], position=i
                )
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(DROP_TRIGGER)
    RuleSet.objects.filter(plan__isnull=True).update(plan=plan)
    if postgres:
        schema_editor.execute(TRIGGER)
    PlanTarget.objects.filter(plan__isnull=True).update(plan=plan)


def unload(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(DROP_TRIGGER)
    apps.get_model("emulation", "RuleSet").objects.update(plan=None)
    if postgres:
        schema_editor.execute(TRIGGER)
    apps.get_model("emulation", "PlanTarget").objects.update(plan=None)


class Migration(migrations.Migration):
    dependencies = [("emulation", "0008_plans")]

    operations = [migrations.RunPython(load, unload)]
