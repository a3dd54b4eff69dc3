"""Which law and decree govern a dossier, from its date (../shared/domain/documents.md).

The achievement report's form follows the decree in force on the dossier's date,
so each dossier stores the code of its legal basis when it is filed (and while it
is a draft, whenever its date changes); a later change of the law never rewrites it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalBasisCode(models.TextChoices):
    ND91_2017 = "nd91_2017", _("Luật Thi đua, khen thưởng 2003; Nghị định 91/2017/NĐ-CP")
    ND98_2023 = "nd98_2023", _("Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP")
    ND152_2025 = "nd152_2025", _("Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP")


@dataclass(frozen=True)
class LegalBasis:
    code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    law: str
    decree: str
    decree_date: str
    report_form: str

    @property
    def label(self) -> str:
        return f"{self.law}; {self.decree}"


LEGAL_BASES: tuple[LegalBasis, ...] = (
    LegalBasis(
        code=LegalBasisCode.ND91_2017,
        valid_from=None,
        valid_to=dt.date(2023, 12, 31),
        law="Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)",
        decree="Nghị định số 91/2017/NĐ-CP",
        decree_date="31/7/2017",
        report_form=(
            "Mẫu số 07: Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua hoặc "
            "theo chuyên đề cho tập thể, cá nhân (Nghị định số 91/2017/NĐ-CP)"
        ),
    ),
    LegalBasis(
        code=LegalBasisCode.ND98_2023,
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2025, 6, 30),
        law="Luật Thi đua, khen thưởng số 06/2022/QH15",
        decree="Nghị định số 98/2023/NĐ-CP",
        decree_date="31/12/2023",
        report_form=(
            "Báo cáo thành tích đề nghị khen thưởng theo chuyên đề "
            "(phụ lục Nghị định số 98/2023/NĐ-CP)"
        ),
    ),
    LegalBasis(
        code=LegalBasisCode.ND152_2025,
        valid_from=dt.date(2025, 7, 1),
        valid_to=None,
        law="Luật Thi đua, khen thưởng số 06/2022/QH15",
        decree="Nghị định số 152/2025/NĐ-CP",
        decree_date="14/6/2025",  # in force from 01/7/2025 (vbpl.vn, id 178327)
        report_form=(
            "Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề "
            "(phụ lục Nghị định số 152/2025/NĐ-CP)"
        ),
    ),
)
_BY_CODE = {basis.code: basis for basis in LEGAL_BASES}


def legal_basis_on(date: dt.date) -> LegalBasis:
    """The legal basis in force on ``date``."""
    for basis in LEGAL_BASES:
        if (basis.valid_from is None or basis.valid_from <= date) and (
            basis.valid_to is None or date <= basis.valid_to
        ):
            return basis
    raise ValueError(f"no legal basis on {date}")  # pragma: no cover - the table is total


def legal_basis(code: str) -> LegalBasis:
    return _BY_CODE[code]
