"""The movement's progress against the plan's yearly targets (section I.1) and the
district report of section V.2.

Pure-ish: a handful of queries gather facts for the whole province (the number of
queries does not depend on the number of communes), then plain Python computes
every figure. The dashboard, the district report page, its Excel file and the
PDF helper all read the dataclasses returned here.

Definitions (shown on the dashboard):
- "xã đạt chuẩn NTM / nâng cao / kiểu mẫu tăng thêm" in a year: recognition
  decisions of that level dated in that year;
- "thôn tăng thêm": villages of ĐBKK communes off the 2021–2025 roadmap
  recognised in that year;
- "bình quân tiêu chí / xã": on 31/12 of the year (or today for the current
  year), the mean number of criteria met by the units that were xã on that date;
- cumulative targets start from what was actually reached at the end of 2021
  (the plan was issued in May 2022 with that figure known) and add the yearly targets.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.models import Commune, CommuneKind, CommuneKindPeriod, District
from emulation.models import PlanTarget

if TYPE_CHECKING:
    from dossiers.documents.legal import Plan

FIRST_YEAR = 2021
LAST_YEAR = 2025
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
TARGET_YEARS = (2022, 2023, 2024, 2025)

# Section I.1 of the plan: additions per year for the whole province.
# (NTM, advanced, model, villages, mean criteria per xã, district-level units completing)

COUNTED = ("ntm", "advanced", "model", "villages")
METRIC_LABELS = {
    "ntm": gettext_lazy("Xã đạt chuẩn NTM"),
    "advanced": gettext_lazy("Xã đạt NTM nâng cao"),
    "model": gettext_lazy("Xã đạt NTM kiểu mẫu"),
    "villages": gettext_lazy("Thôn (xã ĐBKK ngoài lộ trình) đạt chuẩn NTM"),
    "mean": gettext_lazy("Bình quân tiêu chí / xã"),
    "districts": gettext_lazy("Đơn vị cấp huyện hoàn thành NTM"),
}
_TARGET_FIELDS = {
    "ntm": "ntm_communes_added",
    "advanced": "advanced_communes_added",
    "model": "model_communes_added",
    "villages": "villages_added",
}


# --- Facts --------------------------------------------------------------------


@dataclass
class Facts:
    """Everything the figures need, gathered in a fixed number of queries."""

    today: dt.date
    districts: list[District]
    communes: dict[str, tuple[str, bool, bool]]  # code -> (district, ĐBKK, on roadmap)
    kind_periods: dict[str, list[tuple[str, dt.date, dt.date | None]]]
    recognitions: list[tuple[str, str, dt.date]]  # commune, level, date
    village_recognitions: list[tuple[str, dt.date]]  # commune of an off-roadmap ĐBKK village
    district_recognitions: dict[str, dt.date]
    targets: dict[tuple[int, str | None], PlanTarget]
    completion_target: dict[str, int]  # district -> planned year of completing NTM
    states: dict[dt.date, dict[str, frozenset[int]]]  # year-end -> commune -> criteria met

    def kind_on(self, code: str, day: dt.date) -> str | None:
        for kind, start, end in self.kind_periods.get(code, ()):
            if start <= day and (end is None or day <= end):
                return kind
        return None

    def added(self, metric: str, codes: set[str], lo: dt.date, hi: dt.date) -> int:
        """Communes of ``codes`` recognised at ``metric`` (or their villages) in [lo, hi]."""
        if metric == "villages":
            return sum(1 for c, day in self.village_recognitions if c in codes and lo <= day <= hi)
        return sum(
            1
            for c, level, day in self.recognitions
            if level == metric and c in codes and lo <= day <= hi
        )

    def xa_on(self, day: dt.date, district: str | None = None) -> list[str]:
        return [
            code
            for code, (d, _, _) in self.communes.items()
            if (district is None or d == district) and self.kind_on(code, day) == CommuneKind.XA
        ]


def year_end(year: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 12, 31), today)


def gather_facts(*, today: dt.date | None = None) -> Facts:
    from criteria.models import DistrictRecognition, Recognition, VillageRecognition
    from criteria.services import criteria_met_on

    today = today or dt.date.today()
    province = settings.PROVINCE_CODE
    districts = list(District.objects.filter(province_id=province).order_by("code"))
    communes = {
        code: (district, difficult, roadmap)
        for code, district, difficult, roadmap in Commune.objects.filter(
            district__province_id=province
        ).values_list("code", "district_id", "extremely_difficult", "on_roadmap")
    }
    periods: dict[str, list] = defaultdict(list)
    for code, kind, start, end in CommuneKindPeriod.objects.filter(
        commune__district__province_id=province
    ).values_list("commune_id", "kind", "valid_from", "valid_to"):
        periods[code].append((kind, start, end))
    recognitions = list(
        Recognition.objects.filter(commune__district__province_id=province).values_list(
            "commune_id", "level", "decision_date"
        )
    )
    village_recognitions = list(
        VillageRecognition.objects.filter(
            village__commune__district__province_id=province,
            village__commune__extremely_difficult=True,
            village__commune__on_roadmap=False,
        ).values_list("village__commune_id", "decision_date")
    )
    district_recognitions = dict(
        DistrictRecognition.objects.filter(district__province_id=province).values_list(
            "district_id", "decision_date"
        )
    )
    targets: dict[tuple[int, str | None], PlanTarget] = {}
    completion: dict[str, int] = {}
    for target in PlanTarget.objects.filter(
        Q(district__isnull=True) | Q(district__province_id=province)
    ).prefetch_related("districts_completed"):
        targets[(target.year, target.district_id)] = target
        if target.district_id is None:
            for d in target.districts_completed.all():
                completion[d.code] = target.year
    facts = Facts(
        today=today,
        districts=districts,
        communes=communes,
        kind_periods=dict(periods),
        recognitions=recognitions,
        village_recognitions=village_recognitions,
        district_recognitions=district_recognitions,
        targets=targets,
        completion_target=completion,
        states={},
    )
    for year in YEARS:
        day = year_end(year, today)
        if day.year != year:
            continue  # a year that has not started
        facts.states[day] = criteria_met_on(commune_codes=facts.xa_on(day), on=day)
    return facts


# --- Figures ------------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    started: bool
    target: dict[str, int | None]
    actual: dict[str, int]
    cum_target: dict[str, int | None]
    cum_actual: dict[str, int]
    mean_target: Decimal | None
    mean_actual: float | None
    xa_count: int
    districts_target: list[str]
    districts_actual: list[str]
    cum_districts_target: int | None
    cum_districts_actual: int


@dataclass
class Behind:
    scope: str
    metric: str
    year: int
    target: float
    actual: float
    message: str


@dataclass
class Progress:
    district: District | None
    label: str
    baseline: dict[str, int]  # cumulative at the end of 2020
    years: list[YearRow]
    behind: list[Behind] = field(default_factory=list)
    evaluated_year: int | None = None

    def row(self, year: int) -> YearRow:
        return next(r for r in self.years if r.year == year)


def _district_label(district: District | None) -> str:
    return str(district) if district else _("Toàn tỉnh")


def progress_of(facts: Facts, district: District | None) -> Progress:
    """Targets against actuals per year for the province (``district`` None) or one district."""
    code = district.code if district else None
    in_scope = {c for c, (d, _, _) in facts.communes.items() if code is None or d == code}

    def added(metric: str, year: int) -> int:
        return facts.added(metric, in_scope, dt.date(year, 1, 1), dt.date(year, 12, 31))

    scope_districts = [d for d in facts.districts if code is None or d.code == code]
    names = {d.code: str(d) for d in facts.districts}
    before = dt.date(FIRST_YEAR - 1, 12, 31)
    baseline = {m: facts.added(m, in_scope, dt.date.min, before) for m in COUNTED}
    cum_actual = dict(baseline)
    cum_target: dict[str, int | None] = {m: None for m in COUNTED}
    cum_districts_actual = sum(
        1
        for d in scope_districts
        if d.code in facts.district_recognitions
        and facts.district_recognitions[d.code].year < FIRST_YEAR
    )
    cum_districts_target: int | None = None
    # a scope without any yearly target has no cumulative target either
    has_targets = any((y, code) in facts.targets for y in TARGET_YEARS)
    rows: list[YearRow] = []
    for year in YEARS:
        started = dt.date(year, 1, 1) <= facts.today
        target_row = facts.targets.get((year, code))
        target = {
            m: (getattr(target_row, _TARGET_FIELDS[m]) if target_row else None) for m in COUNTED
        }
        actual = {m: added(m, year) for m in COUNTED}
        for m in COUNTED:
            cum_actual[m] += actual[m]
            if year == FIRST_YEAR or not has_targets:
                continue
            if cum_target[m] is None:
                # anchored on what was reached at the end of 2021
                cum_target[m] = rows[0].cum_actual[m] if rows else cum_actual[m]
            cum_target[m] += target[m] or 0
        districts_target = [
            n
            for d, n in names.items()
            if facts.completion_target.get(d) == year and (code is None or d == code)
        ]
        districts_actual = [
            names[d.code]
            for d in scope_districts
            if d.code in facts.district_recognitions
            and facts.district_recognitions[d.code].year == year
        ]
        cum_districts_actual += len(districts_actual)
        if year >= TARGET_YEARS[0]:
            if cum_districts_target is None:
                cum_districts_target = rows[0].cum_districts_actual
            cum_districts_target += len(districts_target)
        day = year_end(year, facts.today)
        mean_actual = None
        xa = facts.xa_on(day, code) if started else []
        if started and xa:
            state = facts.states.get(day, {})
            mean_actual = sum(len(state.get(c, ())) for c in xa) / len(xa)
        rows.append(
            YearRow(
                year=year,
                started=started,
                target=target,
                actual=actual,
                cum_target=dict(cum_target),
                cum_actual=dict(cum_actual),
                mean_target=target_row.mean_criteria if target_row else None,
                mean_actual=mean_actual,
                xa_count=len(xa),
                districts_target=districts_target,
                districts_actual=districts_actual,
                cum_districts_target=cum_districts_target,
                cum_districts_actual=cum_districts_actual,
            )
        )
    progress = Progress(
        district=district, label=_district_label(district), baseline=baseline, years=rows
    )
    _find_behind(progress, facts)
    return progress


def _evaluated_year(today: dt.date) -> int | None:
    """The latest target year that has ended on ``today``."""
    ended = [y for y in TARGET_YEARS if dt.date(y, 12, 31) <= today]
    return ended[-1] if ended else None


def _find_behind(progress: Progress, facts: Facts) -> None:
    year = _evaluated_year(facts.today)
    progress.evaluated_year = year
    if year is None:
        return
    row = progress.row(year)
    for m in COUNTED:
        target = row.cum_target[m]
        if target is not None and row.cum_actual[m] < target:
            progress.behind.append(
                Behind(
                    scope=progress.label,
                    metric=str(METRIC_LABELS[m]),
                    year=year,
                    target=target,
                    actual=row.cum_actual[m],
                    message=_(
                        "%(metric)s lũy kế đến hết %(year)d: đạt %(a)d / %(t)d (thiếu %(gap)d)"
                    )
                    % {
                        "metric": METRIC_LABELS[m],
                        "year": year,
                        "a": row.cum_actual[m],
                        "t": target,
                        "gap": target - row.cum_actual[m],
                    },
                )
            )
    if row.mean_target is not None and row.mean_actual is not None:
        # figures are reported to one decimal: 14,97 reads (and counts) as 15,0
        if Decimal(str(round(row.mean_actual, 1))) < row.mean_target:
            progress.behind.append(
                Behind(
                    scope=progress.label,
                    metric=str(METRIC_LABELS["mean"]),
                    year=year,
                    target=float(row.mean_target),
                    actual=row.mean_actual,
                    message=_("Bình quân tiêu chí / xã năm %(year)d: %(a)s / %(t)s")
                    % {
                        "year": year,
                        "a": _fmt1(row.mean_actual),
                        "t": _fmt1(row.mean_target),
                    },
                )
            )
    for district in facts.districts:
        if progress.district is not None and district.code != progress.district.code:
            continue
        planned = facts.completion_target.get(district.code)
        done = facts.district_recognitions.get(district.code)
        if planned is not None and planned <= year and (done is None or done.year > planned):
            progress.behind.append(
                Behind(
                    scope=progress.label,
                    metric=str(METRIC_LABELS["districts"]),
                    year=planned,
                    target=1,
                    actual=0 if done is None else 1,
                    message=(
                        _("%(d)s chưa hoàn thành NTM (kế hoạch năm %(y)d)")
                        if done is None
                        else _("%(d)s hoàn thành NTM năm %(done)d, chậm so với kế hoạch %(y)d")
                    )
                    % {"d": district, "y": planned, "done": done.year if done else 0},
                )
            )


def _fmt1(value) -> str:
    from emulation.money import format_number

    return format_number(float(value), 1)


@dataclass
class Overview:
    facts: Facts | None  # None once cached (progress_overview)
    province: Progress
    districts: list[Progress]

    @property
    def behind(self) -> list[Behind]:
        out = list(self.province.behind)
        for p in self.districts:
            out.extend(p.behind)
        return out


def progress_overview(*, today: dt.date | None = None) -> Overview:
    """The province's and every district's progress on ``today`` (cached; see
    :mod:`progress.cache` for when the cache is refreshed)."""
    from progress.cache import cached

    return cached(_overview_for_cache, today=today or dt.date.today())


def _overview_for_cache(*, today: dt.date) -> Overview:
    """The figures without the facts they were computed from: every cache read unpickles
    the value, and the facts (every commune's criteria at five year-ends) are 85 % of it."""
    overview = compute_overview(today=today)
    overview.facts = None
    return overview


def compute_overview(*, today: dt.date | None = None) -> Overview:
    facts = gather_facts(today=today)
    return Overview(
        facts=facts,
        province=progress_of(facts, None),
        districts=[progress_of(facts, d) for d in facts.districts],
    )


def progress_for_district(district: District, *, today: dt.date | None = None) -> Progress:
    return progress_of(gather_facts(today=today), district)


# --- The district report (section V.2) ------------------------------------------


@dataclass
class ReportLine:
    key: str
    label: str
    year_target: int | Decimal | None
    period_actual: int | float | None
    year_actual: int | float | None  # 01/01 to the end of the period
    cum_actual: int | None  # since 2021, to the end of the period
    cum_target: int | None  # the plan's cumulative figure at the end of the year

    @property
    def percent(self) -> float | None:
        if self.key == "mean" or self.year_target in (None, 0) or self.year_actual is None:
            return None
        return 100.0 * float(self.year_actual) / float(self.year_target)


@dataclass
class RecognitionItem:
    commune: str
    level: str
    decision_number: str
    decision_date: dt.date
    issuing_body: str


@dataclass
class VillageItem:
    village: str
    commune: str
    decision_number: str
    decision_date: dt.date


@dataclass
class GainItem:
    code: str
    commune: str
    gained: list[int]
    lost: list[int]
    count_end: int


@dataclass
class DistrictReport:
    district: District
    year: int
    half: int | None
    start: dt.date
    end: dt.date
    period_label: str
    lines: list[ReportLine]
    xa_count: int
    completion_planned_year: int | None
    completed_on: dt.date | None
    recognitions: list[RecognitionItem]
    villages: list[VillageItem]
    gains: list[GainItem]
    communes_with_debt: list[str]
    district_debt: bool | None
    behind: list[str]
    generated_on: dt.date
    plan: Plan  # the province's plan, whose movement the report is about

    @property
    def title(self) -> str:
        return _("Báo cáo kết quả thực hiện %(movement)s %(period)s") % {
            "movement": self.plan.movement,
            "period": self.period_label,
        }


def report_period(year: int, half: int | None) -> tuple[dt.date, dt.date, str]:
    if half == 1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30), _("6 tháng đầu năm %(y)d") % {"y": year}
    return dt.date(year, 1, 1), dt.date(year, 12, 31), _("năm %(y)d") % {"y": year}


