"""The award standards of section III.2.2 as one pure function.

    evaluate(case, values=None, *, version=None, plan=None) -> Verdict

`case` is the contract's case (../shared/domain/eligibility-contract.md): a mapping
of plain JSON values. `values` are the rule set's thresholds and readings (None: the
plan's, DEFAULT_VALUES). One Check per standard, with the plan's clause and a
Vietnamese message with the figures. Never raises on a bad case: a malformed one gets
Verdict(eligible=None, error="<field>: ...").

Pure Python: no Django, no database; fast enough for tens of thousands of cases a
second on one core (devtools/rules_bench_cli.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, Literal, overload

from emulation.money import format_vnd

from .plan import PlanSpec, default_plan
from .types import LEVELS, Check, Round, Text, Title, Verdict, gettext_noop
from .values import DEFAULT_VALUES

TITLE_LABELS: dict[Title, str] = {
    Title.COMMUNE_RECOGNIZED: gettext_noop("Xã đạt chuẩn nông thôn mới, nâng cao, kiểu mẫu"),
    Title.COMMUNE_EXEMPLARY: gettext_noop("Xã tiêu biểu trong nỗ lực xây dựng nông thôn mới"),
    Title.COMMUNE_EFFORT: gettext_noop("Xã đặc biệt khó khăn có nhiều nỗ lực vươn lên"),
    Title.DISTRICT_COMPLETED: gettext_noop("Huyện (thành phố) hoàn thành xây dựng nông thôn mới"),
    Title.DISTRICT_OUTSTANDING: gettext_noop(
        "Huyện (thành phố) đạt, vượt số xã đạt chuẩn theo kế hoạch, tiêu biểu"
    ),
    Title.ORGANIZATION_INFRASTRUCTURE: gettext_noop(
        "Tổ chức, doanh nghiệp đóng góp xây dựng hạ tầng nông thôn"
    ),
    Title.ORGANIZATION_PRODUCTION: gettext_noop(
        "Doanh nghiệp, tổ chức đầu tư, liên kết sản xuất, giải quyết việc làm"
    ),
    Title.PERSON_CONTRIBUTION: gettext_noop(
        "Cá nhân, gia đình đóng góp công sức, đất đai, tài sản"
    ),
    Title.PERSON_INITIATIVE: gettext_noop(
        "Cá nhân, gia đình đóng góp trí tuệ (sáng chế, sáng kiến)"
    ),
    Title.COLLECTIVE_OUTSTANDING: gettext_noop("Tập thể có thành tích xuất sắc"),
    Title.OFFICIAL_OUTSTANDING: gettext_noop("Cán bộ, công chức, viên chức"),
    Title.AGENCY_OUTSTANDING: gettext_noop("Sở, ban, ngành, Mặt trận Tổ quốc, đoàn thể tỉnh"),
}

CLAUSE = {Round.ANNUAL: "III.2.2.a", Round.MIDTERM: "III.2.2.b", Round.FINAL: "III.2.2.c"}

_T = Title
COMMUNE_TITLES = (_T.COMMUNE_RECOGNIZED, _T.COMMUNE_EXEMPLARY, _T.COMMUNE_EFFORT)
DISTRICT_TITLES = (_T.DISTRICT_COMPLETED, _T.DISTRICT_OUTSTANDING)

_ROUNDS = {r.value: r for r in Round}
_TITLES = {t.value: t for t in Title}


def titles_for_round(round: Round | str, plan: PlanSpec | None = None) -> list[Title]:
    """The titles a round of the plan awards, in the plan's order; [] for an unknown round.

    ``plan`` None: the installation's first plan (:func:`default_plan`)."""
    r = _ROUNDS.get(round) if isinstance(round, str) else round
    if r is None:
        return []
    return list((plan or default_plan()).titles(r))


class CaseError(Exception):
    """A malformed case; str() is '<field>: <Vietnamese reason>'."""


_MISSING = object()


