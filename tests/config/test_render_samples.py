"""Issue 15, part 10: ``manage.py render_samples OUTDIR [--language CODE]`` writes every
kind of official document from the demo data; its files pass the issue's checks: no
English with the interface in English, no page holding only the signature, no last page
without body text."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.dossiers.support import _media  # noqa: F401 - autouse fixture
from tests.pdfcheck import (
    body_words_before_signature,
    docx_text,
    english_in,
    page_texts,
    pdf_text,
    pdfsig,
    words,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_render_samples_refuses_an_empty_database(tmp_path):
    with pytest.raises(CommandError):
        call_command("render_samples", str(tmp_path / "out"))


def test_render_samples_writes_every_kind_in_vietnamese(tmp_path, demo_mode):
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("render_samples", str(tmp_path / "mau"), "--language", "en", stdout=out)
    paths = out.getvalue().split()
    names = {p.rsplit("/", 1)[-1] for p in paths}
    for expected in [
        "to-trinh-nd91-2017.pdf",
        "to-trinh-nd98-2023.pdf",
        "to-trinh-nd152-2025.pdf",
        "bien-ban.pdf",
        "quyet-dinh-nd91-2017.pdf",
        "bao-cao-thanh-tich-tap-the-nd91-2017.pdf",
        "bao-cao-thanh-tich-ca-nhan-nd91-2017.pdf",
        "tom-tat-thanh-tich-ca-nhan-nd98-2023.pdf",
        "bang-khen.pdf",
        "bao-cao-huyen.pdf",
        "bao-cao-huyen.xlsx",
        "danh-sach-de-nghi.xlsx",
        "danh-sach-ho-so.xlsx",
        "to-trinh-nd98-2023.docx",
        "quyet-dinh-nd91-2017.docx",
        "bien-ban.docx",
        "bao-cao-huyen.docx",
    ]:
        assert expected in names, sorted(names)
    # issue 16, part 6: a decision signed with the demo certificate, which pdfsig accepts
    signed = [p for p in paths if "ky-so" in p]
    assert len(signed) == 1 and signed[0].endswith(".pdf"), paths
    report = pdfsig((tmp_path / "mau" / signed[0].rsplit("/", 1)[-1]).read_bytes(), tmp_path)
    assert "Signature is Valid" in report and "Total document signed" in report, report
    for path in paths:
        data = (tmp_path / "mau" / path.rsplit("/", 1)[-1]).read_bytes()
        if path.endswith(".docx"):
            text = docx_text(data)
            twin = (
                tmp_path / "mau" / path.rsplit("/", 1)[-1].replace(".docx", ".pdf")
            ).read_bytes()
            # The same content as its PDF: every word of one is in the other.
            pdf_words, docx_words = words(pdf_text(twin)), words(text)
            assert docx_words == pdf_words, (path, docx_words ^ pdf_words)
        elif path.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(data))
            text = " ".join(
                str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.value is not None
            )  # fmt: skip
        else:
            text = pdf_text(data)
        assert text and not english_in(text), (path, english_in(text))
        assert "—" not in text, path  # no em dash in official text (part 5)
        if path.endswith(".pdf") and "bang-khen" not in path:
            pages = page_texts(data)
            assert len(pages[-1].split()) >= 20, (path, pages[-1])  # the last page has body
            assert body_words_before_signature(data) >= 8, (path, pages)
