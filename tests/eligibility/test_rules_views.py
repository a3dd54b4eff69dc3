"""Rules screens: who qualifies (scoped), rule sets (admins only), the dry run."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from communes.models import Commune
from eligibility.dryrun import DryRunCase, dry_run, records_source
from eligibility.extensions import DRY_RUN_SOURCES, register_dry_run_source
from emulation.models import RuleSet
from emulation.rules import DEFAULT_VALUES, Round, Title, evaluate
from emulation.rulesets import ruleset_get, ruleset_in_force
from tests.rules_data import progress, recognize

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = ["district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]
ADMIN_PAGES = [
    ("rules:rulesets", {}),
    ("rules:ruleset_history", {}),
    ("rules:ruleset_edit", {}),
    ("rules:ruleset_detail", {"version": 1}),
]


def form_data(**changes):
    """The edit form's POST for the plan's values with ``changes``."""
    data = {
        key: (f"{v:,}".replace(",", ".") if isinstance(v, int) and v > 10_000 else v)
        for key, v in DEFAULT_VALUES.items()
    }
    data.update(effective_from="01/01/2024", reason="Theo văn bản số 12/SNV")
    data.update(changes)
    return data


# --- permissions: every view x every role ----------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_qualifies_open_to_every_role(login, users, role):
    assert login(users[role]).get(reverse("rules:who_qualifies")).status_code == 200


@pytest.mark.parametrize("name, kwargs", ADMIN_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_rule_set_pages_only_for_admins(login, users, role, name, kwargs):
    response = login(users[role]).get(reverse(name, kwargs=kwargs))
    assert response.status_code == (200 if role == "admin" else 403)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_non_admin_cannot_post_a_change(login, users, role):
    response = login(users[role]).post(
        reverse("rules:ruleset_edit"), form_data(person_contribution_min="1", action="save")
    )
    assert response.status_code == 403
    assert RuleSet.objects.count() == 1


@pytest.mark.parametrize("name, kwargs", [("rules:who_qualifies", {}), *ADMIN_PAGES])
def test_anonymous_goes_to_login(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_unknown_version_is_404(login, users):
    assert login(users["admin"]).get(reverse("rules:ruleset_detail", args=[99])).status_code == 404


# --- who qualifies -------------------------------------------------------------------


@pytest.fixture
def midterm_records(district_a, district_b):
    """In Bạch Thông (A): one exemplary commune, one a criterion short; in Ba Bể (B): one."""
    a1, a2 = district_a.communes.order_by("code")[:2]
    (b1,) = district_b.communes.order_by("code")[:1]
    progress(a1, [1, 4], [2, 3, 5, 10])
    progress(a2, [1, 4], [2, 3, 10])
    progress(b1, [1], [2, 3, 5, 11])
    recognize(b1, "ntm", dt.date(2023, 4, 1))
    return a1, a2, b1


def test_who_qualifies_lists_titles_reasons_and_near_misses(login, users, midterm_records):
    a1, a2, b1 = midterm_records
    response = login(users["reviewer"]).get(reverse("rules:who_qualifies"), {"vong": "midterm"})
    html = response.content.decode()
    results = {r.unit.code: r for r in response.context["page_obj"].object_list}
    assert results[a1.code].status == "eligible"
    assert [r.title for r in results[a1.code].qualified] == [Title.COMMUNE_EXEMPLARY]
    assert results[a2.code].status == "near"
    assert [r.title for r in results[a2.code].near] == [Title.COMMUNE_EXEMPLARY]
    assert {r.title for r in results[b1.code].qualified} == {
        Title.COMMUNE_RECOGNIZED,
        Title.COMMUNE_EXEMPLARY,
    }
    # qualifying first, then near misses, then the rest
    codes = [r.unit.code for r in response.context["page_obj"].object_list]
    assert codes.index(a1.code) < codes.index(a2.code)
    assert codes.index(b1.code) < codes.index(a2.code)
    assert "Từ năm 2021 đạt mới 3 tiêu chí (tiêu chí 2, 3, 10), dưới mức 4 tiêu chí." in html
    assert "Suýt đạt" in html and "III.2.2.b" in html
    assert response.context["counts"] == {"eligible": 2, "near": 1, "total": 108}


def test_who_qualifies_is_scoped_to_the_district(login, users, midterm_records):
    a1, a2, b1 = midterm_records
    response = login(users["district_a"]).get(reverse("rules:who_qualifies"), {"vong": "midterm"})
    units = response.context["page_obj"].paginator.object_list
    assert {r.unit.district_id for r in units} == {a1.district_id}
    assert b1.code not in {r.unit.code for r in units}
    assert [r.unit.code for r in response.context["district_results"]] == [a1.district_id]
    # asking for another district shows nothing of it
    other = login(users["district_a"]).get(
        reverse("rules:who_qualifies"), {"vong": "midterm", "huyen": b1.district_id}
    )
    assert b1.code not in {r.unit.code for r in other.context["page_obj"].paginator.object_list}


def test_agency_sees_no_units(login, users, midterm_records):
    response = login(users["agency"]).get(reverse("rules:who_qualifies"), {"vong": "midterm"})
    assert response.context["counts"]["total"] == 0
    assert not response.context["district_results"]


def test_who_qualifies_filters(login, users, midterm_records):
    a1, a2, b1 = midterm_records
    client = login(users["admin"])
    near = client.get(reverse("rules:who_qualifies"), {"vong": "midterm", "hien": "near"})
    assert [r.unit.code for r in near.context["page_obj"]] == [a2.code]
    ok = client.get(reverse("rules:who_qualifies"), {"vong": "midterm", "hien": "eligible"})
    assert {r.unit.code for r in ok.context["page_obj"]} == {a1.code, b1.code}
    annual = client.get(reverse("rules:who_qualifies"), {"vong": "annual", "nam": "2023"})
    assert annual.context["year"] == 2023
    assert {r.unit.code for r in annual.context["page_obj"] if r.status == "eligible"} == {b1.code}


def test_who_qualifies_bad_filters_never_fail(login, users):
    response = login(users["admin"]).get(
        reverse("rules:who_qualifies"), {"vong": "weekly", "nam": "abc", "huyen": "x", "page": "z"}
    )
    assert response.status_code == 200
    assert response.context["round"] is Round.ANNUAL


def test_who_qualifies_paginates(login, users):
    response = login(users["admin"]).get(reverse("rules:who_qualifies"), {"page": "2"})
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"].object_list) == 30


@pytest.mark.parametrize("n", [3, 60])
def test_who_qualifies_bounded_queries(n, login, users, django_assert_max_num_queries):
    for c in Commune.objects.order_by("code")[:n]:
        progress(c, [1, 4], [2, 3, 5, 10])
        recognize(c, "ntm", dt.date(2023, 4, 1))
    client = login(users["reviewer"])
    for rnd in ("annual", "midterm", "final"):
        with django_assert_max_num_queries(20):  # 16 + the plan it reads + the plans it offers
            # + the unread count of the menu + the criteria sets (read again after a
            # change of their version; each test starts with a fresh cache, so a fresh one)
            assert client.get(reverse("rules:who_qualifies"), {"vong": rnd}).status_code == 200


# --- rule set screens -------------------------------------------------------------------


def test_admin_change_changes_the_next_verdict_and_keeps_the_old(login, users, midterm_records):
    a1, a2, b1 = midterm_records
    client = login(users["admin"])
    person = {
        "round": "annual",
        "year": 2024,
        "title": "person_contribution",
        "extremely_difficult": False,
        "contribution_value": 45_000_000,
    }
    before_rs = ruleset_in_force()
    recorded = evaluate(person, before_rs.values, version=before_rs.version)
    assert recorded.eligible is False and recorded.ruleset_version == 1

    # preview: the dry run shows the commune that would change verdict, nothing is saved
    data = form_data(person_contribution_min="45.000.000", midterm_exemplary_new_min="3")
    preview = client.post(reverse("rules:ruleset_edit"), {**data, "action": "preview"})
    assert preview.status_code == 200 and preview.context["preview"]
    changed = {(c.item.name, c.item.title) for c in preview.context["dry"].changes}
    assert (str(a2), Title.COMMUNE_EXEMPLARY) in changed
    assert all(
        c.before.eligible is False and c.after.eligible for c in preview.context["dry"].changes
    )
    preview_html = preview.content.decode()
    assert "Lưu phiên bản mới" in preview_html
    assert "Sơ kết (2023)" in preview_html and "Xã tiêu biểu trong nỗ lực" in preview_html
    assert RuleSet.objects.count() == 1

    saved = client.post(reverse("rules:ruleset_edit"), {**data, "action": "save"})
    assert saved.status_code == 302
    assert saved["Location"] == reverse("rules:ruleset_detail", args=[2])
    rs2 = RuleSet.objects.get(version=2)
    assert rs2.created_by == users["admin"] and rs2.reason == "Theo văn bản số 12/SNV"
    assert rs2.effective_from == dt.date(2024, 1, 1)

    now = ruleset_in_force()
    assert now.version == 2
    after = evaluate(person, now.values, version=now.version)
    assert after.eligible is True and after.ruleset_version == 2
    # the old version and the verdict recorded under it are intact
    v1 = ruleset_get(1)
    assert v1.values == dict(DEFAULT_VALUES)
    assert evaluate(person, v1.values, version=1) == recorded

    # the screens show who changed what and when
    history = client.get(reverse("rules:ruleset_history")).content.decode()
    assert users["admin"].display_name in history
    assert "50.000.000 đ" in history and "45.000.000 đ" in history
    detail = client.get(reverse("rules:ruleset_detail", args=[2]), {"so_voi": "1"})
    assert [c.spec.key for c in detail.context["changes"]] == [
        "person_contribution_min",
        "midterm_exemplary_new_min",
    ]
    listing = client.get(reverse("rules:rulesets")).content.decode()
    assert "đang áp dụng" in listing and "Phiên bản 2" in listing


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"person_contribution_min_dbkk": "60.000.000"}, "person_contribution_min_dbkk"),
        ({"person_contribution_min": "năm mươi"}, "person_contribution_min"),
        ({"midterm_exemplary_new_min": "25"}, "midterm_exemplary_new_min"),
        ({"capital_debt_rounds": "sometimes"}, "capital_debt_rounds"),
        ({"effective_from": "31/02/2024"}, "effective_from"),
        ({"reason": ""}, "reason"),
    ],
)
def test_bad_change_is_refused_beside_the_field(login, users, changes, field):
    client = login(users["admin"])
    data = form_data(**changes)
    response = client.post(reverse("rules:ruleset_edit"), {**data, "action": "save"})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    typed = next(iter(changes.values()))
    if typed and field != "capital_debt_rounds":
        assert f'value="{typed}"' in html  # what was typed is kept
    assert RuleSet.objects.count() == 1


def test_saving_without_changes_is_refused(login, users):
    client = login(users["admin"])
    response = client.post(
        reverse("rules:ruleset_edit"),
        {**form_data(effective_from="01/01/2021"), "action": "save"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert RuleSet.objects.count() == 1


def test_edit_shows_every_reading_with_its_explanation(login, users):
    html = login(users["admin"]).get(reverse("rules:ruleset_edit")).content.decode()
    assert "Mọi tiêu chí đạt tại ngày xét" in html
    assert "Chỉ khi tổng kết" in html
    assert "Tiêu chí đạt tại ngày xét, chưa đạt ngày 01/01/2021" in html
    assert 'value="200.000.000"' in html


@pytest.mark.parametrize("n", [1, 12])
def test_rule_set_pages_bounded_queries(n, login, users, django_assert_max_num_queries):
    from emulation.rulesets import ruleset_change

    for i in range(n):
        ruleset_change(
            values={**DEFAULT_VALUES, "person_contribution_min": 40_000_000 + i},
            effective_from=dt.date(2024, 1, 1),
            reason=f"Lần {i}",
            by=users["admin"],
        )
    client = login(users["admin"])
    for name in ("rules:rulesets", "rules:ruleset_history"):
        with django_assert_max_num_queries(8):
            assert client.get(reverse(name)).status_code == 200
    with django_assert_max_num_queries(10):
        client.get(reverse("rules:ruleset_detail", args=[n + 1]), {"so_voi": "1"})


# --- the dry run's extension point ---------------------------------------------------------


def test_registered_source_joins_the_dry_run(midterm_records):
    def nominees(*, values):
        yield DryRunCase(
            kind="Hồ sơ",
            name="Ông Nguyễn Văn A",
            round=Round.ANNUAL,
            year=2024,
            title=Title.PERSON_CONTRIBUTION,
            case={
                "round": "annual",
                "year": 2024,
                "title": "person_contribution",
                "extremely_difficult": False,
                "contribution_value": 45_000_000,
            },
            url="/ho-so/1/",
        )

    def broken(*, values):
        raise RuntimeError("boom")

    register_dry_run_source(nominees)
    register_dry_run_source(nominees)  # idempotent
    register_dry_run_source(broken)
    try:
        assert DRY_RUN_SOURCES.count(nominees) == 1
        result = dry_run(DEFAULT_VALUES, {**DEFAULT_VALUES, "person_contribution_min": 45_000_000})
        assert [c.item.name for c in result.changes] == ["Ông Nguyễn Văn A"]
        assert result.failed_sources == ["test_registered_source_joins_the_dry_run.<locals>.broken"]
        assert result.judged > 108
    finally:
        DRY_RUN_SOURCES.remove(nominees)
        DRY_RUN_SOURCES.remove(broken)


def test_records_source_covers_every_unit_and_round(midterm_records):
    items = list(records_source(values=DEFAULT_VALUES))
    rounds = {i.round for i in items}
    assert rounds == set(Round)
    assert len({i.name for i in items if i.kind == "Xã"}) == 108
    assert {i.title for i in items if i.kind == "Huyện"} == {
        Title.DISTRICT_COMPLETED,
        Title.DISTRICT_OUTSTANDING,
    }
    result = dry_run(
        DEFAULT_VALUES, {**DEFAULT_VALUES, "capital_debt_rounds": "all"}, sources=[records_source]
    )
    # no debts recorded: unknown, not "no debt" (issue 14: "unknown debt is a pending
    # check the appraiser settles"), so the reading turns eligible sơ kết communes pending
    assert result.changes
    for change in result.changes:
        assert change.before.eligible is True and change.after.eligible is None
        assert {c.settle for c in change.after.checks if c.passed is None} == {"capital_debt"}
