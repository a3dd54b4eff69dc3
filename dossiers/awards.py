"""Earlier awards: which nominees were awarded (decided, awarded = yes) in which round and year.

Public for the rules facts: "already awarded for it that year" (organisations at the
mid-term) and "awarded at the mid-term" (exemplary / effort communes at the final
round). Every function answers for many nominees in one query.

A nominee is known across dossiers by its *identity*: ``commune:<code>``,
``district:<code>``, ``agency:<code>``, ``org:<tax code or folded name>``,
``person:<folded name>@<commune code>`` ... (see :func:`nominee_identity`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from eligibility.facts import EarlierAward
from emulation.anyof import AnyOf
from emulation.rules.types import Round, Title
from emulation.text import fold

from .kinds import KINDS, Group
from .models import Nominee, Status

MIDTERM_COMMUNE_TITLES = frozenset({Title.COMMUNE_EXEMPLARY.value, Title.COMMUNE_EFFORT.value})


@dataclass(frozen=True)
class Award:
    identity: str
    round: str
    year: int
    title: str
    decision_number: str
    decision_date: dt.date | None
    dossier_id: int
    nominee_id: int


def commune_identity(code: str) -> str:
    return f"commune:{code}"


def district_identity(code: str) -> str:
    return f"district:{code}"


def nominee_identity(
    *,
    kind: str,
    name: str = "",
    commune_code: str | None = None,
    district_code: str | None = None,
    agency_code: str | None = None,
    tax_code: str = "",
    job_title: str = "",
    residence: str = "",
) -> str:
    """The key under which the same nominee is recognised in another dossier, by what
    the nominee is (:class:`dossiers.kinds.Group`). ``residence``: the typed-in residence
    of a person from outside the province (no commune of the records)."""
    group = KINDS[kind].group if kind in KINDS else None
    if group == Group.COMMUNE and commune_code:
        return commune_identity(commune_code)
    if group == Group.DISTRICT and district_code:
        return district_identity(district_code)
    if group == Group.AGENCY and agency_code:
        return f"agency:{agency_code}"
    key = fold(name)
    if group == Group.ORGANIZATION:
        tax = "".join(ch for ch in tax_code if ch.isalnum())
        return f"org:{tax}" if tax else f"org:{key}"
    if group == Group.PERSON:
        if not commune_code and residence:
            return f"{kind}:{key}@ngoai-tinh:{fold(residence)}"
        return f"{kind}:{key}@{commune_code or ''}"
    if group == Group.OFFICIAL:
        return f"{kind}:{key}@{fold(job_title)}"
    return f"{kind}:{key}"


def _awarded_nominees():
    return Nominee.objects.filter(dossier__status=Status.DECIDED, awarded=True)


def awards_of(
    *,
    identities: Iterable[str],
    round: str | None = None,
    year: int | None = None,
    titles: Iterable[str] | None = None,
    exclude_dossier_id: int | None = None,
) -> dict[str, list[Award]]:
    """Decided awards of these nominees, oldest first, optionally narrowed. One query."""
    qs = _awarded_nominees().filter(AnyOf("identity", identities))
    if round is not None:
        qs = qs.filter(dossier__round=round)
    if year is not None:
        qs = qs.filter(dossier__year=year)
    if titles is not None:
        qs = qs.filter(title__in=list(titles))
    if exclude_dossier_id is not None:
        qs = qs.exclude(dossier_id=exclude_dossier_id)
    out: dict[str, list[Award]] = defaultdict(list)
    rows = qs.order_by("dossier__decision_date", "id").values_list(
        "identity",
        "dossier__round",
        "dossier__year",
        "title",
        "dossier__decision_number",
        "dossier__decision_date",
        "dossier_id",
        "id",
    )
    for row in rows:
        out[row[0]].append(Award(*row))
    return dict(out)


def awards_of_communes(commune_codes: Iterable[str], **narrow) -> dict[str, list[Award]]:
    """Earlier awards of communes, keyed by commune code."""
    by_identity = awards_of(identities=[commune_identity(c) for c in commune_codes], **narrow)
    return {identity.split(":", 1)[1]: awards for identity, awards in by_identity.items()}


def communes_awarded_at_midterm(commune_codes: Iterable[str]) -> set[str]:
    """Communes awarded at the mid-term as exemplary or effort communes (for "+2 since")."""
    return set(
        awards_of_communes(commune_codes, round=Round.MIDTERM.value, titles=MIDTERM_COMMUNE_TITLES)
    )


def awarded_in_year(
    identities: Iterable[str], year: int, *, exclude_dossier_id: int | None = None
) -> set[str]:
    """Identities awarded in any round of ``year`` ("trừ trường hợp đã khen trong năm")."""
    return set(awards_of(identities=identities, year=year, exclude_dossier_id=exclude_dossier_id))


def earlier_awards_provider(*, commune_codes: Iterable[str], district_codes: Iterable[str]):
    """The facts module's hook (``eligibility.facts.register_earlier_awards_provider``):
    decided awards of these communes and districts, in one query."""
    identities = [commune_identity(c) for c in commune_codes] + [
        district_identity(d) for d in district_codes
    ]
    out = []
    for identity, items in awards_of(identities=identities).items():
        kind, code = identity.split(":", 1)
        for a in items:
            out.append(EarlierAward(kind, code, Round(a.round), a.year, Title(a.title)))
    return out
