"""Rule sets as versioned data: the plan's values ship as version 1; changes add versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InternalError, connection, transaction

from emulation.models import RuleSet
from emulation.rules import DEFAULT_VALUES, evaluate
from emulation.rulesets import (
    complete_values,
    ruleset_change,
    ruleset_get,
    ruleset_in_force,
    values_diff,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERSON = {
    "round": "annual",
    "year": 2024,
    "title": "person_contribution",
    "extremely_difficult": False,
    "contribution_value": 45_000_000,
}


def test_version_one_is_the_plan():
    rs = ruleset_in_force()
    assert rs.version == 1
    assert rs.values == dict(DEFAULT_VALUES)
    assert rs.effective_from == dt.date(2021, 1, 1)
    assert rs.record.created_by is None
    assert "III.2.2" in rs.record.reason


def test_change_adds_a_version_and_keeps_the_old(users):
    new_values = {**DEFAULT_VALUES, "person_contribution_min": 45_000_000}
    rs2 = ruleset_change(
        values=new_values,
        effective_from=dt.date(2024, 1, 1),
        reason="Điều chỉnh",
        by=users["admin"],
    )
    assert rs2.version == 2 and rs2.based_on.version == 1 and rs2.created_by == users["admin"]
    now = ruleset_in_force(dt.date(2024, 6, 1))
    assert now.version == 2
    assert evaluate(PERSON, now.values, version=now.version).eligible is True
    before = ruleset_in_force(dt.date(2023, 12, 31))
    assert before.version == 1
    old_verdict = evaluate(PERSON, before.values, version=before.version)
    assert old_verdict.eligible is False and old_verdict.ruleset_version == 1
    assert ruleset_get(1).values["person_contribution_min"] == 50_000_000
    [change] = values_diff(ruleset_get(1).values, ruleset_get(2).values)
    assert change.spec.key == "person_contribution_min"
    assert change.old_display == "50.000.000 đ" and change.new_display == "45.000.000 đ"


def test_same_effective_date_later_version_wins(users):
    for n in (45, 44):
        ruleset_change(
            values={**DEFAULT_VALUES, "person_contribution_min": n * 1_000_000},
            effective_from=dt.date(2024, 1, 1),
            reason=f"Lần {n}",
            by=users["admin"],
        )
    assert ruleset_in_force(dt.date(2024, 1, 1)).version == 3


def test_only_admins_change(users):
    for role in ("district_a", "agency", "reviewer", "appraiser"):
        with pytest.raises(PermissionDenied):
            ruleset_change(
                values=DEFAULT_VALUES,
                effective_from=dt.date(2024, 1, 1),
                reason="x",
                by=users[role],
            )
    assert RuleSet.objects.count() == 1


def test_invalid_or_empty_changes_are_refused(users):
    admin = users["admin"]
    with pytest.raises(ValidationError) as exc:
        ruleset_change(
            values={**DEFAULT_VALUES, "person_own_min_dbkk": 30_000_000},
            effective_from=dt.date(2024, 1, 1),
            reason="x",
            by=admin,
        )
    assert "person_own_min_dbkk" in exc.value.message_dict
    with pytest.raises(ValidationError):
        ruleset_change(
            values=DEFAULT_VALUES, effective_from=dt.date(2024, 1, 1), reason=" ", by=admin
        )
    with pytest.raises(ValidationError):
        ruleset_change(
            values=DEFAULT_VALUES, effective_from=dt.date(2021, 1, 1), reason="x", by=admin
        )
    assert RuleSet.objects.count() == 1


def test_versions_cannot_be_rewritten_even_in_bulk():
    rs = RuleSet.objects.get(version=1)
    rs.reason = "sửa"
    with pytest.raises(ValueError):
        rs.save()
    with pytest.raises(ValueError):
        rs.delete()
    # the queryset refuses bulk writes on every database (issue 14: "immutability of
    # rule sets on every database"), before any SQL
    with pytest.raises(ValueError):
        RuleSet.objects.filter(version=1).update(reason="sửa lén")
    with pytest.raises(ValueError):
        RuleSet.objects.bulk_update([rs], ["reason"])
    with pytest.raises(ValueError):
        RuleSet.objects.filter(version=1).delete()
    # and on PostgreSQL the trigger refuses the SQL itself
    with pytest.raises(InternalError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE emulation_ruleset SET reason = 'sửa lén'")
    with pytest.raises(InternalError), transaction.atomic():
        RuleSet.objects.filter(version=1)._raw_delete(RuleSet.objects.db)
    # version 1 as migration 0004 wrote it: the plan's values (and the rounds' years,
    # which the plan now holds)
    stored = RuleSet.objects.get(version=1).values
    assert complete_values(stored) == dict(DEFAULT_VALUES)
    assert (stored["midterm_year"], stored["final_year"]) == (2023, 2025)


def test_sqlite_triggers_refuse_update_and_delete():
    """The SQLite demo database: migration 0012's triggers refuse the SQL itself."""
    import importlib
    import sqlite3

    migration = importlib.import_module("emulation.migrations.0016_ruleset_immutable_sqlite")
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE emulation_ruleset (id INTEGER PRIMARY KEY, reason TEXT)")
    db.execute("INSERT INTO emulation_ruleset (reason) VALUES ('kế hoạch')")
    for sql in migration.SQLITE_TRIGGERS:
        db.executescript(sql)
    with pytest.raises(sqlite3.DatabaseError, match="never rewritten"):
        db.execute("UPDATE emulation_ruleset SET reason = 'sửa lén'")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        db.execute("DELETE FROM emulation_ruleset")
    assert db.execute("SELECT reason FROM emulation_ruleset").fetchall() == [("kế hoạch",)]
