"""Communes formed during a plan's period: the sơ kết / tổng kết across a reorganisation.

On 1/7/2025 Bắc Kạn's 108 commune-level units became 37 units of the merged Thái Nguyên.
The tổng kết 2025 of Bắc Kạn's plan 2021–2025 may nominate an old unit (judged on its
own records, as it stood) or a new one, which has no records for the period: its
predecessors' have them. The plan does not say how to read a new unit's achievement, so
the reading is the rule set's ``successor_reading`` (an administrator's setting):

- ``appraiser`` (default): the appraiser judges — the verdict is one judged check,
  pending until the appraisal body attests it (``case["attested"]``);
- ``best_predecessor``: the new unit is judged as its predecessor with the best verdict;
- ``own_records``: the new unit is judged on its own records, like any unit.

Whatever the reading, the facts of the predecessors go into the case
(``case["predecessors"]``, each with its code, name, whether it merged whole and its
facts) so that the nominee and verdict pages show them, and ``case["successor_reading"]``
says which reading was applied.

    predecessor_facts(communes, *, round, year, values, plan) -> {commune key: [dict]}
    add_predecessors(communes, facts, *, round, year, values, plan)   into commune facts
    successor_verdict(case, own, *, values, version, plan) -> Verdict
    judge(case, values, *, version, plan) -> Verdict           evaluate, then the reading

The dossiers' verdicts and the "who qualifies" page both go through :func:`judge`.

A unit counts as new for a plan when it began after the plan's baseline date and has
predecessors; the annual round judges the year's own facts and is left alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from communes.models import Commune
from communes.selectors import lineages_of
from emulation.rules import SPECS_BY_KEY, Check, PlanSpec, Round, Verdict, evaluate, verdict_of

from .facts import commune_facts

READINGS = ("appraiser", "best_predecessor", "own_records")
DEFAULT_READING = "appraiser"
RULE = "commune.successor"


def reading_label(reading: str) -> str:
    """The reading as the rule-set screen names it (untranslated msgid)."""
    return SPECS_BY_KEY["successor_reading"].choice_label(reading)


def reading_of(values: Mapping[str, Any]) -> str:
    reading = values.get("successor_reading", DEFAULT_READING)
    return reading if reading in READINGS else DEFAULT_READING


def formed_during(commune: Commune, plan: PlanSpec, rnd: Round | str) -> bool:
    """Whether ``commune`` began after ``plan``'s baseline, in a round that compares with
    the baseline (sơ kết, tổng kết)."""
    return (
        Round(rnd) is not Round.ANNUAL
        and commune.valid_from is not None
        and commune.valid_from > plan.baseline_on
    )


def _formed_during(communes: Sequence[Commune], plan: PlanSpec, rnd: Round | str) -> list[Commune]:
    """:func:`formed_during` for many communes (the round read once)."""
    if Round(rnd) is Round.ANNUAL:
        return []
    baseline = plan.baseline_on
    return [c for c in communes if c.valid_from is not None and c.valid_from > baseline]


def predecessor_facts(
    communes: Sequence[Commune],
    *,
    round: Round | str,  # noqa: A002 - the contract's word
    year: int | None,
    values: Mapping[str, Any] | None,
    plan: PlanSpec,
) -> dict[str, list[dict[str, Any]]]:
    """For each new unit among ``communes`` (:func:`formed_during`), its predecessors with
    their facts (as of the round's review date: an old unit's last state). A fixed number
    of queries whatever the number of units."""
    new = _formed_during(communes, plan, round)
    if not new:
        return {}
    lineages = lineages_of(new)
    olds: dict[str, Commune] = {}
    for lineage in lineages.values():
        for change in lineage.predecessors:
            if change.predecessor_commune is not None:
                olds[change.predecessor_commune.pk] = change.predecessor_commune
    found = commune_facts(list(olds.values()), round=round, year=year, values=values, plan=plan)
    out: dict[str, list[dict[str, Any]]] = {}
    for key, lineage in lineages.items():
        rows = []
        for change in sorted(lineage.predecessors, key=lambda ch: ch.predecessor_commune_id or ""):
            old = change.predecessor_commune
            if old is None:
                continue
            rows.append(
                {
                    "code": old.code,
                    "name": f"{old.get_kind_display()} {old.name}",
                    "valid_to": old.valid_to.isoformat() if old.valid_to else None,
                    "whole": change.whole,
                    "legal_basis": change.legal_basis,
                    **found.get(old.pk, {}),
                }
            )
        if rows:
            out[key] = rows
    return out


def add_predecessors(
    communes: Sequence[Commune],
    facts: dict[str, dict[str, Any]],
    *,
    round: Round | str,  # noqa: A002 - the contract's word
    year: int | None,
    values: Mapping[str, Any],
    plan: PlanSpec,
) -> None:
    """Add to ``facts`` (by commune key) of each new unit its predecessors, its first day
    and the reading in force (no query when no unit is new)."""
    new = _formed_during(communes, plan, round)
    if not new:
        return
    before = predecessor_facts(new, round=round, year=year, values=values, plan=plan)
    for commune in new:
        if commune.pk in before and commune.pk in facts:
            facts[commune.pk] = {
                **facts[commune.pk],
                "predecessors": before[commune.pk],
                "formed_on": commune.valid_from.isoformat() if commune.valid_from else None,
                "successor_reading": reading_of(values),
            }


def judge(
    case: Mapping[str, Any], values: Mapping[str, Any], *, version: int | None, plan: PlanSpec
) -> Verdict:
    """The verdict of a case: the rules core's, then, for a new unit's case (one with
    ``predecessors``), the rule set's reading."""
    verdict = evaluate(case, values, version=version, plan=plan)
    if case.get("predecessors"):
        return successor_verdict(case, verdict, values=values, version=version, plan=plan)
    return verdict


