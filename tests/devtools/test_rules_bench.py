"""The benchmark exists, prints its rate, and 10.000 cases take well under a second."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from devtools.rules_bench import rate, sample_cases

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_ten_thousand_cases_well_under_a_second():
    cases = sample_cases(10_000)
    best = min(rate(cases)[1] for _ in range(3))
    assert best < 0.5, f"{best:.3f} s CPU for 10.000 cases"


def test_pure_benchmark_script_runs_without_django():
    result = subprocess.run(
        [sys.executable, str(ROOT / "devtools" / "rules_bench_cli.py"), "2000"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "cases/s" in result.stdout


@pytest.mark.django_db
def test_bench_command_prints_core_and_facts_rates():
    out = io.StringIO()
    call_command("bench_rules", "--cases", "500", "--repeat", "1", stdout=out)
    text = out.getvalue()
    assert "rules core: 500 cases" in text
    assert text.count("units gathered") == 3
    # the facts lines as the benchmark's readers parse them: "N units gathered … (R units/s)"
    assert (
        len(re.findall(r"\d+ units gathered in [\d.]+ ms \([\d.]+ units/s\); best of 1;", text))
        == 3
    )
