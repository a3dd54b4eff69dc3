"""A draft dossier started from "who qualifies" (đủ điều kiện khen): the proposer ticks
qualifying communes (and its own district), the dossier of the right round and year is
created for its own unit with them as nominees.

Nothing is trusted from the page: the picks are judged again here, under the plan the
dossier is filed under and the rule set in force on the round's review date, in the
user's own scope; only units that qualify (or await attestation) are added. A unit
already proposed or awarded in the same round and year (another live dossier) is left
out and said so. The dossier is created by :func:`.editing.dossier_create` (roles,
rounds, filing window) and each nominee added by :func:`.nominees.nominee_save` (kinds,
titles, the proposer's own units, the verdict, the history), all in one transaction:
a refusal creates nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from communes.models import Commune, District
from eligibility.facts import round_review_date
from eligibility.qualify import ELIGIBLE, PENDING, who_qualifies
from emulation.labels import title_label
from emulation.models import User
from emulation.permissions import has_agency_scope
from emulation.plans import plan_current, plan_spec
from emulation.rules import Round, Title
from emulation.rulesets import ruleset_in_force

from ..awards import commune_identity, district_identity
from ..kinds import NomineeKind
from ..models import Dossier, Nominee, Status
from .editing import dossier_create
from .errors import Invalid
from .nominees import nominee_save, titles_for

MAX_PICKS = 100
QUALIFYING = frozenset({ELIGIBLE, PENDING})


@dataclass(frozen=True)
class Pick:
    """One ticked box: a unit ("commune" | "district" | "agency", its code) and a title."""

    kind: str
    code: str
    title: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.code}:{self.title}"


def parse_picks(values: list[str]) -> list[Pick]:
    """The ticked boxes ("commune:<code>:<title>"), malformed ones and repeats dropped."""
    out: list[Pick] = []
    for value in values[: MAX_PICKS + 1]:
        parts = value.split(":")
        if len(parts) != 3 or parts[0] not in ("commune", "district", "agency"):
            continue
        if parts[2] not in Title._value2member_map_:
            continue
        pick = Pick(*parts)
        if pick not in out:
            out.append(pick)
    return out


def _identity(pick: Pick) -> str:
    """The key the same unit has in any dossier (:func:`dossiers.awards.nominee_identity`)."""
    if pick.kind == "commune":
        return commune_identity(pick.code)
    if pick.kind == "district":
        return district_identity(pick.code)
    return f"agency:{pick.code}"


@dataclass
class Proposal:
    dossier: Dossier
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why each unit was left out


def _qualifying(by: User, rnd: Round, year: int) -> set[tuple[str, str, str]]:
    """(kind, code, title) of every unit in the user's scope that qualifies now, judged
    as the dossier will be: the current plan, the rule set of the round's review date."""
    plan_row = plan_current()
    plan = plan_spec(plan_row)
    review_on = max(round_review_date(plan, rnd, year), dt.date(plan.first_year, 1, 1))
    ruleset = ruleset_in_force(review_on, plan=plan_row)
    districts, communes = who_qualifies(user=by, round=rnd, year=year, ruleset=ruleset, plan=plan)
    return {
        (unit.kind, unit.unit.pk, r.title.value)
        for unit in [*districts, *communes]
        for r in unit.results
        if r.status in QUALIFYING
    }


def _already_proposed(identities: set[str], rnd: str, year: int) -> dict[str, Nominee]:
    """The same units in another live dossier of the round and year (one query)."""
    others = (
        Nominee.objects.filter(identity__in=identities, dossier__round=rnd, dossier__year=year)
        .exclude(dossier__status=Status.WITHDRAWN)
        .exclude(dossier__status=Status.DECIDED, awarded=False)
        .select_related("dossier", "dossier__district", "dossier__commune", "dossier__agency")
    )
    return {n.identity: n for n in others}


@transaction.atomic
def dossier_from_qualifying(
    *,
    by: User,
    round: str,  # noqa: A002 - the domain's word
    year: int | None,
    picks: list[Pick],
) -> Proposal:
    """A new draft of the user's own unit with the picked qualifying units as nominees."""
    if not picks:
        raise Invalid({"chon": _("Chọn ít nhất một đơn vị đủ điều kiện để lập hồ sơ.")})
    if len(picks) > MAX_PICKS:
        raise Invalid({"chon": _("Chọn không quá %(n)s đơn vị một lần.") % {"n": MAX_PICKS}})
    # dossier_create refuses roles, rounds, years and closed filing windows
    dossier = dossier_create(by=by, round=round, year=year)
    rnd = Round(dossier.round)
    qualifying = _qualifying(by, rnd, dossier.year)
    # the agency itself, for the titles its round offers an agency (judged by the Ban
    # TĐKT on what it reports, not from the records)
    agency_titles = set(titles_for(dossier, NomineeKind.AGENCY.value))
    taken = _already_proposed({_identity(p) for p in picks}, dossier.round, dossier.year)
    communes = Commune.objects.in_bulk([p.code for p in picks if p.kind == "commune"])
    districts = District.objects.in_bulk([p.code for p in picks if p.kind == "district"])
    result = Proposal(dossier)
    seen: set[tuple[str, str]] = set()
    for pick in picks:
        if pick.kind == "agency":
            ok = (
                has_agency_scope(by)
                and by.agency is not None
                and pick.code == by.agency.code
                and pick.title in agency_titles
            )
            unit_name = by.agency.name if by.agency is not None else pick.code
        else:
            ok = (pick.kind, pick.code, pick.title) in qualifying
            unit = communes.get(pick.code) if pick.kind == "commune" else districts.get(pick.code)
            unit_name = str(unit) if unit is not None else pick.code
        if not ok:
            result.skipped.append(
                _("%(u)s: không đủ điều kiện %(t)s theo số liệu hiện có (hoặc ngoài phạm vi).")
                % {"u": unit_name, "t": title_label(pick.title)}
            )
            continue
        if (pick.kind, pick.code) in seen:
            result.skipped.append(
                _("%(u)s: mỗi đơn vị chỉ đề nghị một danh hiệu trong một hồ sơ.") % {"u": unit_name}
            )
            continue
        other = taken.get(_identity(pick))
        if other is not None:
            d = other.dossier
            result.skipped.append(
                _("%(u)s: đã có trong hồ sơ %(ref)s của %(who)s (%(s)s).")
                % {
                    "u": unit_name,
                    "ref": d.reference,
                    "who": d.proposer_name,
                    "s": d.get_status_display(),
                }
            )
            continue
        data: dict[str, object] = {"title": pick.title}
        if pick.kind == "commune":
            data.update(kind=NomineeKind.COMMUNE.value, commune=communes[pick.code])
        elif pick.kind == "district":
            data.update(kind=NomineeKind.DISTRICT.value, district=districts[pick.code])
        else:
            data.update(kind=NomineeKind.AGENCY.value, agency=by.agency)
        nominee = nominee_save(dossier=dossier, by=by, data=data)
        seen.add((pick.kind, pick.code))
        result.added.append(nominee.name)
    if not result.added:
        # nothing to propose: the whole transaction (the empty draft too) is undone
        raise Invalid({"chon": " ".join(result.skipped)})
    dossier.refresh_from_db()
    return result
