"""How documents cite the law and the plan: the "Căn cứ …" sentences, the report form
of each legal basis, the movement's name. Which basis governs a dossier (by its date) is
:mod:`dossiers.legal`'s business; this module only words it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from communes.models import Province
from dossiers.legal import LegalBasisCode, legal_basis_on
from dossiers.models import FIRST_YEAR, LAST_YEAR, ROUND_FIXED_YEAR
from emulation.rules.types import Round

from . import bodies
from .official import short_date

# The national programme's period (2021 - 2025), the years the rounds are fixed to: a
# province's plan under it covers the same years.
PLAN_PERIOD = f"{FIRST_YEAR} - {LAST_YEAR}"
MOVEMENT_WORDS = "chung sức xây dựng nông thôn mới"
LOCAL_GOVERNMENT_LAW = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
    "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày "
    "22 tháng 11 năm 2019"
)


@dataclass(frozen=True)
class Citation:
    code: str
    law: str  # "Căn cứ Luật Thi đua, khen thưởng …"
    decree: str  # "Căn cứ Nghị định số …"
    form_label: str  # the achievement report's form, printed above its heading
    report_title: str  # the achievement report's heading


CITATIONS: dict[str, Citation] = {
    LegalBasisCode.ND91_2017: Citation(
        code=LegalBasisCode.ND91_2017,
        law=(
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung "
            "một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 "
            "tháng 11 năm 2013"
        ),
        decree=(
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
        ),
        form_label="Mẫu số 07 - Nghị định số 91/2017/NĐ-CP",
        report_title="Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua hoặc theo chuyên đề",
    ),
    LegalBasisCode.ND98_2023: Citation(
        code=LegalBasisCode.ND98_2023,
        law="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        decree=(
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
        ),
        form_label="Mẫu báo cáo thành tích theo chuyên đề - Nghị định số 98/2023/NĐ-CP",
        report_title="Báo cáo thành tích đề nghị khen thưởng theo chuyên đề",
    ),
    LegalBasisCode.ND152_2025: Citation(
        code=LegalBasisCode.ND152_2025,
        law="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        decree=(
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định "
            "về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và "
            "hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng"
        ),
        form_label="Mẫu báo cáo thành tích theo chuyên đề - Nghị định số 152/2025/NĐ-CP",
        report_title="Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề",
    ),
}
ND91 = CITATIONS[LegalBasisCode.ND91_2017]
ND98 = CITATIONS[LegalBasisCode.ND98_2023]
ND152 = CITATIONS[LegalBasisCode.ND152_2025]


def citation(code: str | None, *, on: dt.date | None = None) -> Citation:
    """The citation of the basis stored with a dossier, or of the one in force on ``on``."""
    if code and code in CITATIONS:
        return CITATIONS[code]
    return CITATIONS[legal_basis_on(on or dt.date.today()).code]


def round_phrase(round_code: str, year: int) -> str:
    """How documents name a round: "năm 2023", "sơ kết giai đoạn 2021 - 2023" …"""
    if round_code == Round.MIDTERM:
        return f"sơ kết giai đoạn {FIRST_YEAR} - {ROUND_FIXED_YEAR[Round.MIDTERM]}"
    if round_code == Round.FINAL:
        return f"tổng kết giai đoạn {FIRST_YEAR} - {ROUND_FIXED_YEAR[Round.FINAL]}"
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
    period: str = PLAN_PERIOD

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
        return short_date(self.date)


def plan_of(province: Province) -> Plan:
    """The plan of ``province`` (named from its unit record) with the deployment's
    ``MOVEMENT_NAME``, ``PLAN_NUMBER`` and ``PLAN_DATE``."""
    committee = bodies.province_committee(province)
    default_name = f"{committee.place} {MOVEMENT_WORDS}".strip()
    return Plan(
        movement_name=settings.MOVEMENT_NAME or default_name,
        issuer=committee.name,
        area=bodies.province_label(province),
        number=settings.PLAN_NUMBER,
        date=settings.PLAN_DATE,
    )


def current_plan() -> Plan:
    """The plan of the province the deployment serves (``settings.PROVINCE_CODE``)."""
    return plan_of(bodies.home_province())
