"""Legal bases cited in documents: the award law and the decree in force on a date.

Which decree governs a dossier follows its date (../shared/domain/documents.md):
Nghị định 91/2017/NĐ-CP until 31/12/2023, 98/2023/NĐ-CP from 01/01/2024,
152/2025/NĐ-CP from 01/7/2025. The achievement-report form follows the same
decree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PLAN_TITLE = "Phong trào thi đua “Bắc Kạn chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025"
MOVEMENT = "Phong trào thi đua “Bắc Kạn chung sức xây dựng nông thôn mới”"


@dataclass(frozen=True)
class LegalBasis:
    code: str  # "nd91_2017", "nd98_2023", "nd152_2025"
    decree_number: str  # "91/2017/NĐ-CP"
    law: str  # the "Căn cứ …" sentence on the law
    decree: str  # the "Căn cứ …" sentence on the decree
    report_form: str  # the name of the achievement-report form


ND91 = LegalBasis(
    code="nd91_2017",
    decree_number="91/2017/NĐ-CP",
    law=(
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung "
        "một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng "
        "11 năm 2013"
    ),
    decree=(
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
        "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
    ),
    report_form="Mẫu số 07 ban hành kèm theo Nghị định số 91/2017/NĐ-CP",
)
ND98 = LegalBasis(
    code="nd98_2023",
    decree_number="98/2023/NĐ-CP",
    law="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    decree=(
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
        "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
    ),
    report_form="Mẫu báo cáo thành tích khen thưởng theo chuyên đề, Nghị định số 98/2023/NĐ-CP",
)
ND152 = LegalBasis(
    code="nd152_2025",
    decree_number="152/2025/NĐ-CP",
    law="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    decree=(
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng"
    ),
    report_form="Mẫu báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề, "
    "Nghị định số 152/2025/NĐ-CP",
)
BASES = {b.code: b for b in (ND91, ND98, ND152)}


def legal_basis_on(date: dt.date) -> LegalBasis:
    """The decree in force on ``date``."""
    if date < dt.date(2024, 1, 1):
        return ND91
    if date < dt.date(2025, 7, 1):
        return ND98
    return ND152


def legal_basis(code: str | None, *, on: dt.date | None = None) -> LegalBasis:
    """The basis stored with a dossier, or the one in force on its date."""
    if code and code in BASES:
        return BASES[code]
    return legal_basis_on(on or dt.date.today())
