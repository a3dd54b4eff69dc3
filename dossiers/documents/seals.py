"""The seal images (hình ảnh con dấu) of the bodies that sign electronic documents.

Nghị định 30/2020/NĐ-CP, Phụ lục I, on the digital signature of a body: the image of its
seal, red, at its real size, PNG on a transparent background, laid over about a third of
the signature on its left. An administrator uploads one image per body
(:func:`seal_upload`); the newest replaces the one before (kept, inactive). The demo
draws its own (:func:`demo_seal_png`, "DẤU THỬ NGHIỆM": no legal value, it says so).
"""

from __future__ import annotations

import io
import math

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from communes.models import Province
from emulation.audit import log_action
from emulation.provinces import in_provinces, installation_provinces

from . import bodies
from .models import SealImage
from .pdf import document_font

MAX_SEAL_BYTES = 2 * 1024 * 1024
RED = (200, 16, 46, 255)


class SealError(ValueError):
    """The image is refused; the message (Vietnamese) says why."""


def seal_bodies() -> list[tuple[str, str, str]]:
    """(body key, body name, province key) of the bodies whose seal this installation
    keeps: the provinces' committees, which issue the decisions the app signs."""
    provinces = Province.objects.filter(in_provinces("key", installation_provinces()))
    found: dict[str, tuple[str, str, str]] = {}
    for province in provinces.order_by("valid_from", "code"):
        body = bodies.province_committee(province)
        found.setdefault(body.key, (body.key, body.name, province.key))
    return list(found.values())


def seals_of_installation() -> QuerySet[SealImage]:
    return SealImage.objects.filter(in_provinces("province_id", installation_provinces()))


def _checked_png(data: bytes) -> bytes:
    if not data:
        raise SealError(_("Tệp rỗng. Chọn lại tệp."))
    if len(data) > MAX_SEAL_BYTES:
        raise SealError(_("Hình con dấu quá 2 MB."))
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise SealError(_("Hình con dấu phải là tệp PNG (nền trong suốt)."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            size = image.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise SealError(_("Tệp PNG hỏng, không đọc được.")) from exc
    if min(size) < 64 or max(size) > 4000:
        raise SealError(_("Hình con dấu cần từ 64 đến 4000 điểm ảnh mỗi chiều."))
    return data


@transaction.atomic
def seal_upload(*, body_key: str, data: bytes, by=None, is_demo: bool = False) -> SealImage:
    """Make ``data`` (a PNG) the seal image of ``body_key`` (one of :func:`seal_bodies`);
    the one before stays, inactive. :class:`SealError` when refused."""
    known = {key: province for key, _name, province in seal_bodies()}
    if body_key not in known:
        raise SealError(_("Chọn cơ quan ban hành."))
    png = _checked_png(data)
    before = list(SealImage.objects.select_for_update().filter(body_key=body_key, is_active=True))
    SealImage.objects.filter(pk__in=[s.pk for s in before]).update(is_active=False)
    seal = SealImage.objects.create(
        body_key=body_key,
        province_id=known[body_key],
        png=png,
        is_demo=is_demo,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    log_action(
        action="signing.seal_upload",
        obj=seal,
        by=by,
        details={"body": body_key, "bytes": len(png), "replaces": [s.pk for s in before]},
        province=seal.province_id,
    )
    return seal


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(document_font().files[1], size)
    except OSError:
        return ImageFont.load_default()


def demo_seal_png(name: str, *, size: int = 400) -> bytes:
    """A round red seal with ``name`` around its rim and "DẤU THỬ NGHIỆM" across the
    middle: the demo's, invented, with no legal value."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    c = size / 2
    draw.ellipse([6, 6, size - 6, size - 6], outline=RED, width=10)
    draw.ellipse([size * 0.2, size * 0.2, size * 0.8, size * 0.8], outline=RED, width=5)
    # the name around the rim, one letter at a time
    text = name.upper()
    font = _font(int(size * 0.075))
    radius = size * 0.4
    step = min(300 / max(len(text), 1), 14)
    start = -90 - step * (len(text) - 1) / 2
    for i, letter in enumerate(text):
        angle = start + i * step
        tile = Image.new("RGBA", (int(size * 0.12), int(size * 0.12)), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text(
            (tile.width / 2, tile.height / 2), letter, font=font, fill=RED, anchor="mm"
        )
        tile = tile.rotate(-(angle + 90), resample=Image.Resampling.BICUBIC)
        x = c + radius * math.cos(math.radians(angle)) - tile.width / 2
        y = c + radius * math.sin(math.radians(angle)) - tile.height / 2
        image.alpha_composite(tile, (int(x), int(y)))
    middle = _font(int(size * 0.07))
    draw.text((c, c - size * 0.05), "DẤU", font=middle, fill=RED, anchor="mm")
    draw.text((c, c + size * 0.05), "THỬ NGHIỆM", font=middle, fill=RED, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def demo_seals() -> int:
    """The demo's seal image for each body of :func:`seal_bodies` that has none."""
    made = 0
    for key, name, _province in seal_bodies():
        if not SealImage.objects.filter(body_key=key, is_active=True).exists():
            seal_upload(body_key=key, data=demo_seal_png(name), is_demo=True)
            made += 1
    return made
