"""HTML templates to PDF with WeasyPrint, in a font that has every Vietnamese letter.

One :class:`FontConfiguration` and one parsed stylesheet serve every document
of the process (parsing the stylesheet and loading the fonts is most of the
cost of a small document). All text is normalised to NFC before rendering, so
that a name typed with combining marks ("e" + U+0302 + U+0301) prints as the
same glyph as "ế".

The font is picked by file, not by family name: Debian ships Liberation Serif
1.07 (fonts-liberation) and 2.x (fonts-liberation2) under the same family name,
and 1.07 lacks 92 Vietnamese letters. The first candidate whose file covers
every Vietnamese letter wins; both candidates have Times New Roman's metrics,
which Nghị định 30/2020/NĐ-CP prescribes.
"""

from __future__ import annotations

import atexit
import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils.translation import get_language

from .language import official_language, toolbar_labels

# Family name used by the document stylesheet; mapped to files by @font-face.
FONT_FAMILY = "NTM Serif"
STYLESHEET = "css/document.css"

# (label, regular, bold, italic, bold italic), in order of preference.
FONT_CANDIDATES: list[tuple[str, tuple[str, str, str, str]]] = [
    (
        "Liberation Serif 2",
        (
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf",
        ),
    ),
    (
        "Tinos",
        (
            "/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",
            "/usr/share/fonts/truetype/croscore/Tinos-Bold.ttf",
            "/usr/share/fonts/truetype/croscore/Tinos-Italic.ttf",
            "/usr/share/fonts/truetype/croscore/Tinos-BoldItalic.ttf",
        ),
    ),
]


def vietnamese_letters() -> str:
    """Every letter of the Vietnamese alphabet with every tone, both cases (NFC)."""
    vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    letters = {"đ", "Đ"}
    for vowel in vowels:
        for tone in tones:
            letter = unicodedata.normalize("NFC", vowel + tone)
            letters.add(letter)
            letters.add(letter.upper())
    consonants = "bcdghklmnpqrstvx"
    return "".join(sorted(letters)) + consonants + consonants.upper()


def _covers_vietnamese(path: str) -> bool:
    from fontTools.ttLib import TTFont  # noqa: PLC0415 - loaded only when a PDF font is measured

    try:
        cmap = TTFont(path, lazy=True).getBestCmap()
    except OSError:
        return False
    return all(ord(ch) in cmap for ch in vietnamese_letters())


@dataclass(frozen=True)
class DocumentFont:
    label: str
    files: tuple[str, str, str, str]


@functools.cache
def document_font() -> DocumentFont:
    """The first installed font whose four faces cover every Vietnamese letter."""
    candidates = list(getattr(settings, "DOCUMENT_FONT_CANDIDATES", FONT_CANDIDATES))
    for label, files in candidates:
        if all(Path(f).is_file() and _covers_vietnamese(f) for f in files):
            return DocumentFont(label, tuple(files))
    raise ImproperlyConfigured(
        "Không tìm thấy phông chữ có đủ chữ tiếng Việt cho văn bản PDF: cài gói "
        "fonts-liberation2 hoặc fonts-croscore (scripts/setup.sh cài sẵn)."
    )


