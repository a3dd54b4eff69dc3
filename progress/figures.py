"""The movement's progress against the plan's yearly targets (section I.1).

Pure-ish: a handful of queries gather facts for the whole province (the number of
queries does not depend on the number of communes), then plain Python computes
every figure. The dashboard and the district report of section V.2
(:mod:`progress.report`) read the dataclasses returned here.

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
from typing import SupportsFloat

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from communes.models import Commune, CommuneKind, CommuneKindPeriod, District, Province
from communes.selectors import province_family
from criteria.models import DistrictRecognition, Recognition, VillageRecognition
from criteria.services import criteria_met_on
from emulation.models import Plan, PlanTarget
from emulation.money import format_number
from emulation.plans import plan_for, plan_spec

from .cache import cached

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
    # the plan's period: its years, and the years it sets targets for (from the second)
    years: tuple[int, ...] = ()
    # the province the plan is about (its key) and its last day (Bắc Kạn: 30/6/2025)
    province: str = ""
    last_day: dt.date | None = None

    def day_of(self, year: int) -> dt.date:
        """The day a year's standing is read on: 31/12, today, or the province's last day."""
        day = year_end(year, self.today)
        return min(day, self.last_day) if self.last_day else day

    @property
    def first_year(self) -> int:
        return self.years[0]

    @property
    def target_years(self) -> tuple[int, ...]:
        return self.years[1:]

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


def plan_of_year(year: int) -> Plan | None:
    """The plan a page about ``year`` reads: the plan of the installation's province or of
    its lineage whose period holds the year (Bắc Kạn's 2021–2025 plan for 2024, the merged
    Thái Nguyên's 2026–2030 plan for 2026)."""
    return plan_for(None, on=dt.date(year, 1, 1))


def plan_province(plan: Plan | None) -> str:
    """The key of the province whose units a plan's figures count: the plan's when it is
    of the installation's province or its lineage (the merged Thái Nguyên's for Bắc
    Kạn's installation from 2026), else the installation's own (a province with no plan
    of its own reads another's plan over its own units)."""
    own = settings.PROVINCE_CODE
    if plan is None or plan.province_id == own:
        return own
    return plan.province_id if plan.province_id in province_family(own) else own


def gather_facts(*, today: dt.date | None = None, plan: Plan | None = None) -> Facts:
    """The facts of ``plan``'s province (default: the plan in force on ``today``) on
    ``today``: its own units (Bắc Kạn's 8 districts and 108 communes under the 2021–2025
    plan; the merged Thái Nguyên's communes, no district, under the 2026–2030 plan)."""
    today = today or dt.date.today()
    if plan is None:
        plan = plan_of_year(today.year)
    province = plan_province(plan)
    spec = plan_spec(plan)
    last_day = Province.objects.filter(key=province).values_list("valid_to", flat=True).first()
    of_province = Q(province_id=province) | Q(district__province_id=province)
    districts = list(District.objects.filter(province_id=province).order_by("code"))
    communes = {
        code: (district, difficult, roadmap)
        for code, district, difficult, roadmap in Commune.objects.filter(of_province).values_list(
            "key", "district_id", "extremely_difficult", "on_roadmap"
        )
    }
    periods: dict[str, list[tuple[str, dt.date, dt.date | None]]] = defaultdict(list)
    for code, kind, start, end, unit_end in CommuneKindPeriod.objects.filter(
        commune__in=Commune.objects.filter(of_province)
    ).values_list("commune_id", "kind", "valid_from", "valid_to", "commune__valid_to"):
        # a unit is of no kind after its end (Bắc Kạn's communes after 30/6/2025)
        if unit_end is not None and (end is None or unit_end < end):
            end = unit_end
        if end is None or start <= end:
            periods[code].append((kind, start, end))
    recognitions = list(
        Recognition.objects.filter(commune__in=Commune.objects.filter(of_province)).values_list(
            "commune_id", "level", "decision_date"
        )
    )
    village_recognitions = list(
        VillageRecognition.objects.filter(
            village__commune__in=Commune.objects.filter(of_province),
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
        Q(district__isnull=True) | Q(district__province_id=province), plan=plan
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
        years=tuple(spec.years),
        province=province,
        last_day=last_day,
    )
    for year in facts.years:
        day = facts.day_of(year)
        if day.year != year:
            continue  # a year that has not started (or after the province's end)
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
    first_year, target_years = facts.first_year, facts.target_years
    before = dt.date(first_year - 1, 12, 31)
    baseline = {m: facts.added(m, in_scope, dt.date.min, before) for m in COUNTED}
    cum_actual = dict(baseline)
    cum_target: dict[str, int | None] = {m: None for m in COUNTED}
    cum_districts_actual = sum(
        1
        for d in scope_districts
        if d.code in facts.district_recognitions
        and facts.district_recognitions[d.code].year < first_year
    )
    cum_districts_target: int | None = None
    # a scope without any yearly target has no cumulative target either
    has_targets = any((y, code) in facts.targets for y in target_years)
    rows: list[YearRow] = []
    for year in facts.years:
        started = dt.date(year, 1, 1) <= facts.today
        target_row = facts.targets.get((year, code))
        target = {
            m: (getattr(target_row, _TARGET_FIELDS[m]) if target_row else None) for m in COUNTED
        }
        actual = {m: added(m, year) for m in COUNTED}
        for m in COUNTED:
            cum_actual[m] += actual[m]
            if year == first_year or not has_targets:
                continue
            so_far = cum_target[m]
            if so_far is None:
                # anchored on what was reached at the end of 2021
                so_far = rows[0].cum_actual[m] if rows else cum_actual[m]
            cum_target[m] = so_far + (target[m] or 0)
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
        if target_years and year >= target_years[0]:
            if cum_districts_target is None:
                cum_districts_target = rows[0].cum_districts_actual
            cum_districts_target += len(districts_target)
        day = facts.day_of(year)
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


def _evaluated_year(today: dt.date, target_years: tuple[int, ...]) -> int | None:
    """The latest target year that has ended on ``today``."""
    ended = [y for y in target_years if dt.date(y, 12, 31) <= today]
    return ended[-1] if ended else None


def _find_behind(progress: Progress, facts: Facts) -> None:
    year = _evaluated_year(facts.today, facts.target_years)
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


def _fmt1(value: SupportsFloat) -> str:
    return format_number(float(value), 1)


@dataclass
class Overview:
    facts: Facts | None  # None once cached (progress_overview)
    province: Progress
    districts: list[Progress]  # none under a plan of the two-level government
    plan: Plan | None = None
    years: tuple[int, ...] = ()

    @property
    def behind(self) -> list[Behind]:
        out = list(self.province.behind)
        for p in self.districts:
            out.extend(p.behind)
        return out


def progress_overview(*, today: dt.date | None = None, year: int | None = None) -> Overview:
    """The province's and every district's progress on ``today`` under the plan in force
    for ``year`` (default: today's), over that plan's units (cached per province, year
    and day; see :mod:`progress.cache` for when the cache is refreshed): a cached read
    issues no query."""
    today = today or dt.date.today()
    year = year or today.year
    # the labels and the "behind" messages are words of the language in force: a
    # Vietnamese document never reads the English of a page cached before it
    scope = f"{year}:{get_language() or 'vi'}"
    return cached(_overview_for_cache, today=today, scope=scope, year=year)


def _overview_for_cache(*, today: dt.date, year: int) -> Overview:
    """The figures without the facts they were computed from: every cache read unpickles
    the value, and the facts (every commune's criteria at five year-ends) are 85 % of it."""
    overview = compute_overview(today=today, plan=plan_of_year(year))
    overview.facts = None
    return overview


def compute_overview(*, today: dt.date | None = None, plan: Plan | None = None) -> Overview:
    facts = gather_facts(today=today, plan=plan)
    return Overview(
        facts=facts,
        province=progress_of(facts, None),
        districts=[progress_of(facts, d) for d in facts.districts],
        plan=plan,
        years=facts.years,
    )
