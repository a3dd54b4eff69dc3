"""A nominee's case (the contract's facts) and its verdict from the rules module.

Commune and district nominees (:attr:`dossiers.kinds.KindSpec.judged_on_records`) take
their facts from the records through ``eligibility.facts``; organisations, people and
agencies from what the proposer typed; "already awarded that year" from
:mod:`dossiers.awards`; ``attested`` from the reviewer's judgement. The verdict is stored
on the nominee with the rule-set version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from eligibility import facts, successors
from emulation.labels import level_text
from emulation.rules.types import Round, Title, Verdict
from emulation.rulesets import RuleSetInForce, ruleset_in_force

from . import awards
from .legal import LegalBasisCode
from .models import Dossier, Nominee, Restriction

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ORG_TITLES = {Title.ORGANIZATION_INFRASTRUCTURE.value, Title.ORGANIZATION_PRODUCTION.value}
PERSON_TITLES = {Title.PERSON_CONTRIBUTION.value, Title.PERSON_INITIATIVE.value}

# Field names of the contract, as people read them (for error messages).
CASE_FIELD_LABELS = {
    "infrastructure_value": _l("Giá trị đóng góp xây dựng hạ tầng nông thôn"),
    "contribution_value": _l("Giá trị đóng góp công sức, đất đai, tài sản"),
    "mobilized_value": _l("Giá trị công trình trực tiếp vận động"),
    "own_land_asset_value": _l("Giá trị đất đai, tài sản tự đóng góp"),
    "recognition": _l("Quyết định công nhận đạt chuẩn"),
    "criteria_baseline": _l("Tiêu chí đạt tại mốc so sánh của kế hoạch"),
    "criteria_now": _l("Tiêu chí đạt tại ngày xét"),
    "criteria_midterm": _l("Tiêu chí đạt khi sơ kết"),
    "completed_year": _l("Năm hoàn thành NTM"),
    "communes_recognized": _l("Số xã đạt chuẩn"),
    "communes_planned": _l("Số xã theo kế hoạch"),
    "capital_debt": _l("Nợ đọng XDCB"),
    "extremely_difficult": _l("Thuộc diện ĐBKK"),
    "title": _l("Danh hiệu đề nghị"),
}


@dataclass(frozen=True)
class SettleSpec:
    """A fact the appraiser states when the records lack it (a check's ``settle``): the
    question asked and its answers, the value first."""

    label: StrOrPromise
    choices: tuple[tuple[bool, StrOrPromise], ...]


# The facts a pending check may ask the appraiser for, by the case field (Check.settle).
# Other pending checks (e.g. a baseline the records do not hold) add theirs here.
SETTLE_FIELDS: dict[str, SettleSpec] = {
    "capital_debt": SettleSpec(
        _l("Nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới"),
        ((False, _l("Không nợ đọng")), (True, _l("Còn nợ đọng"))),
    ),
    "extremely_difficult": SettleSpec(
        _l("Nơi cư trú thuộc xã, thôn đặc biệt khó khăn"),
        ((True, _l("Thuộc diện ĐBKK")), (False, _l("Không thuộc diện ĐBKK"))),
    ),
}


def pending_settles(nominee: Nominee) -> list[str]:
    """The facts its stored verdict waits for the appraiser to state (known ones only)."""
    return [
        c["settle"]
        for c in nominee.verdict_checks or []
        if c.get("passed") is None and c.get("settle") in SETTLE_FIELDS
    ]


@dataclass(frozen=True)
class Judged:
    nominee: Nominee
    case: dict
    verdict: Verdict


def ruleset_date(dossier: Dossier) -> dt.date:
    """The round's review date, which picks the rule set in force: for the sơ kết and
    tổng kết the date of the directive set on the plan's round (else 31/12 of its year),
    for the annual round 31/12 of the award year (or today if earlier); never before the
    plan's first day."""
    spec = dossier.plan_spec
    rnd = Round(dossier.round)
    on = facts.round_review_date(spec, rnd, dossier_year(dossier))
    return max(on, dt.date(spec.first_year, 1, 1))


def dossier_ruleset(dossier: Dossier) -> RuleSetInForce:
    """The dossier's plan's rule set in force on the round's review date."""
    return ruleset_in_force(ruleset_date(dossier), plan=dossier.plan)


def review_date(dossier: Dossier) -> dt.date:
    """The date a unit's name is read at: the proposing document's date, else today."""
    return dossier.document_date or timezone.localdate()


def dossier_year(dossier: Dossier, values: Mapping | None = None) -> int:
    """The award year: the dossier's for the annual round; the year of the sơ kết or
    tổng kết round of the dossier's plan for those rounds."""
    fixed = dossier.plan_spec.year_of(dossier.round)
    return dossier.year if fixed is None else fixed


def unit_facts(dossier: Dossier, nominees: Sequence[Nominee], values: Mapping) -> dict[int, dict]:
    """Facts of commune and district nominees from the records, keyed by id(nominee).

    The review date is the facts module's default (31/12 of the award year, or today if
    earlier), the same as the "who qualifies" page, so both give the same verdict."""
    year = dossier_year(dossier, values)
    communes = [
        (n, n.commune_id, n.commune)
        for n in nominees
        if n.kind_spec.record == "commune" and n.commune_id and n.commune is not None
    ]
    districts = [
        (n, n.district_id, n.district)
        for n in nominees
        if n.kind_spec.record == "district" and n.district_id and n.district is not None
    ]
    out: dict[int, dict] = {}
    if communes:
        unique_communes = list({code: c for _n, code, c in communes}.values())
        by_code = facts.commune_facts(
            unique_communes,
            round=dossier.round,
            year=year,
            values=values,
            plan=dossier.plan_spec,
        )
        # a unit formed during the plan (1/7/2025): its predecessors' facts and the
        # reading of the rule set (eligibility.successors)
        successors.add_predecessors(
            unique_communes,
            by_code,
            round=dossier.round,
            year=year,
            values=values,
            plan=dossier.plan_spec,
        )
        for n, code, _c in communes:
            out[id(n)] = dict(by_code.get(code, {}))
    if districts:
        unique_districts = list({code: d for _n, code, d in districts}.values())
        by_code = facts.district_facts(
            unique_districts,
            round=dossier.round,
            year=year,
            values=values,
            plan=dossier.plan_spec,
        )
        for n, code, _d in districts:
            out[id(n)] = dict(by_code.get(code, {}))
    return out


def _person_facts(n: Nominee) -> dict:
    dbkk: bool | None
    if n.outside_province:
        # declared ĐBKK counts once attested (settled_facts); not declared: ordinary level
        dbkk = None if n.declared_dbkk else False
    else:
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


def _restrictions(dossier: Dossier, nominees: Sequence[Nominee]) -> dict[int, list[str]] | None:
    """For a dossier under Nghị định 152/2025/NĐ-CP (filed from 1/7/2025): the cases
    standing today against each saved nominee, as sentences (one query); None for a
    dossier under the earlier decrees (Điều 4 of 152/2025 does not apply)."""
    if dossier.legal_basis != LegalBasisCode.ND152_2025:
        return None
    today = timezone.localdate()
    out: dict[int, list[str]] = {}
    saved = [n.pk for n in nominees if n.pk]
    if not saved:
        return out
    # in Vietnamese, like every message of the rules
    with translation.override("vi"):
        for r in Restriction.objects.filter(nominee_id__in=saved).order_by("since", "id"):
            if r.active_on(today):
                out.setdefault(r.nominee_id, []).append(
                    f"{r.get_kind_display()} từ ngày {r.since:%d/%m/%Y} ({r.document})"
                )
    return out


def build_cases(dossier: Dossier, nominees: Sequence[Nominee], values: Mapping) -> dict[int, dict]:
    """The contract's case of every nominee, keyed by id(nominee) (works for unsaved ones)."""
    year = dossier_year(dossier, values)
    units = unit_facts(dossier, nominees, values)
    org_identities = [n.identity for n in nominees if n.title in ORG_TITLES and n.identity]
    awarded = (
        awards.awarded_in_year(org_identities, year, exclude_dossier_id=dossier.pk)
        if org_identities
        else set()
    )
    restricted = _restrictions(dossier, nominees)
    cases: dict[int, dict] = {}
    for n in nominees:
        case: dict = {"round": dossier.round, "year": year, "title": n.title}
        if restricted is not None and not n.kind_spec.judged_on_records:
            case["under_review"] = restricted.get(n.pk, [])
        if n.kind_spec.judged_on_records:
            case.update(units.get(id(n), {}))
        elif n.title in ORG_TITLES:
            if n.infrastructure_value is not None:
                case["infrastructure_value"] = n.infrastructure_value
            case["awarded_this_year"] = n.identity in awarded
        elif n.title in PERSON_TITLES:
            case.update(_person_facts(n))
        case["attested"] = n.attested
        # what the appraiser stated where the records are silent
        for key, settled in (n.settled_facts or {}).items():
            if key in SETTLE_FIELDS and key in case and case[key] is None:
                case[key] = settled.get("value")
        cases[id(n)] = case
    return cases


def judge(dossier: Dossier, nominees: Iterable[Nominee], *, ruleset=None) -> list[Judged]:
    nominees = list(nominees)
    if not nominees:
        return []
    ruleset = ruleset or dossier_ruleset(dossier)
    cases = build_cases(dossier, nominees, ruleset.values)
    spec = dossier.plan_spec
    out = []
    for n in nominees:
        case = cases[id(n)]
        verdict = successors.judge(case, ruleset.values, version=ruleset.version, plan=spec)
        out.append(Judged(n, case, verdict))
    return out


_CASE_FIELD = re.compile(
    r"\b("
    + "|".join(re.escape(k) for k in sorted(CASE_FIELD_LABELS, key=len, reverse=True))
    + r")\b"
)


def readable_error(error: str) -> str:
    """The rules' "<field>: <reason>" with the contract's field names as people read them."""

    def label(match: re.Match) -> str:
        text = str(CASE_FIELD_LABELS[match.group(1)])
        return text if match.start() == 0 else text[0].lower() + text[1:]

    return _CASE_FIELD.sub(label, error)


def checks_as_json(verdict: Verdict) -> list[dict]:
    return [
        {
            "rule": c.rule,
            "clause": c.clause,
            "passed": c.passed,
            "message": c.message,
            "judged": c.judged,
            **({"settle": c.settle} if c.settle else {}),
            # the message as words and values: shown in the interface language
            **({"text": c.text.as_dict()} if c.text else {}),
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
    """Re-judge the dossier's nominees on today's facts and the rule set in force on the
    round's review date; saves them."""
    if nominees is None:
        nominees = list(dossier.nominees.select_related("commune", "village", "district", "agency"))
    now = timezone.now()
    for j in judge(dossier, nominees):
        store(j, at=now)
    Nominee.objects.bulk_update(nominees, VERDICT_FIELDS)
    return list(nominees)


def fingerprint(nominees: Iterable[Nominee]) -> str:
    """A short digest of the nominees' verdicts (eligibility, version, each check's
    outcome and message): a confirmation screen carries the one it showed, and the move
    is refused when the verdicts it would record differ (the stale-edit check for
    verdicts)."""
    rows = sorted(
        [
            n.pk,
            n.verdict_eligible,
            n.ruleset_version,
            n.verdict_error,
            [[c.get("rule"), c.get("passed"), c.get("message")] for c in n.verdict_checks or []],
        ]
        for n in nominees
    )
    digest = hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:20]


def current(dossier: Dossier, nominees: Sequence[Nominee]) -> list[Nominee]:
    """The nominees with their verdicts judged afresh (facts and the rule set in force on
    the round's review date), copied onto them in memory: nothing is saved."""
    now = timezone.now()
    for j in judge(dossier, nominees):
        store(j, at=now)
    return list(nominees)


@dataclass(frozen=True)
class Recomputed:
    """What changed between the verdicts recorded on an open dossier and those judged
    now: the rule set in force now (its version, who changed it, when, why), the version
    the recorded verdicts used, and the nominees whose verdict differs."""

    ruleset: RuleSetInForce
    recorded_versions: tuple[int, ...]
    changed: tuple[Nominee, ...]

    @property
    def ruleset_changed(self) -> bool:
        return any(v != self.ruleset.version for v in self.recorded_versions)


def recompute(dossier: Dossier, nominees: Sequence[Nominee]) -> Recomputed | None:
    """Judge an open dossier's nominees afresh in memory (:func:`current`); a
    :class:`Recomputed` when their verdicts differ from those recorded, else None."""
    if not nominees:
        return None
    before = {n.pk: (n.verdict_eligible, n.ruleset_version, fingerprint([n])) for n in nominees}
    ruleset = dossier_ruleset(dossier)
    now = timezone.now()
    for j in judge(dossier, nominees, ruleset=ruleset):
        store(j, at=now)
    changed = tuple(n for n in nominees if fingerprint([n]) != before[n.pk][2])
    versions = tuple(sorted({v for _e, v, _f in before.values() if v is not None}))
    if not changed and all(v == ruleset.version for v in versions):
        return None
    return Recomputed(ruleset, versions, changed)


def facts_for_display(
    case: dict, *, baseline: dt.date | None = None
) -> list[tuple[StrOrPromise, str]]:
    """The facts a verdict used that came from the records, as (label, value) lines;
    ``baseline``: the plan's baseline date, named in the baseline's line."""

    def yes_no(value) -> str:
        return _("Có") if value else _("Không")

    def criteria(value) -> str:
        numbers = sorted(value or [])
        if not numbers:
            return "0"
        return _("%(n)s tiêu chí (%(list)s)") % {
            "n": len(numbers),
            "list": ", ".join(map(str, numbers)),
        }

    out: list[tuple[StrOrPromise, str]] = []
    if "recognition" in case:
        rec = case["recognition"]
        out.append(
            (
                CASE_FIELD_LABELS["recognition"],
                _("%(level)s năm %(year)s")
                % {
                    "level": level_text(rec.get("level")),
                    "year": rec.get("year"),
                }
                if rec
                else _("Chưa có"),
            )
        )
    for key in ("criteria_baseline", "criteria_now"):
        if key in case:
            label: StrOrPromise = CASE_FIELD_LABELS[key]
            if key == "criteria_baseline" and baseline is not None:
                label = _("Tiêu chí đạt ngày %(d)s") % {"d": f"{baseline:%d/%m/%Y}"}
            out.append((label, criteria(case[key])))
    if case.get("midterm_awarded"):
        out.append((_("Đã được khen khi sơ kết"), _("Có")))
        if "criteria_midterm" in case:
            out.append((CASE_FIELD_LABELS["criteria_midterm"], criteria(case["criteria_midterm"])))
    if "completed_year" in case:
        out.append((CASE_FIELD_LABELS["completed_year"], str(case["completed_year"] or _("Chưa"))))
    for key in ("communes_recognized", "communes_planned"):
        if key in case:
            out.append((CASE_FIELD_LABELS[key], str(case[key])))
    for key in ("extremely_difficult", "capital_debt"):
        if key in case:
            value = case[key]
            out.append(
                (CASE_FIELD_LABELS[key], _("Chưa có số liệu") if value is None else yes_no(value))
            )
    return out
