"""Writes on administrative units: the official list's load, village import, flags."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from django.db import transaction
from django.db.models import Count, Q

from emulation.audit import log_action, snapshot
from emulation.models import User
from emulation.money import format_number
from emulation.text import fold, nfc

from .models import (
    Commune,
    CommuneKind,
    CommuneKindPeriod,
    District,
    DistrictKind,
    Province,
    Village,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_UNITS_CSV = DATA_DIR / "bac-kan-admin-units-2021.csv"
DEFAULT_KIND_CHANGES_CSV = DATA_DIR / "kind-changes.csv"
# The statistics office's list is dated 03/02/2021; earlier history is not the app's concern.
LIST_DATE = dt.date(2021, 1, 1)

_COMMUNE_KINDS = {
    "xã": CommuneKind.XA,
    "phường": CommuneKind.PHUONG,
    "thị trấn": CommuneKind.THI_TRAN,
}
_DISTRICT_PREFIXES = {
    "thành phố": DistrictKind.THANH_PHO,
    "thị xã": DistrictKind.THI_XA,
    "huyện": DistrictKind.HUYEN,
}


def _strip_prefix(name: str, prefixes: Mapping[str, str]) -> tuple[str, str]:
    lowered = name.lower()
    for prefix, kind in prefixes.items():
        if lowered.startswith(prefix + " "):
            return name[len(prefix) + 1 :].strip(), kind
    raise ValueError(f"Không nhận ra loại đơn vị trong tên “{name}”.")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def admin_units_load(
    *, units_csv: Path = DEFAULT_UNITS_CSV, changes_csv: Path | None = DEFAULT_KIND_CHANGES_CSV
) -> LoadResult:
    """Load (or refresh) the official unit list; running it twice changes nothing.

    Flags set by administrators (ĐBKK, roadmap) are never touched.
    """
    result = LoadResult()
    with open(units_csv, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    changes: dict[str, list[dict[str, str]]] = {}
    if changes_csv and Path(changes_csv).exists():
        with open(changes_csv, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                changes.setdefault(row["ma_xa"].strip(), []).append(row)

    for row in rows:
        province_name = nfc(row["ten_tinh"]).strip()
        if province_name.lower().startswith("tỉnh "):
            province_name = province_name[5:]
        province, _ = Province.objects.update_or_create(
            code=row["ma_tinh"].strip(), defaults={"name": province_name}
        )
        d_name, d_kind = _strip_prefix(nfc(row["ten_huyen"]).strip(), _DISTRICT_PREFIXES)
        district, _ = District.objects.update_or_create(
            code=row["ma_huyen"].strip(),
            defaults={"province": province, "name": d_name, "kind": d_kind},
        )
        c_name, c_kind_initial = _strip_prefix(nfc(row["ten_xa"]).strip(), _COMMUNE_KINDS)
        code = row["ma_xa"].strip()
        # Periods: the listed kind from the list date, then each dated change.
        periods: list[tuple[str, dt.date, dt.date | None, str]] = []
        start, kind, basis = LIST_DATE, c_kind_initial, "Danh mục TCTK 03/02/2021"
        for change in sorted(changes.get(code, []), key=lambda r: r["hieu_luc_tu"]):
            new_from = dt.date.fromisoformat(change["hieu_luc_tu"].strip())
            periods.append((kind, start, new_from - dt.timedelta(days=1), basis))
            start = new_from
            kind = _COMMUNE_KINDS[nfc(change["cap_moi"]).strip().lower()]
            basis = nfc(change.get("can_cu", "")).strip()
        periods.append((kind, start, None, basis))
        current_kind = periods[-1][0]

        commune = Commune.objects.filter(code=code).first()
        if commune is None:
            commune = Commune(code=code, district=district, name=c_name, kind=current_kind)
            commune.save()
            result.created += 1
        elif (commune.district_id, commune.name, commune.kind) != (
            district.code,
            c_name,
            current_kind,
        ):
            commune.district, commune.name, commune.kind = district, c_name, current_kind
            commune.save()
            result.updated += 1
        else:
            result.unchanged += 1
        wanted = {(k, f, t, b) for k, f, t, b in periods}
        existing = {
            (p.kind, p.valid_from, p.valid_to, p.legal_basis): p
            for p in CommuneKindPeriod.objects.filter(commune=commune)
        }
        for key, period in existing.items():
            if key not in wanted:
                period.delete()
        for k, f, t, b in periods:
            if (k, f, t, b) not in existing:
                CommuneKindPeriod.objects.create(
                    commune=commune, kind=k, valid_from=f, valid_to=t, legal_basis=b
                )
    return result


def commune_kind_counts(*, on: dt.date, province_code: str | None = None) -> dict[str, int]:
    """How many xã / phường / thị trấn the province had on ``on`` (one query)."""
    qs = CommuneKindPeriod.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on
    )
    if province_code:
        qs = qs.filter(commune__district__province_id=province_code)
    counts = {k.value: 0 for k in CommuneKind}
    for row in qs.values("kind").annotate(n=Count("id")):
        counts[row["kind"]] = row["n"]
    return counts


# --- Village import -----------------------------------------------------------

VILLAGE_COLUMNS = ["ma_xa", "ten_thon", "dbkk"]
VILLAGE_HEADERS = {
    "ma_xa": "Mã xã",
    "ten_thon": "Tên thôn",
    "dbkk": "Thôn ĐBKK (có/không)",
}
_TRUE = {"có", "co", "x", "1", "true", "yes", "đbkk", "dbkk"}
_FALSE = {"", "không", "khong", "0", "false", "no"}


@dataclass
class RowError:
    row: int
    column: str
    message: str


class VillageRow(TypedDict):
    commune_code: str
    name: str
    extremely_difficult: bool


@dataclass
class VillageImport:
    rows: list[VillageRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# A province has a few thousand villages; a larger file is a mistake or an attack
# (a 1.5 MB .xlsx can hold 300,000 rows and take minutes to check).
VILLAGE_MAX_ROWS = 5000


class TooManyRows(ValueError):
    pass


def _read_table(upload_name: str, data: bytes) -> list[list[str]]:
    if upload_name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook  # noqa: PLC0415 - openpyxl takes ~0.3 s to import; loaded only when a workbook is read or written

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = (
            ["" if v is None else str(v).strip() for v in row]
            for row in wb.worksheets[0].iter_rows(values_only=True)
        )
    else:
        text = data.decode("utf-8-sig")
        if "\x00" in text:
            raise ValueError("NUL byte: not a text file")
        rows = ([cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)))
    table = list(itertools.islice(rows, VILLAGE_MAX_ROWS + 2))
    if len(table) > VILLAGE_MAX_ROWS + 1:
        raise TooManyRows
    return table


def villages_parse(
    *, upload_name: str, data: bytes, communes_allowed: Collection[str] | None = None
) -> VillageImport:
    """Validate every row of a village file; nothing is written here.

    ``communes_allowed``: codes the importing user may touch (None = all).
    Errors name the row (as the spreadsheet numbers it) and the column.
    """
    result = VillageImport()
    try:
        table = _read_table(upload_name, data)
    except TooManyRows:
        limit = format_number(VILLAGE_MAX_ROWS)
        result.errors.append(RowError(0, "", f"Tệp có hơn {limit} dòng; hãy chia thành nhiều tệp."))
        return result
    except Exception:  # noqa: BLE001 - any unreadable file gets one clear message
        result.errors.append(
            RowError(0, "", "Không đọc được tệp. Dùng tệp CSV (UTF-8) hoặc Excel (.xlsx) theo mẫu.")
        )
        return result
    if not table:
        result.errors.append(RowError(0, "", "Tệp không có dữ liệu."))
        return result
    header = [fold(h) for h in table[0]]
    expected = [fold(VILLAGE_HEADERS[c]) for c in VILLAGE_COLUMNS]
    if header[: len(expected)] != expected:
        result.errors.append(
            RowError(
                1,
                "",
                "Dòng tiêu đề phải là: " + ", ".join(VILLAGE_HEADERS[c] for c in VILLAGE_COLUMNS),
            )
        )
        return result
    known = set(Commune.objects.values_list("code", flat=True))
    seen: set[tuple[str, str]] = set()
    for index, raw in enumerate(table[1:], start=2):
        cells = (raw + [""] * 3)[:3]
        if not any(cells):
            continue
        code, name, flag = cells[0], nfc(cells[1]).strip(), fold(cells[2])
        row_errors = []
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)  # Excel drops leading zeros
        if code not in known:
            row_errors.append(
                RowError(index, VILLAGE_HEADERS["ma_xa"], f"Không có xã mã “{code}”.")
            )
        elif communes_allowed is not None and code not in communes_allowed:
            row_errors.append(
                RowError(
                    index, VILLAGE_HEADERS["ma_xa"], f"Xã mã “{code}” không thuộc phạm vi của bạn."
                )
            )
        if not name:
            row_errors.append(RowError(index, VILLAGE_HEADERS["ten_thon"], "Tên thôn bị trống."))
        elif len(name) > 100:
            row_errors.append(
                RowError(index, VILLAGE_HEADERS["ten_thon"], "Tên thôn dài quá 100 ký tự.")
            )
        elif (code, fold(name)) in seen:
            row_errors.append(
                RowError(index, VILLAGE_HEADERS["ten_thon"], f"Thôn “{name}” bị lặp trong tệp.")
            )
        if flag in _TRUE:
            difficult = True
        elif flag in _FALSE:
            difficult = False
        else:
            difficult = False
            row_errors.append(
                RowError(index, VILLAGE_HEADERS["dbkk"], "Chỉ ghi “có” hoặc “không”.")
            )
        seen.add((code, fold(name)))
        result.errors.extend(row_errors)
        if not row_errors:
            result.rows.append(
                {"commune_code": code, "name": name, "extremely_difficult": difficult}
            )
    if not result.rows and not result.errors:
        result.errors.append(RowError(0, "", "Tệp không có dòng dữ liệu nào."))
    return result


@transaction.atomic
def villages_import(
    *, parsed: VillageImport, by: User | None = None, upload_name: str = ""
) -> VillageImport:
    """Write a fully valid parse, all or nothing; one line of the log with the counts."""
    if not parsed.ok:
        raise ValueError("Không ghi tệp còn lỗi.")
    for row in parsed.rows:
        village, created = Village.objects.get_or_create(
            commune_id=row["commune_code"],
            name=row["name"],
            defaults={"extremely_difficult": row["extremely_difficult"]},
        )
        if created:
            parsed.created += 1
        elif village.extremely_difficult != row["extremely_difficult"]:
            village.extremely_difficult = row["extremely_difficult"]
            village.save(update_fields=["extremely_difficult", "search_name"])
            parsed.updated += 1
    district = getattr(by, "district", None)
    log_action(
        action="village.imported",
        obj=Village,
        by=by,
        label=f"Nhập danh sách thôn: {upload_name}" if upload_name else "Nhập danh sách thôn",
        details={
            "file": upload_name,
            "rows": len(parsed.rows),
            "created": parsed.created,
            "updated": parsed.updated,
            "unchanged": len(parsed.rows) - parsed.created - parsed.updated,
            "communes": sorted({row["commune_code"] for row in parsed.rows}),
        },
        province=district.province_id if district else None,
    )
    return parsed


def villages_template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([VILLAGE_HEADERS[c] for c in VILLAGE_COLUMNS])
    writer.writerow(["01842", "Nà Pài", "không"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def villages_template_xlsx() -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl takes ~0.3 s to import; loaded only when a workbook is read or written

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, active
    ws.title = "Danh sách thôn"
    ws.append([VILLAGE_HEADERS[c] for c in VILLAGE_COLUMNS])
    ws.append(["01842", "Nà Pài", "không"])
    for col in ("A", "B", "C"):
        ws.column_dimensions[col].width = 24
    ws["A2"].number_format = "@"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FLAG_FIELDS = ("extremely_difficult", "on_roadmap")


@transaction.atomic
def commune_set_flags(
    *,
    commune: Commune,
    extremely_difficult: bool,
    on_roadmap: bool,
    by: User | None = None,
    reason: str = "",
) -> Commune:
    """Set the ĐBKK and roadmap flags; a change is logged with its reason.

    The flags before are read from the locked row, not from ``commune`` (a bound model
    form has already written the new values onto it).
    """
    stored = (
        Commune.objects.select_for_update(of=("self",))
        .select_related("district")
        .get(pk=commune.pk)
    )
    before = snapshot(stored, FLAG_FIELDS)
    stored.extremely_difficult = extremely_difficult
    stored.on_roadmap = on_roadmap
    stored.save(update_fields=["extremely_difficult", "on_roadmap", "search_name"])
    after = snapshot(stored, FLAG_FIELDS)
    if before != after:
        log_action(
            action="commune.flags_changed",
            obj=stored,
            by=by,
            before=before,
            after=after,
            reason=reason,
            label=f"{stored} ({stored.code})",
            province=stored.district.province_id,
        )
    commune.extremely_difficult, commune.on_roadmap = extremely_difficult, on_roadmap
    return commune
