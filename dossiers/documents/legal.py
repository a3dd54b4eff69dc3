"""How documents cite the law and the plan: the "Căn cứ …" sentences, the report form
of each legal basis, the movement's name. Which law, decree and form hold on which date
is :data:`dossiers.legal.LEGAL_BASES` (the one table); this module only words them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings

from communes.models import Province
from dossiers.legal import (
    LEGAL_BASES,
    DatedLaw,
    Law,
    LegalBasis,
    LegalBasisCode,
    legal_basis_on,
    local_government_law_on,
)
from emulation.models import Plan as PlanRecord
from emulation.plans import plan_for, plan_own, plan_spec_current
from emulation.rules import PlanSpec, default_plan
from emulation.rules.types import Round

from . import bodies
from .official import day_month

if TYPE_CHECKING:
    from dossiers.models import Dossier

MOVEMENT_WORDS = "chung sức xây dựng nông thôn mới"


@dataclass(frozen=True)
class Citation:
    code: str
    law: str  # "Căn cứ Luật Thi đua, khen thưởng …"
    decree: str  # "Căn cứ Nghị định số …"
    form_label: str  # the achievement report's form, printed above its heading
    report_title: str  # the achievement report's heading


def _spelled(day: dt.date) -> str:
    """ "ngày 15 tháng 6 năm 2022", as a "Căn cứ" line dates a law or a decree."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def _law_sentence(law: Law, amending_title: str = "") -> str:
    text = f"Căn cứ {law.title} {_spelled(law.passed)}"
    if law.amended:
        dates = " và ".join(_spelled(day) for day in law.amended)
        text += f"; Luật sửa đổi, bổ sung một số điều của {amending_title or law.title} {dates}"
    return text


def _local_law_sentence(dated: DatedLaw) -> str:
    return _law_sentence(dated.law, dated.amending_title)


def local_government_law(on: dt.date | None) -> str:
    """ "Căn cứ Luật Tổ chức chính quyền địa phương …" in force on ``on`` (default today):
    the 2015 law as amended in 2019 until 30/6/2025, Luật số 72/2025/QH15 from 1/7/2025."""
    return _local_law_sentence(local_government_law_on(on or dt.date.today()))


def _cite(basis: LegalBasis) -> Citation:
    decree = basis.decree_act
    return Citation(
        code=basis.code,
        law=_law_sentence(basis.law_act),
        decree=f"Căn cứ {decree.name} {_spelled(decree.signed)} của Chính phủ {decree.subject}",
        # printed above the report's heading: "Mẫu số 07 - Nghị định số 91/2017/NĐ-CP";
        # a form whose number is not confirmed (98/2023, 152/2025: ReportForm.
        # number_confirmed) is named by its subject, with no number
        form_label=f"{basis.form.name} - {decree.name}",
        report_title=basis.form.heading,
    )


CITATIONS: dict[str, Citation] = {basis.code: _cite(basis) for basis in LEGAL_BASES}
ND91 = CITATIONS[LegalBasisCode.ND91_2017]
ND98 = CITATIONS[LegalBasisCode.ND98_2023]
ND152 = CITATIONS[LegalBasisCode.ND152_2025]


def citation(code: str | None, *, on: dt.date | None = None) -> Citation:
    """The citation of the basis stored with a dossier, or of the one in force on ``on``."""
    if code and code in CITATIONS:
        return CITATIONS[code]
    return CITATIONS[legal_basis_on(on or dt.date.today()).code]


def citation_on(date: dt.date | None, *, stored: str | None = None) -> Citation:
    """The law and decree a document cites: those in force on the document's own date;
    an undated document (a draft), the basis ``stored`` with its dossier."""
    if date is not None:
        return CITATIONS[legal_basis_on(date).code]
    return citation(stored)


def round_phrase(round_code: str, year: int, plan: PlanSpec | None = None) -> str:
    """How documents name a round of the plan: "năm 2023", "sơ kết giai đoạn 2021 - 2023" …"""
    spec = plan or default_plan()
    if round_code in (Round.MIDTERM, Round.FINAL):
        word = "sơ kết" if round_code == Round.MIDTERM else "tổng kết"
        return f"{word} giai đoạn {spec.first_year} - {spec.year_of(round_code) or year}"
    return f"năm {year}"


# ---- The province's movement and plan ------------------------------------------


