"""How documents cite the law: the "Căn cứ …" sentences and the report form of each
legal basis. Which basis governs a dossier (by its date) is :mod:`dossiers.legal`'s
business; this module only words it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dossiers.legal import LegalBasisCode, legal_basis_on

PLAN_TITLE = "Phong trào thi đua “Bắc Kạn chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025"
MOVEMENT = "Phong trào thi đua “Bắc Kạn chung sức xây dựng nông thôn mới”"
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
    if round_code == "midterm":
        return "sơ kết giai đoạn 2021 - 2023"
    if round_code == "final":
        return "tổng kết giai đoạn 2021 - 2025"
    return f"năm {year}"
