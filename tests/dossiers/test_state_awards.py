"""Up the ladder (issue 14 part 7; the plan's III.2.1: "Khen thưởng cấp Nhà nước: Đối
tượng, tiêu chuẩn, mức khen thực hiện theo Kế hoạch … của Thủ tướng Chính phủ"): from a
decided round the board proposes nominees the province awarded for the national plan's
awards; the tờ trình of UBND tỉnh is numbered by the register; the centre's decision is
recorded; every move is audited and shown in the nominee's dossier."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.documents.builders.state_letter import state_letter
from dossiers.documents.models import OutgoingDocument
from dossiers.documents.pdf import render_pdf
from dossiers.models import DossierEvent, StateProposal, StateProposalStatus
from dossiers.services import state_awards
from emulation.audit import AuditEntry
from emulation.models import StatePlan
from emulation.state_plans import state_plan_587_load
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    approve,
    filed,
    plain_commune,
)
from tests.pdfcheck import english_in, pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2024, 12, 1)


@pytest.fixture
def decided(users, district_a, district_b):
    """Two annual 2024 dossiers decided by one decision (one person each), and the
    national plan 2021–2025 (Quyết định 587/QĐ-TTg) with its standards."""
    a = filed(users["district_a"], plain_commune(district_a), "Hoàng Văn An", 60_000_000,
              submit=True)  # fmt: skip
    b = filed(users["district_b"], plain_commune(district_b), "Lường Thị Bình", 60_000_000,
              submit=True)  # fmt: skip
    approve(a, users)
    approve(b, users)
    services.decision_record(
        by=users["reviewer"], dossiers=[a, b], date=DAY,
        outcomes={n.pk: (True, "") for d in (a, b) for n in d.nominees.all()},
    )  # fmt: skip
    plan = state_plan_587_load()
    return a, b, plan


def _bang_khen(plan: StatePlan):
    return plan.standards.get(award="Bằng khen của Thủ tướng Chính phủ")


def drafted(users, a, plan, reason="Hiến 2.000 m² đất làm đường liên thôn."):
    proposal = state_awards.state_proposal_create(by=users["reviewer"], round="annual", year=2024)
    na = a.nominees.get()
    state_awards.state_proposal_entries_set(
        proposal=proposal, by=users["reviewer"], choices={na.pk: (_bang_khen(plan).pk, reason)}
    )
    return proposal, na


def test_the_national_plan_is_seeded_as_the_sources_say(decided):
    _a, _b, plan = decided
    assert (plan.number, plan.issued_on, plan.issuer) == (
        "587/QĐ-TTg", dt.date(2022, 5, 18), "Thủ tướng Chính phủ"
    )  # fmt: skip
    assert (plan.first_year, plan.last_year) == (2021, 2025)
    awards = [s.award for s in plan.standards.all()]
    assert awards == ["Bằng khen của Thủ tướng Chính phủ", "Cờ thi đua của Chính phủ"]
    assert not any(s.confirmed for s in plan.standards.all())  # the administrator confirms
    assert state_plan_587_load() == plan and plan.standards.count() == 2  # idempotent


def test_draft_send_decide_audited_and_in_the_dossier(users, decided):
    a, b, plan = decided
    proposal, na = drafted(users, a, plan)
    assert proposal.status == StateProposalStatus.DRAFT and proposal.state_plan == plan
    select = DossierEvent.objects.get(dossier=a, action="state_select")
    assert select.details["state_entries"][0]["award"] == "Bằng khen của Thủ tướng Chính phủ"
    assert not DossierEvent.objects.filter(dossier=b, action__startswith="state_").exists()

    state_awards.state_proposal_send(
        proposal=proposal, by=users["reviewer"], letter_date=dt.date(2025, 1, 6),
        note="Gửi qua Ban Thi đua - Khen thưởng Trung ương.",
    )  # fmt: skip
    proposal.refresh_from_db()
    letter = OutgoingDocument.objects.get(pk=proposal.letter_id)
    assert proposal.status == StateProposalStatus.SENT
    assert letter.full_number == "01/TTr-UBND" and letter.kind_code == "TTr"
    assert letter.issued_on == dt.date(2025, 1, 6) and "Thủ tướng Chính phủ" in letter.excerpt
    sent = DossierEvent.objects.get(dossier=a, action="state_send")
    assert sent.details["letter_number"] == "01/TTr-UBND" and sent.by == users["reviewer"]
    assert sent.note == "Gửi qua Ban Thi đua - Khen thưởng Trung ương."

    entry = proposal.entries.get()
    state_awards.state_proposal_decide(
        proposal=proposal, by=users["reviewer"], number="1234/QĐ-TTg", date=dt.date(2025, 6, 20),
        authority="Thủ tướng Chính phủ", outcomes={entry.pk: (True, "")},
    )  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == StateProposalStatus.AWARDED
    assert (proposal.central_number, proposal.central_date) == ("1234/QĐ-TTg", dt.date(2025, 6, 20))
    decided_line = DossierEvent.objects.get(dossier=a, action="state_decide")
    assert decided_line.details["central_number"] == "1234/QĐ-TTg"
    assert decided_line.details["state_entries"][0]["awarded"] is True
    actions = list(
        AuditEntry.objects.filter(object_id=str(proposal.pk), action__startswith="state_proposal")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "state_proposal.drafted", "state_proposal.entries", "state_proposal.sent",
        "state_proposal.decided",
    ]  # fmt: skip


def test_only_awarded_nominees_of_the_round_and_admitted_kinds(users, decided, district_a):
    a, _b, plan = decided
    proposal = state_awards.state_proposal_create(by=users["reviewer"], round="annual", year=2024)
    other = filed(users["district_a"], plain_commune(district_a, 1), "Người Chưa Khen", 60_000_000,
                  submit=True)  # fmt: skip
    outsider = other.nominees.get()
    flag = plan.standards.get(award="Cờ thi đua của Chính phủ")  # collectives only
    na = a.nominees.get()
    with pytest.raises(services.Invalid) as refused:
        state_awards.state_proposal_entries_set(
            proposal=proposal, by=users["reviewer"],
            choices={outsider.pk: (_bang_khen(plan).pk, ""), na.pk: (flag.pk, "")},
        )  # fmt: skip
    errors = refused.value.errors
    assert "đã được tỉnh khen thưởng" in errors[f"n{outsider.pk}"]
    assert "Cờ thi đua của Chính phủ không dành cho cá nhân" in errors[f"n{na.pk}"]
    assert not proposal.entries.exists()
    drafted(users, a, plan)
    with pytest.raises(services.Invalid) as refused:  # one proposal at a time
        state_awards.state_proposal_entries_set(
            proposal=proposal, by=users["reviewer"], choices={na.pk: (_bang_khen(plan).pk, "")}
        )
    assert "đề nghị cấp Nhà nước khác" in refused.value.errors[f"n{na.pk}"]


def test_who_may_act(users, decided):
    a, _b, plan = decided
    for role in ("appraiser", "admin", "district_a"):
        with pytest.raises(services.NotAllowed):
            state_awards.state_proposal_create(by=users[role], round="annual", year=2024)
    proposal, _na = drafted(users, a, plan)
    with pytest.raises(services.NotAllowed):
        state_awards.state_proposal_send(
            proposal=proposal, by=users["appraiser"], letter_date=dt.date(2025, 1, 6)
        )


def test_a_round_without_decision_or_plan_is_refused(users, decided):
    with pytest.raises(services.Invalid) as refused:
        state_awards.state_proposal_create(by=users["reviewer"], round="annual", year=2023)
    assert "round" in refused.value.errors
    StatePlan.objects.all().delete()
    with pytest.raises(services.Invalid) as refused:
        state_awards.state_proposal_create(by=users["reviewer"], round="annual", year=2024)
    assert "quản trị viên nhập" in refused.value.errors["state_plan"]


def test_send_checks_date_and_list_decide_checks_outcomes(users, decided):
    a, _b, plan = decided
    empty = state_awards.state_proposal_create(by=users["reviewer"], round="annual", year=2024)
    with pytest.raises(services.Invalid) as refused:
        state_awards.state_proposal_send(proposal=empty, by=users["reviewer"], letter_date=None)
    assert {"__all__", "letter_date"} <= set(refused.value.errors)
    proposal, _na = drafted(users, a, plan)
    with pytest.raises(services.Invalid) as refused:
        state_awards.state_proposal_send(
            proposal=proposal, by=users["reviewer"], letter_date=dt.date(2024, 11, 30)
        )
    assert "01/12/2024" in refused.value.errors["letter_date"]  # before the province's decision
    assert not OutgoingDocument.objects.filter(kind_code="TTr").exists()  # no number taken
    with pytest.raises(services.WrongState):
        state_awards.state_proposal_decide(
            proposal=proposal, by=users["reviewer"], number="1/QĐ-TTg", date=dt.date(2025, 6, 1),
            authority="Thủ tướng Chính phủ", outcomes={},
        )  # fmt: skip
    state_awards.state_proposal_send(
        proposal=proposal, by=users["reviewer"], letter_date=dt.date(2025, 1, 6)
    )
    entry = proposal.entries.get()
    with pytest.raises(services.Invalid) as refused:
        state_awards.state_proposal_decide(
            proposal=proposal, by=users["reviewer"], number="", date=None, authority="",
            outcomes={entry.pk: (False, "")},
        )  # fmt: skip
    assert {f"e{entry.pk}", "note"} <= set(refused.value.errors)
    state_awards.state_proposal_decide(
        proposal=proposal, by=users["reviewer"], number="", date=None, authority="",
        outcomes={entry.pk: (False, "Vượt số lượng phân bổ.")},
        note="Công văn số 45/BTĐKT-VP ngày 10/6/2025: không xét.",
    )  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == StateProposalStatus.NOT_AWARDED
    line = DossierEvent.objects.get(dossier=a, action="state_decide")
    assert line.details["state_entries"][0] == {
        "nominee": entry.nominee_id, "name": "Hoàng Văn An",
        "award": "Bằng khen của Thủ tướng Chính phủ", "awarded": False,
        "reason": "Vượt số lượng phân bổ.",
    }  # fmt: skip


def test_the_letter_is_a_pdf_with_its_list(users, decided):
    a, _b, plan = decided
    proposal, _na = drafted(users, a, plan)
    state_awards.state_proposal_send(
        proposal=proposal, by=users["reviewer"], letter_date=dt.date(2025, 1, 6)
    )
    proposal = StateProposal.objects.select_related("letter", "state_plan").get(pk=proposal.pk)
    document = state_letter(proposal)
    head = document.context["head"]
    assert head.number_line == "Số: 01/TTr-UBND" and head.addressees == ["Thủ tướng Chính phủ"]
    assert document.context["decisions"] == "Quyết định số 01/QĐ-UBND ngày 01/12/2024"
    data = render_pdf(document.template, document.context)
    text = " ".join(pdf_text(data).split())
    assert "Số: 01/TTr-UBND" in text and "Kính gửi: Thủ tướng Chính phủ" in text
    assert "Căn cứ Quyết định số 587/QĐ-TTg ngày 18 tháng 5 năm 2022 của Thủ tướng" in text
    assert "Hoàng Văn An" in text and "Bằng khen của Thủ tướng Chính phủ" in text
    assert "thành tích xuất sắc trong Phong trào thi đua “Cả nước chung sức xây dựng" in text
    assert english_in(text) == []


def test_pages_for_the_board(users, decided, login, django_assert_max_num_queries):
    a, _b, plan = decided
    client = login(users["reviewer"])
    page = client.get(reverse("dossiers:state_proposals")).content.decode()
    assert 'data-new-state-proposal="annual-2024"' in page
    response = client.post(
        reverse("dossiers:state_proposal_create"), {"dot": "annual", "nam": "2024"}
    )
    proposal = StateProposal.objects.get()
    assert response.status_code == 302
    url = reverse("dossiers:state_proposal_nominees", args=[proposal.pk])
    na = a.nominees.get()
    page = client.get(url).content.decode()
    assert f'data-candidate="{na.pk}"' in page and "chưa đối chiếu văn bản" in page
    chosen = {f"award_{na.pk}": str(_bang_khen(plan).pk), f"reason_{na.pk}": "Hiến đất."}
    response = client.post(url, {"version": proposal.version, **chosen})
    assert response.status_code == 302 and proposal.entries.count() == 1
    send = reverse("dossiers:state_proposal_send", args=[proposal.pk])
    response = client.post(send, {"letter_date": "31/02/2025", "note": "Gửi."})
    page = response.content.decode()
    assert response.status_code == 400 and "is-invalid" in page and "Gửi.</textarea>" in page
    proposal.refresh_from_db()
    response = client.post(send, {"letter_date": "06/01/2025", "version": proposal.version})
    assert response.status_code == 302
    decide = reverse("dossiers:state_proposal_decide", args=[proposal.pk])
    entry = proposal.entries.get()
    response = client.post(decide, {"number": "", "date": "", "authority": "",
                                    f"awarded_{entry.pk}": "1"})  # fmt: skip
    assert response.status_code == 400 and "Nhập số quyết định" in response.content.decode()
    response = client.post(decide, {"number": "1234/QĐ-TTg", "date": "20/06/2025",
                                    "authority": "Thủ tướng Chính phủ",
                                    f"awarded_{entry.pk}": "1"})  # fmt: skip
    assert response.status_code == 302
    with django_assert_max_num_queries(15):
        page = client.get(
            reverse("dossiers:state_proposal_detail", args=[proposal.pk])
        ).content.decode()
    assert "01/TTr-UBND" in page and "1234/QĐ-TTg" in page and 'data-status="awarded"' in page
    history = client.get(reverse("dossiers:detail", args=[a.pk])).content.decode()
    assert "Gửi đề nghị khen thưởng cấp Nhà nước" in history
    assert "Hoàng Văn An: được tặng Bằng khen của Thủ tướng Chính phủ" in history
    # the appraiser reads, does not act
    reader = login(users["appraiser"])
    assert (
        reader.get(reverse("dossiers:state_proposal_detail", args=[proposal.pk])).status_code == 200
    )
    assert reader.get(url).status_code == 403
    response = reader.get(reverse("documents:state_letter_pdf", args=[proposal.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_choosing_bad_input_and_stale_form(users, decided, login):
    a, _b, plan = decided
    proposal = state_awards.state_proposal_create(by=users["reviewer"], round="annual", year=2024)
    client = login(users["reviewer"])
    url = reverse("dossiers:state_proposal_nominees", args=[proposal.pk])
    na = a.nominees.get()
    flag = plan.standards.get(award="Cờ thi đua của Chính phủ")  # not offered to a person
    response = client.post(url, {"version": proposal.version, f"award_{na.pk}": str(flag.pk),
                                 f"reason_{na.pk}": "Hiến đất làm đường."})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400 and "invalid-feedback" in page
    assert "Hiến đất làm đường." in page and not proposal.entries.exists()
    chosen = {f"award_{na.pk}": str(_bang_khen(plan).pk), f"reason_{na.pk}": "Hiến đất."}
    response = client.post(url, {"version": proposal.version - 1 or 99, **chosen})
    assert response.status_code == 400 and "Người khác đã lưu" in response.content.decode()
    assert not proposal.entries.exists()


def test_choosing_page_bounded(users, decided, login, django_assert_max_num_queries):
    a, b, plan = decided
    proposal = state_awards.state_proposal_create(by=users["reviewer"], round="annual", year=2024)
    client = login(users["reviewer"])
    url = reverse("dossiers:state_proposal_nominees", args=[proposal.pk])
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert page.count("data-candidate=") == 2


def test_list_bounded(users, decided, login, django_assert_max_num_queries):
    a, b, plan = decided
    drafted(users, a, plan)
    drafted(users, b, plan)
    state_awards.state_proposal_create(by=users["reviewer"], round="annual", year=2024)
    client = login(users["reviewer"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("dossiers:state_proposals")).content.decode()
    assert page.count("chưa có số") == 3
