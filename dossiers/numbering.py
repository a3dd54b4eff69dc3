"""Numbers and symbols of documents (số, ký hiệu), Nghị định 30/2020/NĐ-CP.

A document's number reads "05/TTr-UBND": the number, then its symbol, the abbreviation
of the document's kind (Phụ lục III: TTr for a tờ trình, QĐ for a quyết định, BC, BB …)
joined by "-" to the issuing body's abbreviation. A công văn has no kind abbreviation.

:func:`number_error` refuses a number whose symbol names another kind (an agency's tờ
trình numbered "12/CV-SNN", a decision "5/TTr-UBND"), with a message saying what the
symbol should be. A number alone ("12") is accepted: the document adds its own symbol.
Issue 16's register will hand out the numbers; the kinds and the check stay these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from emulation.models import Agency


@dataclass(frozen=True)
class DocumentKind:
    code: str  # "TTr"
    name: str  # "tờ trình"


# Phụ lục III, Nghị định 30/2020/NĐ-CP: the abbreviations of the kinds of document.
KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("NQ", "nghị quyết"),
    DocumentKind("QĐ", "quyết định"),
    DocumentKind("CT", "chỉ thị"),
    DocumentKind("QC", "quy chế"),
    DocumentKind("QyĐ", "quy định"),
    DocumentKind("TC", "thông cáo"),
    DocumentKind("TB", "thông báo"),
    DocumentKind("HD", "hướng dẫn"),
    DocumentKind("CTr", "chương trình"),
    DocumentKind("KH", "kế hoạch"),
    DocumentKind("PA", "phương án"),
    DocumentKind("ĐA", "đề án"),
    DocumentKind("DA", "dự án"),
    DocumentKind("BC", "báo cáo"),
    DocumentKind("BB", "biên bản"),
    DocumentKind("TTr", "tờ trình"),
    DocumentKind("HĐ", "hợp đồng"),
    DocumentKind("CĐ", "công điện"),
    DocumentKind("GN", "bản ghi nhớ"),
    DocumentKind("TTh", "bản thỏa thuận"),
    DocumentKind("GUQ", "giấy ủy quyền"),
    DocumentKind("GM", "giấy mời"),
    DocumentKind("GGT", "giấy giới thiệu"),
    DocumentKind("NP", "giấy nghỉ phép"),
    DocumentKind("PG", "phiếu gửi"),
    DocumentKind("PC", "phiếu chuyển"),
    DocumentKind("PB", "phiếu báo"),
)
BY_CODE = {kind.code: kind for kind in KINDS}
TO_TRINH, QUYET_DINH, BAO_CAO, BIEN_BAN = (BY_CODE[c] for c in ("TTr", "QĐ", "BC", "BB"))

_NUMBER = re.compile(r"^\d{1,6}$")
COMMITTEE_ABBREVIATION = "UBND"  # every Ủy ban nhân dân, of whatever level


def agency_abbreviation(agency: Agency) -> str:
    """The agency in its documents' symbols, from its short name ("Sở NN&PTNT" ->
    "SNNPTNT", "Sở Tài chính" -> "STC", "Hội ND tỉnh" -> "HND"): a word in capitals kept,
    another by its initial, the closing "tỉnh" left out."""
    words = (agency.short_name or agency.name).replace("&", " ").split()
    if len(words) > 1 and words[-1].lower() == "tỉnh":
        words = words[:-1]
    letters = [w if w.isupper() else w[0].upper() for w in words if w.lower() != "và"]
    return "".join(letters)


def symbol(kind: DocumentKind, issuer: str) -> str:
    """ "TTr-UBND", "TTr-SNN", "BB-HĐTĐKT"."""
    return f"{kind.code}-{issuer}" if issuer else kind.code


def proposer_abbreviation(*, agency: Agency | None = None) -> str:
    """The proposing level in its symbols: "UBND" for a district's or a commune's UBND,
    the agency's own abbreviation (:func:`agency_abbreviation`) for a provincial agency."""
    return agency_abbreviation(agency) if agency is not None else COMMITTEE_ABBREVIATION


def _body_error(given: str, kind: DocumentKind, issuer: str) -> str | None:
    """Why the body part ``given`` of a symbol is not ``issuer`` (Phụ lục III: the kind,
    "-", the issuing body's abbreviation), or ``None``."""
    if not issuer or given == issuer:
        return None
    example = f"05/{symbol(kind, issuer)}"
    if not given:
        return _("Ký hiệu thiếu tên viết tắt của cơ quan ban hành: viết %(e)s.") % {"e": example}
    return _(
        "Phần sau “%(c)s-” là tên viết tắt của cơ quan ban hành (%(i)s), không phải "
        "“%(g)s” (vd. %(e)s)."
    ) % {"c": kind.code, "i": issuer, "g": given, "e": example}


def number_error(text: str, kind: DocumentKind, issuer: str = "") -> str | None:
    """Why ``text`` is not a number of a ``kind`` document ``issuer`` issues (its
    abbreviation, "UBND", "SNNPTNT"; empty: any body), or ``None`` when it is (or is
    empty, or a number alone)."""
    text = " ".join((text or "").split())
    if not text:
        return None
    number, slash, sym = text.partition("/")
    number, sym = number.strip(), sym.strip()
    example = f"05/{symbol(kind, issuer or COMMITTEE_ABBREVIATION)}"
    if not _NUMBER.match(number):
        return _("Số văn bản viết bằng chữ số, rồi dấu “/” và ký hiệu (vd. %(e)s).") % {
            "e": example
        }
    if not slash:
        return None
    given, dash, body = sym.partition("-")
    if given == kind.code:
        # "1/QĐ" (the kind alone) is accepted; a body part must be the issuer's own
        return _body_error(body.strip(), kind, issuer) if dash else None
    named = BY_CODE.get(given) or next(
        (k for k in KINDS if k.code.casefold() == given.casefold()), None
    )
    if named is not None and named.code == kind.code:
        return _("Viết ký hiệu “%(c)s” đúng như Nghị định 30/2020/NĐ-CP (vd. %(e)s).") % {
            "c": kind.code,
            "e": example,
        }
    if named is not None:
        return _(
            "Ký hiệu “%(g)s” là của %(n)s; văn bản này là %(k)s, ký hiệu bắt đầu bằng "
            "“%(c)s-” (vd. %(e)s)."
        ) % {"g": given, "n": named.name, "k": kind.name, "c": kind.code, "e": example}
    return _(
        "Văn bản này là %(k)s: ký hiệu bắt đầu bằng “%(c)s-” (vd. %(e)s), không phải “%(g)s”."
    ) % {"k": kind.name, "c": kind.code, "e": example, "g": given}
