"""Dossiers through the services, each round end to end, and every forbidden move."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from dossiers import awards, services
from dossiers.models import DossierEvent, Nominee, NomineeKind, Notification, Status
from emulation.models import Agency
from emulation.rules import DEFAULT_VALUES
from emulation.rulesets import ruleset_change
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add,
    add_commune,
    add_person,
    approve,
    assess,
    attach_all,
    dbkk_commune,
    debt,
    decide,
    edit_header,
    filed,
    new_dossier,
    person_data,
    plain_commune,
    recognize,
    village_of,
)
from tests.factories import DistrictStaffFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def mailboxes(users):
    for user in users.values():
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    return users


def actions(dossier) -> list[tuple[str, str, str]]:
    """The dossier's transitions (history lines that changed the status), in order."""
    return [
        (e.action, e.from_status, e.to_status)
        for e in DossierEvent.objects.filter(dossier=dossier).order_by("at", "id")
        if e.is_transition
    ]


def test_annual_round_end_to_end(users, district_a, mailboxes, django_capture_on_commit_callbacks):
    district, reviewer, appraiser = users["district_a"], users["reviewer"], users["appraiser"]
    recognised = plain_commune(district_a)
    recognize(recognised, "ntm", dt.date(2024, 10, 1))
    remote = dbkk_commune(district_a)
    plain = plain_commune(district_a, 1)

    # file
    dossier = new_dossier(district)
    assert dossier.status == Status.DRAFT and dossier.legal_basis == "nd98_2023"
    commune = add_commune(dossier, district, recognised)
    assert commune.name.endswith(recognised.name) and commune.verdict_eligible is True
    giver = add_person(dossier, district, "Hoàng Văn Páo", remote, 45_000_000)
    assert giver.verdict_eligible is True  # 45.000.000 ≥ 40.000.000 in a ĐBKK commune
    assert giver.verdict_case["extremely_difficult"] is True
    # fail a check: the same amount outside a ĐBKK commune is short of 50.000.000
    short = add_person(dossier, district, "Lý Thị Mai", plain, 45_000_000)
    assert short.verdict_eligible is False
    assert short.ruleset_version == 1
    failed = [c for c in short.verdict_checks if c["passed"] is False]
    assert "45.000.000 đ" in failed[0]["message"] and "50.000.000 đ" in failed[0]["message"]

    # submission refused: the failing standard and every missing document are named
    with pytest.raises(services.Blocked) as refused:
        services.dossier_submit(dossier=dossier, by=district)
    messages = [p.message for p in refused.value.problems]
    assert any("Lý Thị Mai chưa đạt tiêu chuẩn" in m and "III.2.2.a" in m for m in messages)
    signed = "(cần in, ký, đóng dấu và tải bản quét lên)"
    assert any("Văn bản đề nghị khen thưởng" in m and signed in m for m in messages)
    assert any("Biên bản họp xét" in m and signed in m for m in messages)
    # the annual summaries (IV.1.1) may stay as the app makes them from the record
    assert sum("Tóm tắt thành tích" in m for m in messages) == 0
    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT

    # fix: the right amount, and the documents
    data = {
        "kind": NomineeKind.INDIVIDUAL,
        "title": "person_contribution",
        "name": "Lý Thị Mai",
        "commune": plain,
        "village": village_of(plain),
        "contribution_value": 52_000_000,
        "achievements": "Hiến 300 m² đất.",
    }
    full = {name: None for name in services.NOMINEE_INPUT_FIELDS} | {
        name: "" for name in services.TEXT_FIELDS
    }
    short = services.nominee_save(
        dossier=dossier,
        by=district,
        data=full | data,
        nominee=short,
        expected_version=short.version,
    )
    assert short.verdict_eligible is True
    attach_all(dossier, district)
    assert services.dossier_problems(dossier) == []

    # submit: the reviewers are told, in the app and by e-mail after commit
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=dossier, by=district, note="Đề nghị xét khen.")
    assert dossier.status == Status.SUBMITTED and dossier.first_submitted_at
    assert Notification.objects.filter(recipient=reviewer, dossier=dossier).count() == 1
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert dossier.reference in mail.outbox[0].subject

    # receive, return with a comment on one nominee
    services.dossier_receive(dossier=dossier, by=reviewer)
    services.dossier_return(
        dossier=dossier,
        by=reviewer,
        note="Bổ sung minh chứng.",
        comments={giver.pk: "Thiếu biên bản hiến đất có xác nhận của xã."},
    )
    assert dossier.status == Status.RETURNED
    giver.refresh_from_db()
    assert giver.return_comment.startswith("Thiếu biên bản")
    assert Notification.objects.filter(recipient=district, dossier=dossier).exists()

    # resubmit after changing something: the change is recorded
    data = {
        "kind": NomineeKind.INDIVIDUAL,
        "title": "person_contribution",
        "name": "Hoàng Văn Páo",
        "commune": remote,
        "village": None,
        "contribution_value": 46_500_000,
        "achievements": "Hiến đất, có biên bản xác nhận.",
    }
    services.nominee_save(
        dossier=dossier,
        by=district,
        data=full | data,
        nominee=giver,
        expected_version=giver.version,
    )
    lines = services.changes_since_return(dossier)
    assert any("45.000.000 đ → 46.500.000 đ" in line["change"] for line in lines)
    services.dossier_resubmit(dossier=dossier, by=district, note="Đã bổ sung.")
    assert dossier.status == Status.SUBMITTED
    event = DossierEvent.objects.filter(dossier=dossier, action="resubmit").get()
    assert any("46.500.000 đ" in line["change"] for line in event.details["changes"])
    giver.refresh_from_db()
    assert giver.return_comment == ""

    # appraise, approve, decide
    services.dossier_receive(dossier=dossier, by=reviewer)
    services.dossier_appraise(
        dossier=dossier, by=appraiser, note="Số liệu NTM khớp.", nominee_notes={commune.pk: "Đúng"}
    )
    services.dossier_approve(dossier=dossier, by=reviewer)
    outcomes = {n.pk: (True, "") for n in dossier.nominees.all()}
    decide(dossier, reviewer, outcomes, "123/QĐ-UBND", dt.date(2024, 12, 20))
    assert dossier.status == Status.DECIDED and dossier.decision_number == "123/QĐ-UBND"
    assert set(Nominee.objects.filter(dossier=dossier).values_list("awarded", flat=True)) == {True}
    assert [a[0] for a in actions(dossier)] == [
        "submit",
        "receive",
        "return",
        "resubmit",
        "receive",
        "appraise",
        "approve",
        "decide",
    ]
    every = DossierEvent.objects.filter(dossier=dossier)
    assert all(e.by_id and e.at for e in every)
    # the award is now an earlier award for the rules
    assert awards.awards_of_communes([recognised.code])[recognised.code][0].year == 2024