def _get(case: Mapping[str, Any], name: str) -> Any:
    v = case.get(name, _MISSING)
    if v is _MISSING:
        raise CaseError(f"{name}: thiếu trường bắt buộc")
    return v


def _bool(case: Mapping[str, Any], name: str) -> bool:
    v = _get(case, name)
    if v is not True and v is not False:
        raise CaseError(f"{name}: phải là true hoặc false")
    return v


@overload
def _int(case: Mapping[str, Any], name: str, *, nullable: Literal[False] = False) -> int: ...
@overload
def _int(case: Mapping[str, Any], name: str, *, nullable: Literal[True]) -> int | None: ...
def _int(case: Mapping[str, Any], name: str, *, nullable: bool = False) -> int | None:
    v = _get(case, name)
    if v is None and nullable:
        return None
    if type(v) is not int:
        raise CaseError(f"{name}: phải là số nguyên" + (" hoặc null" if nullable else ""))
    return v


def _money(case: Mapping[str, Any], name: str) -> int:
    v = _get(case, name)
    if type(v) is not int or v < 0:
        raise CaseError(f"{name}: phải là số tiền nguyên không âm (đồng)")
    return v


_INT_TYPE = frozenset((int,))


def _criteria(case: Mapping[str, Any], name: str, plan: PlanSpec) -> frozenset[int]:
    v = case.get(name, _MISSING)
    if type(v) is list or isinstance(v, tuple | set | frozenset):
        # type check first: True and 1.0 hash like 1 but are not criterion numbers
        if set(map(type, v)) <= _INT_TYPE:
            s = frozenset(v)
            if s <= plan.criteria:
                return s
    elif v is _MISSING:
        raise CaseError(f"{name}: thiếu trường bắt buộc")
    raise CaseError(f"{name}: phải là danh sách số thứ tự tiêu chí từ {plan.criteria_range}")


def _attested(case: Mapping[str, Any]) -> bool | None:
    v = case.get("attested")
    if v is not None and v is not True and v is not False:
        raise CaseError("attested: phải là true, false hoặc null")
    return v


def _fmt_list(numbers: Collection[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers)) if numbers else "không có"


class _Ctx:
    """What every standard needs: the case, the values, the round and its year."""

    __slots__ = ("case", "v", "plan", "round", "year", "clause", "checks")

    def __init__(
        self, case: Mapping[str, Any], v: Mapping[str, Any], plan: PlanSpec, rnd: Round, year: int
    ):
        self.case = case
        self.v = v
        self.plan = plan
        self.round = rnd
        self.year = year
        self.clause = CLAUSE[rnd]
        self.checks: list[Check] = []

    def add(
        self,
        rule: str,
        passed: bool | None,
        message: str | Text,
        *,
        judged: bool = False,
        shortfall: int | None = None,
        settle: str | None = None,
    ) -> None:
        text = message if isinstance(message, Text) else None
        self.checks.append(
            Check(rule, self.clause, passed, str(message), judged, shortfall, settle, text)
        )

    def judged(self, rule: str, standard: str) -> None:
        a = _attested(self.case)
        s = Text.of(standard)
        if a is None:
            msg = Text.of(gettext_noop("%(s)s: chờ thẩm định đánh giá."), s=s)
        elif a:
            msg = Text.of(gettext_noop("%(s)s: đã được thẩm định xác nhận."), s=s)
        else:
            msg = Text.of(gettext_noop("%(s)s: thẩm định không xác nhận."), s=s)
        self.add(rule, a, msg, judged=True)


# --- communes ---------------------------------------------------------------


