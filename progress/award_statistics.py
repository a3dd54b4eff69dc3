"""The yearly statistical report of emulation and award work (báo cáo thống kê công tác
thi đua, khen thưởng), forms 0601.N … 0605.N/BNV-TĐKT of Thông tư 02/2023/TT-BNV, due
on 15 December, counted from the app's records.

What is confirmed and what is not:

- The circular, the forms' codes (0601–0605.N/BNV-TĐKT) and the due date are known
  (shared/domain/after-2025.md). The forms' exact layout (their rows and columns) could
  **not** be confirmed here: the circular's annex was not found. Every form is therefore
  data below (:data:`FORMS`: its title, columns and rows, each row and column a filter
  on plain facts), printed with the warning :data:`LAYOUT_NOTE`, so that the layout can
  be corrected against the annex by editing this list, not the templates or the code.
- The period counted: from 15 December of the year before to 14 December of the year
  (the cut-off of yearly reports of Nghị định 09/2019/NĐ-CP, Điều 12; not confirmed for
  this circular either), :func:`period_of`.

Facts are gathered in a fixed number of queries from what a user may see (the province's
dossiers for its reviewers and administrators: ``dossiers_visible_to``); the counting is
pure (:func:`count_form`).

State-level awards (form 0602) are those the centre decided in the period for the
nominees of the province's state-level proposals (:class:`dossiers.models.StateProposal`);
one proposed outside the app is not in the records, and the form says so.

Awards that lower levels make under their own authority (Giấy khen of departments,
districts, communes: III.2.2.d) are not in these records; form 0604 reads them from
:func:`lower_level_award_facts`, whose sources are registered
(:func:`register_lower_level_source`): the award history's (:mod:`dossiers.history`,
entered or imported by the lower levels) is. With no source its cells stay empty (not
zero) and the form says why. The award history holds no gender: the "Nữ" column of
0604 counts none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from communes.selectors import province_family
from dossiers.history.models import LowerLevelAward, RecipientKind
from dossiers.kinds import KINDS, NomineeKind
from dossiers.models import Dossier, DossierEvent, Nominee, StateProposalEntry, Status
from emulation.models import Plan, PlanRound
from emulation.rules import TITLE_LABELS, Title

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Fact = Mapping[str, Any]

LAYOUT_NOTE = _(
    "Bố cục biểu mẫu chưa được đối chiếu với phụ lục của Thông tư 02/2023/TT-BNV: các "
    "dòng, cột do hệ thống lập từ dữ liệu hồ sơ khen thưởng; đối chiếu với biểu mẫu "
    "chính thức trước khi gửi."
)
PERIOD_NOTE = _(
    "Kỳ số liệu từ ngày 15/12 năm trước đến ngày 14/12 năm báo cáo (thời gian chốt số "
    "liệu báo cáo hằng năm theo Nghị định 09/2019/NĐ-CP; chưa đối chiếu với Thông tư "
    "02/2023/TT-BNV)."
)
DUE = (12, 15)  # the report is due on 15 December of the year


def period_of(year: int) -> tuple[dt.date, dt.date]:
    """The days a year's report counts: 15/12 of the year before to 14/12 of the year."""
    return dt.date(year - 1, 12, 15), dt.date(year, 12, 14)


