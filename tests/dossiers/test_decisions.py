"""Decisions as the province makes them (issue 14, part 5): one decision, with one
number, one date and its annex, for the approved nominees of many dossiers of a round;
recorded after a confirmation that shows what will be published; corrected only by a
correcting decision with its own number, date and reason, the original kept. Their
numbers come from the register of outgoing documents (issue 16, part 1): the first
decision of 2024 is 01/QĐ-UBND, its correction 02/QĐ-UBND."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.documents.builders.decision import certificate_entries
from dossiers.documents.models import PublicAward
from dossiers.documents.public import public_awards_sync
from dossiers.models import Decision, DecisionKind, DossierEvent, Status
from emulation.audit import AuditEntry
from emulation.rules import DEFAULT_VALUES
from emulation.rulesets import ruleset_change
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    approve,
    filed,
    plain_commune,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2024, 12, 1)


@pytest.fixture
def two(users, district_a, district_b):
    """Two approved annual 2024 dossiers, of districts A and B, one person each."""
    a = filed(users["district_a"], plain_commune(district_a), "Hoàng Văn An", 60_000_000,
              submit=True)  # fmt: skip
    b = filed(users["district_b"], plain_commune(district_b), "Lường Thị Bình", 60_000_000,
              submit=True)  # fmt: skip
    approve(a, users)
    approve(b, users)
    return a, b


def _all_awarded(*dossiers) -> dict:
    return {n.pk: (True, "") for d in dossiers for n in d.nominees.all()}


FIRST, SECOND = "01/QĐ-UBND", "02/QĐ-UBND"  # the register's numbers of 2024


def record(users, a, b, **kw):
    return services.decision_record(
        by=users["reviewer"], dossiers=[a, b], date=DAY,
        outcomes=kw.pop("outcomes", None) or _all_awarded(a, b), **kw,
    )  # fmt: skip


def test_one_decision_for_two_dossiers(users, two):
    a, b = two
    decision = record(users, a, b, note="Đợt tổng hợp tháng 12.")
    for d in (a, b):
        d.refresh_from_db()
        assert d.status == Status.DECIDED and d.decision == decision
        assert (d.decision_number, d.decision_date) == (FIRST, DAY)
        event = DossierEvent.objects.get(dossier=d, action="decide")
        assert event.by == users["reviewer"] and event.details["decision"] == decision.pk
    assert [r["name"] for r in decision.annex] == ["Hoàng Văn An", "Lường Thị Bình"]
    assert AuditEntry.objects.filter(action="decision.record").count() == 1


def test_a_refusal_records_nothing(users, two):
    a, b = two
    nb = b.nominees.get()
    outcomes = {**_all_awarded(a), nb.pk: (False, "")}  # no reason for B's nominee
    with pytest.raises(services.Invalid) as refused:
        record(users, a, b, outcomes=outcomes)
    assert f"n{nb.pk}" in refused.value.errors
    assert not Decision.objects.exists()
    a.refresh_from_db()
    assert a.status == Status.APPROVED and a.decision is None


def test_other_round_refused(users, two, district_a):
    a, b = two
    b.year = 2023
    b.save()
    with pytest.raises(services.Invalid) as refused:
        record(users, a, b)
    assert "dossiers" in refused.value.errors


def test_only_the_board_records(users, two):
    a, b = two
    for role in ("appraiser", "admin", "district_a"):
        with pytest.raises(services.NotAllowed):
            services.decision_record(by=users[role], dossiers=[a, b], date=DAY,
                                     outcomes=_all_awarded(a, b))  # fmt: skip


def test_an_ineligible_nominee_needs_the_override(users, two):
    a, b = two
    ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 70_000_000},
        effective_from=dt.date(2024, 6, 1), reason="Nâng mức.", by=users["admin"],
    )  # fmt: skip
    with pytest.raises(services.Invalid) as refused:
        record(users, a, b)
    assert "vượt tiêu chuẩn" in str(refused.value.errors)
    assert not Decision.objects.exists()


def test_a_stale_confirmation_is_refused(users, two):
    a, b = two
    from dossiers import verdicts

    tokens = {d.pk: verdicts.fingerprint(verdicts.refresh(d)) for d in (a, b)}
    ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 70_000_000},
        effective_from=dt.date(2024, 6, 1), reason="Nâng mức.", by=users["admin"],
    )  # fmt: skip
    with pytest.raises(services.StaleVerdicts):
        record(users, a, b, expected_verdicts=tokens)
    assert not Decision.objects.exists()


def correct(users, decision, **kw):
    return services.decision_correct(
        decision=decision, by=users["reviewer"],
        kind=kw.pop("kind", DecisionKind.CORRECTION),
        date=kw.pop("date", dt.date(2024, 12, 10)),
        reason=kw.pop("reason", "Sai chính tả tên người được khen thưởng."), **kw,
    )  # fmt: skip


def test_a_correction_keeps_the_original(users, two):
    a, b = two
    decision = record(users, a, b)
    na = a.nominees.get()
    correction = correct(users, decision, names={na.pk: "Hoàng Văn Ân"})
    assert correction.corrects == decision and correction.kind == DecisionKind.CORRECTION
    decision.refresh_from_db()
    assert decision.annex[0]["name"] == "Hoàng Văn An"  # as published, unchanged
    na.refresh_from_db()
    assert na.name == "Hoàng Văn Ân"
    event = DossierEvent.objects.get(dossier=a, action="correct_decision")
    assert event.note == "Sai chính tả tên người được khen thưởng."
    assert event.details["corrections"][0]["before"] == "Hoàng Văn An"
    assert not DossierEvent.objects.filter(dossier=b, action="correct_decision").exists()
    # the original's history still names the original number
    assert DossierEvent.objects.get(dossier=a, action="decide").details["decision_number"] == (
        FIRST
    )
    assert correction.number == SECOND


def test_a_correction_needs_date_reason_and_a_change(users, two):
    a, b = two
    decision = record(users, a, b)
    with pytest.raises(services.Invalid) as refused:
        correct(users, decision, reason="", date=dt.date(2024, 11, 1))
    assert {"decision_date", "reason", "__all__"} <= set(refused.value.errors)
    assert Decision.objects.count() == 1


def test_an_amendment_withdraws_an_award(users, two):
    a, b = two
    decision = record(users, a, b)
    nb = b.nominees.get()
    with pytest.raises(services.Invalid):
        correct(users, decision, kind=DecisionKind.AMENDMENT, outcomes={nb.pk: (False, "")})
    correct(users, decision, kind=DecisionKind.AMENDMENT,
            outcomes={nb.pk: (False, "Trùng khen thưởng.")})  # fmt: skip
    nb.refresh_from_db()
    assert nb.awarded is False
    public_awards_sync(dossier_id=b.pk)
    assert not PublicAward.objects.filter(nominee=nb).exists()


def test_public_list_and_certificates_show_the_correction(users, two, client):
    a, b = two
    decision = record(users, a, b)
    for d in (a, b):
        public_awards_sync(dossier_id=d.pk)
    na = a.nominees.get()
    correct(users, decision, names={na.pk: "Hoàng Văn Ân"})
    public_awards_sync(dossier_id=a.pk)  # on commit in the app
    row = PublicAward.objects.get(nominee=na)
    assert row.name == "Hoàng Văn Ân"
    assert row.correction == f"đã đính chính theo Quyết định số {SECOND} ngày 10/12/2024"
    page = client.get(reverse("public_awards")).content.decode()
    assert "Hoàng Văn Ân" in page and f"Đã đính chính theo Quyết định số {SECOND}" in page
    assert PublicAward.objects.get(nominee=b.nominees.get()).correction == ""
    entry = certificate_entries(a)[0]
    assert entry.recipient == "Hoàng Văn Ân"
    assert f"đã đính chính theo Quyết định số {SECOND}" in entry.text("decision", None)


# --- the screens ----------------------------------------------------------------------


def _form_data(a, b, **extra) -> dict:
    data = {"dot": "annual", "nam": "2024", "dossiers": [str(a.pk), str(b.pk)],
            "decision_date": "01/12/2024", "note": ""}  # fmt: skip
    for d in (a, b):
        for n in d.nominees.all():
            data[f"awarded_{n.pk}"] = "1"
            data[f"reason_{n.pk}"] = ""
    return data | extra


def test_the_board_confirms_what_will_be_published(users, two, login):
    a, b = two
    client = login(users["reviewer"])
    url = reverse("dossiers:decision_create")
    page = client.get(url, {"dot": "annual", "nam": "2024"}).content.decode()
    assert a.reference in page and b.reference in page and 'name="token_' in page
    data = _form_data(a, b)
    response = client.post(url, data)  # the confirmation: nothing recorded yet
    page = response.content.decode()
    assert response.status_code == 200 and 'id="to-publish"' in page
    # the number the register will give it, said to be given on recording
    assert f"Quyết định số {FIRST} ngày 01/12/2024" in page and "cấp khi ghi" in page
    assert "Hoàng Văn An" in page and "Lường Thị Bình" in page
    assert not Decision.objects.exists()
    tokens = {
        f"token_{d.pk}": page.split(f'name="token_{d.pk}" value="')[1].split('"')[0] for d in (a, b)
    }
    response = client.post(url, data | tokens | {"confirm": "1"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "dossiers:decision_detail", args=[decision.pk]
    )
    page = client.get(response.url).content.decode()
    assert "Hoàng Văn An" in page and a.reference in page
    detail = client.get(reverse("dossiers:detail", args=[a.pk])).content.decode()
    assert reverse("dossiers:decision_detail", args=[decision.pk]) in detail


def test_bad_input_kept_beside_the_field(users, two, login):
    a, b = two
    client = login(users["reviewer"])
    data = _form_data(a, b, decision_date="01/12/2099", note="Ghi chú giữ lại") | {"confirm": "1"}
    response = client.post(reverse("dossiers:decision_create"), data)
    page = response.content.decode()
    assert response.status_code == 400 and 'value="01/12/2099"' in page
    assert "Ghi chú giữ lại" in page
    assert "is-invalid" in page and not Decision.objects.exists()
    assert 'name="decision_number"' not in page  # the register numbers it


def test_a_confirmation_loaded_before_a_change_is_refused(users, two, login):
    a, b = two
    client = login(users["reviewer"])
    url = reverse("dossiers:decision_create")
    page = client.post(url, _form_data(a, b)).content.decode()
    tokens = {
        f"token_{d.pk}": page.split(f'name="token_{d.pk}" value="')[1].split('"')[0] for d in (a, b)
    }
    ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 70_000_000},
        effective_from=dt.date(2024, 6, 1), reason="Nâng mức.", by=users["admin"],
    )  # fmt: skip
    response = client.post(url, _form_data(a, b) | tokens | {"confirm": "1"})
    assert response.status_code == 400
    assert 'id="stale-verdicts"' in response.content.decode()
    assert not Decision.objects.exists()


def test_a_correction_through_its_confirmation(users, two, login):
    a, b = two
    decision = record(users, a, b)
    na, nb = a.nominees.get(), b.nominees.get()
    client = login(users["reviewer"])
    url = reverse("dossiers:decision_correct", args=[decision.pk])
    data = {"kind": "correction",
            "decision_date": "10/12/2024", "reason": "Sai chính tả.",
            f"name_{na.pk}": "Hoàng Văn Ân", f"awarded_{na.pk}": "1", f"reason_{na.pk}": "",
            f"name_{nb.pk}": nb.name, f"awarded_{nb.pk}": "1", f"reason_{nb.pk}": ""}  # fmt: skip
    page = client.post(url, data).content.decode()
    assert 'id="to-publish"' in page and "Hoàng Văn Ân" in page
    assert Decision.objects.count() == 1
    response = client.post(url, data | {"confirm": "1"})
    correction = Decision.objects.get(corrects=decision)
    assert response.status_code == 302
    page = client.get(reverse("dossiers:decision_detail", args=[decision.pk])).content.decode()
    assert SECOND in page and "Hoàng Văn An" in page  # the original's annex as published
    history = client.get(reverse("dossiers:detail", args=[a.pk])).content.decode()
    assert "Đính chính tên: Hoàng Văn An → Hoàng Văn Ân" in history
    assert correction.recorded_by == users["reviewer"]


def test_a_stale_correction_is_refused(users, two):
    """Issue 14 part 3 for corrections: a correction confirmed from a screen loaded before
    a rule-set change is refused, nothing recorded."""
    a, b = two
    from dossiers import verdicts

    decision = record(users, a, b)
    tokens = {d.pk: verdicts.fingerprint(verdicts.refresh(d)) for d in (a, b)}
    ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 70_000_000},
        effective_from=dt.date(2024, 6, 1), reason="Nâng mức.", by=users["admin"],
    )  # fmt: skip
    with pytest.raises(services.StaleVerdicts):
        correct(users, decision, names={a.nominees.get().pk: "Hoàng Văn Ân"},
                expected_verdicts=tokens)  # fmt: skip
    assert Decision.objects.count() == 1
    assert a.nominees.get().name == "Hoàng Văn An"
    # with the fingerprints of the new verdicts, the same correction is recorded
    fresh = {d.pk: verdicts.fingerprint(verdicts.refresh(d)) for d in (a, b)}
    correct(users, decision, names={a.nominees.get().pk: "Hoàng Văn Ân"}, expected_verdicts=fresh)
    assert Decision.objects.count() == 2


def test_a_correction_confirmation_loaded_before_a_change_is_refused(users, two, login):
    a, b = two
    decision = record(users, a, b)
    na, nb = a.nominees.get(), b.nominees.get()
    client = login(users["reviewer"])
    url = reverse("dossiers:decision_correct", args=[decision.pk])
    data = {"kind": "correction", "decision_number": "135/QĐ-UBND",
            "decision_date": "10/12/2024", "reason": "Sai chính tả.",
            f"name_{na.pk}": "Hoàng Văn Ân", f"awarded_{na.pk}": "1", f"reason_{na.pk}": "",
            f"name_{nb.pk}": nb.name, f"awarded_{nb.pk}": "1", f"reason_{nb.pk}": ""}  # fmt: skip
    page = client.post(url, data).content.decode()
    assert 'id="to-publish"' in page
    tokens = {
        f"token_{d.pk}": page.split(f'name="token_{d.pk}" value="')[1].split('"')[0] for d in (a, b)
    }
    ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 70_000_000},
        effective_from=dt.date(2024, 6, 1), reason="Nâng mức.", by=users["admin"],
    )  # fmt: skip
    response = client.post(url, data | tokens | {"confirm": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="stale-verdicts"' in page and f'data-verdict="{na.pk}"' in page  # the new verdicts
    assert Decision.objects.count() == 1
    new_tokens = {
        f"token_{d.pk}": page.split(f'name="token_{d.pk}" value="')[1].split('"')[0] for d in (a, b)
    }
    assert new_tokens != tokens


def test_decision_list_bounded(users, two, login, django_assert_max_num_queries):
    a, b = two
    decision = record(users, a, b)
    correct(users, decision, names={a.nominees.get().pk: "Hoàng Văn Ân"})
    client = login(users["appraiser"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("dossiers:decisions")).content.decode()
    assert FIRST in page and SECOND in page
    assert "Lập quyết định" not in page  # the appraiser reads, the board drafts


def test_the_decision_document_lists_every_dossier_it_covers(users, two):
    from dossiers.documents import builders, pdf
    from tests.pdfcheck import pdf_text

    a, b = two
    record(users, a, b)
    a.refresh_from_db()
    document = builders.decision(a)
    text = " ".join(pdf_text(pdf.render_pdf(document.template, document.context)).split())
    assert "Hoàng Văn An" in text and "Lường Thị Bình" in text
    assert "Ba Bể" in text and "Bạch Thông" in text


# --- numbered by the register (issue 16, part 1) ---------------------------------------


def test_decisions_take_their_numbers_from_the_register(users, two):
    from dossiers.documents.models import OutgoingDocument
    from dossiers.documents.register import register_entries

    a, b = two
    decision = record(users, a, b)
    entry = decision.register_entry
    assert entry is not None and entry.full_number == decision.number == FIRST
    assert entry.body_key.startswith("province:") and entry.kind_code == "QĐ"
    assert entry.issued_on == DAY and "Về việc tặng Bằng khen" in entry.excerpt
    correction = correct(users, decision, names={a.nominees.get().pk: "Hoàng Văn Ân"})
    assert correction.register_entry.full_number == correction.number == SECOND
    assert "đính chính Quyết định số 01/QĐ-UBND ngày 01/12/2024" in (
        correction.register_entry.excerpt
    )
    entry.refresh_from_db()
    assert entry.corrected_by == correction.register_entry
    assert [d.full_number for d in register_entries(body_key=entry.body_key, year=2024)] == [
        FIRST,
        SECOND,
    ]
    assert OutgoingDocument.objects.count() == 2


def test_a_refused_decision_gives_its_number_back(users, two):
    a, b = two
    nb = b.nominees.get()
    with pytest.raises(services.Invalid):
        record(users, a, b, outcomes={**_all_awarded(a), nb.pk: (False, "")})
    from dossiers.documents.models import OutgoingDocument

    assert not OutgoingDocument.objects.exists()
    assert record(users, a, b).number == FIRST  # the number was not spent


def test_a_decision_after_the_merger_is_numbered_by_the_merged_provinces_ubnd(reorganised):
    """Numbers run per issuing body: a decision dated from 1/7/2025 is the merged
    province's (its own register), one of 2024 Bắc Kạn's."""
    from dossiers.documents.decision_numbers import decision_issuer

    assert decision_issuer(dt.date(2024, 12, 1)).key != decision_issuer(dt.date(2025, 7, 1)).key


def test_a_refused_correction_gives_its_number_back(users, two):
    from dossiers.documents.models import OutgoingDocument

    a, b = two
    decision = record(users, a, b)
    with pytest.raises(services.Invalid):
        correct(users, decision, reason="")  # no reason, no change
    assert OutgoingDocument.objects.count() == 1
    decision.register_entry.refresh_from_db()
    assert decision.register_entry.corrected_by is None
    assert correct(users, decision, names={a.nominees.get().pk: "Hoàng Văn Ân"}).number == SECOND