def _recognized_in_year(c: _Ctx) -> None:
    rec = _get(c.case, "recognition")
    if rec is None:
        c.add(
            "commune.recognized_in_year",
            False,
            Text.of(gettext_noop("Xã chưa được công nhận đạt chuẩn năm %(y)s."), y=c.year),
        )
        return
    if not isinstance(rec, Mapping):
        raise CaseError('recognition: phải là {"level": ..., "year": ...} hoặc null')
    level, year = rec.get("level"), rec.get("year")
    if level not in LEVELS:
        raise CaseError("recognition.level: phải là ntm, advanced hoặc model")
    if type(year) is not int:
        raise CaseError("recognition.year: phải là số nguyên")
    if year == c.year:
        c.add(
            "commune.recognized_in_year",
            True,
            Text.of(
                gettext_noop("Xã đạt chuẩn %(level)s năm %(y)s."),
                level=Text.of(LEVELS[level]),
                y=year,
            ),
        )
    else:
        c.add(
            "commune.recognized_in_year",
            False,
            Text.of(
                gettext_noop("Xã đạt chuẩn %(level)s năm %(y)s, không phải năm %(year)s."),
                level=Text.of(LEVELS[level]),
                y=year,
                year=c.year,
            ),
        )


def _newly(now: frozenset[int], base: frozenset[int], reading: str) -> int:
    if reading == "net_increase":
        return max(0, len(now) - len(base))
    return len(now - base)


def _newly_met(c: _Ctx, now: frozenset[int], base: frozenset[int], minimum: int, verb: str) -> None:
    n = _newly(now, base, c.v["newly_met_reading"])
    new_set = now - base
    detail = (
        Text.of(gettext_noop("tiêu chí %(list)s"), list=_fmt_list(new_set))
        if new_set
        else Text.of(gettext_noop("không có tiêu chí nào"))
    )
    if c.v["newly_met_reading"] == "net_increase":
        detail = Text.of(
            gettext_noop("%(now)s tiêu chí so với %(base)s ngày %(day)s"),
            now=len(now),
            base=len(base),
            day=f"{c.plan.baseline_on:%d/%m/%Y}",
        )
    day = c.plan.baseline_on  # worded as PlanSpec.baseline_label words it
    if (day.month, day.day) == (1, 1):
        fmt = gettext_noop("Từ năm %(since)s %(verb)s %(n)s tiêu chí (%(detail)s)")
        since = str(day.year)
    else:
        fmt = gettext_noop("Từ ngày %(since)s %(verb)s %(n)s tiêu chí (%(detail)s)")
        since = f"{day:%d/%m/%Y}"
    text = Text.of(fmt, since=since, verb=Text.of(verb), n=n, detail=detail)
    _count_check(c, "commune.newly_met", n, minimum, text)


def _count_check(c: _Ctx, rule: str, n: int, minimum: int, text: Text) -> None:
    """A count of criteria against its minimum; the message ends with the comparison."""
    passed = n >= minimum
    fmt = (
        gettext_noop("%(text)s, đạt mức %(min)s tiêu chí.")
        if passed
        else gettext_noop("%(text)s, dưới mức %(min)s tiêu chí.")
    )
    c.add(
        rule,
        passed,
        Text.of(fmt, text=text, min=minimum),
        shortfall=None if passed else minimum - n,
    )


