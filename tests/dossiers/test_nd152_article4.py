"""Nghị định 152/2025/NĐ-CP, Điều 4, for dossiers filed from 1/7/2025 (issue 14, part 2):
a person under discipline, inspection or complaint review is not eligible (a dated fact
an official records, with its document); the priority for women and for collectives at
least 70 % women is shown to reviewers. Each check cites the article."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.legal import LegalBasisCode
from dossiers.models import DossierEvent, NomineeKind, RestrictionKind
from emulation.models import Role
from tests.conftest import make_user
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add,
    attach_all,
    commune_from_2025,
    new_dossier,
    person_data,
    thai_nguyen_from_2025,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ARTICLE = "Nghị định 152/2025/NĐ-CP, Điều 4"


@pytest.fixture
def filed_2025(db, users):
    """A commune's tổng kết 2025 dossier filed on 05/11/2025 (under 152/2025), received:
    a woman who gave 60.000.000 đ (judged "tiêu biểu" by the board) and a collective of
    75 % women."""
    province = thai_nguyen_from_2025()
    commune = commune_from_2025(province, "Thử Nghiệm", "99001")
    staff = make_user("xa_thu_nghiem", Role.COMMUNE, commune=commune)
    dossier = new_dossier(
        staff, round="final", year=None, date=dt.date(2025, 11, 5), number="12/TTr-UBND"
    )
    assert dossier.legal_basis == LegalBasisCode.ND152_2025
    woman = add(dossier, staff, person_data("Hà Thị Mai", commune, 60_000_000, is_female=True))
    group = add(
        dossier,
        staff,
        {
            "kind": NomineeKind.COLLECTIVE,
            "title": "collective_outstanding",
            "name": "Chi hội Phụ nữ thôn Bản Chang",
            "women_share": 75,
        },
    )
    attach_all(dossier, staff)
    services.dossier_submit(dossier=dossier, by=staff)
    services.dossier_receive(dossier=dossier, by=users["reviewer"])
    services.nominee_attest(
        nominee=woman, by=users["reviewer"], attested=True, note="Tiêu biểu của huyện."
    )
    return dossier, woman, group


def _check(nominee, rule):
    (found,) = [c for c in nominee.verdict_checks if c["rule"] == rule]
    return found


def test_under_review_is_not_eligible_with_its_document(users, filed_2025, login):
    dossier, woman, _group = filed_2025
    woman.refresh_from_db()
    check = _check(woman, "nd152.not_under_review")
    assert check["passed"] is True and check["clause"] == ARTICLE
    assert woman.verdict_eligible is True
    reviewer = users["reviewer"]
    client = login(reviewer)
    url = reverse("dossiers:nominee_restrict", args=[dossier.pk, woman.pk])
    response = client.post(
        url,
        {
            "kind": RestrictionKind.DISCIPLINE,
            "since": "01/10/2025",
            "until": "",
            "document": "Quyết định 12/QĐ-UBND ngày 01/10/2025",
        },
    )
    assert response.status_code == 302
    woman.refresh_from_db()
    assert woman.verdict_eligible is False
    check = _check(woman, "nd152.not_under_review")
    assert check["passed"] is False and check["clause"] == ARTICLE
    assert check["message"] == (
        "Chưa xét khen thưởng: đang bị xem xét kỷ luật hoặc đang thi hành kỷ luật từ ngày "
        "01/10/2025 (Quyết định 12/QĐ-UBND ngày 01/10/2025) "
        "(Điều 4 Nghị định 152/2025/NĐ-CP)."
    )
    event = DossierEvent.objects.get(dossier=dossier, action="restriction")
    assert event.by == reviewer and event.details["document"].startswith("Quyết định 12")
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Ghi trường hợp chưa xét khen thưởng (Điều 4 NĐ 152/2025)" in page  # history


def test_an_ended_case_no_longer_counts(users, filed_2025):
    dossier, woman, _group = filed_2025
    services.nominee_restriction_add(
        nominee=woman,
        by=users["reviewer"],
        kind=RestrictionKind.COMPLAINT,
        since=dt.date(2025, 8, 1),
        until=dt.date(2025, 9, 30),
        document="Thông báo 5/TB-UBND ngày 30/9/2025",
    )
    woman.refresh_from_db()
    assert woman.verdict_eligible is True


def test_recording_needs_its_document_and_a_reviewer(users, filed_2025):
    dossier, woman, _group = filed_2025
    with pytest.raises(services.Invalid) as refused:
        services.nominee_restriction_add(
            nominee=woman,
            by=users["reviewer"],
            kind=RestrictionKind.INSPECTION,
            since=dt.date(2025, 8, 1),
            until=None,
            document=" ",
        )
    assert "document" in refused.value.errors
    with pytest.raises(services.NotAllowed):
        services.nominee_restriction_add(
            nominee=woman,
            by=users["district_a"],
            kind=RestrictionKind.INSPECTION,
            since=dt.date(2025, 8, 1),
            until=None,
            document="Kết luận 3/KL-TTr",
        )


def test_priority_for_women_is_shown_to_reviewers(users, filed_2025, login):
    dossier, woman, group = filed_2025
    page = (
        login(users["reviewer"]).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    )
    assert f'data-priority="{woman.pk}"' in page
    assert "Ưu tiên: nữ (Điều 4 Nghị định 152/2025/NĐ-CP)" in page
    assert "Ưu tiên: tập thể có 75% nữ (Điều 4 Nghị định 152/2025/NĐ-CP)" in page
    screen = (
        login(users["appraiser"])
        .get(reverse("dossiers:transition", args=[dossier.pk, "appraise"]))
        .content.decode()
    )
    assert f'data-priority="{group.pk}"' in screen


def test_maternity_leave_reading_is_shown_where_the_reviewer_judges(users, filed_2025, login):
    """Điều 4 NĐ 152/2025: "thời gian nghỉ chế độ thai sản được tính …". No standard of
    the plan counts a period (years of work, consecutive years: III.2.2 judges amounts,
    criteria met and the reviewer's "tiêu biểu"), so the leave changes no verdict: the
    reading is shown beside the woman's verdict, on the dossier and the move screens."""
    dossier, woman, group = filed_2025
    page = (
        login(users["reviewer"]).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    )
    assert f'data-maternity="{woman.pk}"' in page and f'data-maternity="{group.pk}"' not in page
    assert "nghỉ chế độ thai sản được tính như thời gian công tác (Điều 4 Nghị định" in page
    assert "không làm thay đổi kết quả xét" in page
    screen = (
        login(users["appraiser"])
        .get(reverse("dossiers:transition", args=[dossier.pk, "appraise"]))
        .content.decode()
    )
    assert f'data-maternity="{woman.pk}"' in screen


def test_earlier_dossiers_are_not_judged_under_152(users, district_a):
    from tests.dossiers.support import add_person, plain_commune

    dossier = new_dossier(users["district_a"])  # 05/11/2024: 98/2023
    person = add_person(
        dossier,
        users["district_a"],
        "Hà Thị Mai",
        plain_commune(district_a),
        60_000_000,
        is_female=True,
    )
    assert all(c["rule"] != "nd152.not_under_review" for c in person.verdict_checks)
    from dossiers.templatetags.dossier_tags import maternity_reading

    assert maternity_reading(person, dossier) == ""  # 98/2023 has no such article