@dataclass(frozen=True)
class Plan:
    """The province's plan for the movement, as documents name and cite it."""

    movement_name: str  # "Bắc Kạn chung sức xây dựng nông thôn mới"
    issuer: str  # "Ủy ban nhân dân tỉnh Bắc Kạn"
    area: str  # "tỉnh Bắc Kạn", as in "trên địa bàn tỉnh Bắc Kạn"
    number: str = ""  # số, ký hiệu: "123/KH-UBND"; empty when not cited
    date: dt.date | None = None
    period: str = ""  # "2021 - 2025": the plan's (plan_of)

    @property
    def movement(self) -> str:
        """ "Phong trào thi đua “Bắc Kạn chung sức xây dựng nông thôn mới”"."""
        return f"Phong trào thi đua “{self.movement_name}”"

    @property
    def title(self) -> str:
        """The movement with the plan's period: "Phong trào thi đua “…” giai đoạn 2021 - 2025"."""
        return f"{self.movement} giai đoạn {self.period}"

    @property
    def cited(self) -> bool:
        """Whether the plan is cited by its number and date."""
        return bool(self.number and self.date)

    @property
    def date_text(self) -> str:
        """ "13/5/2022": as the decree writes a date in running text (day under 10 and
        month under 3 with a leading zero, Phụ lục I, mục 4.b)."""
        if self.date is None:
            return ""
        day, month = day_month(self.date)
        return f"{day}/{month}/{self.date.year}"


def _issuer_words(issuer: str) -> str:
    """ "UBND tỉnh Bắc Kạn" as a document spells it: "Ủy ban nhân dân tỉnh Bắc Kạn"."""
    words = " ".join(issuer.split())
    if words.upper().startswith("UBND "):
        return f"{bodies.COMMITTEE} {words[5:]}"
    return words


def _record_province(record: PlanRecord, fallback: Province) -> Province:
    if record.province_id == fallback.pk:
        return fallback
    return Province.objects.filter(pk=record.province_id).first() or fallback


def plan_of(province: Province, record: PlanRecord | None = None) -> Plan:
    """The plan documents cite: ``record`` (a dossier's own plan row) when given, else the
    plan row of ``province`` today (:func:`emulation.plans.plan_for`). Its movement,
    issuer, number, date, period and province are the row's. Documented fallbacks, for a
    province no plan row serves or a row without a number: the movement named after the
    province (or ``settings.MOVEMENT_NAME``), ``settings.PLAN_NUMBER``/``PLAN_DATE``."""
    if record is None:
        found = plan_own() if province.pk == settings.PROVINCE_CODE else plan_for(province.pk)
        record = found if found is not None and found.province_id == province.pk else None
    committee = bodies.province_committee(province)
    default_name = f"{committee.place} {MOVEMENT_WORDS}".strip()
    if record is None:
        spec = plan_spec_current()
        return Plan(
            period=f"{spec.first_year} - {spec.last_year}",
            movement_name=settings.MOVEMENT_NAME or default_name,
            issuer=committee.name,
            area=bodies.province_label(province),
            number=settings.PLAN_NUMBER,
            date=settings.PLAN_DATE,
        )
    home = _record_province(record, province)
    numbered = bool(record.number and record.issued_on)
    return Plan(
        period=f"{record.first_year} - {record.last_year}",
        movement_name=" ".join(record.movement.split()) or settings.MOVEMENT_NAME or default_name,
        issuer=_issuer_words(record.issuer) or bodies.province_committee(home).name,
        area=bodies.province_label(home),
        number=record.number if numbered else settings.PLAN_NUMBER,
        date=record.issued_on if numbered else settings.PLAN_DATE,
    )


def dossier_plan(dossier: Dossier) -> Plan:
    """The plan a dossier's documents cite: the dossier's own plan row (Kế hoạch số
    305/KH-UBND ngày 13/5/2022 của Ủy ban nhân dân tỉnh Bắc Kạn for a 2021–2025
    dossier), whatever body issues the document on its date."""
    return plan_of(bodies.installation_province(), dossier.plan)


def current_plan() -> Plan:
    """The plan of the province the deployment serves (``settings.PROVINCE_CODE``)."""
    province = bodies.installation_province()
    own = plan_own()
    return plan_of(province, own if own is not None and own.province_id == province.pk else None)
