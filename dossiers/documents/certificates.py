"""Bằng khen printed onto the province's pre-printed blank.

The blank already carries the national emblem, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
… TẶNG BẰNG KHEN" and the border; the app prints only the variable text, each
field in the box an administrator placed (mm from the blank's top left). A test
print draws a millimetre grid and every field's box, to be laid over a blank
against the light.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.safestring import mark_safe

from . import bodies, pdf
from .batch import remembered
from .legal import Plan, plan_of
from .models import Align, CertificateField, CertificateLayout, FieldKey
from .official import long_date, short_date
from .verify import qr_svg, verify_url

# A reasonable start for an A4-landscape blank (297 x 210 mm); administrators
# adjust it to the real blank with the test print.
DEFAULT_FIELDS: dict[str, dict] = {
    FieldKey.RECIPIENT: dict(x_mm=30, y_mm=92, width_mm=237, font_size_pt=24, bold=True),
    FieldKey.UNIT: dict(x_mm=30, y_mm=106, width_mm=237, font_size_pt=16, italic=True),
    FieldKey.ACHIEVEMENT: dict(x_mm=40, y_mm=118, width_mm=217, font_size_pt=16),
    FieldKey.DECISION: dict(
        x_mm=25, y_mm=168, width_mm=110, font_size_pt=12, italic=True, align=Align.LEFT
    ),
    FieldKey.REGISTER: dict(
        x_mm=25, y_mm=175, width_mm=110, font_size_pt=12, align=Align.LEFT, visible=False
    ),
    FieldKey.PLACE_DATE: dict(x_mm=160, y_mm=150, width_mm=120, font_size_pt=14, italic=True),
    FieldKey.SIGNER_TITLE: dict(x_mm=160, y_mm=158, width_mm=120, font_size_pt=14, bold=True),
    FieldKey.SIGNER_NAME: dict(x_mm=160, y_mm=188, width_mm=120, font_size_pt=16, bold=True),
}


@dataclass
class CertificateEntry:
    """The variable text of one certificate."""

    recipient: str  # "Ông Nông Văn Cường" / "Xã Quang Thuận"
    unit: str  # "Thôn Nà Pài, xã Quang Thuận, huyện Bạch Thông, tỉnh Bắc Kạn"
    achievement: str
    decision_number: str  # "1234/QĐ-UBND"
    decision_date: dt.date | None
    place: str  # the province's địa danh: "Bắc Kạn"
    register: str = ""
    # the public page that confirms the certificate (verify.py): printed as a QR code
    verify_url: str = ""
    correction: str = ""  # "đã đính chính theo Quyết định số … ngày …"

    def text(self, key: str, layout: CertificateLayout) -> str:
        if key == FieldKey.RECIPIENT:
            return self.recipient
        if key == FieldKey.UNIT:
            return self.unit
        if key == FieldKey.ACHIEVEMENT:
            return self.achievement
        if key == FieldKey.DECISION:
            text = f"Quyết định số {self.decision_number}"
            if self.decision_date:
                text += f" ngày {short_date(self.decision_date)}"
            if self.correction:
                text += f" ({self.correction})"
            return text
        if key == FieldKey.PLACE_DATE:
            return f"{self.place}, {long_date(self.decision_date)}"
        if key == FieldKey.SIGNER_TITLE:
            return layout.signer_title
        if key == FieldKey.SIGNER_NAME:
            return layout.signer_name
        if key == FieldKey.REGISTER:
            return f"Số vào sổ: {self.register}" if self.register else ""
        return ""


def achievement_text(plan: Plan, phrase: str) -> str:
    """ "Đã có thành tích xuất sắc trong Phong trào thi đua … năm 2023"."""
    return f"Đã có thành tích xuất sắc trong {plan.movement} {phrase}".strip()


SAMPLE_RECIPIENT = "Ông Nông Văn Cường"


def sample_entry() -> CertificateEntry:
    """An invented certificate of realistic length, in the deployment's province."""
    province = bodies.installation_province()  # the sample is dated in the plan's period
    return CertificateEntry(
        recipient=SAMPLE_RECIPIENT,
        unit=f"Thôn Khuổi Dạn, xã Dương Phong, huyện Bạch Thông, {bodies.province_label(province)}",
        achievement=achievement_text(plan_of(province), "năm 2023"),
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2024, 1, 15),
        place=bodies.province_committee(province).place,
        register="125/BK",
        verify_url=verify_url("mau-thu"),
    )