def _income_poverty(c: _Ctx, now: frozenset[int], base: frozenset[int], connective: str) -> None:
    """The plan's income and poverty criteria among those met (or newly met).

    A plan names both (Bắc Kạn 2021–2025: 10 and 11) or one: the criteria set of
    Quyết định 51/2025/QĐ-TTg has no income criterion (its 6 is "Giảm nghèo và an sinh
    xã hội"), so its plans name poverty only and the requirement is that one criterion,
    whatever the connective ("và"/"hoặc" join two criteria; one has nothing to join)."""
    among = now if c.v["income_poverty_among"] == "met_now" else now - base
    where = Text.of(
        gettext_noop("trong các tiêu chí đã đạt")
        if among is now
        else gettext_noop("trong các tiêu chí đạt mới")
    )
    named = [
        (name, n)
        for name, n in (
            (gettext_noop("Thu nhập"), c.plan.income),
            (gettext_noop("Hộ nghèo"), c.plan.poverty),
        )
        if n is not None
    ]
    has = {name: n in among for name, n in named}
    each = [Text.of("%(name)s (%(n)s)", name=Text.of(name), n=n) for name, n in named]
    if len(named) == 1:
        passed = has[named[0][0]]
        missing = 0 if passed else 1
        wanted = each[0]
    elif connective == "and":
        passed = all(has.values())
        missing = sum(not ok for ok in has.values())
        wanted = Text.of(gettext_noop("%(a)s và %(b)s"), a=each[0], b=each[1])
    else:
        passed = any(has.values())
        missing = 0 if passed else 1
        wanted = Text.of(gettext_noop("%(a)s hoặc %(b)s"), a=each[0], b=each[1])
    got = [Text.of(name) for name, ok in has.items() if ok]
    if len(got) == 2:
        got_text = Text.of(gettext_noop("có %(a)s và %(b)s"), a=got[0], b=got[1])
    elif got:
        got_text = Text.of(gettext_noop("có %(a)s"), a=got[0])
    elif len(named) == 1:
        got_text = Text.of(gettext_noop("không có tiêu chí này"))
    else:
        got_text = Text.of(gettext_noop("không có tiêu chí nào trong hai tiêu chí này"))
    status = Text.of(gettext_noop("đạt yêu cầu") if passed else gettext_noop("chưa đạt yêu cầu"))
    c.add(
        "commune.income_poverty",
        passed,
        Text.of(
            gettext_noop("Yêu cầu %(wanted)s %(where)s: %(got)s, %(status)s."),
            wanted=wanted,
            where=where,
            got=got_text,
            status=status,
        ),
        shortfall=None if passed else missing,
    )


def _since_midterm(c: _Ctx, now: frozenset[int]) -> None:
    if not _bool(c.case, "midterm_awarded"):
        c.add(
            "commune.since_midterm",
            True,
            Text.of(
                gettext_noop("Xã chưa được khen thưởng khi sơ kết: không xét số tiêu chí đạt thêm.")
            ),
        )
        return
    mid = _criteria(c.case, "criteria_midterm", c.plan)
    minimum = c.v["final_since_midterm_min"]
    n = _newly(now, mid, c.v["newly_met_reading"])
    text = Text.of(gettext_noop("Xã đã được khen khi sơ kết; từ đó đạt thêm %(n)s tiêu chí"), n=n)
    _count_check(c, "commune.since_midterm", n, minimum, text)


def _debt_check(c: _Ctx, rule: str, unit: str) -> None:
    """No capital-construction debt. ``capital_debt`` null (no record for the year) is a
    pending check the appraiser settles by stating the fact (Check.settle)."""
    v = _get(c.case, "capital_debt")
    if v is None:
        c.add(
            rule,
            None,
            Text.of(
                gettext_noop(
                    "Chưa có số liệu nợ đọng xây dựng cơ bản của %(unit)s năm %(y)s; "
                    "chờ cơ quan thẩm định xác nhận."
                ),
                unit=Text.of(unit),
                y=c.year,
            ),
            settle="capital_debt",
        )
        return
    if v is not True and v is not False:
        raise CaseError("capital_debt: phải là true, false hoặc null")
    c.add(
        rule,
        not v,
        Text.of(
            gettext_noop("%(unit)s còn nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới.")
            if v
            else gettext_noop(
                "%(unit)s không nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới."
            ),
            unit=Text.of(unit.capitalize()),
        ),
    )


def _no_commune_debt(c: _Ctx) -> None:
    if c.round is not Round.FINAL and c.v["capital_debt_rounds"] != "all":
        return
    _debt_check(c, "commune.no_capital_debt", gettext_noop("xã"))


def _commune_recognized(c: _Ctx) -> None:
    _recognized_in_year(c)
    _no_commune_debt(c)


def _commune_progress(c: _Ctx, *, effort: bool) -> None:
    if effort:
        dbkk = _bool(c.case, "extremely_difficult")
        c.add(
            "commune.extremely_difficult",
            dbkk,
            Text.of(
                gettext_noop("Xã thuộc diện đặc biệt khó khăn.")
                if dbkk
                else gettext_noop("Xã không thuộc diện đặc biệt khó khăn.")
            ),
        )
    base = _criteria(c.case, "criteria_baseline", c.plan)
    now = _criteria(c.case, "criteria_now", c.plan)
    final = c.round is Round.FINAL
    kind = "effort" if effort else "exemplary"
    minimum = c.v[f"{'final' if final else 'midterm'}_{kind}_new_min"]
    _newly_met(
        c, now, base, minimum, gettext_noop("tăng mới") if effort else gettext_noop("đạt mới")
    )
    if final:
        _since_midterm(c, now)
    if c.plan.income is not None or c.plan.poverty is not None:
        _income_poverty(
            c, now, base, c.v["final_income_poverty" if final else "midterm_income_poverty"]
        )
    _no_commune_debt(c)


# --- districts --------------------------------------------------------------


def _district_completed(c: _Ctx) -> None:
    year = _int(c.case, "completed_year", nullable=True)
    if year is None:
        msg, passed = Text.of(gettext_noop("Huyện chưa hoàn thành xây dựng nông thôn mới.")), False
    elif year == c.year:
        msg = Text.of(gettext_noop("Huyện hoàn thành xây dựng nông thôn mới năm %(y)s."), y=year)
        passed = True
    else:
        msg = Text.of(
            gettext_noop(
                "Huyện hoàn thành xây dựng nông thôn mới năm %(y)s, không phải năm %(year)s."
            ),
            y=year,
            year=c.year,
        )
        passed = False
    c.add("district.completed_in_year", passed, msg)


def _district_outstanding(c: _Ctx) -> None:
    reached = _int(c.case, "communes_recognized")
    planned = _int(c.case, "communes_planned")
    if reached < 0 or planned < 0:
        raise CaseError(
            ("communes_recognized" if reached < 0 else "communes_planned") + ": không được âm"
        )
    passed = reached >= planned
    c.add(
        "district.communes_planned",
        passed,
        Text.of(
            gettext_noop("Có %(n)s xã đạt chuẩn nông thôn mới, đạt, vượt kế hoạch %(p)s xã.")
            if passed
            else gettext_noop("Có %(n)s xã đạt chuẩn nông thôn mới, chưa đạt kế hoạch %(p)s xã."),
            n=reached,
            p=planned,
        ),
        shortfall=None if passed else planned - reached,
    )
    c.judged(
        "district.exemplary",
        gettext_noop("Là đơn vị tiêu biểu, điển hình trong xây dựng nông thôn mới"),
    )
    _debt_check(c, "district.no_capital_debt", gettext_noop("huyện"))


# --- organisations, people, agencies ---------------------------------------


def _money_message(label: str, value: int, minimum: int) -> Text:
    fmt = (
        gettext_noop("%(label)s %(value)s, đạt mức %(min)s")
        if value >= minimum
        else gettext_noop("%(label)s %(value)s, dưới mức %(min)s")
    )
    return Text.of(fmt, label=Text.of(label), value=format_vnd(value), min=format_vnd(minimum))


def _organization_infrastructure(c: _Ctx) -> None:
    value = _money(c.case, "infrastructure_value")
    minimum = c.v["organization_infrastructure_min"]
    c.add(
        "organization.infrastructure_value",
        value >= minimum,
        Text.of(
            "%(m)s.",
            m=_money_message(
                gettext_noop("Đóng góp xây dựng cơ sở hạ tầng nông thôn"), value, minimum
            ),
        ),
        shortfall=None if value >= minimum else minimum - value,
    )
    if c.round is Round.MIDTERM:
        done = _bool(c.case, "awarded_this_year")
        c.add(
            "organization.not_awarded_this_year",
            not done,
            Text.of(
                gettext_noop("Đã được khen thưởng về đóng góp này trong năm %(y)s.")
                if done
                else gettext_noop("Chưa được khen thưởng về đóng góp này trong năm %(y)s."),
                y=c.year,
            ),
        )


