"""Reading PDFs back in tests: text, fonts, and where text sits on the page."""

from __future__ import annotations

import functools
import io
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    """All text of the PDF, NFC, each run of spaces and line breaks made one space
    (so a phrase that wraps at the end of a line is still found)."""
    text = " ".join(page.extract_text() or "" for page in reader(data).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_texts(data: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text() or "") for page in reader(data).pages]


@dataclass
class EmbeddedFont:
    base_name: str
    family: str
    full_name: str
    version: str
    cmap: dict[int, str]


def embedded_fonts(data: bytes) -> dict[str, EmbeddedFont]:
    """Every font program embedded in the PDF, read with fontTools."""
    fonts: dict[str, EmbeddedFont] = {}
    for page in reader(data).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            base = str(font["/BaseFont"])
            if base in fonts:
                continue
            descendants = font.get("/DescendantFonts")
            desc_font = descendants[0].get_object() if descendants else font
            descriptor = desc_font["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            tt = TTFont(io.BytesIO(program.get_object().get_data()))
            names = tt["name"]
            fonts[base] = EmbeddedFont(
                base_name=base,
                family=str(names.getDebugName(1)),
                full_name=str(names.getDebugName(4)),
                version=str(names.getDebugName(5)),
                cmap=dict(tt.getBestCmap() or {}),
            )
    return fonts


def text_positions(data: bytes, page_number: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y) of each text run on a page, in PDF points from the bottom left."""
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            # Text position = text matrix transformed by the current matrix.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((unicodedata.normalize("NFC", text.strip()), x, y))

    reader(data).pages[page_number].extract_text(visitor_text=visit)
    return runs


@dataclass(frozen=True)
class Run:
    text: str
    x: float  # PDF points from the left
    y: float  # PDF points from the bottom: a line above has a greater y
    font: str  # the embedded font's name: "…LiberationSerif-Bold"

    @property
    def bold(self) -> bool:
        return "Bold" in self.font


def styled_runs(data: bytes, page_number: int = 0) -> list[Run]:
    """Each text run on a page with its position and font."""
    runs: list[Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            font = str((font_dict or {}).get("/BaseFont", ""))
            runs.append(Run(unicodedata.normalize("NFC", text.strip()), x, y, font))

    reader(data).pages[page_number].extract_text(visitor_text=visit)
    return runs


def head_left(data: bytes) -> list[Run]:
    """The runs of the top-left block of page 1 (superior and issuing body), top down:
    left of the Quốc hiệu, above the place-and-date line."""
    runs = styled_runs(data, 0)
    nation = next(r for r in runs if "CỘNG HÒA XÃ HỘI" in r.text)
    when = next(r for r in runs if ", ngày" in r.text)
    block = [r for r in runs if r.x < nation.x and when.y + 2 < r.y <= nation.y + 2]
    return sorted(block, key=lambda r: -r.y)


def find_run(runs, needle: str) -> tuple[str, float, float]:
    for run in runs:
        if needle in run[0]:
            return run
    raise AssertionError(f"{needle!r} not on the page: {[r[0] for r in runs]}")


# ---- English left in an official document ------------------------------------------

ENGLISH_WORDS = frozenset(
    "the of and for with by from pursuant decides article recipients district "
    "committee report minutes decision proposal no chairman province commune people "
    "council signed approved list total date name".split()
)


@functools.cache
def _english_fragments() -> frozenset[str]:
    """Every English text of the interface's catalogue (locale/en), cut at its
    placeholders: pieces of at least 10 letters, ASCII, with a space."""
    import gettext  # noqa: PLC0415 - only the English check reads the catalogue

    from django.conf import settings  # noqa: PLC0415

    path = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    pieces = set()
    for msgid, msgstr in catalog.items():
        texts = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        for text in texts:
            if not text or text == msgid:
                continue
            for piece in re.split(r"%\(\w+\)\w|%\w|\{[^}]*\}|<[^>]*>|[\n\t]", text):
                piece = " ".join(piece.split()).strip(" .,:;()")
                if len(piece) >= 10 and " " in piece and piece.isascii():
                    pieces.add(piece)
    return frozenset(pieces)


def english_in(text: str) -> list[str]:
    """English found in a document's text: catalogue phrases, then common English words
    (a Vietnamese document has none of them as words of its own)."""
    found = [piece for piece in _english_fragments() if piece in text]
    words = re.findall(r"[A-Za-z]+", text)
    found += sorted({w for w in words if w.lower() in ENGLISH_WORDS})
    return found


# ---- The signature block never alone on its page --------------------------------

CLOSING_MARKERS = ("Nơi nhận:", "XÁC NHẬN CỦA CẤP TRÌNH", "THƯ KÝ")


def closing_page(data: bytes) -> tuple[int, str]:
    """(index, text before the signature block) of the page where the block starts
    (the first page naming "Nơi nhận:", the certifying level or the council's secretary)."""
    for i, text in enumerate(page_texts(data)):
        found = [text.find(m) for m in CLOSING_MARKERS if m in text]
        if found:
            before = text[: min(found)]
            if i > 0:  # the page number heads every page but the first
                before = before.lstrip().removeprefix(str(i + 1))
            return i, " ".join(before.split())
    raise AssertionError("no signature block found")


def body_words_before_signature(data: bytes) -> int:
    """How many words of body text share the page with the signature block."""
    return len(closing_page(data)[1].split())


# ---- The editable copy (.docx) -----------------------------------------------------


def docx_text(data: bytes) -> str:
    """All text of a .docx, body paragraphs and table cells in document order, NFC."""
    from docx import Document  # noqa: PLC0415 - only the DOCX checks read Word files

    document = Document(io.BytesIO(data))
    parts: list[str] = []
    for block in document.element.body.iterchildren():
        for node in block.iter():
            if node.tag.endswith("}t"):
                parts.append(node.text or "")
            elif node.tag.endswith(("}br", "}p", "}tc")):
                parts.append(" ")  # a line break, a paragraph, a cell: words apart
    return " ".join(unicodedata.normalize("NFC", " ".join(parts)).split())


def words(text: str) -> set[str]:
    """The words of a text, without punctuation, dotted blanks or bare numbers; a symbol
    a PDF line broke after its hyphen ("40/TTr- UBND") joined again."""
    found = set()
    for token in re.sub(r"(\w)- (\w)", r"\1-\2", text).split():
        token = token.strip(".,;:()“”\"'-–/…")
        if token and not token.isdigit():
            found.add(token)
    return found


def pdfsig(data: bytes, tmp_path: Path) -> str:
    """poppler's ``pdfsig`` report on a PDF (signatures, validity, what they cover)."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr
