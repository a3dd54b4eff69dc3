"""The award history: every award the records hold, across rounds and years, in one list.

Two sources, read together (the one place that does; reports and statistics read awards
through :func:`award_history` or :func:`award_counts`):

- the province's decided awards (Bằng khen of the Chủ tịch UBND tỉnh): the public list's
  rows (:class:`dossiers.documents.models.PublicAward`, one per awarded nominee of a
  decided dossier, kept in step with the decisions);
- the awards lower levels make under their own authority (plan III.2.2.d: Giấy khen of
  departments, districts and communes): :class:`dossiers.history.models.LowerLevelAward`.

Each row is an :class:`AwardRow` with the same columns whatever its source: ``source``
("province" | "lower"), ``pk`` (of its source's table), ``year``, ``decision_date``,
``decision_number``, ``name``, ``unit``, ``level`` (:data:`LEVELS`: "province", "agency",
"district", "commune"), ``form`` ("bang_khen" | "giay_khen" | "other"), ``title`` (the
rules' title code of a province award, "" for a lower one), ``issuer``.

Scope (:func:`history_scope`): reviewers, appraisers and administrators read the
installation's province (and its lineage); district staff their district's dossiers and
the awards made by their district and its communes; commune staff their commune's;
agency staff their agency's. Search is diacritics-insensitive: "don phong" finds
"Đôn Phong" (both sides folded by :func:`emulation.text.fold`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Count, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy

from dossiers.documents.models import PublicAward
from emulation.labels import title_label
from emulation.permissions import (
    has_agency_scope,
    has_commune_scope,
    has_district_scope,
    is_provincial,
)
from emulation.provinces import installation_provinces
from emulation.text import fold

from .models import AwardForm, IssuerLevel, LowerLevelAward

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PROVINCE = "province"
LEVELS: dict[str, StrOrPromise] = {
    PROVINCE: gettext_lazy("Chủ tịch UBND tỉnh"),
    IssuerLevel.AGENCY.value: IssuerLevel.AGENCY.label,
    IssuerLevel.DISTRICT.value: IssuerLevel.DISTRICT.label,
    IssuerLevel.COMMUNE.value: IssuerLevel.COMMUNE.label,
}
BANG_KHEN = "bang_khen"
FORMS: dict[str, StrOrPromise] = {
    BANG_KHEN: gettext_lazy("Bằng khen"),
    AwardForm.GIAY_KHEN.value: AwardForm.GIAY_KHEN.label,
    AwardForm.OTHER.value: AwardForm.OTHER.label,
}
COLUMNS = (
    "h_source",
    "h_pk",
    "h_year",
    "h_date",
    "h_number",
    "h_name",
    "h_unit",
    "h_level",
    "h_form",
    "h_title",
    "h_issuer",
)


@dataclass(frozen=True)
class AwardRow:
    source: str
    pk: int
    year: int
    decision_date: dt.date | None
    decision_number: str
    name: str
    unit: str
    level: str
    form: str
    title: str
    issuer: str

    @property
    def level_label(self) -> str:
        return str(LEVELS.get(self.level, self.level))

    @property
    def form_label(self) -> str:
        return str(FORMS.get(self.form, self.form))

    @property
    def title_label(self) -> str:
        """The rules' title of a province award, in words ("" for a lower one)."""
        return title_label(self.title) if self.title else ""


@dataclass(frozen=True)
class HistoryScope:
    """The rows a user reads: the ``provinces``' all, or one district's, commune's or
    agency's (its key), or none."""

    provinces: frozenset[str] = frozenset()
    district: str = ""
    commune: str = ""
    agency: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.provinces or self.district or self.commune or self.agency)


def history_scope(user: Any) -> HistoryScope:
    if is_provincial(user):
        return HistoryScope(provinces=installation_provinces())
    if has_district_scope(user):
        return HistoryScope(district=user.district_id)
    if has_commune_scope(user):
        return HistoryScope(commune=user.commune_id)
    if has_agency_scope(user):
        return HistoryScope(agency=user.agency_id)
    return HistoryScope()