def _organization_production(c: _Ctx) -> None:
    if c.round is Round.FINAL:
        c.judged(
            "organization.concrete_contributions",
            gettext_noop("Có nhiều đóng góp cụ thể, thiết thực trong xây dựng nông thôn mới"),
        )
        c.judged(
            "organization.linkage_jobs",
            gettext_noop(
                "Có liên kết, phối hợp làm ra, tiêu thụ sản phẩm nông, lâm nghiệp và giải quyết "
                "được nhiều việc làm trên địa bàn nông thôn"
            ),
        )
    else:
        c.judged(
            "organization.production",
            gettext_noop(
                "Đầu tư sản xuất, kinh doanh sản phẩm nông nghiệp đạt hiệu quả cao hoặc liên kết "
                "tiêu thụ nhiều sản phẩm nông nghiệp, giải quyết nhiều việc làm trên địa bàn"
            ),
        )


def _person_amounts(c: _Ctx, dbkk: bool) -> tuple[bool, Text, int | None]:
    """The amounts of III.2.2.a at the ordinary or the ĐBKK level: (passed, message,
    shortfall)."""
    case, v = c.case, c.v
    has_a = case.get("contribution_value") is not None
    has_b = case.get("mobilized_value") is not None or case.get("own_land_asset_value") is not None
    if not has_a and not has_b:
        raise CaseError(
            "contribution_value: thiếu trường bắt buộc "
            "(hoặc mobilized_value và own_land_asset_value)"
        )
    contrib_min = v["person_contribution_min"]
    own_min = v["person_own_min"]
    if dbkk:
        contrib_min = min(contrib_min, v["person_contribution_min_dbkk"])
        own_min = min(own_min, v["person_own_min_dbkk"])
    where = Text.of(DBKK_LEVEL if dbkk else "")
    parts: list[Text] = []
    passed = False
    shortfalls: list[int] = []
    if has_a:
        value = _money(case, "contribution_value")
        ok = value >= contrib_min
        passed = passed or ok
        shortfalls.append(max(0, contrib_min - value))
        parts.append(
            Text.of(
                "%(m)s%(where)s",
                m=_money_message(
                    gettext_noop("Đóng góp công sức, đất đai, tài sản"), value, contrib_min
                ),
                where=where,
            )
        )
    if has_b:
        mobilized = _money(case, "mobilized_value")
        own = _money(case, "own_land_asset_value")
        mob_min = v["person_mobilized_min"]
        ok = mobilized >= mob_min and own >= own_min
        passed = passed or ok
        shortfalls.append(max(0, mob_min - mobilized) + max(0, own_min - own))
        mobilizing = (
            gettext_noop("trực tiếp vận động đóng góp công trình công cộng")
            if parts
            else gettext_noop("Trực tiếp vận động đóng góp công trình công cộng")
        )
        parts.append(
            Text.of(
                gettext_noop("%(mobilized)s, trong đó %(own)s%(where)s"),
                mobilized=_money_message(mobilizing, mobilized, mob_min),
                own=_money_message(gettext_noop("tự đóng góp đất đai, tài sản"), own, own_min),
                where=where,
            )
        )
    message = (
        Text.of(gettext_noop("%(a)s; hoặc %(b)s"), a=parts[0], b=parts[1])
        if len(parts) == 2
        else parts[0]
    )
    return passed, message, None if passed else min(shortfalls)


DBKK_LEVEL = gettext_noop(" (mức cho xã, thôn đặc biệt khó khăn)")


