"""What "who qualifies" offers a provincial agency (sở, ban, ngành, Mặt trận, đoàn thể).

The rules gather facts from the records for communes and districts only. An agency
proposes at the sơ kết and tổng kết rounds (plan IV.1.2): itself, where the round's
titles admit an agency (III.2.2.c: the tổng kết's "sở, ban, ngành …"), and the
collectives, officials, people and organisations it works with. Its own standards are
judged by the Ban TĐKT (no figure in the records says them); the others are typed in
the dossier, each with its figures. :func:`agency_offer` says which of these the plan's
round offers, so the page shows them instead of an empty table of communes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from emulation.models import Agency
from emulation.rules import (
    COMMUNE_TITLES,
    DISTRICT_TITLES,
    TITLE_LABELS,
    PlanSpec,
    Round,
    Title,
    Verdict,
    evaluate,
    titles_for_round,
)
from emulation.rulesets import RuleSetInForce

# the titles whose nominee is the agency itself
OWN_TITLES = frozenset({Title.AGENCY_OUTSTANDING})


@dataclass(frozen=True)
class OwnTitle:
    title: Title
    verdict: Verdict

    @property
    def label(self) -> str:
        return TITLE_LABELS[self.title]


@dataclass
class AgencyOffer:
    agency: Agency
    round_open: bool  # agencies propose at this round (sơ kết, tổng kết)
    own: list[OwnTitle] = field(default_factory=list)  # the agency itself, per title
    typed: list[tuple[Title, str, tuple[str, ...]]] = field(default_factory=list)
    # (title, label, the kinds the plan admits for it, () when the plan does not say)

    @property
    def empty(self) -> bool:
        return not (self.own or self.typed)


def agency_offer(
    *, agency: Agency, round: Round, plan: PlanSpec, ruleset: RuleSetInForce
) -> AgencyOffer:
    """The titles the plan's ``round`` offers an agency: for itself (judged: the
    standards the Ban TĐKT weighs) and for the nominees it types in."""
    offer = AgencyOffer(agency, round_open=round != Round.ANNUAL)
    if not offer.round_open:
        return offer
    units = set(COMMUNE_TITLES) | set(DISTRICT_TITLES)
    for title in titles_for_round(round, plan):
        if title in OWN_TITLES:
            case = {"round": round.value, "title": title.value}
            verdict = evaluate(case, ruleset.values, version=ruleset.version, plan=plan)
            offer.own.append(OwnTitle(title, verdict))
        elif title not in units:
            kinds = plan.kinds_for(round, title) or ()
            offer.typed.append((title, TITLE_LABELS[title], tuple(kinds)))
    return offer