def test_midterm_round_with_judged_standards(users, district_a):
    district, reviewer, appraiser = users["district_a"], users["reviewer"], users["appraiser"]
    exemplary = plain_commune(district_a)
    assess(exemplary, [1, 2, 3], dt.date(2020, 12, 1))
    assess(exemplary, [4, 5, 6, 10], dt.date(2023, 6, 1))
    weak = plain_commune(district_a, 1)
    assess(weak, [1, 2], dt.date(2020, 12, 1))
    assess(weak, [4, 5, 6], dt.date(2023, 6, 1))  # three new, neither 10 nor 11

    dossier = new_dossier(district, round="midterm", year=None, date=dt.date(2023, 8, 10))
    assert dossier.year == 2023 and dossier.legal_basis == "nd91_2017"
    good = add_commune(dossier, district, exemplary, "commune_exemplary")
    assert good.verdict_eligible is True
    bad = add_commune(dossier, district, weak, "commune_exemplary")
    assert bad.verdict_eligible is False
    messages = " ".join(c["message"] for c in bad.verdict_checks if c["passed"] is False)
    assert "III.2.2.b" in {c["clause"] for c in bad.verdict_checks}
    assert "3 tiêu chí" in messages
    coop_data = {
        "kind": NomineeKind.COOPERATIVE,
        "title": "organization_production",
        "name": "Hợp tác xã Nông nghiệp Quang Thuận",
        "commune": exemplary,
    }
    coop = add(dossier, district, coop_data)
    assert coop.verdict_eligible is None  # judged standard: waits for the reviewer
    attach_all(dossier, district)
    with pytest.raises(services.Blocked):
        services.dossier_submit(dossier=dossier, by=district)
    services.nominee_remove(nominee=bad, by=district)
    services.dossier_submit(dossier=dossier, by=district)

    services.dossier_receive(dossier=dossier, by=reviewer)
    services.dossier_return(
        dossier=dossier,
        by=reviewer,
        note="Thiếu số liệu tiêu thụ.",
        comments={coop.pk: "Ghi sản lượng."},
    )
    sales = {"achievements": "Liên kết tiêu thụ 300 tấn chè mỗi năm."}
    coop = add(dossier, district, coop_data | sales, nominee=coop)
    services.dossier_resubmit(dossier=dossier, by=district)
    assert any(
        "300 tấn" in line["change"]
        for line in dossier.events.get(action="resubmit").details["changes"]
    )
    services.dossier_receive(dossier=dossier, by=reviewer)
    services.dossier_appraise(dossier=dossier, by=appraiser)
    with pytest.raises(services.Blocked) as pending:
        services.dossier_approve(dossier=dossier, by=reviewer)
    assert [p.nominee_id for p in pending.value.problems] == [coop.pk]
    with pytest.raises(services.Invalid):
        services.nominee_attest(nominee=coop, by=reviewer, attested=True, note="  ")
    coop = services.nominee_attest(
        nominee=coop, by=reviewer, attested=True, note="Liên kết tiêu thụ 300 tấn chè/năm."
    )
    assert coop.verdict_eligible is True and coop.verdict_case["attested"] is True
    services.dossier_approve(dossier=dossier, by=reviewer)
    outcomes = {good.pk: (True, ""), coop.pk: (False, "Hết chỉ tiêu khen.")}
    decide(dossier, reviewer, outcomes, "45/QĐ-UBND", dt.date(2023, 12, 15))
    coop.refresh_from_db()
    assert coop.awarded is False and coop.outcome_reason == "Hết chỉ tiêu khen."
    assert awards.communes_awarded_at_midterm([exemplary.code]) == {exemplary.code}
    # the facts module learns it through the provider registered at start-up
    from eligibility import facts

    final = facts.commune_facts([exemplary], round="final")[exemplary.code]
    assert final["midterm_awarded"] is True


