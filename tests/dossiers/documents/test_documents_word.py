"""Issue 15, part 8: the editable copy (.docx) of a document has its content and layout:
the two-column head, the body, the lists as tables, room to sign, the annex on a new page,
A4 with the decree's margins in Times New Roman."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from dossiers.documents import pdf, samples, word
from tests.pdfcheck import docx_text, pdf_text, words

pytestmark = [pytest.mark.integration]


def test_a_proposal_letter_as_word():
    letter = samples.sample_proposal(12)
    data = word.render_docx(letter.template, letter.context())
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"
    head, numbers, sign = document.tables[:3]
    left, right = (c.text for c in head.rows[0].cells)
    assert "UBND TỈNH BẮC KẠN" in left and "HUYỆN BẠCH THÔNG" in left
    assert right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = head.rows[0].cells[1].paragraphs[1]
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.runs[0].bold
    assert [c.text for c in numbers.rows[0].cells] == [
        "Số: 05/TTr-UBND",
        "Bạch Thông, ngày 05 tháng 01 năm 2024",
    ]
    recipients, signer = sign.rows[0].cells
    assert recipients.text.startswith("Nơi nhận:") and "Lưu: VT, NV." in recipients.text
    roles = [p for p in signer.paragraphs if p.text]
    assert [p.text for p in roles] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Hoàng Văn Ước",
    ]
    space = next(p for p in signer.paragraphs if not p.text)
    assert space.paragraph_format.space_after >= Mm(30)
    body = [p for p in document.paragraphs if p.text.startswith("Căn cứ")]
    assert body and all(p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY for p in body)
    annex = next(p for p in document.paragraphs if p.text == "DANH SÁCH")
    assert annex.paragraph_format.page_break_before
    # The same words as the PDF.
    text = pdf_text(pdf.render_pdf(letter.template, letter.context()))
    assert words(docx_text(data)) == words(text)
