"""Issue 17, part 15: the yearly statistics of emulation and award work (Thông tư
02/2023/TT-BNV, forms 0601–0605.N/BNV-TĐKT) counted from the records: every figure
below is counted by hand from the fixture; the forms are data; the PDF and the
workbook are Vietnamese whatever the interface; the board and administrators only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dossiers.models import DossierEvent, Status
from emulation.models import Agency
from progress import award_statistics as stats_module
from progress.award_statistics import (
    FORMS,
    count_form,
    form_tables,
    gather_statistics,
    period_of,
    register_lower_level_source,
)
from tests.factories import DossierFactory, NomineeFactory
from tests.pdfcheck import english_in, pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

D = dt.date
ROLES = ["district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def _dossier(users, *, district=None, agency=None, rnd="annual", submitted, decided=None):
    kwargs = (
        {"district": district}
        if district
        else {
            "district": None,
            "agency": agency,
            "province_id": settings.PROVINCE_CODE,
            "created_by": users["agency"],
        }
    )
    return DossierFactory(
        round=rnd,
        year=2024,
        status=Status.DECIDED if decided else Status.RECEIVED,
        first_submitted_at=_at(submitted),
        submitted_at=_at(submitted),
        decision_number="12/QĐ-UBND" if decided else "",
        decision_date=decided,
        **kwargs,
    )


@pytest.fixture
def records(users, district_a, district_b):
    """Counted by hand for 2024 (15/12/2023 – 14/12/2024):
    - dossier A1 (district A, annual): submitted 20/11/2024, decided 10/12/2024:
      2 individuals awarded (1 a woman), 1 household awarded, 1 individual refused;
    - dossier A2 (district A, annual): submitted 18/12/2023, decided 20/12/2023 (in the
      2024 period): 1 collective awarded;
    - dossier B1 (district B, midterm): submitted 01/10/2024, returned 05/10/2024,
      decided 16/12/2024 (after the cut-off: 2025's): 2 individuals awarded;
    - dossier G1 (a provincial agency, midterm): submitted 02/12/2024, not decided:
      1 official (pending);
    - dossier old (district B): submitted and decided in 2023 before 15/12: 1 awarded.
    """
    a1 = _dossier(users, district=district_a, submitted=D(2024, 11, 20), decided=D(2024, 12, 10))
    NomineeFactory(dossier=a1, awarded=True, is_female=True)
    NomineeFactory(dossier=a1, awarded=True, is_female=False)
    NomineeFactory(dossier=a1, awarded=True, kind="household", identity="h1")
    NomineeFactory(dossier=a1, awarded=False)
    a2 = _dossier(users, district=district_a, submitted=D(2023, 12, 18), decided=D(2023, 12, 20))
    NomineeFactory(
        dossier=a2, awarded=True, kind="collective", title="collective_outstanding", identity="c1"
    )
    b1 = _dossier(
        users, district=district_b, rnd="midterm", submitted=D(2024, 10, 1), decided=D(2024, 12, 16)
    )
    NomineeFactory.create_batch(2, dossier=b1, awarded=True)
    DossierEvent.objects.create(
        dossier=b1,
        action="return",
        from_status=Status.RECEIVED,
        to_status=Status.RETURNED,
        by=users["reviewer"],
        at=_at(D(2024, 10, 5)),
    )
    agency = Agency.objects.first() or Agency.objects.create(name="Sở Thử", code="ST")
    g1 = _dossier(users, agency=agency, rnd="midterm", submitted=D(2024, 12, 2))
    NomineeFactory(dossier=g1, kind="official", title="official_outstanding", identity="o1")
    old = _dossier(users, district=district_b, submitted=D(2023, 5, 1), decided=D(2023, 6, 1))
    NomineeFactory(dossier=old, awarded=True)
    return {"a1": a1, "a2": a2, "b1": b1, "g1": g1}


def _table(tables, code: str):
    table = next(t for t in tables if t.form.code.startswith(code))
    columns = [c.key for c in table.form.columns]
    return {row.key: dict(zip(columns, values, strict=True)) for row, values in table.rows}


def test_the_period_is_the_yearly_cut_off():
    assert period_of(2024) == (D(2023, 12, 15), D(2024, 12, 14))


def test_every_figure_is_counted_from_the_records(records, users):
    from dossiers.selectors import dossiers_visible_to

    stats = gather_statistics(2024, dossiers_visible_to(users["reviewer"]))
    tables = form_tables(stats)
    awards = _table(tables, "0603")
    # A1's 2 individuals and 1 household, A2's collective; B1 decided after 14/12
    assert awards["total"] == {
        "total": 4,
        "collective": 1,
        "individual": 2,
        "female": 1,
        "household": 1,
    }
    assert awards["annual"]["total"] == 4 and awards["midterm"]["total"] == 0
    assert awards["rounds"]["total"] is None  # a heading counts nothing
    assert awards["person_contribution"]["total"] == 3
    assert awards["collective_outstanding"] == {
        "total": 1,
        "collective": 1,
        "individual": 0,
        "female": 0,
        "household": 0,
    }
    proposals = _table(tables, "0605")
    assert proposals["received"] == {"total": 4, "district": 3, "commune": 0, "agency": 1}
    assert proposals["returned"] == {"total": 1, "district": 1, "commune": 0, "agency": 0}
    assert proposals["decided"]["total"] == 2  # A1 and A2
    assert proposals["proposed"]["total"] == 8  # 4 + 1 + 2 + 1
    assert proposals["awarded"]["total"] == 6 and proposals["refused"]["total"] == 1
    assert proposals["proposed"]["agency"] == 1
    movements = _table(tables, "0601")
    assert movements["plans"]["total"] == 1  # Bắc Kạn's 2021–2025
    assert movements["annual"]["total"] == 1 and movements["final"]["total"] == 0
    # no state-level proposal was decided: zeros; the award history (the lower levels'
    # source) holds none this year: zeros
    assert _table(tables, "0602")["total"]["total"] == 0
    assert _table(tables, "0604")["total"]["total"] == 0
    later = _table(
        form_tables(gather_statistics(2025, dossiers_visible_to(users["reviewer"]))), "0603"
    )
    assert later["total"]["total"] == 2 and later["midterm"]["individual"] == 2


def test_the_forms_are_data():
    """Rows and columns are a definition list: a form changed there is counted so."""
    form = FORMS[2]
    facts = [{"group": "individual", "round": "annual"}, {"group": "collective", "round": "final"}]
    table = count_form(form, facts)
    assert table.rows[0][1][:3] == [2, 1, 1]
    codes = [f.code for f in FORMS]
    assert codes == [f"060{i}.N/BNV-TĐKT" for i in range(1, 6)]
    assert all(f.rows and f.columns for f in FORMS)


def test_lower_level_awards_come_through_the_hook(records, users, monkeypatch):
    from dossiers.selectors import dossiers_visible_to

    monkeypatch.setattr(stats_module, "_LOWER_LEVEL_SOURCES", [])
    seen = []

    def source(year, period, provinces):
        seen.append((year, period, tuple(provinces)))
        return [
            {"level": "commune", "group": "individual", "female": True},
            {"level": "commune", "group": "household"},
            {"level": "agency", "group": "collective"},
        ]

    register_lower_level_source(source)
    register_lower_level_source(source)  # once
    lower = _table(
        form_tables(gather_statistics(2024, dossiers_visible_to(users["admin"]))), "0604"
    )
    assert lower["total"]["total"] == 3 and lower["commune"]["female"] == 1
    assert lower["agency"]["collective"] == 1 and lower["district"]["total"] == 0
    assert len(seen) == 1 and seen[0][1] == period_of(2024) and "06" in seen[0][2]


@pytest.mark.parametrize("role", ROLES)
def test_the_board_and_administrators_only(
    login, users, records, role, django_assert_max_num_queries
):
    client = login(users[role])
    allowed = role in ("reviewer", "admin")
    for name in ("award_statistics", "award_statistics_pdf", "award_statistics_xlsx"):
        with django_assert_max_num_queries(30):
            response = client.get(reverse(f"progress:{name}"), {"nam": "2024"})
        assert response.status_code == (200 if allowed else 403), (name, role)


def test_the_page_shows_the_counts_and_says_the_layout_is_unconfirmed(login, users, records):
    page = login(users["reviewer"]).get(reverse("progress:award_statistics"), {"nam": "2024"})
    body = page.content.decode()
    assert "0603.N/BNV-TĐKT" in body and "chưa được đối chiếu" in body
    # form 0602 says what it counts (state-level proposals made through the app)
    assert "đề nghị ngoài hệ thống, đơn vị cộng thêm theo hồ sơ lưu" in body
    table = _table(page.context["tables"], "0603")
    assert table["total"]["total"] == 4


def test_pdf_and_workbook_are_vietnamese_with_the_interface_in_english(login, users, records):
    client = login(users["reviewer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("progress:award_statistics"), {"nam": "2024"}).content.decode()
    assert english_in(page)
    response = client.get(reverse("progress:award_statistics_pdf"), {"nam": "2024"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for code in range(1, 6):
        assert f"Biểu số: 060{code}.N/BNV-TĐKT" in text
    assert "Ban hành kèm theo Thông tư số 02/2023/TT-" in text
    assert "Ngày nhận báo cáo: 15/12/2024" in text and "chưa được đối chiếu" in text
    assert not english_in(text), english_in(text)
    assert "Th%E1%BB%91ng%20k%C3%AA" in response["Content-Disposition"]
    xlsx = client.get(reverse("progress:award_statistics_xlsx"), {"nam": "2024"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["0601.N", "0602.N", "0603.N", "0604.N", "0605.N"]
    ws = book["0603.N"]
    assert ws["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    assert isinstance(ws["B3"].value, dt.datetime) and ws["B3"].number_format == "dd/mm/yyyy"
    header = [c.value for c in ws[10]]
    assert header[1:] == ["Tổng số", "Tập thể", "Cá nhân", "Trong đó: cá nhân nữ", "Hộ gia đình"]
    total = [c.value for c in ws[11]]
    assert total == ["Tổng số", 4, 1, 2, 1, 1]  # numbers, not text
    assert ws["A12"].value == "Chia theo đợt khen thưởng" and ws["B12"].value is None
    words = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert not english_in(words)


def test_form_0604_counts_the_lower_levels_awards_of_the_award_history(records, users):
    from dossiers.history.models import LowerLevelAward
    from dossiers.selectors import dossiers_visible_to
    from tests.factories import DistrictFactory

    district = DistrictFactory()
    first, last = period_of(2024)
    for name, kind, day in [
        ("Nguyễn Văn Một", "individual", first),
        ("Hộ Hai", "household", last),
        ("Tổ Ba", "organization", last),
        ("Ngoài Kỳ", "individual", last + dt.timedelta(days=1)),  # next year's period
    ]:
        LowerLevelAward.objects.create(
            issuer_district=district, award_form="giay_khen", recipient_kind=kind, name=name,
            decision_number="1/QĐ-UBND", decision_date=day, created_by=users["district_a"],
        )  # fmt: skip
    lower = _table(
        form_tables(gather_statistics(2024, dossiers_visible_to(users["admin"]))), "0604"
    )
    assert lower["total"]["total"] == 3 and lower["district"]["total"] == 3
    assert lower["district"]["individual"] == 1 and lower["district"]["household"] == 1
    assert lower["district"]["collective"] == 1 and lower["commune"]["total"] == 0


def test_state_level_awards_are_counted_from_the_state_proposals(records, users):
    """Form 0602: the nominees of the province's state-level proposals the centre
    awarded in the period, by the award proposed; a refusal, a decision after the
    cut-off and another province's proposal are not counted."""
    from dossiers.models import StateProposal, StateProposalEntry
    from dossiers.selectors import dossiers_visible_to
    from emulation.state_plans import state_plan_587_load
    from tests.factories import ProvinceFactory

    plan = state_plan_587_load()
    standard = plan.standards.first()

    def proposal(central_date, province=settings.PROVINCE_CODE):
        return StateProposal.objects.create(
            province_id=province, round="annual", year=2024, state_plan=plan,
            created_by=users["reviewer"], status="awarded", central_number="5/QĐ-TTg",
            central_date=central_date,
        )  # fmt: skip

    def entry(p, nominee, award, awarded=True):
        StateProposalEntry.objects.create(
            proposal=p, nominee=nominee, standard=standard, award=award,
            authority="Thủ tướng Chính phủ", awarded=awarded,
        )  # fmt: skip

    woman = records["a1"].nominees.get(is_female=True)
    man = records["a1"].nominees.filter(is_female=False, kind="individual", awarded=True).get()
    household = records["a1"].nominees.get(kind="household")
    collective = records["a2"].nominees.get()
    decided = proposal(D(2024, 6, 1))
    entry(decided, woman, "Bằng khen của Thủ tướng Chính phủ")
    entry(decided, collective, "Huân chương Lao động hạng Ba")
    entry(decided, man, "Cờ thi đua của Chính phủ", awarded=False)  # refused
    entry(proposal(D(2024, 12, 20)), household, "Bằng khen của Thủ tướng Chính phủ")  # 2025's
    elsewhere = ProvinceFactory(code="Z8", name="Tỉnh Khác")
    entry(proposal(D(2024, 6, 1), province=elsewhere.pk), man, "Cờ thi đua của Chính phủ")
    stats = gather_statistics(2024, dossiers_visible_to(users["reviewer"]))
    table = _table(form_tables(stats), "0602")
    assert table["total"] == {
        "total": 2,
        "collective": 1,
        "individual": 1,
        "female": 1,
        "household": 0,
    }
    assert table["pm"]["female"] == 1 and table["orders"]["collective"] == 1
    assert table["flag"]["total"] == 0
    # the proposal decided after the cut-off is 2025's
    later = gather_statistics(2025, dossiers_visible_to(users["reviewer"]))
    assert _table(form_tables(later), "0602")["pm"]["household"] == 1


def test_a_state_award_is_placed_by_its_name():
    from progress.award_statistics import state_award_form

    assert state_award_form("Huân chương Lao động hạng Ba") == "order"
    assert state_award_form("Bằng khen của  Thủ tướng Chính phủ") == "pm"
    assert state_award_form("Cờ thi đua của Chính phủ") == "flag"
    assert state_award_form("Chiến sĩ thi đua toàn quốc") == "other"