def test_final_round_agency_and_district(users, district_a):
    agency_user, reviewer = users["agency"], users["reviewer"]
    with pytest.raises(services.Invalid):
        new_dossier(agency_user, round="annual")
    dossier = new_dossier(agency_user, round="final", year=None, date=dt.date(2025, 9, 1))
    assert dossier.year == 2025 and dossier.legal_basis == "nd152_2025"
    own = Agency.objects.get(code="so-nn-ptnt")
    agency = add(
        dossier,
        agency_user,
        {"kind": NomineeKind.AGENCY, "title": "agency_outstanding", "agency": own},
    )
    # its three judged standards, and Điều 4 of Nghị định 152/2025 (filed from 1/7/2025)
    assert agency.name == own.name and len(agency.verdict_checks) == 4
    assert agency.verdict_checks[-1]["rule"] == "nd152.not_under_review"
    with pytest.raises(services.Invalid) as wrong:
        add_commune(dossier, agency_user, plain_commune(district_a))
    assert "kind" in wrong.value.errors
    official = add(
        dossier,
        agency_user,
        {
            "kind": NomineeKind.OFFICIAL,
            "title": "official_outstanding",
            "name": "Đặng Văn Hùng",
            "job_title": "Phó Chi cục trưởng Chi cục PTNT",
        },
    )
    giver = add_person(dossier, agency_user, "Lâm Văn Phúc", plain_commune(district_a), 30_000_000)
    assert giver.verdict_eligible is False and giver.verdict_checks[0]["clause"] == "III.2.2.c"
    attach_all(dossier, agency_user)
    with pytest.raises(services.Blocked) as refused:
        services.dossier_submit(dossier=dossier, by=agency_user)
    assert [p.nominee_id for p in refused.value.problems] == [giver.pk]
    giver = add(
        dossier,
        agency_user,
        person_data("Lâm Văn Phúc", plain_commune(district_a), 120_000_000),
        nominee=giver,
    )
    # the amounts pass; "tiêu biểu của huyện" (III.2.2.c) awaits the reviewer's judgement
    assert giver.verdict_eligible is None
    services.dossier_submit(dossier=dossier, by=agency_user)
    services.dossier_receive(dossier=dossier, by=reviewer)
    for nominee in (agency, official, giver):
        services.nominee_attest(nominee=nominee, by=reviewer, attested=True, note="Xuất sắc.")
    services.dossier_return(dossier=dossier, by=reviewer, note="Bổ sung số liệu.")
    services.dossier_resubmit(dossier=dossier, by=agency_user)
    approve(dossier, users)
    outcomes = {agency.pk: (True, ""), official.pk: (True, ""), giver.pk: (True, "")}
    decide(dossier, reviewer, outcomes, "7/QĐ-UBND", dt.date(2025, 12, 30))
    assert dossier.status == Status.DECIDED

    # a commune with XDCB debt cannot be proposed at the final round
    district = users["district_a"]
    indebted = plain_commune(district_a)
    recognize(indebted, "advanced", dt.date(2025, 5, 1))
    debt(indebted, 2025)
    final = new_dossier(district, round="final", year=None, date=dt.date(2025, 9, 1))
    nominee = add_commune(final, district, indebted)
    failed = [c["rule"] for c in nominee.verdict_checks if c["passed"] is False]
    assert failed == ["commune.no_capital_debt"]


