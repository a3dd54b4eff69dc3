"""Writes on administrative units: the official list's load, village import, flags."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from django.db import transaction
from django.db.models import Count, Q

from emulation.audit import log_action, snapshot
from emulation.models import User
from emulation.money import format_number
from emulation.text import control_character, fold, nfc
from emulation.workbooks import WorkbookRefused, workbook_rows

from .models import (
    Commune,
    CommuneKind,
    CommuneKindPeriod,
    District,
    DistrictKind,
    Province,
    UnitChange,
    UnitLevel,
    Village,
    unit_key,
    valid_on_q,
)
from .selectors import commune_keys_by_code, forget_province_families
from .signals import units_changed

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_UNITS_CSV = DATA_DIR / "bac-kan-admin-units-2021.csv"
DEFAULT_KIND_CHANGES_CSV = DATA_DIR / "kind-changes.csv"
# The reorganisation of 1/7/2025 (Nghị quyết 1683/NQ-UBTVQH15): Bắc Kạn's 108 units → 37
# units of the new Thái Nguyên; the new province's 92 units with their predecessors.
DEFAULT_REORGANISATION_CSV = DATA_DIR / "bac-kan-2021-to-thai-nguyen-2025.csv"
DEFAULT_NEW_UNITS_CSV = DATA_DIR / "thai-nguyen-2025-units.csv"
REORGANISED_ON = dt.date(2025, 7, 1)
COMMUNE_REORGANISATION_BASIS = "Nghị quyết 1683/NQ-UBTVQH15"
PROVINCE_REORGANISATION_BASIS = "Nghị quyết 202/2025/QH15"
NEW_PROVINCE_CODE, NEW_PROVINCE_NAME = "19", "Thái Nguyên"
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
    """Counts of a load: commune-level units (created / updated / unchanged), and the
    reorganisation's lineage rows and the units valid on its day."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes_created: int = 0
    changes_updated: int = 0
    units_ended: int = 0
    units_new: int = 0


Period = tuple[str, dt.date, dt.date | None, str]


def _province_name(raw: str) -> str:
    name = nfc(raw).strip()
    return name[5:] if name.lower().startswith("tỉnh ") else name


