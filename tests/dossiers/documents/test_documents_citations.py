"""Issue 15, part 3: the căn cứ of a document by its own date.

The award law and decree in force on the document's date (not the dossier's filing
date), the local-government law of that date (2015 as amended 2019 until 30/6/2025,
72/2025/QH15 from 1/7/2025), and the plan by its number and date, from the plan's row.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dossiers.documents import builders, pdf
from dossiers.documents.legal import local_government_law
from dossiers.legal import LegalBasisCode, local_government_law_on
from dossiers.models import Dossier
from tests.dossiers.documents.test_documents_dossier import (  # noqa: F401 - fixtures
    decided,
    dossier,
)
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture
from tests.pdfcheck import pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LAW_2003 = "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003"
LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
ND91 = "Căn cứ Nghị định số 91/2017/NĐ-CP"
ND98 = "Căn cứ Nghị định số 98/2023/NĐ-CP"
ND152 = "Căn cứ Nghị định số 152/2025/NĐ-CP"
LOCAL_2015 = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
    "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
    "ngày 22 tháng 11 năm 2019"
)
LOCAL_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025"
PLAN = "Căn cứ Kế hoạch số 305/KH-UBND ngày 13/5/2022 của Ủy ban nhân dân tỉnh Bắc Kạn"

CASES = [
    (dt.date(2023, 12, 31), (LAW_2003, ND91, LOCAL_2015), (LAW_2022, ND98, ND152, LOCAL_2025)),
    (dt.date(2024, 1, 1), (LAW_2022, ND98, LOCAL_2015), (LAW_2003, ND91, ND152, LOCAL_2025)),
    (dt.date(2025, 6, 30), (LAW_2022, ND98, LOCAL_2015), (LAW_2003, ND91, ND152, LOCAL_2025)),
    (dt.date(2025, 7, 1), (LAW_2022, ND152, LOCAL_2025), (LAW_2003, ND91, ND98, LOCAL_2015)),
]


@pytest.mark.parametrize(("day", "cited", "not_cited"), CASES, ids=lambda v: str(v)[:10])
def test_local_government_law_on_the_boundaries(day, cited, not_cited):
    sentence = local_government_law(day)
    assert sentence in cited
    assert sentence not in not_cited
    assert local_government_law_on(day).valid_from in (None, dt.date(2025, 7, 1))


@pytest.mark.parametrize(("day", "cited", "not_cited"), CASES, ids=lambda v: str(v)[:10])
def test_a_decision_cites_the_laws_of_its_own_date(decided, day, cited, not_cited):  # noqa: F811
    # Filed under one basis (the dossier's stored code), decided on ``day``: the decision
    # follows its own date, not the filing date.
    stored = LegalBasisCode.ND152_2025 if day.year < 2025 else LegalBasisCode.ND91_2017
    Dossier.objects.filter(pk=decided.pk).update(decision_date=day, legal_basis=stored)
    decided.refresh_from_db()
    document = builders.decision(decided)
    text = pdf_text(pdf.render_pdf(document.template, document.context))
    for sentence in cited:
        assert sentence in text, (day, sentence)
    for sentence in not_cited:
        assert sentence not in text, (day, sentence)
    assert PLAN in text


@pytest.mark.parametrize(
    ("day", "law", "decree"),
    [
        (dt.date(2023, 12, 31), LAW_2003, ND91),
        (dt.date(2024, 1, 1), LAW_2022, ND98),
        (dt.date(2025, 6, 30), LAW_2022, ND98),
        (dt.date(2025, 7, 1), LAW_2022, ND152),
    ],
    ids=lambda v: str(v)[:10],
)
def test_a_proposal_letter_cites_the_laws_of_its_own_date(dossier, day, law, decree):  # noqa: F811
    Dossier.objects.filter(pk=dossier.pk).update(
        document_date=day, legal_basis=LegalBasisCode.ND98_2023
    )
    dossier.refresh_from_db()
    document = builders.proposal_letter(dossier)
    html = pdf.render_html(document.template, document.context, printable=False)
    assert law in html and decree in html and PLAN in html


def test_an_undated_document_cites_the_stored_basis(dossier):  # noqa: F811
    Dossier.objects.filter(pk=dossier.pk).update(
        document_date=None, legal_basis=LegalBasisCode.ND91_2017
    )
    dossier.refresh_from_db()
    document = builders.proposal_letter(dossier)
    html = pdf.render_html(document.template, document.context, printable=False)
    assert ND91 in html and LAW_2003 in html