@transaction.atomic
def layout_create_default(*, name: str, by=None) -> CertificateLayout:
    """A new layout with every field at its default place; active if none is."""
    layout = CertificateLayout.objects.create(
        name=name,
        updated_by=by,
        is_active=not CertificateLayout.objects.filter(is_active=True).exists(),
    )
    CertificateField.objects.bulk_create(
        CertificateField(layout=layout, key=key, **values) for key, values in DEFAULT_FIELDS.items()
    )
    return layout


def active_layout() -> CertificateLayout:
    """The layout in use (a default one is created the first time)."""

    def find_or_create() -> CertificateLayout:
        layout = CertificateLayout.objects.filter(is_active=True).first()
        if layout is None:
            layout = layout_create_default(name="Phôi Bằng khen của Chủ tịch UBND tỉnh")
        return layout

    return remembered(("certificate_layout",), find_or_create)


@transaction.atomic
def layout_activate(*, layout: CertificateLayout, by) -> None:
    CertificateLayout.objects.filter(is_active=True).exclude(pk=layout.pk).update(is_active=False)
    layout.is_active = True
    layout.updated_by = by
    layout.save(update_fields=["is_active", "updated_by", "updated_at"])


def _page_css(layout: CertificateLayout) -> str:
    return (
        f"@page certificate {{ size: {layout.page_width_mm}mm {layout.page_height_mm}mm; "
        "margin: 0; @top-center { content: none; } }"
    )


def _fields(layout: CertificateLayout, *, include_hidden: bool = False):
    fields = list(layout.fields.all())
    return [f for f in fields if f.visible or include_hidden]


def _placed(fields, entry: CertificateEntry, layout: CertificateLayout) -> list[dict]:
    placed = []
    for field in fields:
        text = entry.text(field.key, layout)
        if field.uppercase:
            text = text.upper()
        placed.append({"field": field, "text": text})
    return placed


def _page(fields, entry: CertificateEntry, layout: CertificateLayout) -> dict:
    return {
        "fields": _placed(fields, entry, layout),
        "qr": qr_svg(entry.verify_url) if entry.verify_url else "",
    }


def grid_svg(width_mm: Decimal, height_mm: Decimal) -> str:
    """A millimetre grid: a fine line every 5 mm, a darker one with its figure every 10 mm."""
    w, h = int(width_mm), int(height_mm)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" '
        f'viewBox="0 0 {w} {h}" class="grid">'
    ]
    for vertical, length, span in ((True, w, h), (False, h, w)):
        for at in range(0, length + 1, 5):
            major = at % 10 == 0
            colour, stroke = ("#7a9cc6", 0.25) if major else ("#c5d5ea", 0.12)
            x1, y1, x2, y2 = (at, 0, at, span) if vertical else (0, at, span, at)
            parts.append(
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
                f'stroke-width="{stroke}"/>'
            )
            if major and at:
                tx, ty = (at + 0.5, 3) if vertical else (0.5, at - 0.5)
                parts.append(
                    f'<text x="{tx}" y="{ty}" font-size="2.2" fill="#36598a" '
                    f'font-family="sans-serif">{at}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def certificate_context(layout: CertificateLayout, entries: list[CertificateEntry]) -> dict:
    fields = _fields(layout)
    return {
        "layout": layout,
        "pages": [_page(fields, entry, layout) for entry in entries],
        "test_print": False,
    }


def certificates_document(layout: CertificateLayout, entries: list[CertificateEntry]):
    """The laid-out certificates (a WeasyPrint Document): one page per entry."""
    html = pdf.render_html(
        "documents/certificate.html", certificate_context(layout, entries), printable=False
    )
    return pdf.html_to_document(html, extra_css=_page_css(layout))


def certificates_pdf(layout: CertificateLayout, entries: list[CertificateEntry]) -> bytes:
    """One page per entry, every visible field in its box."""
    return certificates_document(layout, entries).write_pdf()


def test_print_context(layout: CertificateLayout) -> dict:
    fields = _fields(layout, include_hidden=True)
    return {
        "layout": layout,
        "pages": [_page(fields, sample_entry(), layout)],
        "test_print": True,
        "grid": mark_safe(grid_svg(layout.page_width_mm, layout.page_height_mm)),  # noqa: S308
    }


def test_print_pdf(layout: CertificateLayout) -> bytes:
    """The sample certificate over a millimetre grid, each field's box outlined and named."""
    return pdf.render_pdf(
        "documents/certificate.html", test_print_context(layout), extra_css=_page_css(layout)
    )