def province_awards(scope: HistoryScope) -> QuerySet[PublicAward]:
    qs = PublicAward.objects.all()
    if scope.provinces:
        return qs.filter(dossier__province_id__in=scope.provinces)
    if scope.district:
        return qs.filter(dossier__district_id=scope.district)
    if scope.commune:
        return qs.filter(dossier__commune_id=scope.commune)
    if scope.agency is not None:
        return qs.filter(dossier__agency_id=scope.agency)
    return qs.none()


def lower_awards(scope: HistoryScope) -> QuerySet[LowerLevelAward]:
    qs = LowerLevelAward.objects.all()
    if scope.provinces:
        return qs.filter(province_id__in=scope.provinces)
    if scope.district:
        return qs.filter(
            Q(issuer_district_id=scope.district) | Q(issuer_commune__district_id=scope.district)
        )
    if scope.commune:
        return qs.filter(issuer_commune_id=scope.commune)
    if scope.agency is not None:
        return qs.filter(issuer_agency_id=scope.agency)
    return qs.none()


def _text(value: Any) -> Any:
    return Value(value, output_field=CharField())


def award_history(
    user: Any,
    *,
    q: str = "",
    unit: str = "",
    year: int | None = None,
    level: str = "",
    form: str = "",
) -> QuerySet:
    """The awards ``user`` may read, newest year first, as rows of :data:`COLUMNS`
    (values_list; :func:`rows` turns a page of them into :class:`AwardRow`). ``q``
    matches the name, unit, issuer and decision number; ``unit`` the unit alone (both
    without diacritics); ``level`` one of :data:`LEVELS`; ``form`` one of :data:`FORMS`.
    One query (a UNION), paginated by the caller."""
    scope = history_scope(user)
    prov = province_awards(scope)
    low = lower_awards(scope)
    for term in fold(q).split():
        prov = prov.filter(search__contains=term)
        low = low.filter(search__contains=term)
    for term in fold(unit).split():
        # the unit column is not folded on the public rows: its folded text is in search
        prov = prov.filter(search__contains=term)
        low = low.filter(search__contains=term)
    if year:
        prov = prov.filter(year=year)
        low = low.filter(year=year)
    if level:
        if level != PROVINCE:
            prov = prov.none()
        low = low.none() if level == PROVINCE else low.filter(issuer_level=level)
    if form:
        if form != BANG_KHEN:
            prov = prov.none()
        low = low.none() if form == BANG_KHEN else low.filter(award_form=form)
    prov_rows = prov.annotate(
        h_source=_text(PROVINCE),
        h_pk=Cast("pk", IntegerField()),
        h_year=Cast("year", IntegerField()),
        h_date=F("decision_date"),
        h_number=F("decision_number"),
        h_name=F("name"),
        h_unit=F("unit"),
        h_level=_text(PROVINCE),
        h_form=_text(BANG_KHEN),
        h_title=F("title"),
        h_issuer=_text("UBND tỉnh"),
    ).values_list(*COLUMNS)
    low_rows = low.annotate(
        h_source=_text("lower"),
        h_pk=Cast("pk", IntegerField()),
        h_year=Cast("year", IntegerField()),
        h_date=F("decision_date"),
        h_number=F("decision_number"),
        h_name=F("name"),
        h_unit=F("unit"),
        h_level=F("issuer_level"),
        h_form=F("award_form"),
        h_title=_text(""),
        h_issuer=F("issuer_name"),
    ).values_list(*COLUMNS)
    return prov_rows.union(low_rows, all=True).order_by("-h_year", "-h_date", "h_name", "h_pk")


def rows(page: Any) -> list[AwardRow]:
    """A page (or any iterable) of :func:`award_history` as :class:`AwardRow`."""
    return [AwardRow(*row) for row in page]


@dataclass(frozen=True)
class AwardCount:
    level: str
    form: str
    count: int

    @property
    def label(self) -> str:
        """ "Giấy khen của UBND cấp huyện" """
        return f"{FORMS.get(self.form, self.form)} ({LEVELS.get(self.level, self.level)})"


