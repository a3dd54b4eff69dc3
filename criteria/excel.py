"""Excel in and out: the district's status template, the validated import, the matrix export.

The import checks every row and reports all errors by row and column before
anything is written; the commit is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from communes.models import Commune, District
from communes.services import RowError
from criteria.selectors import xa_on
from emulation.audit import log_action
from emulation.cells import append_row, print_setup
from emulation.models import User
from emulation.text import cell_text, control_character, fold
from emulation.workbooks import WorkbookRefused, read_date, read_text, workbook_rows

from .models import Assessment
from .selectors import MatrixColumns, MatrixRow, matrix_columns
from .services import criteria_met_on
from .sets import SetCatalogue, criteria_on, no_set_message, wrong_number_message
from .signals import records_changed

COLUMNS = [
    ("code", "Mã xã"),
    ("name", "Tên xã"),
    ("criterion", "Tiêu chí (số)"),
    ("criterion_name", "Tên tiêu chí"),
    ("date", "Ngày đánh giá (dd/mm/yyyy)"),
    ("met", "Kết quả (đạt/không đạt)"),
    ("note", "Căn cứ, ghi chú"),
]
HEADERS = dict(COLUMNS)
_MET = {"dat": True, "co": True, "x": True, "1": True, "true": True}
_NOT_MET = {"khong dat": False, "khong": False, "chua dat": False, "0": False, "false": False}
MAX_ROWS = 20_000


@dataclass
class ImportRow:
    row: int
    code: str
    commune: str
    criterion: int  # its number in the set in force on assessed_on
    assessed_on: dt.date
    met: bool
    note: str
    criterion_id: int = 0  # the criterion's id
    action: str = ""  # "record" | "correct" | "same"
    replaces: int | None = None


@dataclass
class ParsedImport:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changes(self) -> list[ImportRow]:
        return [r for r in self.rows if r.action in {"record", "correct"}]

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if r.action == "same")


def status_template_xlsx(*, district: District, on: dt.date) -> bytes:
    """One row per xã of the district and criterion of the set in force on ``on``,
    filled with the status on ``on``."""
    communes = list(
        xa_on(Commune.objects.filter(district=district), on)
        .order_by("code")
        .select_related("district")
    )
    criteria_set, criteria = criteria_on(on)
    state = criteria_met_on(commune_codes=[c.pk for c in communes], on=on)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, active
    ws.title = "Tình trạng tiêu chí"
    ws.append([label for _, label in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for commune in communes:
        for criterion in criteria:
            number = criterion.number
            ws.append(
                [
                    commune.code,
                    cell_text(str(commune)),
                    number,
                    cell_text(criterion.name),
                    on.strftime("%d/%m/%Y"),
                    "đạt" if number in state[commune.pk] else "không đạt",
                    "",
                ]
            )
    for col, width in zip("ABCDEFG", (10, 24, 12, 40, 24, 22, 40), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "@"
    notes = wb.create_sheet("Hướng dẫn")
    in_force = (
        f"Tại ngày {on:%d/%m/%Y} áp dụng {criteria_set.name} ({criteria_set.legal_basis})."
        if criteria_set
        else no_set_message(on)
    )
    for line in [
        "Mỗi dòng: một xã, một tiêu chí, một ngày đánh giá.",
        in_force,
        "Số tiêu chí là số thứ tự trong bộ tiêu chí áp dụng tại ngày đánh giá của dòng "
        "(Bộ 2021–2025: 19 tiêu chí, đến 14/02/2026; Bộ 2026–2030: 10 tiêu chí, "
        "từ 15/02/2026).",
        "Cột “Kết quả”: ghi “đạt” hoặc “không đạt”.",
        "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 15/06/2023; không được sau hôm nay.",
        "Dòng có kết quả giống tình trạng đang có tại ngày đó sẽ không ghi thêm.",
        "Dòng trùng ngày với một đánh giá đã có nhưng khác kết quả là một đính chính: "
        "dòng cũ vẫn giữ trong lịch sử.",
        "Tệp chỉ được ghi khi không còn dòng lỗi nào.",
    ]:
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def assessments_parse(
    *, data: bytes, district_code: str, today: dt.date | None = None
) -> ParsedImport:
    """Validate every row of an uploaded status file; nothing is written here."""
    today = today or dt.date.today()
    result = ParsedImport()
    try:
        # one row more than accepted tells an over-long file; columns past the template's
        # are never read (a sheet may declare A1:XFD20000)
        table = list(workbook_rows(data, max_rows=MAX_ROWS + 1, max_cols=len(COLUMNS)))
    except WorkbookRefused as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
    except Exception:  # noqa: BLE001 - any unreadable file gets one clear message
        result.errors.append(
            RowError(0, "", "Không đọc được tệp. Dùng tệp Excel (.xlsx) theo mẫu.")
        )
        return result
    if not table:
        result.errors.append(RowError(0, "", "Tệp không có dữ liệu."))
        return result
    header = [fold(read_text(h)) for h in table[0]]
    expected = [fold(label) for _, label in COLUMNS[:6]]
    if header[:6] != expected:
        result.errors.append(
            RowError(1, "", "Dòng tiêu đề phải là: " + ", ".join(label for _, label in COLUMNS))
        )
        return result
    if len(table) > MAX_ROWS:
        result.errors.append(RowError(0, "", f"Tệp quá {MAX_ROWS} dòng; hãy chia nhỏ."))
        return result
    # District staff import for their district's units: units of a district predate
    # 1/7/2025 and hold their official codes as keys (communes.models), so within the
    # district level a code names one unit and is its key.
    communes = {
        code: (district, name)
        for code, district, name in Commune.objects.filter(district__isnull=False).values_list(
            "key", "district_id", "name"
        )
    }
    catalogue = SetCatalogue.load()
    seen: dict[tuple[str, int, dt.date], int] = {}
    for index, raw in enumerate(table[1:], start=2):
        cells = (list(raw) + [None] * 7)[:7]
        if not any(read_text(c) for c in cells):
            continue
        errors: list[RowError] = []
        code = read_text(cells[0])
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)  # Excel drops leading zeros
        if code not in communes:
            errors.append(RowError(index, HEADERS["code"], f"Không có xã mã “{code}”."))
        elif communes[code][0] != district_code:
            errors.append(
                RowError(index, HEADERS["code"], f"Xã mã “{code}” không thuộc huyện của bạn.")
            )
        day = read_date(cells[4])
        if day is None:
            errors.append(
                RowError(
                    index,
                    HEADERS["date"],
                    f"Ngày “{read_text(cells[4])}” không hợp lệ; ghi dạng 15/06/2023.",
                )
            )
        elif day > today:
            errors.append(RowError(index, HEADERS["date"], "Ngày đánh giá sau hôm nay."))
        elif day.year < 2000:
            errors.append(RowError(index, HEADERS["date"], "Ngày đánh giá trước năm 2000."))
        # the number is the criterion's in the set in force on the row's date
        criterion = None
        text = read_text(cells[2])
        try:
            number = int(text)
        except ValueError:
            number = None
        if day is not None:
            criteria_set, by_number = catalogue.on(day)
            if criteria_set is None:
                errors.append(RowError(index, HEADERS["date"], no_set_message(day)))
            elif number not in by_number:
                errors.append(
                    RowError(
                        index,
                        HEADERS["criterion"],
                        wrong_number_message(criteria_set, len(by_number), day, text),
                    )
                )
            else:
                criterion = by_number[number]
        elif number is None or not any(number in by for _, by in catalogue.sets):
            errors.append(
                RowError(
                    index,
                    HEADERS["criterion"],
                    "Tiêu chí phải là số thứ tự trong bộ tiêu chí áp dụng tại ngày đánh giá "
                    f"(gặp “{text}”).",
                )
            )
        met_text = fold(read_text(cells[5]))
        met = _MET.get(met_text, _NOT_MET.get(met_text))
        if met is None:
            errors.append(
                RowError(
                    index,
                    HEADERS["met"],
                    f"Chỉ ghi “đạt” hoặc “không đạt” (gặp “{read_text(cells[5])}”).",
                )
            )
        note = read_text(cells[6])
        if control := control_character(note):
            errors.append(RowError(index, HEADERS["note"], control))
        elif len(note) > 2000:
            errors.append(RowError(index, HEADERS["note"], "Ghi chú dài quá 2000 ký tự."))
        if not errors:
            # each of these being None added an error
            assert criterion is not None and day is not None and met is not None
            key = (code, criterion.pk, day)
            if key in seen:
                errors.append(
                    RowError(
                        index,
                        HEADERS["criterion"],
                        f"Trùng với dòng {seen[key]} (cùng xã, tiêu chí và ngày).",
                    )
                )
            else:
                result.rows.append(
                    ImportRow(
                        index,
                        code,
                        communes[code][1],
                        criterion.number,
                        day,
                        met,
                        note,
                        criterion_id=criterion.pk,
                    )
                )
            seen[key] = index
        result.errors.extend(errors)
    if not result.rows and not result.errors:
        result.errors.append(RowError(0, "", "Tệp không có dòng dữ liệu nào."))
    if result.ok:
        _classify(result)
    return result


def _classify(parsed: ParsedImport) -> None:
    """Mark each row: a new assessment, a correction of a same-day row, or no change."""
    codes = {r.code for r in parsed.rows}
    live: dict[tuple[str, int], list[tuple[dt.date, int, bool]]] = defaultdict(list)
    for commune_id, criterion_id, day, pk, met in (
        Assessment.objects.filter(commune_id__in=codes, replaced_by__isnull=True)
        .order_by("assessed_on", "id")
        .values_list("commune_id", "criterion_id", "assessed_on", "id", "met")
    ):
        live[(commune_id, criterion_id)].append((day, pk, met))
    # Earlier rows of the file count for later ones (same commune and criterion).
    for row in sorted(parsed.rows, key=lambda r: (r.code, r.criterion_id, r.assessed_on)):
        history = live[(row.code, row.criterion_id)]
        same_day = [i for i, h in enumerate(history) if h[0] == row.assessed_on]
        if same_day:
            i = same_day[-1]
            day, pk, met = history[i]
            row.action, row.replaces = ("same", None) if met == row.met else ("correct", pk)
            history[i] = (day, pk, row.met)
            continue
        before = [h for h in history if h[0] <= row.assessed_on]
        current = before[-1][2] if before else False
        row.action = "same" if current == row.met else "record"
        if row.action == "record":
            history.append((row.assessed_on, 0, row.met))
            history.sort(key=lambda h: h[0])


@transaction.atomic
def assessments_import(*, data: bytes, by: User) -> ParsedImport:
    """Parse again and write every change, all or nothing (raises on any error)."""
    if not by.has_perm("criteria.record_district", by.district):
        raise PermissionDenied
    assert by.district_id is not None  # district staff have one (user_district_scope)
    parsed = assessments_parse(data=data, district_code=by.district_id)
    if not parsed.ok:
        raise ValueError("Không ghi tệp còn lỗi.")
    changes = parsed.changes
    # Lock the rows being corrected; a concurrent correction makes the import fail cleanly.
    replaced = {r.replaces for r in changes if r.action == "correct"}
    locked = {
        a.pk: a
        for a in Assessment.objects.select_for_update().filter(
            pk__in=replaced, replaced_by__isnull=True
        )
    }
    if len(locked) != len(replaced):
        raise ValueError("Dữ liệu đã thay đổi trong lúc nhập; hãy kiểm tra lại tệp.")
    records_changed.send(sender=Assessment)  # bulk_create sends no model signals
    created = Assessment.objects.bulk_create(
        [
            Assessment(
                commune_id=r.code,
                criterion_id=r.criterion_id,
                assessed_on=r.assessed_on,
                met=r.met,
                note=r.note or "Nhập từ tệp Excel",
                recorded_by=by,
            )
            for r in changes
        ]
    )
    for row, new in zip(changes, created, strict=True):
        if row.action == "correct":
            assert row.replaces is not None  # _classify names the row a correction replaces
            old = locked[row.replaces]
            old.replaced_by = new
            old.save(update_fields=["replaced_by"])
    district = by.district
    assert district is not None  # only a district's staff import (parse checked it)
    recorded = sum(1 for r in changes if r.action == "record")
    log_action(
        action="assessment.imported",
        obj=Assessment,
        by=by,
        label=f"Nhập tệp Excel tiêu chí: {district} ({district.code})",
        details={
            "rows": len(parsed.rows),
            "recorded": recorded,
            "corrected": len(changes) - recorded,
            "unchanged": parsed.unchanged,
            "communes": sorted({r.code for r in changes}),
        },
        province=district.province_id,
    )
    return parsed


def matrix_xlsx(
    rows: list[MatrixRow], *, on: dt.date, title: str, columns: MatrixColumns | None = None
) -> bytes:
    """The matrix as a workbook: one row per commune, one column per criterion of the set
    in force on ``on``."""
    columns = columns or matrix_columns(on)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, active
    ws.title = "Ma trận tiêu chí"
    append_row(ws, [title])
    ws["A1"].font = Font(bold=True, size=13)
    legend = f"Tình trạng tại ngày {on:%d/%m/%Y}"
    if columns.criteria_set is not None:
        legend += f", theo {columns.criteria_set.name} ({columns.criteria_set.legal_basis})"
    legend += "."
    if columns.since_baseline:
        legend += f" “Đạt mới”: đạt tại ngày này, chưa đạt ngày {columns.baseline:%d/%m/%Y}."
    append_row(ws, [legend])
    header = ["Mã xã", "Xã", "Huyện / thành phố", "ĐBKK", "Lộ trình 2021–2025", "Mức đạt chuẩn"]
    header += [f"TC{c.number}" for c in columns.criteria] + ["Số tiêu chí đạt"]
    if columns.since_baseline:
        header.append("Số tiêu chí đạt mới")
    append_row(ws, header)
    for header_cell in ws[3]:
        header_cell.font = Font(bold=True)
    print_setup(ws, header_row=3)
    fills = {
        "met": PatternFill("solid", fgColor="D1E7DD"),
        "new": PatternFill("solid", fgColor="A3CFBB"),
        "lost": PatternFill("solid", fgColor="F8D7DA"),
    }
    texts = {"met": "đạt", "new": "đạt mới", "lost": "không (mất)", "": "không"}
    for row in rows:
        c = row.commune
        append_row(
            ws,
            [
                c.code,
                str(c),
                str(c.district),
                "có" if c.extremely_difficult else "",
                "có" if c.on_roadmap else "",
                row.level,
                *[texts[cell] for cell in row.cells],
                row.count,
                *([row.newly] if columns.since_baseline else []),
            ],
        )
        for offset, cell in enumerate(row.cells):
            if cell in fills:
                ws.cell(row=ws.max_row, column=7 + offset).fill = fills[cell]
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["F"].width = 22
    ws.freeze_panes = "C4"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