@pytest.fixture
def submitted(users, district_a):
    commune = plain_commune(district_a)
    return filed(users["district_a"], commune, "Nông Văn Dũng", 60_000_000, submit=True)


def test_forbidden_moves_are_refused(users, submitted, district_a):
    district, other = users["district_a"], users["district_b"]
    reviewer, appraiser, admin = users["reviewer"], users["appraiser"], users["admin"]
    # a district cannot receive or approve; an appraiser cannot receive; nobody skips a state
    for user, action in [
        (district, "receive"),
        (district, "approve"),
        (appraiser, "receive"),
        (admin, "receive"),
        (other, "withdraw"),
    ]:
        with pytest.raises(services.NotAllowed):
            services.ACTIONS[action](dossier=submitted, by=user, note="x")
    with pytest.raises(services.WrongState):
        services.dossier_approve(dossier=submitted, by=reviewer)
    with pytest.raises(services.WrongState):
        services.dossier_withdraw(dossier=submitted, by=district, note="Rút.")
    services.dossier_receive(dossier=submitted, by=reviewer)
    with pytest.raises(services.Invalid):  # a return must say why
        services.dossier_return(dossier=submitted, by=reviewer, note="")
    nominee = submitted.nominees.get()
    # a submitted dossier is not edited by its district, nor by the reviewer
    with pytest.raises(services.WrongState):
        services.nominee_remove(nominee=nominee, by=district)
    with pytest.raises(services.NotAllowed):
        services.nominee_remove(nominee=nominee, by=reviewer)
    # attestation belongs to the reviewer, during review only
    with pytest.raises(services.NotAllowed):
        services.nominee_attest(nominee=nominee, by=appraiser, attested=True, note="x")
    submitted.refresh_from_db()
    assert submitted.status == Status.RECEIVED
    assert DossierEvent.objects.filter(dossier=submitted, action="return").count() == 0


