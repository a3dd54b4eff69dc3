"""Issue 15, part 1: official documents are Vietnamese whatever the interface language.

Every kind of document a dossier, a round and a district make is downloaded with the
interface switched to English (the language cookie, as the switch sets it) and read
back: its text holds no English of the interface's catalogue and no common English word.
"""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from tests.dossiers.documents.test_documents_dossier import (  # noqa: F401 - fixtures
    decided,
    dossier,
)
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture
from tests.pdfcheck import docx_text, english_in, pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _english_client(login, user):
    client = login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _workbook_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return " ".join(
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


def test_the_interface_is_english_and_the_check_sees_it(login, users):
    """The check can fail: the interface's own pages are English under the cookie."""
    client = _english_client(login, users["reviewer"])
    page = client.get(reverse("dossiers:list")).content.decode()
    assert english_in(page)


def test_every_document_is_vietnamese_with_the_interface_in_english(login, users, decided):  # noqa: F811
    reviewer = _english_client(login, users["reviewer"])
    pk = decided.pk
    urls = [
        reverse("documents:dossier_pdf", args=[pk, slug])
        for slug in ("to-trinh", "bien-ban", "quyet-dinh")
    ]
    urls += [reverse("documents:report_pdf", args=[pk, n.pk]) for n in decided.nominees.all()]
    texts = {}
    for url in urls:
        response = reviewer.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == "en"  # the interface was English
        texts[url] = pdf_text(response.content)
    district = _english_client(login, users["district_a"])
    report = district.get(reverse("district_report_pdf"), {"nam": "2024"})
    assert report.status_code == 200
    texts["district report"] = pdf_text(report.content)
    for url, text in texts.items():
        assert text and not english_in(text), (url, english_in(text))
    # The editable copies too (part 8).
    docx_urls = [
        reverse("documents:dossier_docx", args=[pk, "quyet-dinh"]),
        reverse("documents:report_docx", args=[pk, decided.nominees.first().pk]),
    ]
    for url in docx_urls:
        response = reviewer.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].endswith('.docx"')
        text = docx_text(response.content)
        assert text and not english_in(text), (url, english_in(text))
    word_report = district.get(reverse("district_report_docx"), {"nam": "2024"})
    assert "BÁO CÁO" in docx_text(word_report.content)
    assert not english_in(docx_text(word_report.content))
    assert "QUYẾT ĐỊNH:" in texts[urls[2]] and "Căn cứ" in texts[urls[2]]
    assert "Nơi nhận:" in texts[urls[0]]

    workbooks = {
        "nominees": reviewer.get(reverse("documents:nominees_xlsx", args=[pk])),
        "queue": reviewer.get(reverse("documents:queue_xlsx")),
        "awards": reviewer.get(
            reverse("documents:round_awards_xlsx"), {"dot": "annual", "nam": "2024"}
        ),
        "district": district.get(reverse("progress:report_xlsx"), {"nam": "2024"}),
    }
    for name, response in workbooks.items():
        assert response.status_code == 200, name
        text = _workbook_text(response.content)
        assert text and not english_in(text), (name, english_in(text))
        filename = response["Content-Disposition"]
        assert "annual" not in filename, filename
    assert "hang-nam" in workbooks["awards"]["Content-Disposition"]


def test_printable_view_document_vietnamese_toolbar_english(login, users, dossier):  # noqa: F811
    client = _english_client(login, users["district_a"])
    html = client.get(
        reverse("documents:dossier_doc", args=[dossier.pk, "to-trinh"])
    ).content.decode()
    assert "TỜ TRÌNH" in html and "Nơi nhận:" in html and "Căn cứ" in html
    assert "Download PDF" in html and "← Back" in html
    assert "Tải PDF" not in html  # the toolbar follows the interface