@functools.cache
def _advances(path: str) -> tuple[dict[int, int], int]:
    """Advance width of each character of a font file, and its units per em."""
    from fontTools.ttLib import TTFont  # noqa: PLC0415 - loaded only when a PDF font is measured

    font = TTFont(path, lazy=True)
    hmtx = font["hmtx"]
    widths = {code: hmtx[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm


def text_width_mm(text: str, *, size_pt: float, bold: bool = False) -> float | None:
    """Width of one line of ``text`` in the document font, in millimetres (no kerning);
    ``None`` when no document font is installed."""
    try:
        font = document_font()
    except ImproperlyConfigured:
        return None
    widths, units = _advances(font.files[1 if bold else 0])
    fallback = widths.get(ord("M"), units)
    total = sum(widths.get(ord(ch), fallback) for ch in nfc(text))
    return total / units * size_pt * 25.4 / 72


def font_face_css() -> str:
    font = document_font()
    faces = []
    for path, weight, style in zip(
        font.files,
        ("normal", "bold", "normal", "bold"),
        ("normal", "normal", "italic", "italic"),
        strict=True,
    ):
        faces.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{Path(path).as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(faces)


@functools.cache
def shared_weasy():
    """The FontConfiguration and parsed stylesheets shared by every document."""
    from weasyprint import CSS  # noqa: PLC0415 - WeasyPrint takes ~0.9 s to import; loaded only when a PDF is made
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 - WeasyPrint takes ~0.9 s to import; loaded only when a PDF is made

    font_config = FontConfiguration()
    css_path = finders.find(STYLESHEET) or str(Path(settings.STATIC_ROOT) / STYLESHEET)
    stylesheets = [
        CSS(string=font_face_css(), font_config=font_config),
        CSS(filename=css_path, font_config=font_config),
    ]
    # Let the FontConfiguration go before the interpreter tears down its modules.
    atexit.register(shared_weasy.cache_clear)
    return font_config, stylesheets


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def html_to_document(html: str, *, extra_css: str = ""):
    """Lay out an HTML string (a whole document): a WeasyPrint Document, pages ready."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - WeasyPrint takes ~0.9 s to import; loaded only when a PDF is made

    font_config, stylesheets = shared_weasy()
    sheets = list(stylesheets)
    if extra_css:
        sheets.append(CSS(string=extra_css, font_config=font_config))
    base_url = str(Path(settings.BASE_DIR) / "static") + "/"
    return HTML(string=nfc(html), base_url=base_url).render(
        stylesheets=sheets, font_config=font_config
    )


def html_to_pdf(html: str, *, extra_css: str = "") -> bytes:
    """Render an HTML string (already a whole document) to PDF bytes."""
    return html_to_document(html, extra_css=extra_css).write_pdf()


def join_documents(documents) -> bytes:
    """One PDF of the pages of several laid-out documents, in order."""
    first = documents[0]
    return first.copy([page for document in documents for page in document.pages]).write_pdf()


def render_html(template_name: str, context: dict, *, request=None, printable: bool) -> str:
    """The document's HTML: ``printable`` for the browser view, else the PDF's source.

    Both come from the same template, so the printable view shows what the PDF shows.
    The document is rendered in Vietnamese whatever the interface language (only the
    printable view's toolbar follows the interface).
    """
    context = {**context, "printable": printable}
    if printable:
        context.update(labels=toolbar_labels(), interface_language=get_language() or "vi")
    with official_language():
        return nfc(render_to_string(template_name, context, request=request))


def render_pdf(template_name: str, context: dict, *, extra_css: str = "") -> bytes:
    return html_to_pdf(render_html(template_name, context, printable=False), extra_css=extra_css)


# CSS pixels to PDF points (WeasyPrint lays out in CSS px, 96 to the inch; PDF has 72).
PX_TO_PT = 0.75


@dataclass(frozen=True)
class Placed:
    """A rendered PDF and where its signer signs: the page (0-based) holding the first
    signature block's space above the signer's name, and that space as (x0, y0, x1, y1)
    in PDF points from the page's bottom left; (-1, None) when it has none."""

    data: bytes
    sign_page: int
    sign_place: tuple[float, float, float, float] | None


def _classes(box) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None else []


def _space_box(box, in_signer: bool = False):
    """The first ``.signer .space`` box under ``box`` (depth first), or None."""
    classes = _classes(box)
    if in_signer and "space" in classes and getattr(box, "element_tag", "") == "div":
        return box
    inside = in_signer or "signer" in classes
    for child in getattr(box, "children", ()):
        found = _space_box(child, inside)
        if found is not None:
            return found
    return None


def signature_space(document) -> tuple[int, tuple[float, float, float, float] | None]:
    """Where the first signature block's space for signature and seal sits in a laid-out
    WeasyPrint ``document`` (the ``.signer .space`` of templates/documents/_signature.html)."""
    for index, page in enumerate(document.pages):
        box = _space_box(page._page_box)
        if box is None:
            continue
        x0, top = box.position_x, box.position_y
        x1, bottom = x0 + box.margin_width(), top + box.margin_height()
        return index, (
            x0 * PX_TO_PT,
            (page.height - bottom) * PX_TO_PT,
            x1 * PX_TO_PT,
            (page.height - top) * PX_TO_PT,
        )
    return -1, None


def render_pdf_placed(template_name: str, context: dict) -> Placed:
    """:func:`render_pdf`, and where the document's signer signs (:func:`signature_space`)."""
    document = html_to_document(render_html(template_name, context, printable=False))
    page, place = signature_space(document)
    return Placed(document.write_pdf(), page, place)


# The archival variant (ISO 19005-2, level B): WeasyPrint writes the XMP identification
# (pdfaid:part 2, conformance B), an sRGB output intent and embeds every font.
PDFA_VARIANT = "pdf/a-2b"


def render_pdfa(template_name: str, context: dict) -> tuple[bytes, int]:
    """The document as PDF/A-2b, and its number of pages (for the archive package)."""
    document = html_to_document(render_html(template_name, context, printable=False))
    return document.write_pdf(pdf_variant=PDFA_VARIANT), len(document.pages)