def _person_contribution(c: _Ctx) -> None:
    dbkk = _get(c.case, "extremely_difficult")
    if dbkk is None:
        # a nominee from outside the province (III.1 "trong và ngoài tỉnh") whose ĐBKK
        # residence is declared but not yet attested: it matters only between the levels
        passed, message, shortfall = _person_amounts(c, False)
        if not passed:
            passed, message, shortfall = _person_amounts(c, True)
        if passed and DBKK_LEVEL in str(message):
            c.add(
                "person.contribution",
                None,
                Text.of(
                    gettext_noop(
                        "%(m)s; nơi cư trú chưa được xác nhận thuộc xã, thôn đặc biệt khó "
                        "khăn: chờ cơ quan thẩm định xác nhận."
                    ),
                    m=message,
                ),
                settle="extremely_difficult",
            )
        else:
            c.add("person.contribution", passed, Text.of("%(m)s.", m=message), shortfall=shortfall)
    elif dbkk is True or dbkk is False:
        passed, message, shortfall = _person_amounts(c, dbkk)
        c.add("person.contribution", passed, Text.of("%(m)s.", m=message), shortfall=shortfall)
    else:
        raise CaseError("extremely_difficult: phải là true, false hoặc null")
    if c.round is not Round.ANNUAL:
        # III.2.2.b (c repeats it): "… cho xây dựng nông thôn mới tiêu biểu của huyện"
        c.judged(
            "person.district_exemplary",
            gettext_noop(
                "Là cá nhân, gia đình có nhiều đóng góp cho xây dựng nông thôn mới tiêu biểu "
                "của huyện"
            ),
        )


def _person_initiative(c: _Ctx) -> None:
    c.judged(
        "person.initiative",
        gettext_noop(
            "Đóng góp trí tuệ (sáng chế, sáng kiến) cho xây dựng nông thôn mới tiêu biểu của huyện"
        ),
    )


def _collective_outstanding(c: _Ctx) -> None:
    c.judged(
        "collective.outstanding",
        gettext_noop(
            "Thành tích xuất sắc trong chỉ đạo, hướng dẫn, tuyên truyền vận động hoặc giúp đỡ "
            "có hiệu quả các địa phương trong xây dựng nông thôn mới"
        ),
    )


def _official_outstanding(c: _Ctx) -> None:
    c.judged(
        "official.outstanding",
        gettext_noop(
            "Nỗ lực bám sát cơ sở, tham mưu, sáng tạo hoặc tháo gỡ khó khăn cho cơ sở đạt hiệu "
            "quả rõ rệt, thúc đẩy nhanh tiến độ xây dựng nông thôn mới"
        ),
    )


def _agency_outstanding(c: _Ctx) -> None:
    c.judged(
        "agency.guidance",
        gettext_noop(
            "Hoàn thành có chất lượng, đúng tiến độ các văn bản hướng dẫn xây dựng nông thôn mới"
        ),
    )
    c.judged(
        "agency.advice",
        gettext_noop(
            "Tham mưu kịp thời văn bản hướng dẫn, cơ chế, chính sách; có sáng kiến tháo gỡ khó khăn"
        ),
    )
    c.judged(
        "agency.assigned_locality",
        gettext_noop("Hướng dẫn, hỗ trợ có hiệu quả địa phương được phân công giúp đỡ"),
    )


ND152_ARTICLE_4 = "Nghị định 152/2025/NĐ-CP, Điều 4"


def _not_under_review(c: _Ctx) -> None:
    """Dossiers filed from 1/7/2025 (``under_review`` given: the cases that stand now,
    each a sentence): no award while the nominee is under discipline, inspection or
    complaint review."""
    cases = c.case.get("under_review")
    if cases is None:
        return
    if not isinstance(cases, list | tuple) or not all(isinstance(x, str) for x in cases):
        raise CaseError("under_review: phải là danh sách các trường hợp (chuỗi)")
    if cases:
        message = (
            "Chưa xét khen thưởng: " + "; ".join(cases) + " (Điều 4 Nghị định 152/2025/NĐ-CP)."
        )
    else:
        message = (
            "Không đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc giải quyết khiếu nại, "
            "tố cáo (Điều 4 Nghị định 152/2025/NĐ-CP)."
        )
    c.checks.append(Check("nd152.not_under_review", ND152_ARTICLE_4, not cases, message))