def district_report(
    district: District, year: int, half: int | None = None, *, today: dt.date | None = None
) -> DistrictReport:
    """What a district reports every six months and at the end of the year (section V.2).

    ``half`` 1 = the first six months; None = the whole year. Figures after
    ``today`` are not counted (a period in progress reports to date).
    """
    from criteria.models import CapitalDebt, Level, Recognition, VillageRecognition
    from criteria.services import criteria_met_on
    from dossiers.documents.legal import current_plan

    today = today or dt.date.today()
    start, period_end, label = report_period(year, half)
    end = min(period_end, today)
    facts = gather_facts(today=end if end >= start else start)
    progress = progress_of(facts, district)
    row = progress.row(year) if year in YEARS else None
    code = district.code
    in_scope = {c for c, (d, _, _) in facts.communes.items() if d == code}

    def count(metric: str, lo: dt.date, hi: dt.date) -> int:
        return facts.added(metric, in_scope, lo, hi)

    first = dt.date(FIRST_YEAR, 1, 1)
    lines = []
    for m in COUNTED:
        target = row.target[m] if row else None
        lines.append(
            ReportLine(
                key=m,
                label=str(METRIC_LABELS[m]),
                year_target=target,
                period_actual=count(m, start, end),
                year_actual=count(m, dt.date(year, 1, 1), end),
                cum_actual=count(m, first, end) if year >= FIRST_YEAR else None,
                cum_target=row.cum_target[m] if row else None,
            )
        )
    xa = facts.xa_on(end, code)
    state_end = criteria_met_on(commune_codes=xa, on=end)
    mean = sum(len(state_end[c]) for c in xa) / len(xa) if xa else None
    lines.append(
        ReportLine(
            key="mean",
            label=str(METRIC_LABELS["mean"]),
            year_target=row.mean_target if row else None,
            period_actual=None,
            year_actual=mean,
            cum_actual=None,
            cum_target=None,
        )
    )
    state_start = criteria_met_on(commune_codes=xa, on=start - dt.timedelta(days=1))
    names = dict(Commune.objects.filter(district=district).values_list("code", "name"))
    gains = []
    for c in sorted(xa):
        gained = sorted(state_end[c] - state_start[c])
        lost = sorted(state_start[c] - state_end[c])
        if gained or lost:
            gains.append(GainItem(c, names.get(c, c), gained, lost, len(state_end[c])))
    level_labels = dict(Level.choices)
    recognitions = [
        RecognitionItem(
            commune=str(r.commune),
            level=str(level_labels[r.level]),
            decision_number=r.decision_number,
            decision_date=r.decision_date,
            issuing_body=r.issuing_body,
        )
        for r in Recognition.objects.filter(
            commune__district=district, decision_date__range=(start, end)
        )
        .select_related("commune")
        .order_by("decision_date", "commune_id")
    ]
    villages = [
        VillageItem(
            village=v.village.name,
            commune=str(v.village.commune),
            decision_number=v.decision_number,
            decision_date=v.decision_date,
        )
        for v in VillageRecognition.objects.filter(
            village__commune__district=district, decision_date__range=(start, end)
        )
        .select_related("village__commune")
        .order_by("decision_date", "village__commune_id", "village__name")
    ]
    debts = list(
        CapitalDebt.objects.filter(Q(commune__district=district) | Q(district=district), year=year)
        .select_related("commune")
        .order_by("commune_id")
    )
    district_debt = next((d.has_debt for d in debts if d.district_id == code), None)
    communes_with_debt = [str(d.commune) for d in debts if d.commune_id and d.has_debt]
    done = facts.district_recognitions.get(code)
    return DistrictReport(
        district=district,
        year=year,
        half=half,
        start=start,
        end=end,
        period_label=label,
        lines=lines,
        xa_count=len(xa),
        completion_planned_year=facts.completion_target.get(code),
        completed_on=done if done and done <= end else None,
        recognitions=recognitions,
        villages=villages,
        gains=gains,
        communes_with_debt=communes_with_debt,
        district_debt=district_debt,
        behind=[b.message for b in progress.behind],
        generated_on=today,
        plan=current_plan(),
    )


