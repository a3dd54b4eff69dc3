"""PDF rendering: fonts with every Vietnamese letter, NFC, the Nghị định 30 layout."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from devtools import pdf_bench as bench
from dossiers.documents import pdf, samples
from dossiers.documents.legal import CITATIONS, ND91, ND98, ND152, citation, round_phrase
from dossiers.documents.official import (
    DocumentHead,
    Signer,
    long_date,
    number_symbol,
    place_date,
)
from dossiers.legal import LegalBasisCode, legal_basis, legal_basis_on
from tests.pdfcheck import embedded_fonts, find_run, page_texts, pdf_text, text_positions

pytestmark = pytest.mark.unit

LETTERS = pdf.vietnamese_letters()


def letter_pdf(paragraphs, **head) -> bytes:
    defaults = dict(
        issuing_body="Ủy ban nhân dân\nhuyện Bạch Thông",
        symbol="BC-UBND",
        number=7,
        place="Bạch Thông",
        date=dt.date(2024, 2, 3),
        doc_type="BÁO CÁO",
        summary="Kết quả thực hiện Phong trào thi đua",
        recipients=["UBND tỉnh", "Lưu: VT"],
        signer=Signer(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name="Hà Văn Đức"),
    )
    defaults.update(head)
    return pdf.render_pdf(
        "documents/letter.html", {"head": DocumentHead(**defaults), "paragraphs": paragraphs}
    )


def test_the_alphabet_has_every_vietnamese_letter():
    lower = [ch for ch in LETTERS if ch.islower() and not ch.isascii()]
    # 12 vowels x 6 tones, less the 6 ASCII ones (a e i o u y), plus đ.
    assert len(lower) == 12 * 6 - 6 + 1
    assert all(unicodedata.is_normalized("NFC", ch) for ch in LETTERS)


def test_document_font_covers_every_letter_and_is_not_liberation_1():
    font = pdf.document_font()
    assert font.label in {"Liberation Serif 2", "Tinos"}
    assert all("/liberation/" not in path for path in font.files)


def test_a_font_missing_letters_is_refused(settings):
    # Debian's Liberation Serif 1.07 lacks Vietnamese letters: it must never be chosen.
    old = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
    settings.DOCUMENT_FONT_CANDIDATES = [("Liberation 1", (old, old, old, old))]
    pdf.document_font.cache_clear()
    try:
        from django.core.exceptions import ImproperlyConfigured

        with pytest.raises(ImproperlyConfigured, match="fonts-liberation2"):
            pdf.document_font()
    finally:
        pdf.document_font.cache_clear()
        del settings.DOCUMENT_FONT_CANDIDATES
        pdf.document_font()


def test_every_letter_prints_with_a_real_glyph_of_the_document_font():
    data = letter_pdf(
        [LETTERS],
        summary=LETTERS,  # bold
        place=LETTERS[:40],  # italic in the place-and-date line
        recipients=[LETTERS],  # the list under "Nơi nhận:" (bold italic label)
    )
    fonts = embedded_fonts(data)
    assert len(fonts) >= 3
    for font in fonts.values():
        # No fallback font: every run is Liberation Serif 2.x or Tinos.
        assert font.family in {"Liberation Serif", "Tinos"}, font
        if font.family == "Liberation Serif":
            assert font.version.startswith("Version 2."), font
    regular = next(f for f in fonts.values() if f.full_name in {"Liberation Serif", "Tinos"})
    bold = next(f for f in fonts.values() if f.full_name.endswith("Bold"))
    for ch in LETTERS:
        assert ord(ch) in regular.cmap, ch
        assert ord(ch) in bold.cmap, ch
        assert regular.cmap[ord(ch)] != ".notdef"
    text = pdf_text(data)
    for ch in LETTERS:
        assert ch in text


def test_text_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Ông Nguyễn Thị Ước, thôn Nà Pài")
    assert decomposed != "Ông Nguyễn Thị Ước, thôn Nà Pài"
    text = pdf_text(letter_pdf([decomposed]))
    assert "Ông Nguyễn Thị Ước, thôn Nà Pài" in text


@pytest.mark.parametrize(
    ("number", "expected"), [(5, "05/TTr-UBND"), (12, "12/TTr-UBND"), (1234, "1234/TTr-UBND")]
)
def test_number_and_symbol_take_a_leading_zero_under_ten(number, expected):
    assert number_symbol(number, "TTr-UBND") == expected


def test_unnumbered_document_leaves_room_for_the_number():
    assert number_symbol(None, "TTr-UBND").endswith("/TTr-UBND")
    assert number_symbol(None, "TTr-UBND").strip("\u00a0") == "/TTr-UBND"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (dt.date(2023, 2, 3), "ngày 03 tháng 02 năm 2023"),
        (dt.date(2022, 5, 15), "ngày 15 tháng 5 năm 2022"),
        (dt.date(2023, 12, 9), "ngày 09 tháng 12 năm 2023"),
    ],
)
def test_dates_follow_the_decree(date, expected):
    # Days under 10 and months under 3 take a leading zero (Nghị định 30/2020, Phụ lục I).
    assert long_date(date) == expected


def test_place_and_date_with_unknown_day_keeps_the_year():
    text = place_date("Bắc Kạn", None, year=2025)
    assert text.startswith("Bắc Kạn, ngày") and text.endswith("năm 2025")


def test_citation_follows_the_stored_basis_or_the_date():
    assert citation("", on=dt.date(2023, 12, 31)) is ND91
    assert citation("", on=dt.date(2024, 1, 1)) is ND98
    assert citation(None, on=dt.date(2025, 6, 30)) is ND98
    assert citation("", on=dt.date(2025, 7, 1)) is ND152
    assert citation("nd91_2017", on=dt.date(2025, 1, 1)) is ND91
    assert "Mẫu số 07" in ND91.form_label and "91/2017/NĐ-CP" in ND91.decree
    assert round_phrase("annual", 2023) == "năm 2023"
    assert "2021 - 2025" in round_phrase("final", 2025)


@pytest.mark.parametrize(
    "day,code",
    [
        (dt.date(2017, 8, 1), LegalBasisCode.ND91_2017),
        (dt.date(2023, 12, 31), LegalBasisCode.ND91_2017),
        (dt.date(2024, 1, 1), LegalBasisCode.ND98_2023),
        (dt.date(2025, 6, 30), LegalBasisCode.ND98_2023),
        (dt.date(2025, 7, 1), LegalBasisCode.ND152_2025),
        (dt.date(2030, 1, 1), LegalBasisCode.ND152_2025),
    ],
)
def test_the_decree_in_force_changes_on_the_boundaries(day, code):
    # dossiers.legal is the one table of dates; the documents' citation only words it.
    assert legal_basis_on(day).code == code
    assert citation(None, on=day) is CITATIONS[code]


def test_every_legal_basis_has_a_citation_of_the_same_decree():
    assert set(CITATIONS) == set(LegalBasisCode.values)
    for code, cited in CITATIONS.items():
        number = legal_basis(code).decree.removeprefix("Nghị định số ")
        assert cited.code == code
        assert f"Nghị định số {number}" in cited.decree and number in cited.form_label


def test_proposal_letter_reads_like_the_decree_says():
    letter = samples.sample_proposal(50)
    data = pdf.render_pdf(letter.template, letter.context())
    text = pdf_text(data)
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN BẠCH THÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/TTr-UBND",
        "Bạch Thông, ngày 05 tháng 01 năm 2024",
        "TỜ TRÌNH",
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn",
        "Căn cứ Nghị định số 98/2023/NĐ-CP",
        "10 tập thể và 40 cá nhân",
        "Nơi nhận:",
        "- Lưu: VT, NV.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Hoàng Văn Ước",
        "DANH SÁCH",
        "Kèm theo Tờ trình số 05/TTr-UBND ngày 05/01/2024",
        "47.000.000 đồng",
        "205.000.000 đồng",
    ]:
        assert expected in text, expected
    for group in letter.groups:
        assert group.title in text
        for nominee in group.nominees:
            assert nominee.name in text, nominee.name


def test_layout_positions_and_page_numbers():
    letter = samples.sample_proposal(50)
    data = pdf.render_pdf(letter.template, letter.context())
    pages = page_texts(data)
    assert len(pages) >= 2
    runs = text_positions(data, 0)
    superior = find_run(runs, "UBND TỈNH BẮC KẠN")
    issuer = find_run(runs, "ỦY BAN NHÂN DÂN")
    nation = find_run(runs, "CỘNG HÒA XÃ HỘI")
    number = find_run(runs, "Số: 05/TTr-UBND")
    when = find_run(runs, "Bạch Thông, ngày")
    a4_width = 595.3
    # Superior body top left, Quốc hiệu top right, on one line; the issuing body under the
    # superior; number under the body name, place and date on its line at the right.
    assert superior[1] < a4_width / 2 < nation[1] + 150
    assert nation[1] > issuer[1]
    assert abs(superior[2] - nation[2]) < 2
    assert issuer[2] < superior[2]
    assert number[2] < issuer[2] and abs(number[2] - when[2]) < 3
    assert when[1] > number[1]
    # Left margin 30 mm (85 pt): nothing starts left of it.
    assert min(x for _, x, _ in runs) >= 84
    # No page number on page 1; "2" at the top centre of page 2.
    second = text_positions(data, 1)
    top = max(second, key=lambda r: r[2])
    assert top[0] == "2"
    assert abs(top[1] - (85 + (a4_width - 85 - 42.5) / 2)) < 15
    assert not any(r[0] == "1" and r[2] > 800 for r in runs)


def test_printable_view_has_the_same_text_as_the_pdf():
    letter = samples.sample_proposal(12)
    html = pdf.render_html(letter.template, letter.context(), printable=True)
    source = pdf.render_html(letter.template, letter.context(), printable=False)
    assert "css/document.css" in html and "js/print.js" in html
    assert "css/document.css" not in source
    text = pdf_text(pdf.html_to_pdf(source))
    for group in letter.groups:
        for nominee in group.nominees:
            assert nominee.name in html and nominee.name in text
    assert "<script>" not in html  # the CSP forbids inline scripts


def test_fifty_nominee_letter_renders_in_under_five_times_a_plain_page():
    result = bench.run(nominees=50, repeat=5)
    assert result.letter_pages >= 2
    assert result.ratio < 5, (result.letter_best, result.plain_best)


def test_count_phrase_leaves_out_zero():
    from dossiers.documents.content import count_phrase

    assert count_phrase(5, 2) == "05 tập thể và 02 cá nhân"
    assert count_phrase(0, 1) == "01 cá nhân"
    assert count_phrase(12, 0) == "12 tập thể"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5/TTr-UBND", (5, "TTr-UBND")),
        ("1234/QĐ-UBND", (1234, "QĐ-UBND")),
        ("12", (12, "TTr")),
        ("", (None, "TTr")),
        ("98a/CV-SNN", ("98a", "CV-SNN")),
    ],
)
def test_document_numbers_as_people_type_them(text, expected):
    from dossiers.documents.official import split_number

    assert split_number(text, "TTr") == expected
    number, symbol = expected
    if isinstance(number, int):
        assert number_symbol(number, symbol) == f"{number:02d}/{symbol}"