def _set_fields(obj: Province | District | Commune, values: Mapping[str, object]) -> bool:
    """Write ``values`` onto ``obj``; True when something differed (and was saved)."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save()
    return bool(changed)


class _UnitRows:
    """The commune-level units and kind periods a load touches: read once per batch of
    codes (``read``), compared in memory, and what differs written in bulk (``write``).
    A load then costs a few queries per batch, not several per unit."""

    def __init__(self) -> None:
        self.communes: dict[tuple[str, dt.date | None], Commune] = {}
        self.keys: set[str] = set()  # the keys held, of the codes read
        self.periods: dict[str, dict[Period, CommuneKindPeriod]] = {}
        self.new: list[Commune] = []
        self.changed: dict[str, Commune] = {}
        self.changed_fields: set[str] = set()
        self.new_periods: list[CommuneKindPeriod] = []
        self.gone_periods: list[int] = []

    def read(self, codes: Collection[str]) -> None:
        codes = sorted(set(codes))
        for commune in Commune.objects.filter(code__in=codes):
            self.communes[(commune.code, commune.valid_from)] = commune
            self.periods[commune.key] = {}
        self.keys |= set(Commune.objects.filter(key__in=codes).values_list("key", flat=True))
        for period in CommuneKindPeriod.objects.filter(commune__code__in=codes):
            key = (period.kind, period.valid_from, period.valid_to, period.legal_basis)
            self.periods.setdefault(period.commune_id, {})[key] = period

    def upsert(
        self,
        result: LoadResult,
        *,
        code: str,
        valid_from: dt.date | None,
        values: dict[str, object],
        periods: list[Period],
    ) -> Commune:
        """The unit with ``code`` starting on ``valid_from`` (its identity), created or
        updated (on ``write``). Administrators' flags (ĐBKK, roadmap) are not in ``values``
        and never touched."""
        commune = self.communes.get((code, valid_from))
        if commune is None:
            commune = Commune(code=code, valid_from=valid_from, **values)
            # as Commune.key_for: the code, while no other unit holds it
            commune.key = (
                code if code not in self.keys else unit_key(code, valid_from, commune.valid_to)
            )
            self.keys.add(commune.key)
            self.communes[(code, valid_from)] = commune
            self.periods[commune.key] = {}
            self.new.append(commune)
            result.created += 1
        else:
            changed = [name for name, value in values.items() if getattr(commune, name) != value]
            for name in changed:
                setattr(commune, name, values[name])
            if changed:
                self.changed[commune.key] = commune
                self.changed_fields.update(changed)
                result.updated += 1
            else:
                result.unchanged += 1
        existing = self.periods[commune.key]
        wanted = set(periods)
        self.gone_periods += [row.pk for key, row in existing.items() if key not in wanted]
        self.new_periods += [
            CommuneKindPeriod(commune=commune, kind=k, valid_from=f, valid_to=t, legal_basis=b)
            for k, f, t, b in periods
            if (k, f, t, b) not in existing
        ]
        self.periods[commune.key] = {
            key: row for key, row in existing.items() if key in wanted
        }  # what stays; the new ones are written (and read again by a later load)
        return commune

    def write(self) -> None:
        """What ``upsert`` found different, in a few statements; the caches of figures
        made of units are told (``units_changed``)."""
        if not (self.new or self.changed or self.new_periods or self.gone_periods):
            return
        for commune in [*self.new, *self.changed.values()]:
            commune.fill_derived()
        Commune.objects.bulk_create(self.new)
        if self.changed:
            Commune.objects.bulk_update(
                list(self.changed.values()), sorted(self.changed_fields | {"search_name"})
            )
        CommuneKindPeriod.objects.filter(pk__in=self.gone_periods).delete()
        CommuneKindPeriod.objects.bulk_create(self.new_periods)
        self.new, self.changed, self.changed_fields = [], {}, set()
        self.new_periods, self.gone_periods = [], []
        units_changed.send(sender=Commune)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{k: nfc(v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@transaction.atomic
def admin_units_load(
    *,
    units_csv: Path = DEFAULT_UNITS_CSV,
    changes_csv: Path | None = DEFAULT_KIND_CHANGES_CSV,
    reorganisation_csv: Path | None = DEFAULT_REORGANISATION_CSV,
    new_units_csv: Path | None = DEFAULT_NEW_UNITS_CSV,
) -> LoadResult:
    """Load (or refresh) the official unit list and, unless None is given, the
    reorganisation of 1/7/2025; running it twice changes nothing.

    Flags set by administrators (ĐBKK, roadmap) are never touched.
    """
    result = LoadResult()
    rows = _read_csv(units_csv)
    changes: dict[str, list[dict[str, str]]] = {}
    if changes_csv and Path(changes_csv).exists():
        for row in _read_csv(changes_csv):
            changes.setdefault(row["ma_xa"], []).append(row)
    reorganised: dict[str, dict[str, str]] = {}
    if reorganisation_csv is not None and new_units_csv is not None:
        reorganised = {row["ma_xa_cu"]: row for row in _read_csv(reorganisation_csv)}
    last_day = REORGANISED_ON - dt.timedelta(days=1)

    provinces: dict[str, Province] = {}
    districts: dict[str, District] = {}
    units = _UnitRows()
    units.read([row["ma_xa"] for row in rows])
    for row in rows:
        code = row["ma_xa"]
        ends = last_day if code in reorganised else None
        p_code = row["ma_tinh"]
        if p_code not in provinces:
            province = Province.objects.filter(code=p_code, valid_from__isnull=True).first()
            values = {"name": _province_name(row["ten_tinh"]), "valid_to": ends}
            if province is None:
                province = Province(code=p_code, key=p_code, **values)
                province.save()
            else:
                _set_fields(province, values)
            provinces[p_code] = province
        province = provinces[p_code]
        if row["ma_huyen"] not in districts:
            d_name, d_kind = _strip_prefix(row["ten_huyen"], _DISTRICT_PREFIXES)
            district = District.objects.filter(code=row["ma_huyen"]).first() or District(
                code=row["ma_huyen"]
            )
            values = {"province_id": province.key, "name": d_name, "kind": d_kind, "valid_to": ends}
            if district._state.adding:
                for name, value in values.items():
                    setattr(district, name, value)
                district.save()
            else:
                _set_fields(district, values)
            districts[row["ma_huyen"]] = district
        district = districts[row["ma_huyen"]]
        c_name, c_kind_initial = _strip_prefix(row["ten_xa"], _COMMUNE_KINDS)
        # Periods: the listed kind from the list date, then each dated change.
        periods: list[Period] = []
        start, kind, basis = LIST_DATE, c_kind_initial, "Danh mục TCTK 03/02/2021"
        for change in sorted(changes.get(code, []), key=lambda r: r["hieu_luc_tu"]):
            new_from = dt.date.fromisoformat(change["hieu_luc_tu"])
            periods.append((kind, start, new_from - dt.timedelta(days=1), basis))
            start = new_from
            kind = _COMMUNE_KINDS[change["cap_moi"].lower()]
            basis = change.get("can_cu", "")
        # the kind's last period stays open: a unit's end is its own ``valid_to`` (reports
        # of 2025 count Bắc Kạn's xã of that year by kind, as before the reorganisation)
        periods.append((kind, start, None, basis))
        units.upsert(
            result,
            code=code,
            valid_from=None,
            values={
                "district_id": district.code,
                "province_id": province.key,
                "name": c_name,
                "kind": periods[-1][0],
                "valid_to": ends,
            },
            periods=periods,
        )
    units.write()
    if reorganised and new_units_csv is not None:
        _load_reorganisation(result, reorganised, _read_csv(new_units_csv))
    forget_province_families()  # the installation's provinces follow the lineage
    return result


# "05437 Phường Túc Duyên (Thành phố Thái Nguyên, Thái Nguyên) [một phần]"
_OLD_UNIT = re.compile(r"^(\d{5}) (.+?) \((.+), ([^,]+)\)( \[một phần\])?$")


def _load_reorganisation(
    result: LoadResult, reorganised: dict[str, dict[str, str]], new_rows: list[dict[str, str]]
) -> None:
    """1/7/2025: the new province 19 (predecessors: Bắc Kạn and the old Thái Nguyên), its
    92 commune-level units from that day (no district level), each a new row with one
    lineage row per predecessor. The old Thái Nguyên and its communes get rows too (ended
    30/6/2025, no district): they are lineage references only.

    Keys: the new province holds ``"19"`` (what an installation's ``PROVINCE_CODE`` names:
    the province of today); the old Thái Nguyên is ``"19-d20250630"``. The old units keep
    their codes as keys; a new unit whose code an old one held is ``"{code}-20250701"``.
    """
    last_day = REORGANISED_ON - dt.timedelta(days=1)
    old_bac_kan = {
        c.code: c
        for c in Commune.objects.filter(code__in=list(reorganised), valid_from__isnull=True)
    }
    missing = sorted(set(reorganised) - set(old_bac_kan))
    if missing:
        raise ValueError(f"Chưa có đơn vị cũ mã {', '.join(missing)} trong danh mục.")
    new_province = Province.objects.filter(
        code=NEW_PROVINCE_CODE, valid_from=REORGANISED_ON
    ).first()
    if new_province is None:
        key = NEW_PROVINCE_CODE
        if Province.objects.filter(key=key).exists():
            key = unit_key(NEW_PROVINCE_CODE, REORGANISED_ON)
        new_province = Province(key=key, code=NEW_PROVINCE_CODE, valid_from=REORGANISED_ON)
    _set_fields(new_province, {"name": NEW_PROVINCE_NAME, "valid_to": None})
    old_province = Province.objects.filter(code=NEW_PROVINCE_CODE, valid_from__isnull=True).first()
    if old_province is None:
        old_province = Province(
            key=unit_key(NEW_PROVINCE_CODE, None, last_day), code=NEW_PROVINCE_CODE
        )
    _set_fields(old_province, {"name": NEW_PROVINCE_NAME, "valid_to": last_day})
    predecessors = {old_bac_kan[next(iter(reorganised))].province_id or "", old_province.key}
    predecessors.discard("")
    for predecessor in sorted(predecessors):
        _upsert_change(
            result,
            level=UnitLevel.PROVINCE,
            predecessor_province_id=predecessor,
            successor_province_id=new_province.key,
            values={"legal_basis": PROVINCE_REORGANISATION_BASIS, "whole": True},
        )

    # the old units first (so that they keep their codes as keys), then the new ones
    parsed: list[tuple[dict[str, str], list[tuple[str, str, str, bool]]]] = []
    for row in new_rows:
        olds = []
        for item in row["don_vi_cu"].split(";"):
            match = _OLD_UNIT.match(item.strip())
            if match is None:
                raise ValueError(f"Không đọc được đơn vị cũ “{item.strip()}” ({row['ma_xa_moi']}).")
            code, name, _district, province_name = match.group(1, 2, 3, 4)
            olds.append((code, name, province_name, match.group(5) is None))
        parsed.append((row, olds))
    old_units: dict[str, Commune] = dict(old_bac_kan)
    units = _UnitRows()
    # every code of the files: a new unit's key is its code only while no unit holds it
    units.read([row["ma_xa_moi"] for row, _olds in parsed] + [
        code for _row, olds in parsed for code, *_rest in olds
    ])  # fmt: skip
    old_basis = f"Danh mục đơn vị hành chính trước {REORGANISED_ON:%d/%m/%Y}"
    for _row, olds in parsed:
        for code, name, province_name, _whole in olds:
            if code in old_units:
                continue
            if province_name == "Bắc Kạn":
                raise ValueError(f"Đơn vị cũ {code} của Bắc Kạn không có trong danh mục 2021.")
            c_name, c_kind = _strip_prefix(name, _COMMUNE_KINDS)
            old_units[code] = units.upsert(
                result,
                code=code,
                valid_from=None,
                values={
                    "district_id": None,
                    "province_id": old_province.key,
                    "name": c_name,
                    "kind": c_kind,
                    "valid_to": last_day,
                },
                periods=[(c_kind, LIST_DATE, None, old_basis)],
            )
    changes = _UnitChanges(result, [unit.key for unit in old_units.values()])
    for row, olds in parsed:
        c_name, c_kind = _strip_prefix(row["ten_don_vi_moi"], _COMMUNE_KINDS)
        if _COMMUNE_KINDS[row["loai"].lower()] != c_kind:
            raise ValueError(f"Loại đơn vị của {row['ma_xa_moi']} không khớp tên.")
        basis = f"{COMMUNE_REORGANISATION_BASIS}, khoản {row['nq1683_khoan']}"
        successor = units.upsert(
            result,
            code=row["ma_xa_moi"],
            valid_from=REORGANISED_ON,
            values={
                "district_id": None,
                "province_id": new_province.key,
                "name": c_name,
                "kind": c_kind,
                "valid_to": None,
            },
            periods=[(c_kind, REORGANISED_ON, None, basis)],
        )
        result.units_new += 1
        for code, _name, _province, whole in olds:
            mapped = reorganised.get(code)
            if mapped is not None and (
                mapped["ma_xa_moi"] != row["ma_xa_moi"] or (mapped["sap_xep"] == "toàn bộ") != whole
            ):
                raise ValueError(f"Hai tệp sắp xếp không khớp ở đơn vị cũ {code}.")
            changes.upsert(
                old_units[code].key, successor.key, {"legal_basis": basis, "whole": whole}
            )
    units.write()
    changes.write()
    result.units_ended = len(old_units)


class _UnitChanges:
    """The lineage rows between communes (``UnitChange`` of level commune) of a load: those
    from ``predecessors`` read once, the new and changed ones written in bulk (``write``)."""

    def __init__(self, result: LoadResult, predecessors: Collection[str]) -> None:
        self.result = result
        self.rows: dict[tuple[str | None, str | None], UnitChange] = {}
        self.new: list[UnitChange] = []
        self.changed: dict[int, UnitChange] = {}
        self.changed_fields: set[str] = set()
        for change in UnitChange.objects.filter(predecessor_commune_id__in=sorted(predecessors)):
            self.rows.setdefault(
                (change.predecessor_commune_id, change.successor_commune_id), change
            )

    def upsert(self, predecessor: str, successor: str, values: dict[str, object]) -> None:
        """The lineage row from ``predecessor`` to ``successor`` (keys of units of
        ``predecessors``), created or updated (on ``write``)."""
        change = self.rows.get((predecessor, successor))
        values = {"level": UnitLevel.COMMUNE, "date": REORGANISED_ON, **values}
        if change is None:
            change = UnitChange(
                predecessor_commune_id=predecessor, successor_commune_id=successor, **values
            )
            self.rows[(predecessor, successor)] = change
            self.new.append(change)
            self.result.changes_created += 1
            return
        changed = [name for name, value in values.items() if getattr(change, name) != value]
        for name in changed:
            setattr(change, name, values[name])
        if changed:
            self.result.changes_updated += 1
            if change.pk is not None:  # a new one is written with its values as they are
                self.changed[change.pk] = change
                self.changed_fields.update(changed)

    def write(self) -> None:
        UnitChange.objects.bulk_create(self.new)
        if self.changed:
            UnitChange.objects.bulk_update(list(self.changed.values()), sorted(self.changed_fields))


def _upsert_change(
    result: LoadResult, *, level: str, values: dict[str, object], **pair: str
) -> None:
    change = UnitChange.objects.filter(**pair).first()
    values = {"level": level, "date": REORGANISED_ON, **values}
    if change is None:
        UnitChange.objects.create(**pair, **values)
        result.changes_created += 1
        return
    changed = [name for name, value in values.items() if getattr(change, name) != value]
    for name in changed:
        setattr(change, name, values[name])
    if changed:
        change.save()
        result.changes_updated += 1


def commune_kind_counts(*, on: dt.date, province_code: str | None = None) -> dict[str, int]:
    """How many xã / phường / thị trấn the province had on ``on`` (one query).

    ``province_code`` is the province's key (its official code for the province of
    today and for Bắc Kạn)."""
    qs = CommuneKindPeriod.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on
    ).filter(valid_on_q(on, "commune__"))
    if province_code:
        qs = qs.filter(commune__province_id=province_code)
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
    commune_key: str
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
        rows = (
            ["" if v is None else str(v).strip() for v in row]
            for row in workbook_rows(
                data, max_rows=VILLAGE_MAX_ROWS + 2, max_cols=len(VILLAGE_COLUMNS)
            )
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

    ``communes_allowed``: keys of the units the importing user may touch (None = all).
    Errors name the row (as the spreadsheet numbers it) and the column.
    """
    result = VillageImport()
    try:
        table = _read_table(upload_name, data)
    except WorkbookRefused as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
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
    # the file carries official codes: the unit (of the user's scope) holding the code
    # today, or its last holder
    today = dt.date.today()
    known = commune_keys_by_code(None, on=today, or_last=True)
    if communes_allowed is not None:
        allowed = commune_keys_by_code(None, on=today, or_last=True, among=communes_allowed)
    else:
        allowed = known
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
        elif code not in allowed:
            row_errors.append(
                RowError(
                    index, VILLAGE_HEADERS["ma_xa"], f"Xã mã “{code}” không thuộc phạm vi của bạn."
                )
            )
        if not name:
            row_errors.append(RowError(index, VILLAGE_HEADERS["ten_thon"], "Tên thôn bị trống."))
        elif control := control_character(name):
            row_errors.append(RowError(index, VILLAGE_HEADERS["ten_thon"], control))
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
                {"commune_key": allowed[code], "name": name, "extremely_difficult": difficult}
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
            commune_id=row["commune_key"],
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
            "communes": sorted({row["commune_key"] for row in parsed.rows}),
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
    stored = Commune.objects.select_for_update(of=("self",)).get(pk=commune.pk)
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
            province=stored.province_id,
        )
    commune.extremely_difficult, commune.on_roadmap = extremely_difficult, on_roadmap
    return commune
