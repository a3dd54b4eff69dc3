"""Issue 15, part 4: number symbols by document kind (Nghị định 30/2020, Phụ lục III),
a mismatched symbol refused with a message; agencies sign with their head's title."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers import numbering, services
from dossiers.documents import builders, pdf
from dossiers.models import Dossier, NomineeKind
from dossiers.numbering import agency_abbreviation
from dossiers.services import Invalid
from emulation.models import Agency
from tests.dossiers.documents.test_documents_dossier import dossier  # noqa: F401 - fixture
from tests.dossiers.support import (  # noqa: F401 - _media: autouse fixture
    _media,
    add,
    approve,
    new_dossier,
)
from tests.pdfcheck import pdf_text

pytestmark = [pytest.mark.integration]


@pytest.mark.parametrize(
    ("text", "kind", "ok"),
    [
        ("", numbering.TO_TRINH, True),
        ("12", numbering.TO_TRINH, True),
        ("05/TTr-UBND", numbering.TO_TRINH, True),
        ("05/TTr-SNNPTNT", numbering.TO_TRINH, True),
        ("12/CV-SNN", numbering.TO_TRINH, False),
        ("12/QĐ-UBND", numbering.TO_TRINH, False),
        ("12/TTR-UBND", numbering.TO_TRINH, False),
        ("số 12/TTr-UBND", numbering.TO_TRINH, False),
        ("1234/QĐ-UBND", numbering.QUYET_DINH, True),
        ("1/QĐ", numbering.QUYET_DINH, True),
        ("5/TTr-UBND", numbering.QUYET_DINH, False),
        ("5/BC-UBND", numbering.BAO_CAO, True),
        ("5/BB-HĐTĐKT", numbering.BIEN_BAN, True),
    ],
)
def test_a_number_carries_its_kinds_symbol(text, kind, ok):
    error = numbering.number_error(text, kind)
    assert (error is None) == ok, error
    if not ok:
        assert kind.code in error


@pytest.mark.parametrize(
    ("text", "issuer", "ok"),
    [
        ("05/TTr-UBND", "UBND", True),
        ("05/TTr-SNNPTNT", "SNNPTNT", True),
        ("05/TTr", "SNNPTNT", True),  # the kind alone: the body part is not written
        ("05", "SNNPTNT", True),
        ("05/TTr-SNN", "UBND", False),  # an agency's symbol on a UBND's letter
        ("05/TTr-UBND", "SNNPTNT", False),
        ("05/TTr-SNN", "SNNPTNT", False),
        ("05/TTr-", "UBND", False),
        ("1234/QĐ-UBND", "UBND", True),
        ("1234/QĐ-SNN", "UBND", False),
    ],
)
def test_the_body_part_is_the_issuers_abbreviation(text, issuer, ok):
    kind = numbering.QUYET_DINH if "QĐ" in text else numbering.TO_TRINH
    error = numbering.number_error(text, kind, issuer)
    assert (error is None) == ok, error
    if not ok:
        assert f"{kind.code}-{issuer}" in error


@pytest.mark.django_db
def test_an_agencys_letter_numbered_as_a_ubnds_is_refused_beside_the_field(login, users):
    agency_user = users["agency"]
    own = numbering.proposer_abbreviation(agency=agency_user.agency)
    assert own != "UBND"
    client = login(agency_user)
    before = Dossier.objects.count()
    data = {
        "round": "final",
        "document_number": "12/TTr-UBND",
        "document_date": "01/09/2025",
        "summary": "Tổng kết",
    }
    response = client.post(reverse("dossiers:create"), data)
    page = response.content.decode()
    assert response.status_code == 200 and Dossier.objects.count() == before
    assert 'value="12/TTr-UBND"' in page and f"TTr-{own}" in page and "is-invalid" in page
    with pytest.raises(Invalid) as refused:
        new_dossier(users["district_a"], number="12/TTr-SNN")
    assert "TTr-UBND" in refused.value.errors["document_number"]
    # its own abbreviation is accepted
    d = new_dossier(agency_user, round="final", year=None, number=f"12/TTr-{own}",
                    date=dt.date(2025, 9, 1))  # fmt: skip
    assert d.document_number == f"12/TTr-{own}"


def test_the_message_names_both_kinds():
    error = numbering.number_error("12/QĐ-UBND", numbering.TO_TRINH)
    assert "quyết định" in error and "tờ trình" in error and "TTr-" in error


def test_agency_abbreviations():
    def abbreviation(short, name="x"):
        return agency_abbreviation(Agency(code="x", name=name, short_name=short))

    assert abbreviation("Sở NN&PTNT") == "SNNPTNT"
    assert abbreviation("Sở TC") == "STC"
    assert abbreviation("Hội ND tỉnh") == "HND"
    assert abbreviation("", name="Sở Tài chính") == "STC"


@pytest.mark.django_db
def test_a_mismatched_symbol_is_refused_beside_the_field(login, users):
    client = login(users["district_a"])
    before = Dossier.objects.count()
    data = {
        "round": "annual",
        "year": "2024",
        "document_number": "12/CV-UBND",
        "document_date": "05/11/2024",
        "summary": "Khen thưởng 2024",
    }
    response = client.post(reverse("dossiers:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "TTr-" in page and 'value="12/CV-UBND"' in page
    assert Dossier.objects.count() == before
    with pytest.raises(Invalid) as refused:
        new_dossier(users["district_a"], number="12/QĐ-UBND")
    assert "document_number" in refused.value.errors


@pytest.mark.django_db
def test_a_decision_number_must_be_a_decisions(users, dossier, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=dossier, by=users["district_a"])
        approve(dossier, users)
    outcomes = {n.pk: (False, "Chưa đủ.") for n in dossier.nominees.all()}
    with pytest.raises(Invalid) as refused:
        services.dossier_decide(
            dossier=dossier,
            by=users["reviewer"],
            decision_number="12/TTr-UBND",
            decision_date=dt.date(2024, 12, 1),
            outcomes=outcomes,
        )
    assert "QĐ-" in refused.value.errors["decision_number"]


@pytest.mark.django_db
def test_an_agencys_letter_is_a_ttr_signed_by_its_heads_title(users):
    agency_user = users["agency"]
    d = new_dossier(agency_user, round="final", year=None, number="", date=dt.date(2025, 9, 1))
    own = Agency.objects.get(code="so-nn-ptnt")
    add(d, agency_user, {"kind": NomineeKind.AGENCY, "title": "agency_outstanding", "agency": own})
    document = builders.proposal_letter(d)
    text = pdf_text(pdf.render_pdf(document.template, document.context))
    assert f"/TTr-{agency_abbreviation(own)}" in text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text
    assert "THỦ TRƯỞNG" not in text and "/CV-" not in text