def award_counts(
    user: Any, *, start: dt.date, end: dt.date, district: str = "", commune: str = ""
) -> Counter[tuple[str, str]]:
    """How many awards ``user`` may read were decided from ``start`` to ``end``, by
    (level, form): {("province", "bang_khen"): 3, ("district", "giay_khen"): 12, …}.
    ``district`` / ``commune`` narrow to one unit's (its dossiers and its own and its
    communes' awards). Two queries."""
    scope = history_scope(user)
    if district:
        scope = scope if scope.district == district else _narrowed(scope, district=district)
    if commune:
        scope = scope if scope.commune == commune else _narrowed(scope, commune=commune)
    return scope_award_counts(scope, start=start, end=end)


def _narrowed(scope: HistoryScope, *, district: str = "", commune: str = "") -> HistoryScope:
    """One unit of a province-wide scope (nothing of a unit scope that is not it)."""
    if not scope.provinces:
        return HistoryScope()
    return HistoryScope(district=district, commune=commune)


def unit_award_counts(
    *, start: dt.date, end: dt.date, district: str = "", commune: str = ""
) -> list[AwardCount]:
    """The awards of one reporting unit decided from ``start`` to ``end`` (the district
    report, plan V.2): the province's to its dossiers and those it and (a district) its
    communes made themselves, by level and form, in :data:`LEVELS` order. Two queries."""
    counts = scope_award_counts(
        HistoryScope(district=district, commune=commune), start=start, end=end
    )
    order = {level: i for i, level in enumerate(LEVELS)}
    return [
        AwardCount(level, form, n)
        for (level, form), n in sorted(
            counts.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1])
        )
    ]


def scope_award_counts(
    scope: HistoryScope, *, start: dt.date, end: dt.date
) -> Counter[tuple[str, str]]:
    """{(level, form): count} of the awards of ``scope`` decided from ``start`` to ``end``."""
    prov = province_awards(scope).filter(decision_date__range=(start, end))
    low = lower_awards(scope).filter(decision_date__range=(start, end))
    counts: Counter[tuple[str, str]] = Counter()
    counts[(PROVINCE, BANG_KHEN)] = prov.count()
    for row in low.values("issuer_level", "award_form").annotate(n=Count("id")):
        counts[(row["issuer_level"], row["award_form"])] += row["n"]
    return +counts


def earlier_awards_for(user: Any, dossier: Any, nominees: list[Any]) -> dict[int, list[AwardRow]]:
    """{nominee pk: [AwardRow]}: what the history holds for each nominee of a dossier, shown
    beside it (issue 17 part 8). The province's decided awards of the same identity (every
    round and year, this dossier's aside), and the lower levels' awards of the same folded
    name that ``user`` may read (a name, not a person: shown as a possible match). Two
    queries, whatever the number of nominees."""
    if not nominees:
        return {}
    scope = history_scope(user)
    by_identity: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    for n in nominees:
        if n.identity:
            by_identity.setdefault(n.identity, []).append(n.pk)
        by_name.setdefault(fold(n.name), []).append(n.pk)
    out: dict[int, list[AwardRow]] = {}
    # the province's decisions are public (the public list): any identity, any unit
    public = (
        PublicAward.objects.filter(
            nominee__identity__in=list(by_identity),
            dossier__province_id__in=installation_provinces(),
        )
        .exclude(dossier_id=dossier.pk)
        .values_list(
            "nominee__identity",
            "pk",
            "year",
            "decision_date",
            "decision_number",
            "name",
            "unit",
            "title",
        )
        .order_by("-year", "-decision_date")
    )
    for identity, pk, year, day, number, name, unit, title in public:
        row = AwardRow(PROVINCE, pk, year, day, number, name, unit, PROVINCE, BANG_KHEN, title,
                       "UBND tỉnh")  # fmt: skip
        for nominee_pk in by_identity.get(identity, []):
            out.setdefault(nominee_pk, []).append(row)
    lower = (
        lower_awards(scope).filter(name_key__in=list(by_name)).order_by("-year", "-decision_date")
    )
    for award in lower.only(
        "pk", "year", "decision_date", "decision_number", "name", "name_key", "unit",
        "issuer_level", "award_form", "issuer_name",
    ):  # fmt: skip
        row = AwardRow("lower", award.pk, award.year, award.decision_date, award.decision_number,
                       award.name, award.unit, award.issuer_level, award.award_form, "",
                       award.issuer_name)  # fmt: skip
        for nominee_pk in by_name.get(award.name_key, []):
            out.setdefault(nominee_pk, []).append(row)
    return out
