"""The district report of section V.2: what a district reports every six months and at
the end of the year, as data (:class:`DistrictReport`). The page, the official document
(:mod:`progress.views_report`) and the workbook (:mod:`progress.workbook`) render it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from communes.models import Commune, CommuneKind, District
from criteria.models import CapitalDebt, Level, Recognition, VillageRecognition
from criteria.services import criteria_met_on
from dossiers.documents import bodies
from dossiers.documents.legal import Plan, plan_of
from dossiers.history.selectors import AwardCount, unit_award_counts

from .figures import COUNTED, METRIC_LABELS, gather_facts, plan_of_year, progress_of


@dataclass
class ReportLine:
    key: str
    label: str
    year_target: int | Decimal | None
    period_actual: int | float | None
    year_actual: int | float | None  # 01/01 to the end of the period
    # Lũy kế: the whole count at the end of the period (those before the plan included),
    # the one meaning the progress page and section IV's "chậm so với kế hoạch" use.
    cum_actual: int | None
    cum_target: int | None  # the plan's cumulative figure at the end of the year

    @property
    def percent(self) -> float | None:
        if (
            self.key == "mean"
            or self.year_target is None
            or self.year_target == 0
            or self.year_actual is None
        ):
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
    # the reporting unit: a district under Bắc Kạn's plan, a commune-level unit under a
    # plan of the two-level government (from 1/7/2025, no district level)
    district: District | Commune
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
    # the awards of the period (plan V.2: the report is part of the emulation and award
    # report): the province's Bằng khen to the unit's dossiers and the Giấy khen it and
    # its communes gave under their own authority (III.2.2.d)
    awards: list[AwardCount]

    @property
    def is_commune(self) -> bool:
        return isinstance(self.district, Commune)

    @property
    def unit_query(self) -> str:
        """The query naming the unit on the report's links: huyen=063 or xa=<key>."""
        if isinstance(self.district, Commune):
            return f"xa={self.district.key}"
        return f"huyen={self.district.code}"

    @property
    def title(self) -> str:
        return _("Báo cáo kết quả thực hiện %(movement)s %(period)s") % {
            "movement": self.plan.movement,
            "period": self.period_label,
        }

    @property
    def summary(self) -> str:
        """The trích yếu under "BÁO CÁO": the title without repeating the kind."""
        return _("Kết quả thực hiện %(movement)s %(period)s") % {
            "movement": self.plan.movement,
            "period": self.period_label,
        }


def report_period(year: int, half: int | None) -> tuple[dt.date, dt.date, str]:
    if half == 1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30), _("6 tháng đầu năm %(y)d") % {"y": year}
    return dt.date(year, 1, 1), dt.date(year, 12, 31), _("năm %(y)d") % {"y": year}


def district_report(
    district: District | Commune,
    year: int,
    half: int | None = None,
    *,
    today: dt.date | None = None,
) -> DistrictReport:
    """What a district (or, under a plan of the two-level government, a commune-level
    unit) reports every six months and at the end of the year (section V.2), against the
    plan in force for ``year`` and over its units.

    ``half`` 1 = the first six months; None = the whole year. Figures after
    ``today`` are not counted (a period in progress reports to date).
    """
    today = today or dt.date.today()
    start, period_end, label = report_period(year, half)
    end = min(period_end, today)
    plan = plan_of_year(year)
    facts = gather_facts(today=end if end >= start else start, plan=plan)
    is_commune = isinstance(district, Commune)
    if isinstance(district, Commune):
        # a commune has no targets of its own: counts only
        code = district.key
        in_scope = {code}
        progress = None
        row = None
        baseline = {
            m: facts.added(m, in_scope, dt.date.min, dt.date(facts.first_year - 1, 12, 31))
            for m in COUNTED
        }
    else:
        progress = progress_of(facts, district)
        row = progress.row(year) if year in facts.years else None
        code = district.code
        in_scope = {c for c, (d, _, _) in facts.communes.items() if d == code}
        baseline = progress.baseline

    def count(metric: str, lo: dt.date, hi: dt.date) -> int:
        return facts.added(metric, in_scope, lo, hi)

    first_year = facts.first_year
    first = dt.date(first_year, 1, 1)
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
                cum_actual=(baseline[m] + count(m, first, end) if year >= first_year else None),
                cum_target=row.cum_target[m] if row else None,
            )
        )
    day = min(end, facts.last_day) if facts.last_day else end
    if is_commune:
        xa = [code] if facts.kind_on(code, day) == CommuneKind.XA else []
    else:
        xa = facts.xa_on(day, code)
    state_end = criteria_met_on(commune_codes=xa, on=day)
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
    # Units written one way, as the recognitions name them: "Xã Sĩ Bình".
    units = (
        Commune.objects.filter(pk=code) if is_commune else Commune.objects.filter(district_id=code)
    )
    names = {c.key: str(c) for c in units}
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
            Q(commune=district) if is_commune else Q(commune__district=district),
            decision_date__range=(start, end),
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
            Q(village__commune=district) if is_commune else Q(village__commune__district=district),
            decision_date__range=(start, end),
        )
        .select_related("village__commune")
        .order_by("decision_date", "village__commune_id", "village__name")
    ]
    debts = list(
        CapitalDebt.objects.filter(
            Q(commune=district)
            if is_commune
            else Q(commune__district=district) | Q(district=district),
            year=year,
        )
        .select_related("commune")
        .order_by("commune_id")
    )
    district_debt = (
        None if is_commune else next((d.has_debt for d in debts if d.district_id == code), None)
    )
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
        behind=[b.message for b in progress.behind] if progress else [],
        generated_on=today,
        plan=plan_of(bodies.installation_province(), plan),
        awards=unit_award_counts(
            start=start,
            end=end,
            district="" if is_commune else code,
            commune=code if is_commune else "",
        ),
    )
