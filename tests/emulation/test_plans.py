"""Plans as data: the shipped plan, export_plan / load_plan, check_eligibility --plan,
and a plan that is not Bắc Kạn's judged with no code change."""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dossiers.models import Dossier
from emulation.demo import seed_plan_2026
from emulation.labels import round_choice
from emulation.models import Plan, PlanRound, RuleSet
from emulation.plans import (
    PlanFileError,
    plan_for,
    plan_get,
    plan_load,
    plan_spec,
    plan_validate,
)
from emulation.rules import DEFAULT_VALUES, Round, Title, default_plan, evaluate, titles_for_round
from emulation.rules.plan import DEFAULT_PLAN_FILE, read_plan_file, spec_from_dict
from tests.factories import DossierFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CODE = "bac-kan-2021-2025"
M = 1_000_000


def export(code: str = CODE) -> dict:
    out = io.StringIO()
    call_command("export_plan", code, stdout=out)
    return json.loads(out.getvalue())


def load(tmp_path, data, *args: str) -> str:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("load_plan", str(path), *args, stdout=out, stderr=out)
    return out.getvalue()


def corpus(n: int = 400) -> list[dict]:
    """Cases of every round and title around every threshold (deterministic)."""
    rng = random.Random(13)
    spec = default_plan()
    counts = [0, 1, 2, 3, 4, 5, 6, 19]
    money = [0, 15 * M - 1, 15 * M, 20 * M, 40 * M - 1, 40 * M, 50 * M, 100 * M, 200 * M]
    out: list[dict] = []
    pairs = [(r, t) for r in Round for t in titles_for_round(r, spec)]
    for i in range(n):
        rnd, title = pairs[i % len(pairs)]
        base = sorted(rng.sample(range(1, 20), rng.choice(counts[:6])))
        now = sorted(set(base) | set(rng.sample(range(1, 20), rng.choice(counts))))
        case = {
            "round": rnd.value,
            "title": title.value,
            "year": rng.choice([2021, 2022, 2023, 2024, 2025]),
            "extremely_difficult": rng.random() < 0.5,
            "recognition": rng.choice(
                [None, {"level": "ntm", "year": 2023}, {"level": "advanced", "year": 2025}]
            ),
            "criteria_baseline": base,
            "criteria_now": now,
            "criteria_midterm": sorted(rng.sample(now, len(now) // 2)),
            "midterm_awarded": rng.random() < 0.5,
            "capital_debt": rng.random() < 0.3,
            "completed_year": rng.choice([None, 2022, 2023, 2025]),
            "communes_recognized": rng.randint(0, 6),
            "communes_planned": rng.randint(0, 6),
            "infrastructure_value": rng.choice(money),
            "awarded_this_year": rng.random() < 0.3,
            "contribution_value": rng.choice(money),
            "attested": rng.choice([None, True, False]),
        }
        if rnd is not Round.ANNUAL and rng.random() < 0.5:
            del case["year"]
        if rng.random() < 0.3:
            del case["contribution_value"]
            case["mobilized_value"] = rng.choice(money)
            case["own_land_asset_value"] = rng.choice(money)
        out.append(case)
    return out


# --- the shipped plan ---------------------------------------------------------------


def test_the_shipped_plan_is_loaded_by_the_migration():
    plan = plan_get(CODE)
    assert plan is not None
    assert (plan.number, plan.issued_on) == ("305/KH-UBND", dt.date(2022, 5, 13))
    assert plan.movement == "Bắc Kạn chung sức xây dựng nông thôn mới"
    assert (plan.first_year, plan.last_year, plan.province_id) == (2021, 2025, "06")
    assert plan.criteria_set == "qd-318-2022"
    labels = [r.label for r in plan.rounds.order_by("kind", "year")]
    assert labels == [
        "Hàng năm 2021",
        "Hàng năm 2022",
        "Hàng năm 2023",
        "Hàng năm 2024",
        "Hàng năm 2025",
        "Tổng kết (2025)",
        "Sơ kết (2023)",
    ]
    assert set(RuleSet.objects.values_list("plan__code", flat=True)) == {CODE}
    # the rows and the file say the same
    assert plan_spec(plan) == default_plan()


def test_the_shipped_file_passes_its_schema():
    assert plan_validate(read_plan_file(DEFAULT_PLAN_FILE)) == []


def test_plan_for_a_province_and_date():
    assert plan_for("06", on=dt.date(2024, 6, 1)).code == CODE
    # after its period the province's latest plan still answers
    assert plan_for("06", on=dt.date(2027, 1, 1)).code == CODE
    later = Plan.objects.create(
        code="bac-kan-2026-2030",
        name="x",
        movement="y",
        issuer="z",
        province_id="06",
        first_year=2026,
        last_year=2030,
        criteria_set="qd-51-2025",
    )
    assert plan_for("06", on=dt.date(2027, 1, 1)) == later
    assert plan_for("06", on=dt.date(2024, 6, 1)).code == CODE


# --- export_plan --------------------------------------------------------------------


def test_export_list_prints_one_plan_a_line_code_first():
    out = io.StringIO()
    call_command("export_plan", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[0] for line in lines] == [CODE]


def test_export_prints_the_plan_as_one_json_object():
    call_command("load_plan_targets", stdout=io.StringIO())
    data = export()
    assert data["code"] == CODE
    assert data["criteria_set"] == "qd-318-2022"
    assert {r["kind"] for r in data["rounds"]} == {"annual", "midterm", "final"}
    midterm = next(r for r in data["rounds"] if r["kind"] == "midterm")
    assert midterm["year"] == 2023
    effort = next(t for t in midterm["titles"] if t["title"] == "commune_effort")
    assert effort["kinds"] == ["commune"]
    assert [r["version"] for r in data["rulesets"]] == [1]
    assert data["readings"]["newly_met_reading"] == "not_in_baseline"
    assert [t["year"] for t in data["targets"]] == [2022, 2023, 2024, 2025]
    assert plan_validate(data) == []


def test_export_of_an_unknown_plan_exits_2():
    with pytest.raises(CommandError) as exc:
        call_command("export_plan", "khong-co", stdout=io.StringIO())
    assert exc.value.returncode == 2


# --- load_plan ----------------------------------------------------------------------


def test_export_load_under_another_code_gives_identical_verdicts(tmp_path):
    data = export()
    assert "Đã nạp kế hoạch ban-sao" in load(tmp_path, data, "--code", "ban-sao")
    copy_plan = plan_get("ban-sao")
    assert copy_plan is not None and copy_plan.pk != plan_get(CODE).pk
    assert export("ban-sao") | {"code": CODE} == data
    original, copied = plan_spec(plan_get(CODE)), plan_spec(copy_plan)
    values = RuleSet.objects.get(plan__code="ban-sao", version=1).values
    cases = corpus()
    judged = [
        (
            evaluate(c, DEFAULT_VALUES, plan=original).as_dict(),
            evaluate(c, {**DEFAULT_VALUES, **values}, plan=copied).as_dict(),
        )
        for c in cases
    ]
    # identical but for the plan each names (issue 14: every verdict names its plan)
    assert all(a["plan"] == CODE and b["plan"] == "ban-sao" for a, b in judged)
    assert all(a | {"plan": None} == b | {"plan": None} for a, b in judged)
    # the corpus reaches every verdict
    assert {a["eligible"] for a, _ in judged} == {True, False, None}


def test_check_eligibility_plan_option(tmp_path):
    load(tmp_path, export(), "--code", "ban-sao")
    path = tmp_path / "cases.json"
    cases = corpus(60)
    path.write_text(json.dumps(cases), encoding="utf-8")
    outs = []
    for args in ((), ("--plan", CODE), ("--plan", "ban-sao")):
        out = io.StringIO()
        call_command("check_eligibility", str(path), *args, stdout=out)
        outs.append(json.loads(out.getvalue()))
    assert {v["plan"] for v in outs[1]} == {CODE} and {v["plan"] for v in outs[2]} == {"ban-sao"}
    assert outs[0] == outs[1] == [v | {"plan": CODE} for v in outs[2]]
    with pytest.raises(CommandError) as exc:
        call_command("check_eligibility", str(path), "--plan", "khong-co", stdout=io.StringIO())
    assert exc.value.returncode == 2


def test_load_is_idempotent(tmp_path):
    data = export()
    load(tmp_path, data, "--code", "ban-sao")
    first = export("ban-sao")
    load(tmp_path, data, "--code", "ban-sao")
    load(tmp_path, data, "--code", "ban-sao")
    assert export("ban-sao") == first
    assert PlanRound.objects.filter(plan__code="ban-sao").count() == 7
    assert RuleSet.objects.filter(plan__code="ban-sao").count() == 1


def test_a_bad_file_gets_one_message_per_problem_and_loads_nothing(tmp_path):
    data = export()
    data["code"] = "hong"
    data["first_year"] = "2021"  # not a number
    data["rounds"][0]["kind"] = "quarterly"  # no such round
    data["rulesets"][0]["effective_from"] = "01/01/2021"  # not ISO
    del data["issuer"]
    err = io.StringIO()
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("load_plan", str(path), stdout=io.StringIO(), stderr=err)
    assert exc.value.returncode == 2
    lines = err.getvalue().splitlines()
    assert any(line.startswith("$.first_year:") for line in lines)
    assert any(line.startswith("$.rounds[0].kind:") for line in lines)
    assert any(line.startswith("$.rulesets[0].effective_from:") for line in lines)
    assert any(line.startswith("$:") and "issuer" in line for line in lines)
    assert len(lines) == 4
    assert plan_get("hong") is None


def test_consistency_problems_are_reported_with_their_path():
    data = export()
    data["rounds"][1]["year"] = 2031  # outside the period
    data["rounds"][2]["titles"][0]["title"] = "best_village"
    data["rounds"][3]["titles"][0]["kinds"] = ["martian"]
    data["rulesets"][0]["values"]["person_contribution_min"] = -5
    problems = plan_validate(data)
    assert any(p.startswith("$.rounds[1].year:") for p in problems)
    assert any(p.startswith("$.rounds[2].titles[0].title:") for p in problems)
    assert any(p.startswith("$.rounds[3].titles[0].kinds[0]:") for p in problems)
    assert any(p.startswith("$.rulesets[0].values.person_contribution_min:") for p in problems)


def test_a_stored_version_is_never_rewritten_by_a_load(tmp_path):
    data = export()
    load(tmp_path, data, "--code", "ban-sao")
    changed = copy.deepcopy(data)
    changed["rulesets"][0]["values"]["person_contribution_min"] = 60 * M
    with pytest.raises(PlanFileError) as exc:
        plan_load(changed, code="ban-sao")
    assert exc.value.problems[0].startswith("$.rulesets[0]:")
    assert RuleSet.objects.get(plan__code="ban-sao", version=1).values[
        "person_contribution_min"
    ] == (50 * M)
    # a new version is added
    changed["rulesets"] = [
        data["rulesets"][0],
        {**changed["rulesets"][0], "version": 2, "effective_from": "2024-01-01"},
    ]
    plan_load(changed, code="ban-sao")
    assert RuleSet.objects.filter(plan__code="ban-sao").count() == 2


# --- another plan, no code change -----------------------------------------------------


def made_up_plan() -> dict:
    """A plan of 2026–2030 with its sơ kết in 2028, the set of 10 criteria (no income
    criterion, poverty 6: the set's; the file's own criteria block is ignored), no baseline
    date (1/1/2026), and fewer titles."""
    data = export()
    data.update(
        code="thu-nghiem-2026-2030",
        first_year=2026,
        last_year=2030,
        criteria_set="qd-51-2025",
        criteria={"numbers": list(range(1, 11)), "income": 3, "poverty": 4},
        baseline_date=None,
        is_demo=True,
        targets=[],
    )
    data["rounds"] = [
        {
            "kind": "annual",
            "year": y,
            "titles": [{"title": "person_contribution", "kinds": ["individual", "household"]}],
        }
        for y in range(2026, 2031)
    ] + [
        {
            "kind": "midterm",
            "year": 2028,
            "review_date": "2028-10-15",
            "titles": [{"title": "commune_exemplary", "kinds": ["commune"]}],
        }
    ]
    return data


def test_a_made_up_plan_is_judged_by_its_own_years_titles_and_criteria(tmp_path):
    plan = plan_load(made_up_plan())
    spec = plan_spec(plan)
    assert spec.year_of(Round.MIDTERM) == 2028 and spec.year_of(Round.FINAL) is None
    assert spec.review_date_of(Round.MIDTERM) == dt.date(2028, 10, 15)
    assert titles_for_round("midterm", spec) == [Title.COMMUNE_EXEMPLARY]
    # the criteria are the set's, not the file's block
    assert (spec.criteria, spec.income, spec.poverty) == (frozenset(range(1, 11)), None, 6)
    assert spec.baseline_on == dt.date(2026, 1, 1)
    case = {
        "round": "midterm",
        "title": "commune_exemplary",
        "criteria_baseline": [1],
        "criteria_now": [1, 2, 3, 5, 6],
        "capital_debt": False,
    }
    v = evaluate(case, plan=spec)
    assert v.eligible is True, v
    assert "Từ năm 2026 đạt mới 4 tiêu chí" in v.checks[0].message
    assert "Yêu cầu Hộ nghèo (6) trong" in v.checks[1].message
    # criterion 11 is not of this set; a title the round does not offer
    assert evaluate({**case, "criteria_now": [11]}, plan=spec).error.startswith(
        "criteria_now: phải là danh sách số thứ tự tiêu chí từ 1 đến 10"
    )
    assert evaluate({**case, "title": "commune_effort"}, plan=spec).error
    assert evaluate({**case, "round": "final"}, plan=spec).error
    # the same case under Bắc Kạn's plan: its own year, its 19 criteria
    assert evaluate(case).checks[0].message.startswith("Từ năm 2021")


def test_spec_from_dict_round_trip():
    data = read_plan_file(DEFAULT_PLAN_FILE)
    spec = spec_from_dict(data)
    assert spec.years == range(2021, 2026)
    assert spec.kinds_for("final", "organization_production") == (
        "enterprise",
        "cooperative",
        "fund",
        "representative_office",
        "organization",
    )
    assert list(itertools.chain(spec.titles("annual"))) == [
        Title.COMMUNE_RECOGNIZED,
        Title.DISTRICT_COMPLETED,
        Title.ORGANIZATION_INFRASTRUCTURE,
        Title.PERSON_CONTRIBUTION,
    ]


def test_a_dossier_belongs_to_the_plan_of_its_province_on_its_date(district_a):
    dossier = DossierFactory(round="midterm", year=2023, district=district_a)
    assert Dossier.objects.get(pk=dossier.pk).plan.code == CODE
    assert dossier.plan_spec.year_of("midterm") == 2023
    assert round_choice("midterm", dossier.plan_spec) == "Sơ kết (2023)"
    assert round_choice("final", dossier.plan_spec) == "Tổng kết (2025)"
    assert round_choice("annual", dossier.plan_spec) == "Hàng năm"


# --- the merged Thái Nguyên's demo plan 2026–2030 and the province lineage -----------

DEMO_2026 = "thai-nguyen-2026-2030-demo"


def test_the_demo_plan_2026_passes_its_schema_and_says_it_is_invented():
    data = read_plan_file(DEFAULT_PLAN_FILE.parent / f"{DEMO_2026}.json")
    assert plan_validate(data) == []
    assert data["is_demo"] is True and data["criteria_set"] == "qd-51-2025"
    assert "MINH HOẠ" in data["name"] and "TỰ ĐẶT" in data["notes"]
    assert data["criteria"] == {"numbers": list(range(1, 11)), "income": None, "poverty": 6}
    spec = spec_from_dict(data)
    assert (spec.year_of(Round.MIDTERM), spec.year_of(Round.FINAL)) == (2028, 2030)
    assert spec.annual_years == (2026, 2027, 2028, 2029, 2030)
    # no district-level title: districts were abolished on 1/7/2025
    every = {t for titles in spec.round_titles.values() for t in titles}
    assert not every & {Title.DISTRICT_COMPLETED, Title.DISTRICT_OUTSTANDING}


def test_a_plan_of_the_province_lineage_counts_as_its_own(reorganised):
    demo = seed_plan_2026()
    assert demo is not None and demo.province_id == "19" and demo.is_demo
    assert seed_plan_2026() == demo  # once
    # Bắc Kạn's installation: the merged province's plan from 2026, its own before
    assert plan_for("06", on=dt.date(2026, 11, 29)) == demo
    assert plan_for("06", on=dt.date(2024, 6, 1)).code == CODE
    # a unit of the merged province filing for 2025 reads Bắc Kạn's plan
    assert plan_for("19", on=dt.date(2025, 11, 20)).code == CODE
    assert plan_for("19", on=dt.date(2027, 1, 1)) == demo


def test_a_criteria_set_saved_by_another_process_is_read_again(client, django_assert_num_queries):
    """The sets' version is in the shared cache: when another server process saves a set
    (it bumps the version), this process reads the sets again from its next request on."""
    from django.core.cache import cache

    from emulation import plans

    plans.set_criteria("qd-318-2022")  # read and kept in memory
    with django_assert_num_queries(0):
        assert plans.set_criteria("qd-318-2022") is not None
    cache.set(plans.SETS_VERSION_KEY, "saved-elsewhere", None)  # what the other process does
    with django_assert_num_queries(0):  # the rest of this request keeps what it read
        assert plans.set_criteria("qd-318-2022") is not None
    client.get("/khong-co-trang-nay/")  # a request starts (and forgets the version)
    with django_assert_num_queries(1):
        assert plans.set_criteria("qd-318-2022") is not None


def test_the_sets_version_is_read_from_the_cache_once_per_request(client, monkeypatch):
    """set_criteria (behind every plan_spec) reads the shared cache once per request, not
    on every call; a set saved in this process is seen at once."""
    from django.core.cache import cache

    from emulation import plans

    reads: list[str] = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        if key == plans.SETS_VERSION_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    plans.forget_sets_version()
    for _ in range(50):
        assert plans.set_criteria("qd-318-2022") is not None
        plans.plan_spec_current()
    assert 1 <= len(reads) <= 2  # the first read (and the one after adding a version)
    reads.clear()
    for _ in range(50):
        plans.set_criteria("qd-318-2022")
    assert reads == []
    client.get("/khong-co-trang-nay/")  # the next request reads it again, once
    reads.clear()
    for _ in range(50):
        plans.set_criteria("qd-318-2022")
    assert len(reads) == 1
    plans.criteria_sets_changed()  # saved here: the new version without a read
    reads.clear()
    plans.set_criteria("qd-318-2022")
    assert reads == []
