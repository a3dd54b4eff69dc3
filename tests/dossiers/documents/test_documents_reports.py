"""Issue 15, part 5: achievement reports by decree and nominee kind; no em dashes in
official text; counts written as the style wants ("03 tập thể và 01 cá nhân")."""

from __future__ import annotations

import pytest

from dossiers.documents import bodies, builders, pdf
from dossiers.documents.builders.achievement import household_head
from dossiers.legal import LegalBasisCode, legal_basis
from dossiers.models import Dossier, Nominee, NomineeKind
from tests.dossiers.documents.test_documents_dossier import dossier  # noqa: F401 - fixture
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture
from tests.pdfcheck import pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _report(d, nominee) -> str:
    document = builders.achievement_report(
        d,
        nominee,
        {},
        proposer=bodies.proposer(d),
        province=bodies.home_province(d.document_date),
    )
    return pdf_text(pdf.render_pdf(document.template, document.context))


def _nominee(d, kind, name, **extra) -> Nominee:
    title = {
        NomineeKind.ENTERPRISE: "organization_infrastructure",
        NomineeKind.OFFICIAL: "official_outstanding",
    }.get(kind, "person_contribution")
    return Nominee(dossier=d, kind=kind, name=name, title=title, **extra)


def test_household_head_is_named_without_the_households_words():
    assert household_head("Hộ gia đình Nông Văn Cường") == "Nông Văn Cường"
    assert household_head("Hộ ông Hà Văn Mến") == "Hà Văn Mến"
    assert household_head("Lường Thị Ước") == "Lường Thị Ước"


def test_each_nominee_kind_has_its_own_particulars(dossier):  # noqa: F811
    household = _report(dossier, _nominee(dossier, NomineeKind.HOUSEHOLD, "Hộ gia đình Hà Văn An"))
    assert "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH" in household and "Chủ hộ: Hà Văn An" in household
    assert "Họ và tên: Hộ gia đình" not in household and "CHỦ HỘ" in household
    enterprise = _report(
        dossier,
        _nominee(
            dossier, NomineeKind.ENTERPRISE, "Công ty CP Chè Bạch Thông", tax_code="4700123456"
        ),
    )
    assert "Mã số doanh nghiệp: 4700123456" in enterprise
    assert "Ngành nghề sản xuất, kinh doanh" in enterprise and "Số lao động" in enterprise
    assert "cán bộ, công chức" not in enterprise
    person = _report(dossier, _nominee(dossier, NomineeKind.INDIVIDUAL, "Lục Văn Khải"))
    assert "I. SƠ LƯỢC LÝ LỊCH" in person and "Họ và tên: Lục Văn Khải" in person
    assert "Nghề nghiệp" in person
    official = _report(
        dossier,
        _nominee(
            dossier, NomineeKind.OFFICIAL, "Bế Thị Hạnh", job_title="Công chức Văn phòng - Thống kê"
        ),
    )
    assert "Trình độ chuyên môn, nghiệp vụ" in official
    assert "Chức vụ, đơn vị công tác: Công chức Văn phòng - Thống kê" in official


@pytest.mark.parametrize(
    ("code", "label"),
    [
        (LegalBasisCode.ND91_2017, "Mẫu số 07 - Nghị định số 91/2017/NĐ-CP"),
        (LegalBasisCode.ND98_2023, "Nghị định số 98/2023/NĐ-CP"),
        (LegalBasisCode.ND152_2025, "Nghị định số 152/2025/NĐ-CP"),
    ],
)
def test_the_report_follows_the_dossiers_decree(dossier, code, label):  # noqa: F811
    Dossier.objects.filter(pk=dossier.pk).update(round="midterm", legal_basis=code)
    dossier.refresh_from_db()
    text = _report(dossier, dossier.nominees.order_by("position", "id").last())
    assert label in text
    assert "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN" in text
    # a form number not confirmed (98/2023, 152/2025) is never printed: the subject is
    confirmed = legal_basis(code).form.number_confirmed
    assert confirmed == (code == LegalBasisCode.ND91_2017)
    assert ("Mẫu số" in text) == confirmed


def test_no_em_dash_and_counts_as_the_letter_writes_them(dossier):  # noqa: F811
    texts = [
        pdf_text(pdf.render_pdf(doc.template, doc.context))
        for doc in [
            builders.proposal_letter(dossier),
            builders.council_minutes(dossier),
            *builders.achievement_reports(dossier),
        ]
    ]
    for text in texts:
        assert "—" not in text
    letter, minutes = texts[0], texts[1]
    assert "01 tập thể và 02 cá nhân" in letter
    assert "tặng Bằng khen cho 01 tập thể và 02 cá nhân có thành tích" in minutes