_STANDARDS: dict[Title, Callable[[_Ctx], None]] = {
    _T.COMMUNE_RECOGNIZED: _commune_recognized,
    _T.COMMUNE_EXEMPLARY: lambda c: _commune_progress(c, effort=False),
    _T.COMMUNE_EFFORT: lambda c: _commune_progress(c, effort=True),
    _T.DISTRICT_COMPLETED: _district_completed,
    _T.DISTRICT_OUTSTANDING: _district_outstanding,
    _T.ORGANIZATION_INFRASTRUCTURE: _organization_infrastructure,
    _T.ORGANIZATION_PRODUCTION: _organization_production,
    _T.PERSON_CONTRIBUTION: _person_contribution,
    _T.PERSON_INITIATIVE: _person_initiative,
    _T.COLLECTIVE_OUTSTANDING: _collective_outstanding,
    _T.OFFICIAL_OUTSTANDING: _official_outstanding,
    _T.AGENCY_OUTSTANDING: _agency_outstanding,
}


def _round_year(case: Mapping[str, Any], rnd: Round, plan: PlanSpec) -> int:
    """The annual round: the case's year, inside the plan's period. The sơ kết and tổng
    kết: the year of the plan's round; a case may repeat it, a different year is an error."""
    if rnd is Round.ANNUAL:
        year = _int(case, "year")
        if year not in plan.years:
            raise CaseError(
                f"year: năm {year} ngoài thời gian của kế hoạch "
                f"({plan.first_year}–{plan.last_year})"
            )
        return year
    planned = plan.year_of(rnd)
    if planned is None:
        raise CaseError(f"round: kế hoạch {plan.code} không có đợt {rnd.value}")
    given = case.get("year")
    if given is None:
        return planned
    if type(given) is not int:
        raise CaseError("year: phải là số nguyên")
    if given != planned:
        label = "sơ kết" if rnd is Round.MIDTERM else "tổng kết"
        raise CaseError(f"year: đợt {label} của kế hoạch là năm {planned}, không phải năm {given}")
    return planned


def verdict_of(checks: tuple[Check, ...]) -> bool | None:
    """False if any check fails; None if none fails but a judged one is pending; else True."""
    pending = False
    for ch in checks:
        if ch.passed is False:
            return False
        if ch.passed is None:
            pending = True
    return None if pending else True


def evaluate(
    case: Mapping[str, Any],
    values: Mapping[str, Any] | None = None,
    *,
    version: int | None = None,
    plan: PlanSpec | None = None,
) -> Verdict:
    """Judge one nominee's case against a rule set's values (None: the plan's) under a
    plan (None: the installation's first plan, :func:`default_plan`)."""
    spec = plan or default_plan()
    if values is None:
        v = DEFAULT_VALUES
        if version is None:
            version = 1
    elif values is DEFAULT_VALUES or values.keys() >= DEFAULT_VALUES.keys():
        v = values
    else:
        v = {**DEFAULT_VALUES, **values}
    try:
        if not isinstance(case, Mapping):
            raise CaseError("case: phải là một đối tượng JSON")
        rnd = _ROUNDS.get(_get(case, "round")) if isinstance(case.get("round"), str) else None
        if rnd is None:
            _get(case, "round")
            raise CaseError("round: phải là annual, midterm hoặc final")
        t = case.get("title", _MISSING)
        if t is _MISSING:
            raise CaseError("title: thiếu trường bắt buộc")
        title = _TITLES.get(t) if isinstance(t, str) else None
        if title is None:
            raise CaseError(f"title: không có danh hiệu “{t}”")
        if title not in spec.titles(rnd):
            raise CaseError(f"title: đợt {rnd.value} không xét danh hiệu {title.value}")
        ctx = _Ctx(case, v, spec, rnd, _round_year(case, rnd, spec))
        _STANDARDS[title](ctx)
        _not_under_review(ctx)
    except CaseError as exc:
        return Verdict(
            eligible=None, checks=(), error=str(exc), ruleset_version=version, plan=spec.code
        )
    checks = tuple(ctx.checks)
    return Verdict(
        eligible=verdict_of(checks), checks=checks, ruleset_version=version, plan=spec.code
    )
