"""Who signs a body's documents, and how the signature block reads.

The signers are data of each body (:class:`~dossiers.documents.models.Signatory`, with
their validity); the one valid on the document's date is chosen when the document is
made (the default one first, or the one asked for). Without data a document still
carries the body's own forms (never a placeholder): a UBND's "TM. ỦY BAN NHÂN DÂN /
KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", an agency's "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", with the
name left for the signer to write.

Forms (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 7): "TM." above a collective body's
documents, "KT." when a deputy signs for the head, "Q." for an acting head.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from .batch import remembered
from .bodies import Body
from .models import Signatory, SigningCapacity
from .official import Signer

COMMITTEE = "ỦY BAN NHÂN DÂN"
COMMITTEE_KINDS = frozenset({"province", "district", "commune"})

# The head of a provincial agency, by how its name begins (lower case, longest first).
AGENCY_HEADS: tuple[tuple[str, str], ...] = (
    ("ủy ban mặt trận", "CHỦ TỊCH"),
    ("bộ chỉ huy", "CHỈ HUY TRƯỞNG"),
    ("văn phòng", "CHÁNH VĂN PHÒNG"),
    ("thanh tra", "CHÁNH THANH TRA"),
    ("liên đoàn", "CHỦ TỊCH"),
    ("liên minh", "CHỦ TỊCH"),
    ("tỉnh đoàn", "BÍ THƯ"),
    ("chi cục", "CHI CỤC TRƯỞNG"),
    ("cục ", "CỤC TRƯỞNG"),
    ("hội ", "CHỦ TỊCH"),
    ("ban ", "TRƯỞNG BAN"),
    ("sở ", "GIÁM ĐỐC"),
)
DEFAULT_AGENCY_HEAD = "GIÁM ĐỐC"

# The head of a unit known only by its name (a village, an enterprise, a cooperative),
# who signs its achievement report; else the form's own words.
UNIT_HEADS: tuple[tuple[str, str], ...] = (
    ("tổ dân phố", "TỔ TRƯỞNG TỔ DÂN PHỐ"),
    ("hợp tác xã", "GIÁM ĐỐC"),
    ("doanh nghiệp", "GIÁM ĐỐC"),
    ("công ty", "GIÁM ĐỐC"),
    ("thôn ", "TRƯỞNG THÔN"),
    ("bản ", "TRƯỞNG BẢN"),
    ("quỹ ", "GIÁM ĐỐC"),
    ("hội ", "CHỦ TỊCH"),
)
UNIT_HEAD_FORM = "THỦ TRƯỞNG ĐƠN VỊ"  # Mẫu số 07 of Nghị định 91/2017


def unit_head_title(name: str) -> str:
    """ "TRƯỞNG THÔN" for "Thôn Nà Pài", "GIÁM ĐỐC" for a company or a cooperative; the
    form's "THỦ TRƯỞNG ĐƠN VỊ" for a unit of another kind."""
    words = " ".join(name.lower().split()) + " "
    for start, title in UNIT_HEADS:
        if words.startswith(start):
            return title
    return UNIT_HEAD_FORM


def head_title(body: Body) -> str:
    """The title of the body's head: "CHỦ TỊCH" of a UBND, "GIÁM ĐỐC" of a sở …"""
    if body.kind in COMMITTEE_KINDS:
        return "CHỦ TỊCH"
    if body.kind == "council":
        return "CHỦ TỊCH HỘI ĐỒNG"
    name = " ".join(body.name.lower().split()) + " "
    for start, title in AGENCY_HEADS:
        if name.startswith(start):
            return title
    return DEFAULT_AGENCY_HEAD


def default_signer(body: Body, *, on_behalf: bool = True) -> Signer:
    """The body's signature block without signer data: a deputy signs for the head."""
    head = head_title(body)
    authority = f"TM. {COMMITTEE}" if on_behalf and body.kind in COMMITTEE_KINDS else ""
    return Signer(authority=authority, deputy=f"KT. {head}", title=f"PHÓ {head}")


def signer_of(signatory: Signatory, *, on_behalf: bool = True) -> Signer:
    """The signature block of ``signatory``: "TM. …" on a collective's document when
    ``on_behalf``; "KT. <head>" over the deputy's title; "Q. <head>" for an acting head."""
    authority = (
        f"TM. {signatory.collective_name.upper()}"
        if on_behalf and signatory.collective_name
        else ""
    )
    head = signatory.head_title.upper()
    if signatory.capacity == SigningCapacity.DEPUTY:
        return Signer(authority, f"KT. {head}", signatory.title.upper(), signatory.full_name)
    if signatory.capacity == SigningCapacity.ACTING:
        return Signer(authority, "", f"Q. {head}", signatory.full_name)
    return Signer(authority, "", head, signatory.full_name)


def signatories_of(body: Body, on: dt.date | None = None) -> list[Signatory]:
    """The body's signers valid on ``on`` (default today), the default one first."""
    if not body.key:
        return []
    day = on or dt.date.today()
    return remembered(
        ("signatories", body.key, day),
        lambda: list(
            Signatory.objects.filter(body_key=body.key)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        ),
    )


def signer_for(
    body: Body,
    on: dt.date | None = None,
    *,
    on_behalf: bool = True,
    chosen: int | None = None,
    fallback: Signer | None = None,
) -> Signer:
    """The signature block of a document ``body`` issues on ``on``: the signatory
    ``chosen`` (its id) if it may sign that day, else the default valid one, else
    ``fallback`` or the body's forms with no name (:func:`default_signer`)."""
    valid = signatories_of(body, on)
    picked = next((s for s in valid if s.pk == chosen), None) if chosen else None
    if picked is None and valid:
        picked = valid[0]
    if picked is not None:
        return signer_of(picked, on_behalf=on_behalf)
    return fallback or default_signer(body, on_behalf=on_behalf)


def signer_label(signatory: Signatory, *, on_behalf: bool = True) -> str:
    """How a signatory reads in a list to choose from: "Nguyễn Văn A: TM. ỦY BAN NHÂN
    DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (the form the document will print)."""
    block = signer_of(signatory, on_behalf=on_behalf)
    form = " / ".join(p for p in (block.authority, block.deputy, block.title) if p)
    return f"{signatory.full_name}: {form}"


@dataclass(frozen=True)
class SignerChoice:
    """The signatories a document may be signed by, and the one it is signed by."""

    options: list[tuple[int, str]]  # (signatory id, label), the default one first
    chosen: int | None  # the id the document prints (None: the body's forms, no data)


def signer_choice(
    body: Body, on: dt.date | None, *, on_behalf: bool = True, chosen: int | None = None
) -> SignerChoice:
    """The choice offered when ``body``'s document of ``on`` is made: its signatories
    valid that day; ``chosen`` if it is one of them, else the default (as
    :func:`signer_for` picks)."""
    valid = signatories_of(body, on)
    ids = [s.pk for s in valid]
    picked = chosen if chosen in ids else (ids[0] if ids else None)
    return SignerChoice([(s.pk, signer_label(s, on_behalf=on_behalf)) for s in valid], picked)
