"""Which law and decree govern a dossier, from its date (../shared/domain/documents.md).

The achievement report's form follows the decree in force on the dossier's date,
so each dossier stores the code of its legal basis when it is filed (and while it
is a draft, whenever its date changes); a later change of the law never rewrites it.

:data:`LEGAL_BASES` is the one table of which law, decree and report form hold from
which date; the documents (:mod:`dossiers.documents.legal`) only word these facts. A new
decree is a new :class:`LegalBasisCode` and a new row here (and a migration for the
choice).
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
class Law:
    title: str  # "Luật Thi đua, khen thưởng"
    name: str  # as the dossier page names it: "Luật Thi đua, khen thưởng số 06/2022/QH15"
    passed: dt.date
    amended: tuple[dt.date, ...] = ()  # the laws amending it, by their dates


@dataclass(frozen=True)
class Decree:
    number: str  # "91/2017/NĐ-CP"
    signed: dt.date
    subject: str  # "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"

    @property
    def name(self) -> str:
        return f"Nghị định số {self.number}"


@dataclass(frozen=True)
class ReportForm:
    """The achievement report's form under a decree."""

    name: str  # "Mẫu số 07"; by its subject when its number is not confirmed
    heading: str  # the report's own heading
    label: str  # as the dossier page names it
    # Is the form's number in the decree's annex confirmed? Not for 98/2023 and
    # 152/2025: checked again in ../shared and the stored references (issue 15 part 5),
    # not found; the documents then print the form by its subject, never a number.
    number_confirmed: bool = True


@dataclass(frozen=True)
class LegalBasis:
    code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    law_act: Law
    decree_act: Decree
    form: ReportForm

    @property
    def law(self) -> str:
        return self.law_act.name

    @property
    def decree(self) -> str:
        return self.decree_act.name

    @property
    def decree_date(self) -> str:
        """ "31/7/2017"."""
        signed = self.decree_act.signed
        return f"{signed.day}/{signed.month}/{signed.year}"

    @property
    def report_form(self) -> str:
        return self.form.label

    @property
    def label(self) -> str:
        return f"{self.law}; {self.decree}"


EMULATION_LAW_2003 = Law(
    title="Luật Thi đua, khen thưởng",
    name="Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)",
    passed=dt.date(2003, 11, 26),
    amended=(dt.date(2005, 6, 14), dt.date(2013, 11, 16)),
)
EMULATION_LAW_2022 = Law(
    title="Luật Thi đua, khen thưởng",
    name="Luật Thi đua, khen thưởng số 06/2022/QH15",
    passed=dt.date(2022, 6, 15),
)
DETAILING_THE_LAW = "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"

LEGAL_BASES: tuple[LegalBasis, ...] = (
    LegalBasis(
        code=LegalBasisCode.ND91_2017,
        valid_from=None,
        valid_to=dt.date(2023, 12, 31),
        law_act=EMULATION_LAW_2003,
        decree_act=Decree("91/2017/NĐ-CP", dt.date(2017, 7, 31), DETAILING_THE_LAW),
        form=ReportForm(
            name="Mẫu số 07",
            heading=("Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua hoặc theo chuyên đề"),
            label=(
                "Mẫu số 07: Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua hoặc "
                "theo chuyên đề cho tập thể, cá nhân (Nghị định số 91/2017/NĐ-CP)"
            ),
        ),
    ),
    LegalBasis(
        code=LegalBasisCode.ND98_2023,
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2025, 6, 30),
        law_act=EMULATION_LAW_2022,
        decree_act=Decree("98/2023/NĐ-CP", dt.date(2023, 12, 31), DETAILING_THE_LAW),
        # The form's number in the decree's annex is not confirmed here: it is named by
        # its subject, not numbered (Mẫu số 07 of 91/2017 is confirmed, documents.md).
        form=ReportForm(
            name="Mẫu báo cáo thành tích theo chuyên đề",
            number_confirmed=False,
            heading="Báo cáo thành tích đề nghị khen thưởng theo chuyên đề",
            label=(
                "Báo cáo thành tích đề nghị khen thưởng theo chuyên đề "
                "(phụ lục Nghị định số 98/2023/NĐ-CP)"
            ),
        ),
    ),
    LegalBasis(
        code=LegalBasisCode.ND152_2025,
        valid_from=dt.date(2025, 7, 1),
        valid_to=None,
        law_act=EMULATION_LAW_2022,
        decree_act=Decree(
            "152/2025/NĐ-CP",
            dt.date(2025, 6, 14),  # in force from 01/7/2025 (vbpl.vn, id 178327)
            "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định "
            "chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
        ),
        # Not confirmed either: the report forms' numbers of 152/2025 were not found
        # (../shared/domain/after-2025.md); the heading is the one documents.md gives.
        form=ReportForm(
            name="Mẫu báo cáo thành tích theo chuyên đề",
            number_confirmed=False,
            heading="Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề",
            label=(
                "Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề "
                "(phụ lục Nghị định số 152/2025/NĐ-CP)"
            ),
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


# ---- The local-government law a provincial decision cites --------------------------


@dataclass(frozen=True)
class DatedLaw:
    """A law cited from ``valid_from`` to ``valid_to`` (both inclusive, ``None`` open)."""

    law: Law
    valid_from: dt.date | None
    valid_to: dt.date | None
    amending_title: str = ""  # the amending law's own title, when it amends others too

    def in_force_on(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to
        )


# ../shared/domain/after-2025.md: Luật 72/2025/QH15 (16/6/2025) replaced the 2015 law
# (amended 2019) on 1/7/2025. Not confirmed here, so not in the table: Luật Tổ chức
# chính quyền địa phương số 65/2025/QH15 (19/02/2025) is reported in force from
# 01/3/2025 to 30/6/2025; if confirmed, it is one more row ending the 2015 law on 28/2/2025.
LOCAL_GOVERNMENT_LAWS: tuple[DatedLaw, ...] = (
    DatedLaw(
        Law(
            title="Luật Tổ chức chính quyền địa phương",
            name="Luật Tổ chức chính quyền địa phương năm 2015 (sửa đổi, bổ sung năm 2019)",
            passed=dt.date(2015, 6, 19),
            amended=(dt.date(2019, 11, 22),),
        ),
        valid_from=None,
        valid_to=dt.date(2025, 6, 30),
        amending_title="Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
    ),
    DatedLaw(
        Law(
            title="Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
            name="Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
            passed=dt.date(2025, 6, 16),
        ),
        valid_from=dt.date(2025, 7, 1),
        valid_to=None,
    ),
)


def local_government_law_on(date: dt.date) -> DatedLaw:
    """The local-government law in force on ``date``."""
    for dated in LOCAL_GOVERNMENT_LAWS:
        if dated.in_force_on(date):
            return dated
    raise ValueError(f"no local-government law on {date}")  # pragma: no cover - total
