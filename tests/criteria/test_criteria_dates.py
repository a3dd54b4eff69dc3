"""The date logic of criteria: state at a date, newly met, lost and regained, corrections."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from criteria.models import Assessment, Recognition
from criteria.services import (
    assessment_correct,
    assessment_record,
    criteria_baseline,
    criteria_met_on,
    newly_met,
    newly_met_many,
    recognition_record,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date


def record(commune, n, day, met, by):
    return assessment_record(commune=commune, criterion_number=n, assessed_on=day, met=met, by=by)


def test_state_at_a_date_and_newly_met(users, commune_a):
    by = users["district_a"]
    for n in (1, 4, 8, 19):
        record(commune_a, n, D(2020, 12, 15), True, by)
    record(commune_a, 10, D(2020, 12, 15), False, by)
    record(commune_a, 10, D(2022, 3, 1), True, by)
    record(commune_a, 2, D(2023, 5, 20), True, by)
    code = commune_a.code
    assert criteria_baseline(commune_codes=[code])[code] == {1, 4, 8, 19}
    assert criteria_met_on(commune_codes=[code], on=D(2022, 2, 28))[code] == {1, 4, 8, 19}
    assert criteria_met_on(commune_codes=[code], on=D(2022, 3, 1))[code] == {1, 4, 8, 10, 19}
    assert newly_met(commune_code=code, end=D(2023, 5, 19)) == {10}
    assert newly_met(commune_code=code, end=D(2023, 12, 31)) == {2, 10}
    assert newly_met(commune_code=code, start=D(2022, 6, 1), end=D(2023, 12, 31)) == {2}
    # a commune with no rows met nothing, and is still in the answer
    assert criteria_met_on(commune_codes=["01975"], on=D(2023, 1, 1)) == {"01975": frozenset()}


def test_lost_then_regained(users, commune_a):
    by = users["district_a"]
    code = commune_a.code
    record(commune_a, 11, D(2020, 6, 1), True, by)
    record(commune_a, 11, D(2022, 6, 30), False, by)
    record(commune_a, 11, D(2023, 12, 15), True, by)
    assert 11 in criteria_met_on(commune_codes=[code], on=D(2022, 6, 29))[code]
    assert 11 not in criteria_met_on(commune_codes=[code], on=D(2022, 6, 30))[code]
    assert 11 in criteria_met_on(commune_codes=[code], on=D(2023, 12, 15))[code]
    # met at the baseline, so regaining it is not "newly met"
    assert newly_met(commune_code=code, end=D(2024, 1, 1)) == set()
    assert newly_met(commune_code=code, start=D(2022, 12, 31), end=D(2024, 1, 1)) == {11}


def test_correction_keeps_history_and_changes_the_state(users, commune_a):
    by = users["district_a"]
    code = commune_a.code
    wrong = record(commune_a, 13, D(2022, 4, 1), True, by)
    fixed = assessment_correct(
        assessment=wrong, met=False, note="Nhầm: chưa có văn bản thẩm định", by=by
    )
    wrong.refresh_from_db()
    assert wrong.replaced_by == fixed
    assert Assessment.objects.filter(commune=commune_a, criterion_id=13).count() == 2
    assert 13 not in criteria_met_on(commune_codes=[code], on=D(2023, 1, 1))[code]
    # a correction can move the date too
    later = assessment_correct(assessment=fixed, assessed_on=D(2022, 9, 1), met=True, by=by)
    assert 13 not in criteria_met_on(commune_codes=[code], on=D(2022, 8, 31))[code]
    assert 13 in criteria_met_on(commune_codes=[code], on=D(2022, 9, 1))[code]
    assert later.note == ""
    with pytest.raises(ValidationError):
        assessment_correct(assessment=wrong, met=True, by=by)  # already corrected


def test_same_day_second_row_is_refused(users, commune_a):
    by = users["district_a"]
    record(commune_a, 5, D(2022, 1, 10), True, by)
    with pytest.raises(ValidationError):
        record(commune_a, 5, D(2022, 1, 10), False, by)
    with pytest.raises(ValidationError):
        record(commune_a, 20, D(2022, 1, 10), False, by)
    with pytest.raises(ValidationError):
        record(commune_a, 6, dt.date.today() + dt.timedelta(days=1), True, by)


@pytest.mark.parametrize("role", ["district_b", "reviewer", "appraiser", "admin", "agency"])
def test_only_the_communes_district_records(users, commune_a, role):
    with pytest.raises(PermissionDenied):
        record(commune_a, 1, D(2022, 1, 1), True, users[role])
    row = record(commune_a, 1, D(2022, 1, 1), True, users["district_a"])
    with pytest.raises(PermissionDenied):
        assessment_correct(assessment=row, met=False, by=users[role])
    assert Assessment.objects.filter(commune=commune_a).count() == 1


def test_recognition_levels_in_order(users, commune_a):
    by = users["district_a"]
    kwargs = {"decision_number": "12/QĐ-UBND", "issuing_body": "UBND tỉnh", "by": by}
    with pytest.raises(ValidationError):
        recognition_record(
            commune=commune_a, level="advanced", decision_date=D(2023, 1, 1), **kwargs
        )
    recognition_record(commune=commune_a, level="ntm", decision_date=D(2022, 1, 1), **kwargs)
    with pytest.raises(ValidationError):
        recognition_record(commune=commune_a, level="ntm", decision_date=D(2022, 2, 1), **kwargs)
    recognition_record(commune=commune_a, level="advanced", decision_date=D(2023, 1, 1), **kwargs)
    assert Recognition.objects.filter(commune=commune_a).count() == 2


def test_many_communes_in_one_query(users, district_a, django_assert_num_queries):
    by = users["district_a"]
    communes = list(district_a.communes.order_by("code"))
    for i, commune in enumerate(communes):
        record(commune, 1 + i % 19, D(2021, 6, 1), True, by)
    codes = [c.code for c in communes]
    with django_assert_num_queries(1):
        state = criteria_met_on(commune_codes=codes, on=D(2022, 1, 1))
    assert all(state[c.code] == {1 + i % 19} for i, c in enumerate(communes))
    with django_assert_num_queries(2):
        newly = newly_met_many(commune_codes=codes, end=D(2022, 1, 1))
    assert newly == state
