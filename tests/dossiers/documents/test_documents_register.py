"""Issue 16, part 1: the register of outgoing documents (sổ đăng ký văn bản đi).

Numbers from 01 each year per body, never reused (a withdrawn document keeps its number),
the symbol of the document's kind; the register searchable, printable (PDF, workbook),
open to the province's reviewers and administrators only. Concurrency with real
processes: tests/system/test_register_concurrency.py.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from dossiers.documents.models import OutgoingDocument
from dossiers.documents.register import (
    outgoing_document_correct,
    outgoing_document_issue,
    outgoing_document_withdraw,
    register_entries,
)
from emulation.models import AuditEntry

pytestmark = [pytest.mark.integration]

UBND = {"body_key": "province:06", "body_name": "UBND tỉnh Bắc Kạn", "body_abbreviation": "UBND"}
SNN = {"body_key": "agency:so-nn-ptnt", "body_name": "Sở Nông nghiệp", "body_abbreviation": "SNN"}


def issue(on: dt.date, kind: str = "QĐ", body=UBND, excerpt="Về việc tặng Bằng khen", **kw):
    return outgoing_document_issue(kind_code=kind, issued_on=on, excerpt=excerpt, **body, **kw)


def test_numbers_start_at_01_and_carry_the_kind_symbol(db, users):
    first = issue(dt.date(2024, 3, 1), by=users["reviewer"])
    second = issue(dt.date(2024, 3, 1), kind="TTr")
    letter = issue(dt.date(2024, 3, 2), kind="")
    assert [first.full_number, second.full_number, letter.full_number] == [
        "01/QĐ-UBND",
        "02/TTr-UBND",
        "03/UBND",
    ]
    assert AuditEntry.objects.filter(action="register.issue", object_id=str(first.pk)).get(
        actor=users["reviewer"]
    )


def test_each_body_has_its_own_numbers(db):
    issue(dt.date(2024, 3, 1))
    assert issue(dt.date(2024, 3, 1), body=SNN, kind="TTr").full_number == "01/TTr-SNN"
    assert issue(dt.date(2024, 3, 1)).number == 2


def test_numbering_starts_again_on_the_first_of_january(db):
    issue(dt.date(2024, 12, 30))
    last = issue(dt.date(2024, 12, 31))
    new = issue(dt.date(2025, 1, 1))
    late = issue(dt.date(2024, 12, 31))  # registered late, still in its own year's sequence
    assert (last.year, last.number) == (2024, 2)
    assert (new.year, new.full_number) == (2025, "01/QĐ-UBND")
    assert (late.year, late.number) == (2024, 3)


def test_a_withdrawn_document_keeps_its_number(db, users):
    doc = issue(dt.date(2024, 5, 1))
    outgoing_document_withdraw(document=doc, by=users["reviewer"], reason="Ban hành nhầm")
    nxt = issue(dt.date(2024, 5, 2))
    assert nxt.number == 2
    doc.refresh_from_db()
    assert doc.is_withdrawn and doc.withdrawal_reason == "Ban hành nhầm"
    assert AuditEntry.objects.filter(action="register.withdraw", object_id=str(doc.pk)).exists()
    with pytest.raises(ValueError):
        outgoing_document_withdraw(document=nxt, by=users["reviewer"], reason=" ")


def test_a_failed_issue_gives_its_number_back_and_numbers_stay_unique(db):
    issue(dt.date(2024, 5, 1))
    with pytest.raises(RuntimeError), transaction.atomic():
        issue(dt.date(2024, 5, 1))
        raise RuntimeError("the decision could not be saved")
    assert issue(dt.date(2024, 5, 1)).number == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingDocument.objects.create(
            body_key="province:06", body_name="x", year=2024, number=2, symbol="QĐ-UBND",
            kind_code="QĐ", issued_on=dt.date(2024, 5, 1), excerpt="trùng số",
        )  # fmt: skip


def test_unknown_kind_is_refused(db):
    with pytest.raises(ValueError):
        issue(dt.date(2024, 5, 1), kind="XYZ")


def test_register_search_is_diacritics_insensitive(db):
    issue(
        dt.date(2024, 5, 1), excerpt="Về việc tặng Bằng khen đợt 1", signer_name="Nguyễn Đăng Bình"
    )
    issue(dt.date(2024, 5, 2), kind="TTr", excerpt="Đề nghị khen thưởng")
    assert [
        d.number for d in register_entries(body_key="province:06", year=2024, q="bang khen")
    ] == [1]
    assert [d.number for d in register_entries(body_key="province:06", year=2024, q="TTr")] == [2]
    assert [d.number for d in register_entries(body_key="province:06", year=2024, q="binh")] == [1]
    assert not register_entries(body_key="province:06", year=2023).exists()


@pytest.fixture
def register(db, users):
    doc = issue(dt.date(2024, 5, 1), excerpt="Về việc tặng Bằng khen đợt 1", recipients="Sở NN")
    fix = issue(dt.date(2024, 6, 1), excerpt="Đính chính Quyết định 01")
    outgoing_document_correct(document=doc, correction=fix, by=users["reviewer"])
    gone = issue(dt.date(2024, 6, 2), excerpt="Quyết định ban hành nhầm")
    outgoing_document_withdraw(document=gone, by=users["reviewer"], reason="Ban hành nhầm")
    issue(dt.date(2024, 5, 3), body=SNN, kind="TTr", excerpt="Tờ trình của Sở")
    return doc


def test_register_page_shows_numbers_notes_and_searches(
    login, users, register, django_assert_max_num_queries
):
    client = login(users["reviewer"])
    url = reverse("documents:register")
    with django_assert_max_num_queries(12):
        page = client.get(url, {"co-quan": "province:06", "nam": "2024"}).content.decode()
    assert "01/QĐ-UBND" in page and "03/QĐ-UBND" in page and "Tờ trình của Sở" not in page
    assert "Đã đính chính bởi 02/QĐ-UBND" in page and "Đã thu hồi ngày" in page
    page = client.get(url, {"co-quan": "province:06", "nam": "2024", "q": "ban hanh nham"})
    assert "03/QĐ-UBND" in page.content.decode() and "01/QĐ-UBND" not in page.content.decode()
    page = client.get(url, {"co-quan": "agency:snn", "nam": "2024"}).content.decode()
    assert "01/TTr-SNN" in page and "01/QĐ-UBND" not in page


def test_register_prints_as_pdf_and_workbook(login, users, register):
    client = login(users["admin"])
    query = {"co-quan": "province:06", "nam": "2024"}
    response = client.get(reverse("documents:register_pdf"), query)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and "01/QĐ-UBND" in text and "03/QĐ-UBND" in text
    response = client.get(reverse("documents:register_xlsx"), query)
    assert "so-van-ban-di-province-06-2024.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    numbers = [row[0] for row in values[3:]]
    assert numbers == ["01/QĐ-UBND", "02/QĐ-UBND", "03/QĐ-UBND"]
    assert values[3][1] == dt.datetime(2024, 5, 1) and "Đã đính chính" in values[3][5]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("district_a", False),
        ("agency", False),
        ("appraiser", False),
        ("reviewer", True),
        ("admin", True),
    ],
)
def test_register_is_open_to_reviewers_and_admins(login, users, register, role, allowed):
    client = login(users[role])
    for name in ("documents:register", "documents:register_pdf", "documents:register_xlsx"):
        response = client.get(reverse(name), {"co-quan": "province:06", "nam": "2024"})
        assert response.status_code == (200 if allowed else 403), name
