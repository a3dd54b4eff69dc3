"""The dry run of a rule set change: whose verdict would change, before saving it.

Sources yield cases; the dry run judges each under the current values and the proposed
ones and lists those whose verdict differs. The records (every commune and district,
for the annual round of the current year, the mid-term and the final) are the built-in
source; the dossiers add their live nominees through :mod:`eligibility.extensions`.

A source is called as ``source(values=<the values in force>)`` and returns an iterable
of DryRunCase. A source that fails is reported by name, never hides the others.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import Commune, District
from eligibility.facts import case_for, commune_facts, district_facts
from emulation.rules import (
    COMMUNE_TITLES,
    DISTRICT_TITLES,
    ROUND_LABELS,
    TITLE_LABELS,
    Round,
    Title,
    Verdict,
    evaluate,
    titles_for_round,
)

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
        return _(ROUND_LABELS[Round(self.round)])

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


def records_source(*, values: Mapping[str, Any]) -> Iterable[DryRunCase]:
    """Every commune and district from the records, for each round's unit titles."""
    # the installation's province, even when other provinces share the database
    province = settings.PROVINCE_CODE
    communes = list(
        Commune.objects.filter(district__province_id=province)
        .select_related("district")
        .order_by("code")
    )
    districts = list(District.objects.filter(province_id=province).order_by("code"))
    annual_year = min(timezone.localdate().year, values["final_year"])
    for rnd, year in (
        (Round.ANNUAL, annual_year),
        (Round.MIDTERM, values["midterm_year"]),
        (Round.FINAL, values["final_year"]),
    ):
        titles = titles_for_round(rnd)
        for units, facts, kind, unit_titles in (
            (
                communes,
                commune_facts(communes, round=rnd, year=year, values=values),
                _("Xã"),
                COMMUNE_TITLES,
            ),
            (
                districts,
                district_facts(districts, round=rnd, year=year, values=values),
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
) -> DryRunResult:
    """Cases whose verdict (eligible true / false / pending / error) differs."""
    result = DryRunResult()
    if sources is None:
        sources = [records_source, *extensions.DRY_RUN_SOURCES]
    for source in list(sources):
        try:
            items = list(source(values=old_values))
        except Exception:  # noqa: BLE001 - one broken source must not hide the others
            logger.exception("dry run source %r failed", source)
            result.failed_sources.append(getattr(source, "__qualname__", repr(source)))
            continue
        for item in items:
            before = evaluate(item.case, old_values)
            after = evaluate(item.case, new_values)
            result.judged += 1
            if (before.eligible, bool(before.error)) != (after.eligible, bool(after.error)):
                result.changes.append(DryRunChange(item, before, after))
    return result
