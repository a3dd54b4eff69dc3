"""manage.py check_eligibility, exactly as ../shared/domain/eligibility-contract.md says."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from emulation.rules import DEFAULT_VALUES
from emulation.rulesets import ruleset_change

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = {
    "round": "midterm",
    "title": "commune_effort",
    "extremely_difficult": True,
    "criteria_baseline": [1, 4, 8, 19],
    "criteria_now": [1, 4, 8, 19, 2, 10, 15],
}


def run(tmp_path, data, *args):
    path = tmp_path / "cases.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("check_eligibility", str(path), *args, stdout=out)
    return json.loads(out.getvalue())


def test_contract_example_prints_eligible(tmp_path):
    verdict = run(tmp_path, EXAMPLE)
    assert verdict["eligible"] is True
    assert "error" not in verdict
    assert {c["rule"] for c in verdict["checks"]} == {
        "commune.extremely_difficult",
        "commune.newly_met",
        "commune.income_poverty",
    }
    assert all(set(c) == {"rule", "clause", "passed", "message"} for c in verdict["checks"])


def test_a_list_with_one_malformed_case_judges_the_others(tmp_path):
    bad = {**EXAMPLE}
    del bad["criteria_now"]
    short = {**EXAMPLE, "criteria_now": [1, 4, 8, 19, 2]}
    verdicts = run(tmp_path, [EXAMPLE, bad, short, "not a case"])
    assert [v["eligible"] for v in verdicts] == [True, None, False, None]
    assert verdicts[1]["error"].startswith("criteria_now:")
    assert verdicts[3]["error"].startswith("case:")
    assert "error" not in verdicts[0] and "error" not in verdicts[2]


def test_uses_the_rule_set_in_force_or_a_given_version(tmp_path, users):
    case = {
        "round": "annual",
        "year": 2024,
        "title": "person_contribution",
        "extremely_difficult": False,
        "contribution_value": 45_000_000,
    }
    assert run(tmp_path, case)["eligible"] is False
    ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 45_000_000},
        effective_from=dt.date(2022, 1, 1),
        reason="Thử",
        by=users["admin"],
    )
    assert run(tmp_path, case)["eligible"] is True
    assert run(tmp_path, case, "--ruleset", "1")["eligible"] is False
    with pytest.raises(CommandError):
        run(tmp_path, case, "--ruleset", "99")


def test_standard_input(monkeypatch):
    class Stdin:
        buffer = io.BytesIO(json.dumps([EXAMPLE]).encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    out = io.StringIO()
    call_command("check_eligibility", "-", stdout=out)
    assert json.loads(out.getvalue())[0]["eligible"] is True


def manage(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check_eligibility", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    "content", ["this is not JSON", '{"round": "annual",', b"\xff\xfe\x00bad bytes"]
)
def test_unreadable_file_exits_2_with_one_line(tmp_path, content):
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = manage(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0]


def test_missing_file_exits_2(tmp_path):
    result = manage(str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
