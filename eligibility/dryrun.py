"""The dry run of a rule set change: whose verdict would change, before saving it.

Sources yield cases; the dry run judges each under the current values and the proposed
ones and lists those whose verdict differs. The records (every commune and district,
for the annual round of the current year, the mid-term and the final) are the built-in
source; the dossiers add their live nominees through :mod:`eligibility.extensions`.

A source is called as ``source(values=<the values in force>)`` and returns an iterable
of DryRunCase. A source that fails is reported by name, never hides the others.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import Commune, District, UnitChange, valid_during_q
from communes.selectors import province_family
from eligibility import successors
from eligibility.facts import case_for, commune_facts, district_facts, round_review_date
from emulation.rules import (
    COMMUNE_TITLES,
    DISTRICT_TITLES,
    TITLE_LABELS,
    PlanSpec,
    Round,
    Title,
    Verdict,
    default_plan,
    titles_for_round,
)
from emulation.rules.plan import ROUND_CHOICE_FORMATS

from . import extensions

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DryRunCase:
    kind: str  # shown to the admin: "Xã", "Huyện", "Hồ sơ" ...
    name: str
    round: Round
    year: int
    title: Title
    case: Mapping[str, Any]
    url: str = ""

    @property
    def round_label(self) -> str:
        """ "Hàng năm", "Sơ kết (2023)": the round's kind with its year."""
        return _(ROUND_CHOICE_FORMATS[Round(self.round)]) % {"year": self.year}

    @property
    def title_label(self) -> str:
        return _(TITLE_LABELS[Title(self.title)])


@dataclass(frozen=True)
class DryRunChange:
    item: DryRunCase
    before: Verdict
    after: Verdict


@dataclass
class DryRunResult:
    changes: list[DryRunChange] = field(default_factory=list)
    judged: int = 0
    failed_sources: list[str] = field(default_factory=list)


def _units_during(
    province: str, during: tuple[dt.date, dt.date]
) -> tuple[list[Commune], list[District]]:
    """The communes and districts of ``province`` (its key) valid on one day of ``during``
    at least, with the units formed from its communes (the tổng kết 2025 of Bắc Kạn's
    plan: its 108 and the 37 units of the merged Thái Nguyên formed from them)."""
    descends = Exists(
        UnitChange.objects.filter(
            successor_commune=OuterRef("pk"), predecessor_commune__province_id=province
        )
    )
    communes = list(
        Commune.objects.filter(valid_during_q(*during))
        .filter(Q(province_id=province) | Q(district__province_id=province) | Q(descends))
        .select_related("district")
        .order_by("code", "valid_from")
    )
    districts = list(
        District.objects.filter(valid_during_q(*during), province_id=province).order_by("code")
    )
    return communes, districts


def records_source(
    *, values: Mapping[str, Any], plan: PlanSpec | None = None, province: str | None = None
) -> Iterable[DryRunCase]:
    """Every commune and district of the records that existed during each round, for the
    round's unit titles of the plan (default: the shipped plan); ``province``: the plan's
    province (its key; default the installation's, even when other provinces share the
    database). A unit formed during the plan carries its predecessors' facts and is judged
    by the rule set's successor reading (:mod:`eligibility.successors`)."""
    plan = plan or default_plan()
    own = settings.PROVINCE_CODE
    if province is None or province not in province_family(own):
        # a plan of another province (read by a province with none of its own) is judged
        # over the installation's units
        province = own
    annual_year = min(timezone.localdate().year, plan.last_year)
    rounds = [(Round.ANNUAL, annual_year)]
    rounds += [(r, y) for r in (Round.MIDTERM, Round.FINAL) if (y := plan.year_of(r))]
    for rnd, year in rounds:
        titles = titles_for_round(rnd, plan)
        communes, districts = _units_during(
            province, (dt.date(year, 1, 1), round_review_date(plan, rnd, year))
        )
        c_facts = commune_facts(communes, round=rnd, year=year, values=values, plan=plan)
        successors.add_predecessors(
            communes, c_facts, round=rnd, year=year, values=values, plan=plan
        )
        for units, facts, kind, unit_titles in (
            (communes, c_facts, _("Xã"), COMMUNE_TITLES),
            (
                districts,
                district_facts(districts, round=rnd, year=year, values=values, plan=plan),
                _("Huyện"),
                DISTRICT_TITLES,
            ),
        ):
            for unit in units:
                for title in unit_titles:
                    if title in titles:
                        yield DryRunCase(
                            kind, str(unit), rnd, year, title, case_for(facts[unit.pk], title)
                        )


def dry_run(
    old_values: Mapping[str, Any],
    new_values: Mapping[str, Any],
    *,
    sources: Iterable[extensions.DryRunSource] | None = None,
    plan: PlanSpec | None = None,
    province: str | None = None,
) -> DryRunResult:
    """Cases whose verdict (eligible true / false / pending / error) differs, under the
    plan (default: the shipped plan) of ``province`` (its key; default the
    installation's). A new unit's case is judged as its dossier's is
    (:func:`eligibility.successors.judge`: the successor reading of each rule set)."""
    result = DryRunResult()
    spec = plan or default_plan()
    if sources is None:

        def records(*, values: Mapping[str, Any]) -> Iterable[DryRunCase]:
            return records_source(values=values, plan=spec, province=province)

        sources = [records, *extensions.DRY_RUN_SOURCES]
    for source in list(sources):
        try:
            items = list(source(values=old_values))
        except Exception:  # noqa: BLE001 - one broken source must not hide the others
            logger.exception("dry run source %r failed", source)
            result.failed_sources.append(getattr(source, "__qualname__", repr(source)))
            continue
        for item in items:
            before = successors.judge(item.case, old_values, version=None, plan=spec)
            after = successors.judge(item.case, new_values, version=None, plan=spec)
            result.judged += 1
            if (before.eligible, bool(before.error)) != (after.eligible, bool(after.error)):
                result.changes.append(DryRunChange(item, before, after))
    return result