def _names(predecessors: Sequence[Mapping[str, Any]]) -> str:
    return ", ".join(
        p["name"] + ("" if p.get("whole", True) else " (một phần)") for p in predecessors
    )


def _since(case: Mapping[str, Any]) -> str:
    formed = case.get("formed_on")
    if not formed:
        return ""
    return f" ngày {dt.date.fromisoformat(formed):%d/%m/%Y}"


def successor_verdict(
    case: Mapping[str, Any],
    own: Verdict,
    *,
    values: Mapping[str, Any],
    version: int | None,
    plan: PlanSpec,
) -> Verdict:
    """The verdict of a new unit's case (one carrying ``predecessors``) under the rule
    set's reading; ``own``: its verdict on its own records."""
    predecessors = case.get("predecessors") or []
    if not predecessors or own.error:
        return own
    reading = reading_of(values)
    clause = own.checks[0].clause if own.checks else ""
    formed = f"Đơn vị thành lập{_since(case)} từ {_names(predecessors)}"
    if reading == "own_records":
        note = Check(RULE, clause, True, f"{formed}: xét theo hồ sơ tiêu chí của chính đơn vị mới.")
        checks = (note, *own.checks)
        return Verdict(verdict_of(checks), checks, None, version)
    if reading == "best_predecessor":
        judged = [
            (
                p,
                evaluate(
                    {
                        **{k: v for k, v in p.items() if k not in _NOT_FACTS},
                        "title": case["title"],
                        "attested": case.get("attested"),
                    },
                    values,
                    version=version,
                    plan=plan,
                ),
            )
            for p in predecessors
        ]
        rank = {True: 0, None: 1, False: 2}
        best, verdict = min(judged, key=lambda pv: (rank[pv[1].eligible], pv[1].error or ""))
        note = Check(
            RULE,
            clause,
            True,
            f"{formed}: xét theo {best['name']}, đơn vị trước sắp xếp có kết quả tốt nhất.",
        )
        checks = (note, *verdict.checks)
        if verdict.error:
            return Verdict(None, (note,), f"{best['name']}: {verdict.error}", version)
        return Verdict(verdict_of(checks), checks, None, version)
    attested = case.get("attested")
    standard = (
        f"{formed}: thành tích cả giai đoạn của đơn vị mới do thẩm định đánh giá theo "
        "số liệu của các đơn vị trước sắp xếp"
    )
    if attested is None:
        message = f"{standard}: chờ thẩm định đánh giá."
    elif attested:
        message = f"{standard}: đã được thẩm định xác nhận."
    else:
        message = f"{standard}: thẩm định không xác nhận."
    check = Check(RULE, clause, attested, message, judged=True)
    return Verdict(verdict_of((check,)), (check,), None, version)


# Keys of a predecessor's row that are not facts of the contract.
_NOT_FACTS = frozenset({"code", "name", "valid_to", "whole", "legal_basis"})