def district_report_xlsx(report: DistrictReport) -> bytes:
    """The district report as an Excel workbook (one sheet per part)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Kết quả"
    ws.append([report.district.people_committee.upper()])
    ws.append([report.title])
    ws.append(
        [_("Từ %(a)s đến %(b)s") % {"a": f"{report.start:%d/%m/%Y}", "b": f"{report.end:%d/%m/%Y}"}]
    )
    ws["A1"].font = bold
    ws["A2"].font = Font(bold=True, size=13)
    ws.append([])
    header = [
        _("Chỉ tiêu"),
        _("Kế hoạch năm %(y)d") % {"y": report.year},
        _("Kết quả trong kỳ"),
        _("Lũy kế từ đầu năm"),
        _("Tỷ lệ so kế hoạch năm (%)"),
        _("Lũy kế từ 2021"),
        _("Kế hoạch lũy kế đến hết năm"),
    ]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in report.lines:
        ws.append(
            [
                line.label,
                float(line.year_target)
                if isinstance(line.year_target, Decimal)
                else line.year_target,
                line.period_actual,
                round(line.year_actual, 1)
                if isinstance(line.year_actual, float)
                else line.year_actual,
                round(line.percent, 1) if line.percent is not None else None,
                line.cum_actual,
                line.cum_target,
            ]
        )
    ws.append([])
    ws.append(
        [
            _("Hoàn thành NTM cấp huyện"),
            _("kế hoạch năm %(y)d") % {"y": report.completion_planned_year}
            if report.completion_planned_year
            else "—",
            f"{report.completed_on:%d/%m/%Y}" if report.completed_on else _("chưa"),
        ]
    )
    ws.append(
        [
            _("Nợ đọng XDCB của huyện năm %(y)d") % {"y": report.year},
            "—"
            if report.district_debt is None
            else (_("có") if report.district_debt else _("không")),
        ]
    )
    ws.column_dimensions["A"].width = 48
    for col in "BCDEFG":
        ws.column_dimensions[col].width = 16

    ws2 = wb.create_sheet("Xã, thôn đạt chuẩn")
    ws2.append([_("Xã"), _("Mức đạt chuẩn"), _("Số quyết định"), _("Ngày"), _("Cơ quan ban hành")])
    for r in report.recognitions:
        ws2.append(
            [r.commune, r.level, r.decision_number, f"{r.decision_date:%d/%m/%Y}", r.issuing_body]
        )
    ws2.append([])
    ws2.append([_("Thôn"), _("Xã"), _("Số quyết định"), _("Ngày")])
    for v in report.villages:
        ws2.append([v.village, v.commune, v.decision_number, f"{v.decision_date:%d/%m/%Y}"])
    ws2.column_dimensions["A"].width = 28
    ws2.column_dimensions["B"].width = 28

    ws3 = wb.create_sheet("Tiêu chí trong kỳ")
    ws3.append(
        [
            _("Mã xã"),
            _("Xã"),
            _("Tiêu chí đạt mới"),
            _("Tiêu chí không còn đạt"),
            _("Số tiêu chí cuối kỳ"),
        ]
    )
    for g in report.gains:
        ws3.append(
            [
                g.code,
                g.commune,
                ", ".join(map(str, g.gained)),
                ", ".join(map(str, g.lost)),
                g.count_end,
            ]
        )
    ws3.column_dimensions["B"].width = 24
    if report.behind:
        ws4 = wb.create_sheet("Chậm tiến độ")
        for message in report.behind:
            ws4.append([message])
        ws4.column_dimensions["A"].width = 90
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
