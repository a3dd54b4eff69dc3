"""A plan as the rules core sees it: its period, the years of its rounds, the titles each
round offers and the criteria of its set.

Pure Python: no Django. A plan is data (a JSON file, see docs/plan.schema.json, or the
``emulation.Plan`` rows); :func:`spec_from_dict` turns its JSON into a :class:`PlanSpec`.
The installation's first plan, Bắc Kạn's 2021–2025 (Kế hoạch 305/KH-UBND), ships as
``emulation/plan_files/bac-kan-2021-2025.json``; :func:`default_plan` reads it, so a
caller that names no plan is judged under it, as before plans were data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .types import ROUND_NAMES, Round, Title, gettext_noop

PLAN_FILES = Path(__file__).resolve().parent.parent / "plan_files"
DEFAULT_PLAN_FILE = PLAN_FILES / "bac-kan-2021-2025.json"

# A round as a choice, formatted from its kind and year: "Sơ kết (2023)".
ROUND_CHOICE_FORMATS: dict[Round, str] = {
    Round.ANNUAL: gettext_noop("Hàng năm"),
    Round.MIDTERM: gettext_noop("Sơ kết (%(year)s)"),
    Round.FINAL: gettext_noop("Tổng kết (%(year)s)"),
}


@dataclass(frozen=True, slots=True)
class PlanSpec:
    """What the rules read of a plan. ``round_titles`` keeps the plan's order of titles."""

    code: str
    first_year: int
    last_year: int
    round_years: Mapping[Round, int]  # the sơ kết and tổng kết rounds: their year
    round_titles: Mapping[Round, tuple[Title, ...]]
    criteria: frozenset[int]
    income: int | None = None
    poverty: int | None = None
    title_kinds: Mapping[tuple[Round, Title], tuple[str, ...]] | None = None
    annual_years: tuple[int, ...] = ()
    # "ngày có văn bản chỉ đạo tổ chức sơ kết/tổng kết", when an admin has set it
    review_dates: Mapping[Round, dt.date] | None = None
    # the date "newly met" counts from (the plan's data); None: 1 January of first_year
    baseline: dt.date | None = None

    def __hash__(self) -> int:
        return hash(self.code)

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def year_of(self, rnd: Round | str) -> int | None:
        """The year of a sơ kết / tổng kết round; None for the annual round or no round."""
        try:
            return self.round_years.get(Round(rnd))
        except ValueError:
            return None

    def review_date_of(self, rnd: Round | str) -> dt.date | None:
        """The date the sơ kết / tổng kết round is reviewed at, if the plan has set it."""
        if not self.review_dates:
            return None
        try:
            return self.review_dates.get(Round(rnd))
        except ValueError:
            return None

    def titles(self, rnd: Round | str) -> tuple[Title, ...]:
        try:
            return self.round_titles.get(Round(rnd), ())
        except ValueError:
            return ()

    def kinds_for(self, rnd: Round | str, title: Title | str) -> tuple[str, ...] | None:
        """The nominee kinds a round's title admits; None when the plan does not say."""
        if self.title_kinds is None:
            return None
        try:
            return self.title_kinds.get((Round(rnd), Title(title)), ())
        except ValueError:
            return ()

    @property
    def criteria_range(self) -> str:
        """ "1 đến 19" for the message of a bad criteria list."""
        if not self.criteria:
            return ""
        return f"{min(self.criteria)} đến {max(self.criteria)}"

    @property
    def baseline_on(self) -> dt.date:
        """The date "đạt mới từ …" counts from: the plan's baseline date, else 1 January
        of its first year (01/01/2021 for Bắc Kạn's plan)."""
        return self.baseline or dt.date(self.first_year, 1, 1)

    @property
    def baseline_label(self) -> str:
        """ "năm 2021" for a 1 January baseline, else "ngày 31/03/2026"."""
        day = self.baseline_on
        if (day.month, day.day) == (1, 1):
            return f"năm {day.year}"
        return f"ngày {day:%d/%m/%Y}"


def round_choice_label(rnd: Round | str, spec: PlanSpec) -> str:
    """A round as a choice of the plan, untranslated: "Hàng năm", "Sơ kết (2023)"."""
    r = Round(rnd)
    year = spec.year_of(r)
    if year is None:  # a plan without this round: its name alone, "Tổng kết"
        return ROUND_NAMES[r]
    return ROUND_CHOICE_FORMATS[r] % {"year": year}


def round_label(rnd: Round | str, year: int) -> str:
    """A round with its year, untranslated: "Hàng năm 2024", "Sơ kết 2023"."""
    return f"{ROUND_NAMES[Round(rnd)]} {year}"


def spec_from_dict(data: Mapping[str, Any]) -> PlanSpec:
    """The spec of a plan in its JSON form (``export_plan``'s output, a plan file).

    Expects a plan that passed the schema; raises KeyError/ValueError otherwise."""
    round_years: dict[Round, int] = {}
    round_titles: dict[Round, list[Title]] = {}
    title_kinds: dict[tuple[Round, Title], tuple[str, ...]] = {}
    annual: list[int] = []
    review_dates: dict[Round, dt.date] = {}
    for r in data["rounds"]:
        kind = Round(r["kind"])
        if kind is Round.ANNUAL:
            annual.append(int(r["year"]))
        else:
            round_years[kind] = int(r["year"])
            if r.get("review_date"):
                review_dates[kind] = dt.date.fromisoformat(r["review_date"])
        titles = round_titles.setdefault(kind, [])
        for t in r.get("titles", ()):
            title = Title(t["title"])
            if title not in titles:
                titles.append(title)
            key = (kind, title)
            title_kinds[key] = tuple(dict.fromkeys((*title_kinds.get(key, ()), *t["kinds"])))
    # The criteria: those of the plan's criteria set, which emulation.plans puts here from
    # the set (one source of truth); a plan file repeats them for the reader.
    crit = data.get("criteria") or {}
    return PlanSpec(
        code=str(data["code"]),
        first_year=int(data["first_year"]),
        last_year=int(data["last_year"]),
        round_years=round_years,
        round_titles={k: tuple(v) for k, v in round_titles.items()},
        criteria=frozenset(int(n) for n in crit.get("numbers", ())),
        income=crit.get("income"),
        poverty=crit.get("poverty"),
        title_kinds=title_kinds,
        annual_years=tuple(sorted(annual)),
        review_dates=review_dates,
        baseline=dt.date.fromisoformat(baseline)
        if (baseline := data.get("baseline_date"))
        else None,
    )


def read_plan_file(path: Path | str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@cache
def default_plan() -> PlanSpec:
    """Bắc Kạn's plan 2021–2025 as shipped in ``emulation/plan_files``."""
    return spec_from_dict(read_plan_file(DEFAULT_PLAN_FILE))