def test_reviewer_cannot_edit_a_districts_draft(users, district_a):
    district, reviewer = users["district_a"], users["reviewer"]
    dossier = new_dossier(district)
    nominee = add_person(dossier, district, "Triệu Thị Hoa", plain_commune(district_a), 60_000_000)
    with pytest.raises(services.NotAllowed):
        add_person(dossier, reviewer, "Người lạ", plain_commune(district_a), 1)
    with pytest.raises(services.NotAllowed):
        edit_header(dossier, reviewer, document_number="sửa")
    with pytest.raises(services.NotAllowed):
        services.dossier_submit(dossier=dossier, by=reviewer)
    with pytest.raises(services.NotAllowed):
        add_person(dossier, users["district_b"], "Người huyện khác", plain_commune(district_a), 1)
    nominee.refresh_from_db()
    assert nominee.version == 1


def test_decided_dossier_is_frozen(users, submitted):
    district, reviewer = users["district_a"], users["reviewer"]
    approve(submitted, users)
    nominee = submitted.nominees.get()
    with pytest.raises(services.Invalid):  # no reason for refusing
        decide(submitted, reviewer, {nominee.pk: (False, "")})
    decide(submitted, reviewer, {nominee.pk: (True, "")})
    with pytest.raises(services.WrongState):
        add_person(submitted, district, "Thêm sau", nominee.commune, 90_000_000)
    with pytest.raises(services.WrongState):
        edit_header(submitted, district, document_number="khác")
    with pytest.raises(services.WrongState):
        services.dossier_return(dossier=submitted, by=reviewer, note="Trả lại")
    for action in ("submit", "withdraw", "approve"):
        with pytest.raises(services.DossierError):
            services.ACTIONS[action](dossier=submitted, by=reviewer, note="x")
    with pytest.raises(services.WrongState):  # decided once only
        decide(submitted, reviewer, {nominee.pk: (False, "Đổi ý")}, "2/QĐ-UBND")
    nominee.refresh_from_db()
    assert nominee.awarded is True


def test_ineligible_nominee_cannot_be_awarded(users, district_a):
    district = users["district_a"]
    dossier = filed(district, plain_commune(district_a), "Ma Văn Tám", 50_000_000, submit=True)
    approve(dossier, users)
    nominee = dossier.nominees.get()
    # the threshold rises after the approval: the decision judges afresh (issue 14)
    ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 60_000_000},
        effective_from=dt.date(2024, 6, 1),
        reason="Nâng mức đóng góp.",
        by=users["admin"],
    )
    with pytest.raises(services.Invalid) as refused:
        decide(dossier, users["reviewer"], {nominee.pk: (True, "")}, "2/QĐ-UBND")
    assert "chưa đủ tiêu chuẩn" in str(refused.value)
    dossier.refresh_from_db()
    assert dossier.status == Status.APPROVED


def test_withdraw_a_draft(users, district_a):
    district = users["district_a"]
    dossier = new_dossier(district)
    with pytest.raises(services.Invalid):
        services.dossier_withdraw(dossier=dossier, by=district, note="")
    services.dossier_withdraw(dossier=dossier, by=district, note="Lập nhầm đợt.")
    assert dossier.status == Status.WITHDRAWN
    assert not Notification.objects.exists()  # nobody at the province ever saw it