# --- The forms, as data ---------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A row or a column of a form: a label and the facts it counts (every key of
    ``match`` equal); ``heading`` rows count nothing (a caption above their rows)."""

    key: str
    label: StrOrPromise
    match: Mapping[str, Any] = field(default_factory=dict)
    heading: bool = False
    indent: int = 0

    def counts(self, fact: Fact) -> bool:
        return all(fact.get(k) == v for k, v in self.match.items())


@dataclass(frozen=True)
class Form:
    code: str  # "0603.N/BNV-TĐKT"
    title: StrOrPromise
    source: str  # the facts it counts: a key of Statistics.facts
    columns: tuple[Line, ...]
    rows: tuple[Line, ...]
    unit: StrOrPromise = _("Đơn vị tính: lượt")
    # why the cells are empty when the app holds no such records
    no_source: StrOrPromise = ""
    # what the counted figures hold (printed under the table whatever they are)
    note: StrOrPromise = ""


_GROUP_COLUMNS = (
    Line("total", _("Tổng số")),
    Line("collective", _("Tập thể"), {"group": "collective"}),
    Line("individual", _("Cá nhân"), {"group": "individual"}),
    Line("female", _("Trong đó: cá nhân nữ"), {"group": "individual", "female": True}),
    Line("household", _("Hộ gia đình"), {"group": "household"}),
)

_PROPOSER_COLUMNS = (
    Line("total", _("Tổng số")),
    Line("district", _("UBND cấp huyện"), {"proposer": "district"}),
    Line("commune", _("UBND cấp xã"), {"proposer": "commune"}),
    Line("agency", _("Cơ quan, đơn vị cấp tỉnh"), {"proposer": "agency"}),
)

_ROUND_ROWS = (
    Line("rounds", _("Chia theo đợt khen thưởng"), heading=True),
    Line("annual", _("Khen thưởng hằng năm"), {"round": "annual"}, indent=1),
    Line("midterm", _("Khen thưởng sơ kết"), {"round": "midterm"}, indent=1),
    Line("final", _("Khen thưởng tổng kết"), {"round": "final"}, indent=1),
)

FORMS: tuple[Form, ...] = (
    Form(
        code="0601.N/BNV-TĐKT",
        title=_("Phong trào thi đua"),
        source="movements",
        unit=_("Đơn vị tính: phong trào, đợt"),
        columns=(Line("total", _("Số lượng")),),
        rows=(
            Line("plans", _("Phong trào thi đua theo kế hoạch đang thực hiện"), {"kind": "plan"}),
            Line("rounds", _("Đợt khen thưởng của phong trào trong năm"), {"kind": "round"}),
            Line("annual", _("Hằng năm"), {"kind": "round", "round": "annual"}, indent=1),
            Line("midterm", _("Sơ kết"), {"kind": "round", "round": "midterm"}, indent=1),
            Line("final", _("Tổng kết"), {"kind": "round", "round": "final"}, indent=1),
        ),
    ),
    Form(
        code="0602.N/BNV-TĐKT",
        title=_("Khen thưởng cấp Nhà nước"),
        source="state",
        columns=_GROUP_COLUMNS,
        rows=(
            Line("total", _("Tổng số")),
            Line("orders", _("Huân chương các loại"), {"form": "order"}, indent=1),
            Line("pm", _("Bằng khen của Thủ tướng Chính phủ"), {"form": "pm"}, indent=1),
            Line("flag", _("Cờ thi đua của Chính phủ"), {"form": "flag"}, indent=1),
        ),
        note=_(
            "Tính các khen thưởng cấp Nhà nước tỉnh đề nghị qua hệ thống (đề nghị cấp Nhà "
            "nước) mà Trung ương đã quyết định khen thưởng trong kỳ; khen thưởng cấp Nhà "
            "nước đề nghị ngoài hệ thống, đơn vị cộng thêm theo hồ sơ lưu."
        ),
    ),
    Form(
        code="0603.N/BNV-TĐKT",
        title=_("Khen thưởng của Chủ tịch Ủy ban nhân dân tỉnh (Bằng khen)"),
        source="awards",
        columns=_GROUP_COLUMNS,
        rows=(
            Line("total", _("Tổng số")),
            *_ROUND_ROWS,
            Line("titles", _("Chia theo tiêu chuẩn khen thưởng"), heading=True),
            *(
                # the rules core's words (marked for makemessages there), translated here
                Line(title.value, _(TITLE_LABELS[title]), {"title": title.value}, indent=1)
                for title in Title
            ),
        ),
    ),
    Form(
        code="0604.N/BNV-TĐKT",
        title=_("Khen thưởng của cấp huyện, cấp xã, cơ quan cấp tỉnh (Giấy khen)"),
        source="lower",
        columns=_GROUP_COLUMNS,
        rows=(
            Line("total", _("Tổng số")),
            Line("district", _("Chủ tịch UBND cấp huyện"), {"level": "district"}, indent=1),
            Line("commune", _("Chủ tịch UBND cấp xã"), {"level": "commune"}, indent=1),
            Line("agency", _("Thủ trưởng cơ quan, đơn vị cấp tỉnh"), {"level": "agency"}, indent=1),
        ),
        no_source=_(
            "Chưa có dữ liệu khen thưởng của cấp huyện, cấp xã, cơ quan cấp tỉnh trong hệ "
            "thống: các ô để trống."
        ),
    ),
    Form(
        code="0605.N/BNV-TĐKT",
        title=_("Hồ sơ đề nghị khen thưởng"),
        source="proposals",
        unit=_("Đơn vị tính: hồ sơ, lượt"),
        columns=_PROPOSER_COLUMNS,
        rows=(
            Line("received", _("Hồ sơ đề nghị tiếp nhận"), {"measure": "received"}),
            Line("returned", _("Hồ sơ trả lại để bổ sung"), {"measure": "returned"}),
            Line("decided", _("Hồ sơ đã có quyết định khen thưởng"), {"measure": "decided"}),
            Line("proposed", _("Tập thể, cá nhân được đề nghị"), {"measure": "proposed"}),
            Line(
                "awarded",
                _("Trong đó: được khen thưởng"),
                {"measure": "proposed", "awarded": True},
                indent=1,
            ),
            Line(
                "refused",
                _("Không được khen thưởng"),
                {"measure": "proposed", "awarded": False},
                indent=1,
            ),
        ),
    ),
)


# --- The hook for awards lower levels make ----------------------------------------

LowerLevelSource = Callable[[int, tuple[dt.date, dt.date], Sequence[str]], Iterable[Fact]]
_LOWER_LEVEL_SOURCES: list[LowerLevelSource] = []


def register_lower_level_source(source: LowerLevelSource) -> None:
    """Add a source of lower-level awards (Giấy khen of a department, a district, a
    commune) to form 0604: ``source(year, (first_day, last_day), provinces)`` returns one
    fact per award with ``level`` ("district", "commune", "agency") and ``group``
    ("collective", "individual", "household"; ``female`` True for a woman)."""
    if source not in _LOWER_LEVEL_SOURCES:
        _LOWER_LEVEL_SOURCES.append(source)


def lower_level_award_facts(
    year: int, period: tuple[dt.date, dt.date], provinces: Sequence[str]
) -> list[Fact] | None:
    """The lower levels' awards of the period (form 0604), from the registered sources;
    None while no source is registered (the form then shows empty cells, not zeros)."""
    if not _LOWER_LEVEL_SOURCES:
        return None
    return [fact for source in _LOWER_LEVEL_SOURCES for fact in source(year, period, provinces)]


def history_lower_level_awards(
    year: int, period: tuple[dt.date, dt.date], provinces: Sequence[str]
) -> list[Fact]:
    """Form 0604's source: the lower levels' awards the award history holds, decided in
    the period, of the provinces (one query)."""
    rows = LowerLevelAward.objects.filter(
        province_id__in=list(provinces), decision_date__range=period
    ).values_list("issuer_level", "recipient_kind")
    groups: dict[str, str] = {
        RecipientKind.INDIVIDUAL.value: "individual",
        RecipientKind.HOUSEHOLD.value: "household",
    }
    return [{"level": level, "group": groups.get(kind, "collective")} for level, kind in rows]


register_lower_level_source(history_lower_level_awards)


# --- Facts from the records ------------------------------------------------------


def nominee_group(kind: str) -> str:
    """ "household", "individual" (a person or an official), else "collective"."""
    if kind == NomineeKind.HOUSEHOLD:
        return "household"
    spec = KINDS.get(kind)
    return "individual" if spec is not None and spec.is_person else "collective"


def state_award_form(award: str) -> str:
    """The row of form 0602 of a state-level award, by its name as proposed: "order"
    (Huân chương …), "pm" (Bằng khen của Thủ tướng Chính phủ), "flag" (Cờ thi đua của
    Chính phủ), else "other" (counted in the total only)."""
    name = " ".join(award.lower().split())
    if name.startswith("huân chương"):
        return "order"
    if "bằng khen" in name and "thủ tướng" in name:
        return "pm"
    if "cờ thi đua" in name and "chính phủ" in name:
        return "flag"
    return "other"


def proposer_kind(district_id: str | None, commune_id: str | None) -> str:
    if district_id:
        return "district"
    if commune_id:
        return "commune"
    return "agency"


@dataclass
class Statistics:
    year: int
    period: tuple[dt.date, dt.date]
    facts: dict[str, list[Fact] | None]


def gather_statistics(year: int, dossiers: QuerySet[Dossier]) -> Statistics:
    """The facts every form counts, for ``year``, from ``dossiers`` (what the user may
    see: ``dossiers_visible_to``); seven queries whatever the number of rows."""
    first, last = period_of(year)
    provinces = sorted(province_family(settings.PROVINCE_CODE))
    awards: list[Fact] = [
        {
            "group": nominee_group(kind),
            "female": bool(female) and nominee_group(kind) == "individual",
            "title": title,
            "round": rnd,
        }
        for kind, female, title, rnd in Nominee.objects.filter(
            awarded=True,
            dossier__in=dossiers,
            dossier__status=Status.DECIDED,
            dossier__decision_date__range=(first, last),
        ).values_list("kind", "is_female", "title", "dossier__round")
    ]
    # form 0602: the state-level awards the centre decided in the period, of the
    # nominees the province proposed through the app (its state-level proposals)
    state: list[Fact] = [
        {
            "form": state_award_form(award),
            "group": nominee_group(kind),
            "female": bool(female) and nominee_group(kind) == "individual",
        }
        for award, kind, female in StateProposalEntry.objects.filter(
            awarded=True,
            nominee__dossier__in=dossiers,
            proposal__province_id__in=provinces,
            proposal__central_date__range=(first, last),
        ).values_list("award", "nominee__kind", "nominee__is_female")
    ]
    received = dossiers.filter(first_submitted_at__date__range=(first, last)).values_list(
        "district_id", "commune_id"
    )
    proposals: list[Fact] = [
        {"measure": "received", "proposer": proposer_kind(d, c)} for d, c in received
    ]
    returned = (
        DossierEvent.objects.filter(
            dossier__in=dossiers, to_status=Status.RETURNED, at__date__range=(first, last)
        )
        .values_list("dossier_id", "dossier__district_id", "dossier__commune_id")
        .distinct()
    )
    proposals += [
        {"measure": "returned", "proposer": proposer_kind(d, c)} for _pk, d, c in returned
    ]
    decided = dossiers.filter(
        status=Status.DECIDED, decision_date__range=(first, last)
    ).values_list("district_id", "commune_id")
    proposals += [{"measure": "decided", "proposer": proposer_kind(d, c)} for d, c in decided]
    nominees = Nominee.objects.filter(
        dossier__in=dossiers, dossier__first_submitted_at__date__range=(first, last)
    ).values_list("awarded", "dossier__district_id", "dossier__commune_id")
    proposals += [
        {"measure": "proposed", "awarded": awarded, "proposer": proposer_kind(d, c)}
        for awarded, d, c in nominees
    ]
    movements: list[Fact] = [
        {"kind": "plan"}
        for _pk in Plan.objects.filter(
            province_id__in=provinces, first_year__lte=year, last_year__gte=year
        ).values_list("pk", flat=True)
    ]
    movements += [
        {"kind": "round", "round": kind}
        for kind in PlanRound.objects.filter(
            plan__province_id__in=provinces, year=year
        ).values_list("kind", flat=True)
    ]
    return Statistics(
        year=year,
        period=(first, last),
        facts={
            "movements": movements,
            "state": state,
            "awards": awards,
            "lower": lower_level_award_facts(year, (first, last), provinces),
            "proposals": proposals,
        },
    )


# --- Counting (pure) --------------------------------------------------------------


@dataclass(frozen=True)
class FormTable:
    form: Form
    # per row: (row, [count per column]); a heading row's counts, and every count of a
    # form whose facts the app does not hold, are None
    rows: list[tuple[Line, list[int | None]]]

    @property
    def has_source(self) -> bool:
        return any(v is not None for _row, values in self.rows for v in values)


def count_form(form: Form, facts: list[Fact] | None) -> FormTable:
    rows: list[tuple[Line, list[int | None]]] = []
    for row in form.rows:
        if row.heading or facts is None:
            rows.append((row, [None] * len(form.columns)))
            continue
        matching = [f for f in facts if row.counts(f)]
        rows.append((row, [sum(1 for f in matching if col.counts(f)) for col in form.columns]))
    return FormTable(form, rows)


def form_tables(stats: Statistics) -> list[FormTable]:
    return [count_form(form, stats.facts.get(form.source)) for form in FORMS]


__all__ = [
    "DUE",
    "FORMS",
    "LAYOUT_NOTE",
    "PERIOD_NOTE",
    "Form",
    "FormTable",
    "Line",
    "Statistics",
    "count_form",
    "form_tables",
    "gather_statistics",
    "lower_level_award_facts",
    "period_of",
    "register_lower_level_source",
    "state_award_form",
]
