"""Plans as data: selecting them, their spec for the rules core, and the plan file.

    plan_get(code) -> Plan | None
    plan_for(province=None, *, on=None) -> Plan | None      the plan a page / date reads
    plan_current(on=None) -> Plan | None                    the installation's province's
    plan_own(on=None) -> Plan | None                        its own, not its lineage's
    plan_spec(plan) -> PlanSpec                             what the rules core reads
    plan_export(plan) -> dict                               the plan file (JSON) of a plan
    plan_validate(data) -> list[str]                        one message per problem
    plan_load(data, *, code=None, by=None) -> Plan          create or update, idempotent
    register_criteria_sets(provider)                        where a set's criteria are read

A plan names its criteria set by code (``criteria_set``); the set's criteria, its
income and its poverty criterion are the set's (``criteria.CriteriaSet``, a layer above,
which registers the reader in ``CriteriaConfig.ready``): the plan does not repeat them.
The plan file's ``criteria`` block repeats them for the reader and is ignored when
loading, like ``readings``. ``baseline_date`` is the plan's own: the date "newly met"
counts from.

The plan file's format is published as ``docs/plan.schema.json`` (JSON Schema draft
2020-12). ``rulesets`` holds every version of the plan's rule set (history is kept: a
verdict of a past date is judged by the version in force then); ``readings`` repeats,
for the reader, the open readings of the version in force on the day of the export and
is ignored by the loader. Rule set versions are never rewritten: loading a file whose
version N differs from the stored version N is an error.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import jsonschema
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.signals import request_started
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .audit import log_action
from .models import Plan, PlanRound, PlanRoundTitle, PlanTarget, RuleSet, User
from .provinces import province_family_of
from .rules import DEFAULT_VALUES, VALUE_SPECS, PlanSpec, Round, Title, default_plan, spec_from_dict
from .rules.plan import PLAN_FILES
from .rules.values import validate_values

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "plan.schema.json"
TARGET_FIELDS = (
    "ntm_communes_added",
    "advanced_communes_added",
    "model_communes_added",
    "villages_added",
)

# The nominee kinds a title may admit are the dossiers' (a layer above): DossiersConfig
# registers them (code -> label); until then any kind code is accepted.
_nominee_kinds: frozenset[str] | None = None
_nominee_kind_labels: dict[str, Any] = {}


def register_nominee_kinds(kinds: Iterable[tuple[str, Any]]) -> None:
    global _nominee_kinds
    _nominee_kind_labels.clear()
    _nominee_kind_labels.update(kinds)
    _nominee_kinds = frozenset(_nominee_kind_labels)


def nominee_kind_choices() -> list[tuple[str, Any]]:
    """(code, label) of every nominee kind, as the dossiers registered them."""
    return list(_nominee_kind_labels.items())


# --- the criteria of a plan's set (read from criteria.CriteriaSet) ----------


@dataclass(frozen=True)
class SetCriteria:
    """What the rules read of a criteria set: its criteria's numbers, its income and
    poverty criteria (None when the set has no such criterion)."""

    numbers: tuple[int, ...]
    income: int | None
    poverty: int | None


_criteria_reader: list[Callable[[], Mapping[str, SetCriteria]]] = []  # at most one
# every stored set, read at once, under the version of the sets it was read at
_sets: tuple[str, dict[str, SetCriteria]] | None = None
# The sets' version lives in the shared cache (Redis in production): a set saved by one
# server process makes every other process read the sets again.
SETS_VERSION_KEY = "criteria-sets-version"


def register_criteria_sets(reader: Callable[[], Mapping[str, SetCriteria]] | None) -> None:
    """Set the function reading every stored criteria set (code -> its criteria)."""
    global _sets
    _criteria_reader[:] = [reader] if reader is not None else []
    _sets = None


# The version read from the shared cache is kept per thread for the rest of the request
# (forgotten when the next request starts) and at most SETS_VERSION_TTL seconds outside
# requests (commands, batches): one cache GET per request, not one per plan_spec call.
SETS_VERSION_TTL = 2.0
_version_memo = threading.local()


def forget_sets_version(**_signal: Any) -> None:
    """Read the sets' version from the shared cache again at the next use (connected to
    ``request_started``)."""
    _version_memo.value = None


request_started.connect(forget_sets_version, dispatch_uid="emulation.plans.sets_version")


def _remember_version(version: str) -> str:
    _version_memo.value = (version, time.monotonic())
    return version


def _sets_version() -> str:
    memo = getattr(_version_memo, "value", None)
    if memo is not None and time.monotonic() - memo[1] < SETS_VERSION_TTL:
        return str(memo[0])
    version = cache.get(SETS_VERSION_KEY)
    if version is None:
        cache.add(SETS_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(SETS_VERSION_KEY) or ""
    return _remember_version(str(version))


def _bump_sets_version() -> None:
    cache.set(SETS_VERSION_KEY, _remember_version(uuid.uuid4().hex), None)


def criteria_sets_changed() -> None:
    """A set or one of its criteria was saved or deleted: every process reads the sets
    again at its next use (one query), now and once the change is committed."""
    global _sets
    _sets = None
    _bump_sets_version()
    transaction.on_commit(_bump_sets_version)


def set_criteria(code: str) -> SetCriteria | None:
    """The criteria of set ``code``; None if there is no such set or no reader is
    registered. Every set is read at once (one query) when the sets' version changed,
    then from memory."""
    global _sets
    if not _criteria_reader:
        return None
    version = _sets_version()
    if _sets is None or _sets[0] != version:
        _sets = (version, dict(_criteria_reader[0]()))
    return _sets[1].get(code)


def _criteria_block(plan: Plan) -> dict[str, Any]:
    found = set_criteria(plan.criteria_set)
    if found is None:
        return {"numbers": [], "income": None, "poverty": None}
    return {"numbers": list(found.numbers), "income": found.income, "poverty": found.poverty}


class PlanFileError(Exception):
    """A plan file that cannot be loaded; ``problems`` has one message per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# --- selecting -------------------------------------------------------------


