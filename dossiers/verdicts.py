"""A nominee's case (the contract's facts) and its verdict from the rules module.

Commune and district nominees take their facts from the records through
``emulation.facts``; organisations, people and agencies from what the proposer typed;
"already awarded that year" from :mod:`dossiers.awards`; ``attested`` from the
reviewer's judgement. The verdict is stored on the nominee with the rule-set version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from emulation.rules import evaluate
from emulation.rules.types import Title, Verdict

from . import awards
from .models import ROUND_FIXED_YEAR, Dossier, Nominee, NomineeKind

ORG_TITLES = {Title.ORGANIZATION_INFRASTRUCTURE.value, Title.ORGANIZATION_PRODUCTION.value}
PERSON_TITLES = {Title.PERSON_CONTRIBUTION.value, Title.PERSON_INITIATIVE.value}

# Field names of the contract, as people read them (for error messages).
CASE_FIELD_LABELS = {
    "infrastructure_value": "Giá trị đóng góp xây dựng hạ tầng nông thôn",
    "contribution_value": "Giá trị đóng góp công sức, đất đai, tài sản",
    "mobilized_value": "Giá trị công trình trực tiếp vận động",
    "own_land_asset_value": "Giá trị đất đai, tài sản tự đóng góp",
    "recognition": "Quyết định công nhận đạt chuẩn",
    "criteria_baseline": "Tiêu chí đạt ngày 01/01/2021",
    "criteria_now": "Tiêu chí đạt tại ngày xét",
    "criteria_midterm": "Tiêu chí đạt khi sơ kết",
    "completed_year": "Năm hoàn thành NTM",
    "communes_recognized": "Số xã đạt chuẩn",
    "communes_planned": "Số xã theo kế hoạch",
    "capital_debt": "Nợ đọng XDCB",
    "extremely_difficult": "Thuộc diện ĐBKK",
    "title": "Danh hiệu đề nghị",
}


@dataclass(frozen=True)
class Judged:
    nominee: Nominee
    case: dict
    verdict: Verdict


def ruleset_in_force(on: dt.date | None = None):
    from emulation.rulesets import ruleset_in_force as _in_force

    return _in_force(on)


def review_date(dossier: Dossier) -> dt.date:
    """The date the facts are taken at: the proposing document's date, else today."""
    return dossier.document_date or timezone.localdate()


def dossier_year(dossier: Dossier) -> int:
    return ROUND_FIXED_YEAR.get(dossier.round, dossier.year)


def unit_facts(dossier: Dossier, nominees: Sequence[Nominee]) -> dict[int, dict]:
    """Facts of commune and district nominees from the records, keyed by id(nominee)."""
    from emulation import facts

    on = review_date(dossier)
    year = dossier_year(dossier)
    communes = [n for n in nominees if n.kind == NomineeKind.COMMUNE and n.commune_id]
    districts = [n for n in nominees if n.kind == NomineeKind.DISTRICT and n.district_id]
    out: dict[int, dict] = {}
    if communes:
        by_code = facts.commune_facts(
            [n.commune_id for n in communes], round=dossier.round, year=year, on=on
        )
        for n in communes:
            out[id(n)] = dict(by_code.get(n.commune_id, {}))
    if districts:
        by_code = facts.district_facts(
            [n.district_id for n in districts], round=dossier.round, year=year, on=on
        )
        for n in districts:
            out[id(n)] = dict(by_code.get(n.district_id, {}))
    return out


def _person_facts(n: Nominee) -> dict:
    dbkk = bool(
        (n.village is not None and n.village.extremely_difficult)
        or (n.commune is not None and n.commune.extremely_difficult)
    )
    case: dict = {"extremely_difficult": dbkk}
    if n.contribution_value is not None:
        case["contribution_value"] = n.contribution_value
    if n.mobilized_value is not None or n.own_land_asset_value is not None:
        case["mobilized_value"] = n.mobilized_value or 0
        case["own_land_asset_value"] = n.own_land_asset_value or 0
    return case


def build_cases(dossier: Dossier, nominees: Sequence[Nominee]) -> dict[int, dict]:
    """The contract's case of every nominee, keyed by id(nominee) (works for unsaved ones)."""
    year = dossier_year(dossier)
    units = unit_facts(dossier, nominees)
    org_identities = [n.identity for n in nominees if n.title in ORG_TITLES and n.identity]
    awarded = (
        awards.awarded_in_year(org_identities, year, exclude_dossier_id=dossier.pk)
        if org_identities
        else set()
    )
    cases: dict[int, dict] = {}
    for n in nominees:
        case: dict = {"round": dossier.round, "year": year, "title": n.title}
        if n.kind in (NomineeKind.COMMUNE, NomineeKind.DISTRICT):
            case.update(units.get(id(n), {}))
        elif n.title in ORG_TITLES:
            if n.infrastructure_value is not None:
                case["infrastructure_value"] = n.infrastructure_value
            case["awarded_this_year"] = n.identity in awarded
        elif n.title in PERSON_TITLES:
            case.update(_person_facts(n))
        case["attested"] = n.attested
        cases[id(n)] = case
    return cases


def judge(dossier: Dossier, nominees: Iterable[Nominee], *, ruleset=None) -> list[Judged]:
    nominees = list(nominees)
    if not nominees:
        return []
    ruleset = ruleset or ruleset_in_force(review_date(dossier))
    cases = build_cases(dossier, nominees)
    return [
        Judged(
            n,
            cases[id(n)],
            evaluate(cases[id(n)], ruleset.values, version=ruleset.version),
        )
        for n in nominees
    ]


def readable_error(error: str) -> str:
    field, _, reason = error.partition(":")
    label = CASE_FIELD_LABELS.get(field.strip())
    return f"{label}: {reason.strip()}" if label and reason else error


def checks_as_json(verdict: Verdict) -> list[dict]:
    return [
        {
            "rule": c.rule,
            "clause": c.clause,
            "passed": c.passed,
            "message": c.message,
            "judged": c.judged,
        }
        for c in verdict.checks
    ]


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def store(judged: Judged, *, at=None) -> None:
    """Copy the verdict onto the nominee (the caller saves)."""
    n, verdict = judged.nominee, judged.verdict
    n.verdict_eligible = verdict.eligible
    n.verdict_checks = checks_as_json(verdict)
    n.verdict_error = readable_error(verdict.error) if verdict.error else ""
    n.verdict_case = _jsonable(judged.case)
    n.ruleset_version = verdict.ruleset_version
    n.verdict_at = at or timezone.now()


VERDICT_FIELDS = [
    "verdict_eligible",
    "verdict_checks",
    "verdict_error",
    "verdict_case",
    "ruleset_version",
    "verdict_at",
]


def refresh(dossier: Dossier, nominees: Sequence[Nominee] | None = None) -> list[Nominee]:
    """Re-judge the dossier's nominees on today's facts and rule set; saves them."""
    if nominees is None:
        nominees = list(dossier.nominees.select_related("commune", "village", "district", "agency"))
    now = timezone.now()
    for j in judge(dossier, nominees):
        store(j, at=now)
    Nominee.objects.bulk_update(nominees, VERDICT_FIELDS)
    return list(nominees)
