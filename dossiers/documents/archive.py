"""The archive package of a decided round (gói hồ sơ nộp lưu): one ZIP with every
document of the round as PDF/A-2b, a machine-readable metadata file and a
human-readable list (mục lục văn bản).

What goes in (the round's decided dossiers the user may see, and the province's
decisions of the round):

- each award decision with its annex (the province's :class:`~dossiers.models.Decision`,
  or, for a dossier decided before decisions were recorded, its own decision);
- per dossier: the proposal letter with its list (tờ trình), each nominee's achievement
  report, the minutes of the council (biên bản), as the app makes them;
- per dossier: the uploaded files that are PDFs (the signed, stamped scans), **as they
  are**: a PDF that already declares PDF/A stays PDF/A; any other is not converted (no
  converter that keeps a scan's content and a signature's bytes intact is installed) and
  the metadata says so (``pdfa: null``, ``da_chuyen_doi_pdfa: false`` and a note). Other
  uploads (images, Word files) are listed under ``khong_kem_tep`` with the reason;
- a decision that has a digitally signed PDF: that file, as it is (a signed file is
  never rewritten), from :func:`signed_decision_files` — the one hook the signing flow
  fills in;
- each correcting decision (đính chính, sửa đổi, bổ sung) of the round, made from what it
  recorded (:func:`~.builders.decision.correction_decision`).

Every PDF the app makes is written as PDF/A-2b by WeasyPrint (XMP ``pdfaid:part=2``,
``pdfaid:conformance=B``, an sRGB output intent, every font embedded).

The metadata (``metadata.json``, schema ``docs/archive-package.schema.json``, described
in ``docs/archive-package.md``) follows the input data of an electronic file and document
of Thông tư 02/2019/TT-BNV and Nghị định 30/2020/NĐ-CP Phụ lục V (mã hồ sơ, tiêu đề hồ
sơ, thời hạn bảo quản, chế độ sử dụng, ngôn ngữ, thời gian bắt đầu / kết thúc, tổng số
văn bản, số lượng trang, ký hiệu thông tin, từ khóa, mức độ tin cậy; per document mã
định danh văn bản, số và ký hiệu, ngày, tên loại, trích yếu, tác giả, số lượng trang …),
which Thông tư 05/2025/TT-BNV is taken to carry on: its own text was not available when
this was written, so its field names are not checked. Every file carries its SHA-256.

Queries: a fixed number whatever the number of dossiers and nominees (everything is read
up front, see :func:`_gather`); PDF rendering is the cost, so the package is made in the
background (:mod:`.producers`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader

from dossiers.awards import Award, awards_of
from dossiers.models import (
    Attachment,
    AttachmentKind,
    Decision,
    DecisionKind,
    Dossier,
    Nominee,
    RoundChoices,
    Status,
)
from dossiers.selectors import decisions_visible_to, dossiers_visible_to
from emulation.labels import round_name

from . import bodies, builders, pdf
from .batch import one_batch
from .language import official_language
from .models import SignedDocument

logger = logging.getLogger(__name__)

FORMAT = "ntm-nop-luu/1"  # the package's own format and version (metadata "dinh_dang_goi")
METADATA_NAME = "metadata.json"
INDEX_NAME = "muc-luc.pdf"
FOLDER = "tai-lieu"

LANGUAGE = "Tiếng Việt"
# Mức độ tin cậy (Thông tư 02/2019/TT-BNV): a born-digital document, a scan, or both
BORN_DIGITAL, DIGITISED, MIXED = "Gốc điện tử", "Số hóa", "Hỗn hợp"
# Chế độ sử dụng: decisions are published; the rest name people (addresses, amounts)
PUBLIC, RESTRICTED = "Công khai", "Hạn chế"

ROUND_CODES = {"annual": "HN", "midterm": "SK", "final": "TK"}

Progress = Callable[[int, int], None]


class PackageError(Exception):
    """Nothing to package (a round not decided, or none of it visible to the user)."""


# ---- the hook for signed decisions ---------------------------------------------------


def signed_decision_files(decisions: list[Decision]) -> dict[int, bytes]:
    """{decision id: the decision's digitally signed PDF} for those that have one.

    The signing flow (issue 16 part 2, "signing on issue") stores the signed file; it
    answers here, in one query for all ``decisions``. A signed file goes into the
    package byte for byte: it is never rewritten (PDF/A or not, the signature stays
    valid). The signed files are stored when a decision or a correcting decision is
    recorded (:mod:`dossiers.documents.issued`, signed by the worker) under the key
    ``quyet-dinh:decision:<id>``."""
    return signed_files(decisions, [])[0]


def signed_files(
    decisions: list[Decision], alone: list[Dossier]
) -> tuple[dict[int, bytes], dict[int, bytes]]:
    """The signed PDFs of ``decisions`` ({decision id: bytes}) and of the decisions of
    dossiers decided ``alone`` ({dossier id: bytes}, stored under
    ``quyet-dinh:dossier:<id>``), in one query."""
    by_decision = {f"quyet-dinh:decision:{d.pk}": d.pk for d in decisions}
    by_dossier = {f"quyet-dinh:dossier:{d.pk}": d.pk for d in alone}
    found = SignedDocument.objects.filter(key__in=[*by_decision, *by_dossier])
    signed: tuple[dict[int, bytes], dict[int, bytes]] = ({}, {})
    for key, data in found.values_list("key", "pdf"):
        if key in by_decision:
            signed[0][by_decision[key]] = bytes(data)
        else:
            signed[1][by_dossier[key]] = bytes(data)
    return signed


# ---- reading PDFs (uploads and signed files) -----------------------------------------

_PDFA_PART = re.compile(rb"pdfaid:part(?:\s*=\s*[\"']|>)\s*(\d)")
_PDFA_CONFORMANCE = re.compile(rb"pdfaid:conformance(?:\s*=\s*[\"']|>)\s*([ABUabu])")


@dataclass(frozen=True)
class PdfFacts:
    pages: int | None  # None: the file could not be read as a PDF
    pdfa: str | None  # "PDF/A-2b" when the file declares it, else None
    signed: bool


def pdf_facts(data: bytes) -> PdfFacts:
    """Pages, declared PDF/A level and digital signatures of a PDF, read without changing it."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        pages = int(reader.root["/Pages"]["/Count"])
        xmp = b""
        if "/Metadata" in reader.root:
            xmp = reader.root["/Metadata"].get_object().data
        signed = bool(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 - any unreadable upload is reported, not fatal
        return PdfFacts(None, None, False)
    pdfa = None
    part, conformance = _PDFA_PART.search(xmp), _PDFA_CONFORMANCE.search(xmp)
    if part:
        level = conformance.group(1).decode().lower() if conformance else ""
        pdfa = f"PDF/A-{part.group(1).decode()}{level}"
    return PdfFacts(pages, pdfa, signed)


# ---- gathering (a fixed number of queries) -------------------------------------------


def _nominees() -> QuerySet[Nominee]:
    # what dossiers.selectors.nominees_of reads, so that the builders find it prefetched;
    # and the communes' kinds by date (a nominee's address names its commune's kind)
    return (
        Nominee.objects.select_related(
            "commune", "commune__district", "village", "district", "agency", "attested_by"
        )
        .prefetch_related("commune__kind_periods")
        .order_by("position", "id")
    )


@dataclass
class RoundFile:
    """What the package of one round is made of."""

    round: str
    year: int
    dossiers: list[Dossier]
    decisions: list[Decision]  # award decisions, with their dossiers
    corrections: list[Decision]
    signed: dict[int, bytes] = field(default_factory=dict)
    signed_alone: dict[int, bytes] = field(default_factory=dict)  # {dossier id: …}
    awards: dict[str, list[Award]] = field(default_factory=dict)  # the nominees' awards


def decided_dossiers(user, round_code: str, year: int) -> QuerySet[Dossier]:
    return (
        dossiers_visible_to(user)
        .filter(round=round_code, year=year, status=Status.DECIDED)
        .order_by("district_id", "commune_id", "agency_id", "id")
    )


def round_is_decided(user, round_code: str, year: int) -> bool:
    """Whether the round has a decided dossier the user may see (the package's condition)."""
    return decided_dossiers(user, round_code, year).exists()


def _gather(user, round_code: str, year: int) -> RoundFile:
    dossiers = list(
        decided_dossiers(user, round_code, year)
        .select_related("plan", "province", "decision")
        .prefetch_related(
            "commune__kind_periods",
            Prefetch("nominees", queryset=_nominees()),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("nominee").order_by(
                    "kind", "nominee_id", "id"
                ),
            ),
        )
    )
    if not dossiers:
        raise PackageError(_("Đợt này chưa có hồ sơ nào đã có quyết định khen thưởng."))
    decisions = list(
        decisions_visible_to(user)
        .filter(round=round_code, year=year)
        .select_related("corrects")
        .order_by("date", "id")
    )
    awards = [d for d in decisions if d.kind == DecisionKind.AWARD]
    signed, signed_alone = signed_files(decisions, [d for d in dossiers if d.decision_id is None])
    return RoundFile(
        round=round_code,
        year=year,
        dossiers=dossiers,
        decisions=awards,
        corrections=[d for d in decisions if d.kind != DecisionKind.AWARD],
        signed=signed,
        signed_alone=signed_alone,
        # every award of every nominee of the round, in one query (each report leaves
        # out its own dossier's)
        awards=awards_of(identities=[n.identity for d in dossiers for n in d.nominees.all()]),
    )


# ---- the package ---------------------------------------------------------------------


@dataclass
class Item:
    """One document of the package: its metadata and how to get its bytes."""

    kind: str  # the document's type, as its metadata names it (Tên loại văn bản)
    excerpt: str  # trích yếu nội dung
    author: str  # tác giả văn bản (the issuing body, or the person who reports)
    name: str  # file name without folder and extension, no diacritics
    number: str = ""  # "120/QĐ-UBND"
    date: dt.date | None = None
    access: str = RESTRICTED
    dossier: Dossier | None = None
    document: builders.Document | None = None  # made by the app
    upload: Attachment | None = None  # uploaded by the proposer
    signed: bytes | None = None  # a signed decision, as it is
    keywords: list[str] = field(default_factory=list)


def _split(number: str) -> tuple[str, str]:
    head, _sep, symbol = (number or "").partition("/")
    return head.strip(), symbol.strip()


def _items(r: RoundFile) -> tuple[list[Item], list[dict[str, Any]]]:
    """The documents in archive order (decisions first, then each dossier's), and what
    is listed without a file."""
    items: list[Item] = []
    missing: list[dict[str, Any]] = []
    with official_language():
        # the province's decisions: one per recorded decision (its first dossier
        # renders it with every dossier it covers), else one per legacy dossier
        by_decision: dict[int, list[Dossier]] = {}
        for d in r.dossiers:
            if d.decision_id is not None:
                by_decision.setdefault(d.decision_id, []).append(d)
        for decision in r.decisions:
            covered = by_decision.get(decision.pk)
            if not covered:
                continue  # none of its dossiers is visible to the user
            items.append(
                _decision_item(covered[0], decision.number, decision.date, r, decision, covered)
            )
        for d in r.dossiers:
            if d.decision_id is None:
                items.append(_decision_item(d, d.decision_number, d.decision_date, r, None, [d]))
        for c in r.corrections:
            verb = "Đính chính" if c.kind == DecisionKind.CORRECTION else "Sửa đổi, bổ sung"
            assert c.corrects is not None
            items.append(
                Item(
                    kind="Quyết định",
                    excerpt=f"{verb} Quyết định số {c.corrects.number} ngày "
                    f"{c.corrects.date:%d/%m/%Y} (lý do: {c.reason})",
                    author=bodies.province_committee(bodies.home_province(c.date)).name,
                    name=builders.file_name("quyet-dinh", c.number),
                    number=c.number,
                    date=c.date,
                    access=PUBLIC,
                    document=builders.correction_decision(c),
                    signed=r.signed.get(c.pk),
                    keywords=[round_name(r.round), str(r.year), "Bằng khen", verb.lower()],
                )
            )
        for d in r.dossiers:
            proposer = bodies.proposer(d).name
            base = [d.reference, proposer, round_name(d.round), str(d.year)]
            items.append(
                Item(
                    kind="Tờ trình",
                    excerpt=f"Đề nghị tặng Bằng khen (kèm danh sách), hồ sơ {d.reference}",
                    author=proposer,
                    name=builders.file_name("to-trinh", d.reference),
                    number=d.document_number,
                    date=d.document_date,
                    dossier=d,
                    document=builders.proposal_letter(d),
                    keywords=base,
                )
            )
            reports = builders.achievement_reports(d, awards=r.awards)
            for doc, n in zip(reports, d.nominees.all(), strict=True):
                items.append(
                    Item(
                        kind=doc.title or "Báo cáo thành tích",
                        excerpt=f"{doc.title or 'Báo cáo thành tích'} của {n.name}",
                        author=n.name,
                        name=builders.file_name(doc.filename),
                        dossier=d,
                        document=doc,
                        keywords=[*base, n.name],
                    )
                )
            items.append(
                Item(
                    kind="Biên bản",
                    excerpt=f"Họp xét đề nghị khen thưởng, hồ sơ {d.reference}",
                    author=_council(proposer),
                    name=builders.file_name("bien-ban", d.reference),
                    dossier=d,
                    document=builders.council_minutes(d),
                    keywords=base,
                )
            )
            for a in d.attachments.all():
                label = str(AttachmentKind(a.kind).label)
                if a.content_type != "application/pdf":
                    missing.append(
                        {
                            "ten_loai_van_ban": label,
                            "ho_so_de_nghi": d.reference,
                            "ten_tep": a.original_name,
                            "sha256": a.sha256,
                            "ly_do": "Tệp tải lên không phải PDF (chỉ đưa vào gói các bản "
                            "PDF); tệp vẫn được lưu trong hệ thống.",
                        }
                    )
                    continue
                stem = a.original_name.rsplit(".", 1)[0]
                of = f" của {a.nominee.name}" if a.nominee_id and a.nominee else ""
                items.append(
                    Item(
                        kind=label,
                        excerpt=f"{label}{of} (bản tải lên: {a.original_name})",
                        author=proposer,
                        name=builders.file_name("tai-len", d.reference, stem),
                        dossier=d,
                        upload=a,
                        keywords=base,
                    )
                )
    return items, missing


def _council(proposer: str) -> str:
    """ "Hội đồng Thi đua - Khen thưởng huyện Ba Bể": the council of the proposing body."""
    return f"{bodies.COUNCIL_NAME} {proposer.removeprefix(bodies.COMMITTEE + ' ')}"


def _decision_item(
    dossier: Dossier,
    number: str,
    date: dt.date | None,
    r: RoundFile,
    decision: Decision | None,
    covered: list[Dossier],
) -> Item:
    province = bodies.home_province(date)
    return Item(
        kind="Quyết định",
        excerpt=f"Tặng Bằng khen cho các tập thể, cá nhân (kèm danh sách), đợt "
        f"{round_name(r.round).lower()} {r.year}",
        author=bodies.province_committee(province).name,
        name=builders.file_name("quyet-dinh", number or dossier.reference),
        number=number,
        date=date,
        access=PUBLIC,
        dossier=None if decision is not None else dossier,
        document=builders.decision(dossier, covered=covered),
        signed=r.signed.get(decision.pk)
        if decision is not None
        else r.signed_alone.get(dossier.pk),
        keywords=[round_name(r.round), str(r.year), "Bằng khen"],
    )


def _read_upload(a: Attachment) -> bytes | None:
    try:
        with a.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def agency_id(province_id: str) -> tuple[str, bool]:
    """(mã định danh of the body that keeps the file, whether it was configured):
    ``settings.ARCHIVE_AGENCY_ID`` (Quyết định 20/2020/QĐ-TTg), else ``T<province>``."""
    configured = settings.ARCHIVE_AGENCY_ID
    return (configured or f"T{province_id}"), bool(configured)


def file_code(province_id: str, round_code: str, year: int) -> str:
    """Mã hồ sơ: mã định danh cơ quan . năm . số và ký hiệu hồ sơ ("T06.2024.KT-HN")."""
    agency, _configured = agency_id(province_id)
    return f"{agency}.{year}.KT-{ROUND_CODES.get(round_code, round_code.upper())}"


def _dmy(iso: str | None) -> str:
    """ "2024-12-20" -> "20/12/2024" (the list people read); "" for none."""
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_package(
    *, user, round_code: str, year: int, progress: Progress | None = None
) -> tuple[str, bytes]:
    """The package of a decided round: (file name, ZIP bytes). PackageError when the
    round has no decided dossier the user may see."""
    if round_code not in RoundChoices.values:
        raise PackageError(_("Đợt khen thưởng không hợp lệ."))
    with one_batch():
        return _package(user, round_code, year, progress)


def _package(user, round_code: str, year: int, progress: Progress | None) -> tuple[str, bytes]:
    r = _gather(user, round_code, year)
    items, missing = _items(r)
    report = progress or (lambda done, total: None)
    report(0, len(items) + 1)
    province_id = r.dossiers[0].province_id
    code = file_code(province_id, round_code, year)
    agency, configured = agency_id(province_id)
    subject = settings.ARCHIVE_SUBJECT_CODE
    out = io.BytesIO()
    entries: list[dict[str, Any]] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, item in enumerate(items, start=1):
            entry = _write(archive, item, i, code, subject)
            entries.append(entry)
            report(i, len(items) + 1)
        dates = [d for d in (*(e["ngay_van_ban"] for e in entries),) if d]
        dates += [d.document_date.isoformat() for d in r.dossiers if d.document_date]
        with official_language():
            phrase = f"{round_name(round_code).lower()} {year}"
            province = bodies.home_province(r.dossiers[0].decision_date)
            keeper = bodies.province_committee(province).name
        title = (
            f"Hồ sơ khen thưởng đợt {phrase} trong phong trào thi đua xây dựng nông thôn mới "
            f"({len(r.dossiers)} hồ sơ đề nghị)"
        )
        reliability = {e["muc_do_tin_cay"] for e in entries}
        pages = [e["so_luong_trang"] for e in entries]
        record: dict[str, Any] = {
            "ma_ho_so": code,
            "ma_dinh_danh_co_quan": agency,
            "ma_dinh_danh_da_cau_hinh": configured,
            "tieu_de_ho_so": title,
            "co_quan_lap_ho_so": keeper,
            "dot_khen_thuong": {"ma": round_code, "ten": round_name(round_code), "nam": year},
            "thoi_han_bao_quan": settings.ARCHIVE_RETENTION,
            "che_do_su_dung": RESTRICTED,
            "ngon_ngu": LANGUAGE,
            "thoi_gian_bat_dau": min(dates) if dates else None,
            "thoi_gian_ket_thuc": max(dates) if dates else None,
            "tong_so_van_ban": len(entries),
            "so_luong_trang": sum(p for p in pages if p) if all(pages) else None,
            "ky_hieu_thong_tin": subject,
            "tu_khoa": ["khen thưởng", "nông thôn mới", round_name(round_code), str(year)],
            "muc_do_tin_cay": MIXED if len(reliability) > 1 else next(iter(reliability), ""),
            "ho_so_de_nghi": [
                {"so_hieu": d.reference, "don_vi_de_nghi": bodies.proposer(d).name}
                for d in r.dossiers
            ],
            "ghi_chu": "",
        }
        index_data, index_pages = pdf.render_pdfa(
            "documents/archive_index.html",
            {
                "record": record,
                "entries": [{**e, "ngay": _dmy(e["ngay_van_ban"])} for e in entries],
                "start": _dmy(record["thoi_gian_bat_dau"]),
                "end": _dmy(record["thoi_gian_ket_thuc"]),
                "missing": missing,
                "metadata_name": METADATA_NAME,
                "title": f"Mục lục văn bản {code}",
            },
        )
        archive.writestr(INDEX_NAME, index_data)
        metadata = {
            "dinh_dang_goi": FORMAT,
            "tao_luc": timezone.localtime().isoformat(timespec="seconds"),
            "tao_boi": user.get_full_name() or user.get_username(),
            "ho_so": record,
            "van_ban": entries,
            "khong_kem_tep": missing,
            "muc_luc": {
                "duong_dan": INDEX_NAME,
                "sha256": _digest(index_data),
                "kich_thuoc": len(index_data),
                "so_luong_trang": index_pages,
                "pdfa": "PDF/A-2b",
            },
        }
        archive.writestr(METADATA_NAME, json.dumps(metadata, ensure_ascii=False, indent=2).encode())
        report(len(items) + 1, len(items) + 1)
    name = builders.file_name("nop-luu", builders.round_slug(round_code), year) + ".zip"
    return name, out.getvalue()


def _write(archive: zipfile.ZipFile, item: Item, i: int, code: str, subject: str) -> dict:
    """Write one document into the ZIP; its metadata entry."""
    path = f"{FOLDER}/{i:03d}-{item.name}.pdf"
    note = ""
    if item.signed is not None:
        data = item.signed
        facts = pdf_facts(data)
        source, converted, reliability = "ky-so", False, BORN_DIGITAL
        pages = facts.pages
        note = "Bản đã ký số, đưa vào nguyên vẹn (không chuyển đổi để giữ chữ ký)."
    elif item.document is not None:
        data, pages = pdf.render_pdfa(item.document.template, item.document.context)
        facts = PdfFacts(pages, "PDF/A-2b", False)
        source, converted, reliability = "he-thong", True, BORN_DIGITAL
    else:
        assert item.upload is not None
        read = _read_upload(item.upload)
        if read is None:
            data = b""
            facts = PdfFacts(None, None, False)
            note = "Không đọc được tệp tải lên trong kho lưu trữ của hệ thống."
        else:
            data = read
            facts = pdf_facts(data)
            note = (
                f"Tệp tải lên, giữ nguyên; đã là {facts.pdfa}."
                if facts.pdfa
                else "Tệp tải lên không chuyển được sang PDF/A: đưa vào nguyên trạng."
            )
            if facts.pages is None:
                note += " Không đọc được cấu trúc PDF của tệp."
            if _digest(data) != item.upload.sha256:
                note += " Mã SHA-256 khác với lúc tải lên."
        source, converted, reliability = "tai-len", False, DIGITISED
        pages = facts.pages
    if data:
        archive.writestr(path, data)
    number, symbol = _split(item.number)
    return {
        "so_thu_tu": i,
        "ma_dinh_danh_van_ban": f"{code}.{i:03d}",
        "ma_ho_so": code,
        "ten_loai_van_ban": item.kind,
        "so_va_ky_hieu": item.number or "",
        "so_van_ban": number,
        "ky_hieu_van_ban": symbol,
        "ngay_van_ban": item.date.isoformat() if item.date else None,
        "tac_gia": item.author,
        "trich_yeu": item.excerpt,
        "ngon_ngu": LANGUAGE,
        "so_luong_trang": pages,
        "ky_hieu_thong_tin": subject,
        "tu_khoa": item.keywords,
        "che_do_su_dung": item.access,
        "muc_do_tin_cay": reliability,
        "nguon": source,
        "ho_so_de_nghi": item.dossier.reference if item.dossier is not None else None,
        "tep": {
            "duong_dan": path if data else None,
            "sha256": _digest(data) if data else None,
            "kich_thuoc": len(data),
            "dinh_dang": "application/pdf",
            "pdfa": facts.pdfa,
            "da_chuyen_doi_pdfa": converted,
            "ky_so": item.signed is not None or facts.signed,
        },
        "ghi_chu": note,
    }


def files_of(entries: Iterable[dict]) -> list[str]:
    """The paths of the files the metadata lists (what a reader checks against the ZIP)."""
    return [e["tep"]["duong_dan"] for e in entries if e["tep"]["duong_dan"]]