def plan_get(code: str) -> Plan | None:
    return Plan.objects.filter(code=code).first()


def _ordered_for(province: str, year: int) -> QuerySet[Plan]:
    return Plan.objects.ordered_for(province, year, province_family_of(province))


def plan_for(province: Any = None, *, on: dt.date | None = None) -> Plan | None:
    """The plan of ``province`` (a code or a Province; default the installation's) on
    ``on`` (default today); one query. None only when no plan is stored. The plans of
    the province's lineage count as its own: Bắc Kạn's installation reads the merged
    Thái Nguyên's plan of 2026–2030 for 2026, a unit of the merged province reads Bắc
    Kạn's plan for 2025 (the plan whose period holds the year; the province's own first)."""
    code = getattr(province, "code", province) or settings.PROVINCE_CODE
    on = on or timezone.localdate()
    return _ordered_for(code, on.year).first()


def plan_current(on: dt.date | None = None) -> Plan | None:
    return plan_for(None, on=on)


def plan_own(on: dt.date | None = None) -> Plan | None:
    """The plan of the installation's own province, not of its lineage (the progress
    dashboard and the targets count the province's own districts): Bắc Kạn's plan for a
    Bắc Kạn installation even in 2026, when :func:`plan_current` is the merged Thái
    Nguyên's."""
    on = on or timezone.localdate()
    return Plan.objects.ordered_for(settings.PROVINCE_CODE, on.year).first()


def plan_current_id_subquery(on: dt.date | None = None) -> QuerySet[Plan, Any]:
    """The current plan's pk as a subquery (so a query for its rule set stays one query)."""
    on = on or timezone.localdate()
    return _ordered_for(settings.PROVINCE_CODE, on.year).values("pk")[:1]


def plans_list() -> list[Plan]:
    return list(Plan.objects.order_by("code"))


# --- the spec --------------------------------------------------------------

_spec_cache: dict[tuple[int, Any, SetCriteria | None], PlanSpec] = {}


def plan_spec(plan: Plan | None) -> PlanSpec:
    """What the rules core reads of ``plan`` (None: the shipped Bắc Kạn plan). Built from
    the rows once per version of the plan (its ``updated_at``) and of its criteria set,
    then from memory."""
    if plan is None:
        return default_plan()
    key = (plan.pk, plan.updated_at, set_criteria(plan.criteria_set))
    spec = _spec_cache.get(key)
    if spec is None:
        data = {**_head(plan), "rounds": _rounds(plan)}
        spec = spec_from_dict(data)
        if len(_spec_cache) > 64:
            _spec_cache.clear()
        _spec_cache[key] = spec
    return spec