def test_two_stale_saves_of_the_same_draft(users, district_a):
    """Two people open the same draft; both save from what they loaded: the second is
    refused, and the first one's change is what stays."""
    district = users["district_a"]
    colleague = DistrictStaffFactory(username="huyen_a2", district=district_a)
    dossier = new_dossier(district)
    loaded = dossier.version
    edit_header(
        dossier,
        district,
        expected_version=loaded,
        document_number="06/TTr-UBND",
        document_date=dt.date(2024, 11, 6),
        summary="Lần lưu thứ nhất",
    )
    with pytest.raises(services.StaleEdit):
        edit_header(
            dossier,
            colleague,
            expected_version=loaded,
            document_number="07/TTr-UBND",
            document_date=dt.date(2024, 11, 7),
            summary="Lần lưu thứ hai",
        )
    dossier.refresh_from_db()
    assert (dossier.document_number, dossier.summary) == ("06/TTr-UBND", "Lần lưu thứ nhất")

    nominee = add_person(dossier, district, "Hà Thị Lan", plain_commune(district_a), 55_000_000)
    base = {name: None for name in services.NOMINEE_INPUT_FIELDS} | {
        name: "" for name in services.TEXT_FIELDS
    }
    first = base | {
        "kind": "individual",
        "title": "person_contribution",
        "name": "Hà Thị Lan",
        "commune": nominee.commune,
        "contribution_value": 70_000_000,
    }
    second = first | {"contribution_value": 30_000_000}
    services.nominee_save(
        dossier=dossier, by=district, data=first, nominee=nominee, expected_version=1
    )
    with pytest.raises(services.StaleEdit):
        services.nominee_save(
            dossier=dossier, by=colleague, data=second, nominee=nominee, expected_version=1
        )
    nominee.refresh_from_db()
    assert nominee.contribution_value == 70_000_000 and nominee.version == 2


def test_earlier_awards_feed_the_rules(users, district_a):
    """An organisation awarded for its infrastructure in 2023 (annual) is not awarded for
    it again at the 2023 mid-term; the facts module sees the mid-term commune awards."""
    district = users["district_a"]
    commune = plain_commune(district_a)
    org = {
        "kind": NomineeKind.ENTERPRISE,
        "title": "organization_infrastructure",
        "name": "Công ty TNHH Xây dựng Hoàng Long",
        "tax_code": "4700123456",
        "commune": commune,
        "infrastructure_value": 250_000_000,
    }
    annual = new_dossier(district, year=2023, date=dt.date(2023, 11, 1))
    nominee = add(annual, district, org)
    attach_all(annual, district)
    services.dossier_submit(dossier=annual, by=district)
    approve(annual, users)
    decide(annual, users["reviewer"], {nominee.pk: (True, "")}, "9/QĐ-UBND", dt.date(2023, 12, 1))
    midterm = new_dossier(district, round="midterm", year=None, date=dt.date(2023, 12, 5))
    again = add(midterm, district, org | {"name": "Cty Hoàng Long", "tax_code": "4700 123 456"})
    assert again.identity == nominee.identity
    checks = {c["rule"]: c["passed"] for c in again.verdict_checks}
    assert checks["organization.not_awarded_this_year"] is False
    assert awards.earlier_awards_provider(commune_codes=[commune.code], district_codes=[]) == []


def test_threshold_dry_run_lists_dossier_nominees(users, district_a):
    """Raising the individual threshold would turn a 52.000.000 đ giver ineligible: the
    admin's dry run names that nominee of a live dossier (not one of a withdrawn dossier)."""
    from dossiers.dryrun import nominees_source
    from eligibility.dryrun import dry_run
    from emulation.rules import DEFAULT_VALUES

    district = users["district_a"]
    dossier = new_dossier(district)
    giver = add_person(dossier, district, "Chu Văn Lâm", plain_commune(district_a), 52_000_000)
    add_person(dossier, district, "Tô Thị Na", plain_commune(district_a), 90_000_000)
    withdrawn = new_dossier(district, number="99/TTr-UBND")
    add_person(withdrawn, district, "Người đã rút", plain_commune(district_a), 52_000_000)
    services.dossier_withdraw(dossier=withdrawn, by=district, note="Rút.")
    new = dict(DEFAULT_VALUES) | {"person_contribution_min": 60_000_000}
    result = dry_run(DEFAULT_VALUES, new, sources=[nominees_source])
    assert result.judged == 2 and not result.failed_sources
    [change] = result.changes
    assert change.item.name.startswith("Chu Văn Lâm") and dossier.reference in change.item.name
    assert change.before.eligible is True and change.after.eligible is False
    assert change.item.url.endswith(f"#nominee-{giver.pk}")
