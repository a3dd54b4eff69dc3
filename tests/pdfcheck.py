"""Reading PDFs back in tests: text, fonts, and where text sits on the page."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

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