def plan_spec_current(on: dt.date | None = None) -> PlanSpec:
    return plan_spec(plan_current(on))


def _touch(plan: Plan) -> None:
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    plan.refresh_from_db(fields=["updated_at"])


# --- export ----------------------------------------------------------------


def _date(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _head(plan: Plan) -> dict[str, Any]:
    return {
        "code": plan.code,
        "name": plan.name,
        "movement": plan.movement,
        "issuer": plan.issuer,
        "number": plan.number,
        "issued_on": _date(plan.issued_on),
        "province": plan.province_id,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "baseline_date": _date(plan.baseline_date),
        "criteria_set": plan.criteria_set,
        "criteria": _criteria_block(plan),
        "is_demo": plan.is_demo,
        "notes": plan.notes,
    }


def _rounds(plan: Plan) -> list[dict[str, Any]]:
    rounds = plan.rounds.prefetch_related("titles").order_by("year", "kind", "id")
    order = {k: i for i, k in enumerate(r.value for r in Round)}
    return [
        {
            "kind": r.kind,
            "year": r.year,
            "review_date": _date(r.review_date),
            "opens_on": _date(r.opens_on),
            "closes_on": _date(r.closes_on),
            "titles": [{"title": t.title, "kinds": list(t.kinds)} for t in r.titles.all()],
        }
        for r in sorted(rounds, key=lambda r: (order.get(r.kind, 9), r.year))
    ]


def plan_export(plan: Plan, *, on: dt.date | None = None) -> dict[str, Any]:
    """The plan file of ``plan``: every rule set version, the readings in force ``on``."""
    rulesets = list(plan.rulesets.order_by("version"))
    on = on or timezone.localdate()
    in_force = max(
        (r for r in rulesets if r.effective_from <= on),
        key=lambda r: (r.effective_from, r.version),
        default=rulesets[-1] if rulesets else None,
    )
    # values a version predates (a reading added later) read as their default, as the
    # rules read them
    readings = (
        {s.key: {**_defaults(), **in_force.values}.get(s.key) for s in VALUE_SPECS if s.reading}
        if in_force
        else {}
    )
    targets = plan.targets.select_related("district").prefetch_related("districts_completed")
    return {
        **_head(plan),
        "rounds": _rounds(plan),
        "rulesets": [
            {
                "version": r.version,
                "effective_from": r.effective_from.isoformat(),
                "values": {**_defaults(), **r.values},
                "reason": r.reason,
            }
            for r in rulesets
        ],
        "readings": readings,
        "targets": [
            {
                "year": t.year,
                "district": t.district_id,
                **{f: getattr(t, f) for f in TARGET_FIELDS},
                "mean_criteria": None if t.mean_criteria is None else str(t.mean_criteria),
                "districts_completed": sorted(d.code for d in t.districts_completed.all()),
            }
            for t in targets.order_by("year", "district_id")
        ],
    }


def plan_file(code: str) -> Path:
    return PLAN_FILES / f"{code}.json"


# --- validate --------------------------------------------------------------


def _schema() -> dict[str, Any]:
    with open(SCHEMA_FILE, encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


def _path(parts: Iterable[Any]) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _date_or_none(text: Any) -> dt.date | None:
    if text is None:
        return None
    return dt.date.fromisoformat(text)


def plan_validate(data: Any, *, known_kinds: Collection[str] | None = None) -> list[str]:
    """One message per problem, each starting with its JSON path ($.rounds[2].year);
    [] for a plan file that may be loaded."""
    validator = jsonschema.Draft202012Validator(
        _schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    problems = [
        f"{_path(e.absolute_path)}: {e.message}"
        for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    ]
    if problems:
        return problems
    kinds = known_kinds if known_kinds is not None else _nominee_kinds
    titles = {t.value for t in Title}
    first, last = data["first_year"], data["last_year"]
    if first > last:
        problems.append(f"$.last_year: năm cuối ({last}) trước năm đầu ({first})")
    seen: set[tuple[str, int]] = set()
    if _criteria_reader and set_criteria(data["criteria_set"]) is None:
        problems.append(f"$.criteria_set: không có bộ tiêu chí mã {data['criteria_set']}")
    baseline = _date_or_none(data.get("baseline_date"))
    if baseline is not None and not first - 1 <= baseline.year <= last:
        problems.append(
            f"$.baseline_date: mốc {baseline:%d/%m/%Y} ngoài giai đoạn {first} - {last}"
        )
    for i, r in enumerate(data["rounds"]):
        where = f"$.rounds[{i}]"
        if not first <= r["year"] <= last:
            problems.append(f"{where}.year: năm {r['year']} ngoài giai đoạn {first} - {last}")
        if (r["kind"], r["year"]) in seen:
            problems.append(f"{where}: đợt {r['kind']} năm {r['year']} bị lặp")
        seen.add((r["kind"], r["year"]))
        opens, closes = _date_or_none(r.get("opens_on")), _date_or_none(r.get("closes_on"))
        if opens and closes and opens > closes:
            problems.append(f"{where}.closes_on: ngày đóng trước ngày mở nhận hồ sơ")
        names: set[str] = set()
        for j, t in enumerate(r["titles"]):
            if t["title"] not in titles:
                problems.append(f"{where}.titles[{j}].title: không có danh hiệu “{t['title']}”")
            if t["title"] in names:
                problems.append(f"{where}.titles[{j}].title: danh hiệu “{t['title']}” bị lặp")
            names.add(t["title"])
            for k, kind in enumerate(t["kinds"]):
                if kinds is not None and kind not in kinds:
                    problems.append(
                        f"{where}.titles[{j}].kinds[{k}]: không có loại đối tượng “{kind}”"
                    )
    for kind in ("midterm", "final"):
        if sum(1 for r in data["rounds"] if r["kind"] == kind) > 1:
            problems.append(f"$.rounds: kế hoạch chỉ có một đợt {kind}")
    versions: set[int] = set()
    for i, rs in enumerate(data["rulesets"]):
        where = f"$.rulesets[{i}]"
        if rs["version"] in versions:
            problems.append(f"{where}.version: phiên bản {rs['version']} bị lặp")
        versions.add(rs["version"])
        errors = validate_values({**_defaults(), **rs["values"]})
        for key, message in sorted(errors.items()):
            problems.append(f"{where}.values.{key}: {message}")
        unknown = set(rs["values"]) - {s.key for s in VALUE_SPECS} - _RETIRED_KEYS
        for key in sorted(unknown):
            problems.append(f"{where}.values.{key}: không có giá trị này trong bộ tiêu chuẩn")
    years: set[tuple[int, str | None]] = set()
    for i, t in enumerate(data.get("targets", ())):
        where = f"$.targets[{i}]"
        if (t["year"], t.get("district")) in years:
            problems.append(f"{where}: chỉ tiêu năm {t['year']} bị lặp")
        years.add((t["year"], t.get("district")))
        if t.get("mean_criteria") is not None:
            try:
                Decimal(str(t["mean_criteria"]))
            except InvalidOperation:
                problems.append(f"{where}.mean_criteria: không phải số")
    return problems


# Keys of older rule set versions that the plan now holds (the rounds' years).
_RETIRED_KEYS = frozenset({"midterm_year", "final_year"})


def _defaults() -> dict[str, Any]:
    return dict(DEFAULT_VALUES)


# --- load ------------------------------------------------------------------


def plan_load(
    data: Mapping[str, Any],
    *,
    code: str | None = None,
    by: User | None = None,
    known_kinds: Collection[str] | None = None,
) -> Plan:
    """Create or update the plan of a plan file (under ``code`` if given); idempotent.

    Raises PlanFileError (one message per problem) and loads nothing for a bad file."""
    data = dict(data)
    if code:
        data["code"] = code
    problems = plan_validate(data, known_kinds=known_kinds)
    if problems:
        raise PlanFileError(problems)
    try:
        with transaction.atomic():
            return _load(data, by=by)
    except _LoadError as exc:
        raise PlanFileError(exc.problems) from None


class _LoadError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems


def _related_model(model: type[Model], name: str) -> Any:
    """The model a string foreign key names (communes is a layer above: not imported)."""
    return model._meta.get_field(name).related_model


def _load(data: Mapping[str, Any], *, by: User | None) -> Plan:
    # The models of the string foreign keys (communes is a layer above: no import).
    Province = _related_model(Plan, "province")
    District = _related_model(PlanTarget, "district")
    problems: list[str] = []
    if not Province.objects.filter(code=data["province"]).exists():
        raise _LoadError([f"$.province: không có tỉnh mã {data['province']}"])
    head = {
        "name": data["name"],
        "movement": data["movement"],
        "issuer": data["issuer"],
        "number": data.get("number") or "",
        "issued_on": _date_or_none(data.get("issued_on")),
        "province_id": data["province"],
        "first_year": data["first_year"],
        "last_year": data["last_year"],
        "criteria_set": data["criteria_set"],
        "baseline_date": _date_or_none(data.get("baseline_date")),
        "is_demo": data.get("is_demo", False),
        "notes": data.get("notes") or "",
    }
    plan = Plan.objects.select_for_update().filter(code=data["code"]).first()
    created = plan is None
    if plan is None:
        plan = Plan.objects.create(code=data["code"], **head)
    else:
        for k, v in head.items():
            setattr(plan, k, v)
        plan.save()
    # rounds: the file's, in its order; rounds no longer in the file are removed
    keep: list[int] = []
    for r in data["rounds"]:
        rnd, _ = PlanRound.objects.update_or_create(
            plan=plan,
            kind=r["kind"],
            year=r["year"],
            defaults={
                "review_date": _date_or_none(r.get("review_date")),
                "opens_on": _date_or_none(r.get("opens_on")),
                "closes_on": _date_or_none(r.get("closes_on")),
            },
        )
        keep.append(rnd.pk)
        rnd.titles.all().delete()
        PlanRoundTitle.objects.bulk_create(
            PlanRoundTitle(round=rnd, title=t["title"], kinds=list(t["kinds"]), position=i)
            for i, t in enumerate(r["titles"])
        )
    plan.rounds.exclude(pk__in=keep).delete()
    # rule sets: versions are never rewritten
    stored = {r.version: r for r in plan.rulesets.all()}
    for i, rs in enumerate(data["rulesets"]):
        eff = dt.date.fromisoformat(rs["effective_from"])
        values = {**_defaults(), **rs["values"]}
        old = stored.get(rs["version"])
        if old is None:
            RuleSet.objects.create(
                plan=plan,
                version=rs["version"],
                effective_from=eff,
                values=values,
                reason=rs.get("reason") or "",
                created_by=by,
            )
        elif old.effective_from != eff or {**_defaults(), **old.values} != values:
            problems.append(
                f"$.rulesets[{i}]: phiên bản {rs['version']} đã có với giá trị khác "
                "(phiên bản không được sửa: hãy thêm phiên bản mới)"
            )
    # targets
    district_codes = {t["district"] for t in data.get("targets", ()) if t.get("district")}
    for t in data.get("targets", ()):
        district_codes.update(t.get("districts_completed", ()))
    districts = {d.code: d for d in District.objects.filter(code__in=district_codes)}
    for i, t in enumerate(data.get("targets", ())):
        missing = [
            c
            for c in [t.get("district"), *t.get("districts_completed", ())]
            if c and c not in districts
        ]
        if missing:
            problems.append(f"$.targets[{i}]: không có đơn vị cấp huyện mã {', '.join(missing)}")
            continue
        row, _ = PlanTarget.objects.update_or_create(
            plan=plan,
            year=t["year"],
            district=districts.get(t.get("district") or ""),
            defaults={
                **{f: t.get(f, 0) for f in TARGET_FIELDS},
                "mean_criteria": None
                if t.get("mean_criteria") is None
                else Decimal(str(t["mean_criteria"])),
                "updated_by": by,
            },
        )
        row.districts_completed.set([districts[c] for c in t.get("districts_completed", ())])
    if problems:
        raise _LoadError(problems)
    _touch(plan)
    log_action(
        action="plan.created" if created else "plan.loaded",
        obj=plan,
        by=by,
        after={"code": plan.code, "rounds": len(keep), "rulesets": len(data["rulesets"])},
        province=plan.province_id,
    )
    return plan


def plan_rounds(plan: Plan) -> list[PlanRound]:
    return list(plan.rounds.order_by("year", "kind"))


def plan_targets_filter(plan: Plan | None) -> Q:
    return Q(plan=plan) if plan is not None else Q()


# --- editing in the app (admins): every change goes through plan_load -------------


HEAD_FIELDS = (
    "name",
    "movement",
    "issuer",
    "number",
    "issued_on",
    "province",
    "first_year",
    "last_year",
    "baseline_date",
    "criteria_set",
    "is_demo",
    "notes",
)


def _require(by: User | AnonymousUser | None) -> User:
    if not isinstance(by, User) or not by.has_perm("emulation.manage_plans"):
        raise PermissionDenied
    return by


def _with_annual_rounds(data: dict[str, Any]) -> dict[str, Any]:
    """Add an annual round (without titles) for every year of the period that has none."""
    have = {r["year"] for r in data["rounds"] if r["kind"] == Round.ANNUAL}
    for year in range(data["first_year"], data["last_year"] + 1):
        if year not in have:
            data["rounds"].append({"kind": Round.ANNUAL.value, "year": year, "titles": []})
    return data


def plan_create(*, code: str, head: Mapping[str, Any], by: User | AnonymousUser | None) -> Plan:
    """A new plan: its head, an annual round per year of its period (titles to be chosen),
    version 1 of its rule set (the default values, from 1 January of its first year)."""
    user = _require(by)
    if Plan.objects.filter(code=code).exists():
        raise PlanFileError([f"$.code: đã có kế hoạch mã {code}"])
    data: dict[str, Any] = {"code": code, **head, "rounds": []}
    data["rulesets"] = [
        {
            "version": 1,
            "effective_from": f"{head.get('first_year')}-01-01",
            "values": dict(DEFAULT_VALUES),
            "reason": "Giá trị ban đầu của kế hoạch (giá trị mặc định; sửa ở màn hình "
            "bộ tiêu chuẩn).",
        }
    ]
    data["targets"] = []
    if isinstance(head.get("first_year"), int) and isinstance(head.get("last_year"), int):
        _with_annual_rounds(data)
    return plan_load(data, by=user)


def plan_update(*, plan: Plan, head: Mapping[str, Any], by: User | AnonymousUser | None) -> Plan:
    """Change a plan's head (its rounds, rule sets and targets stay)."""
    user = _require(by)
    data = plan_export(plan)
    data.update(head)
    data = _with_annual_rounds(data)
    if _as_stored(plan, data):
        return plan  # saved as it was loaded: nothing changes
    return plan_load(data, by=user)


def plan_round_save(
    *,
    plan: Plan,
    kind: str,
    year: int,
    review_date: dt.date | None,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    titles: Mapping[str, Collection[str]],
    by: User | AnonymousUser | None,
) -> Plan:
    """Create or change one round: its dates and the titles it offers (title -> the
    nominee kinds it admits; a title with no kind is not offered)."""
    user = _require(by)
    data = plan_export(plan)
    entry = {
        "kind": kind,
        "year": year,
        "review_date": _date(review_date),
        "opens_on": _date(opens_on),
        "closes_on": _date(closes_on),
        "titles": [
            {"title": t.value, "kinds": list(titles[t.value])} for t in Title if titles.get(t.value)
        ],
    }
    rounds = [r for r in data["rounds"] if (r["kind"], r["year"]) != (kind, year)]
    if kind != Round.ANNUAL:  # one sơ kết, one tổng kết: a new year replaces the old
        rounds = [r for r in rounds if r["kind"] != kind]
    data["rounds"] = [*rounds, entry]
    if _as_stored(plan, data):
        return plan  # saved as it was loaded: nothing changes
    return plan_load(data, by=user)


def _as_stored(plan: Plan, data: Mapping[str, Any]) -> bool:
    """Whether the plan file ``data`` says what ``plan`` already holds (rounds, titles and
    kinds in any order)."""

    def normal(given: Mapping[str, Any]) -> Any:
        d = json.loads(json.dumps(given, default=str, sort_keys=True))
        d["rounds"] = sorted(d.get("rounds", []), key=lambda r: (r["kind"], r["year"]))
        for r in d["rounds"]:
            for t in r.get("titles", []):
                t["kinds"] = sorted(t.get("kinds", []))
            r["titles"] = sorted(r.get("titles", []), key=lambda t: t["title"])
        return d

    return bool(normal(data) == normal(plan_export(plan)))


def plan_round_remove(*, plan: Plan, kind: str, year: int, by: User | AnonymousUser | None) -> Plan:
    user = _require(by)
    data = plan_export(plan)
    data["rounds"] = [r for r in data["rounds"] if (r["kind"], r["year"]) != (kind, year)]
    if not data["rounds"]:
        raise PlanFileError(["$.rounds: kế hoạch phải có ít nhất một đợt"])
    return plan_load(data, by=user)
