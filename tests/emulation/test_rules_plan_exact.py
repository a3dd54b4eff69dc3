"""The plan read exactly (issue 14, part 1): each test quotes the clause it checks.

Pure rules core: no database."""

from __future__ import annotations

import pytest

from emulation.rules import evaluate

pytestmark = pytest.mark.unit

M = 1_000_000


def _rule(verdict, code):
    (found,) = [c for c in verdict.checks if c.rule == code]
    return found


# III.2.2.b: "Cá nhân, gia đình trong giai đoạn có nhiều đóng góp công sức, đất đai, tài
# sản (như khen thưởng hàng năm) hoặc trí tuệ (sáng chế, sáng kiến) cho xây dựng nông thôn
# mới tiêu biểu của huyện"; III.2.2.c: "Tập thể, cá nhân, gia đình ... có nhiều đóng góp
# cho xây dựng nông thôn mới tiêu biểu của huyện. Tiêu chuẩn xét khen thưởng như tiêu
# chuẩn sơ kết giai đoạn."
@pytest.mark.parametrize("rnd, clause", [("midterm", "III.2.2.b"), ("final", "III.2.2.c")])
@pytest.mark.parametrize("attested, expected", [(None, None), (True, True), (False, False)])
def test_person_must_be_among_the_districts_exemplary(rnd, clause, attested, expected):
    case = {
        "round": rnd,
        "title": "person_contribution",
        "extremely_difficult": False,
        "contribution_value": 80 * M,  # the annual amount is met
        "attested": attested,
    }
    v = evaluate(case)
    assert v.eligible is expected  # not judged → pending; judged no → not eligible
    check = _rule(v, "person.district_exemplary")
    assert check.judged and check.clause == clause
    assert "tiêu biểu của huyện" in check.message


def test_annual_person_needs_no_district_judgement():
    # III.2.2.a sets amounts only: "Cá nhân, gia đình có đóng góp công sức, đất đai, tài sản
    # ... trị giá từ 50 triệu đồng trở lên"
    v = evaluate(
        {
            "round": "annual",
            "year": 2022,
            "title": "person_contribution",
            "extremely_difficult": False,
            "contribution_value": 50 * M,
        }
    )
    assert v.eligible is True
    assert all(c.rule != "person.district_exemplary" for c in v.checks)


# III.2.2.b: "Khen thưởng sơ kết Phong trào thi đua (tổ chức vào năm 2023)"; III.2.2.c
# "Khen thưởng tổng kết Phong trào thi đua (tổ chức vào năm 2025)"; the contract: "a case
# may repeat them, and a different year is an error".
@pytest.mark.parametrize("rnd, good, bad", [("midterm", 2023, 2024), ("final", 2025, 2023)])
def test_a_case_year_cannot_move_the_review_rounds(rnd, good, bad):
    case = {
        "round": rnd,
        "title": "district_completed",
        "completed_year": good,
    }
    assert evaluate({**case, "year": good}).eligible is True
    assert evaluate(case).eligible is True
    v = evaluate({**case, "completed_year": bad, "year": bad})
    assert v.eligible is None and v.error.startswith("year:")
    assert f"năm {good}, không phải năm {bad}" in v.error


# Contract: "the award year (annual), inside the plan's period (2021–2025), else an error"
# (the plan: "giai đoạn 2021 - 2025").
@pytest.mark.parametrize("year, ok", [(2020, False), (2021, True), (2025, True), (2026, False)])
def test_annual_year_inside_the_plan_period(year, ok):
    v = evaluate(
        {"round": "annual", "year": year, "title": "district_completed", "completed_year": year}
    )
    if ok:
        assert v.error is None and v.eligible is True
    else:
        assert v.error == f"year: năm {year} ngoài thời gian của kế hoạch (2021–2025)"


# III.2.2.c "Lưu ý: Đối với các xã được đề nghị các cấp khen thưởng phải là xã không nợ
# đọng xây dựng cơ bản trong xây dựng nông thôn mới." No record is not "no debt": the
# check waits for the appraiser, who states the fact (settle).
def test_unknown_debt_is_a_pending_check_the_appraiser_settles():
    case = {
        "round": "final",
        "title": "commune_recognized",
        "recognition": {"level": "ntm", "year": 2025},
        "capital_debt": None,
    }
    v = evaluate(case)
    assert v.eligible is None
    check = _rule(v, "commune.no_capital_debt")
    assert check.passed is None and check.settle == "capital_debt" and not check.judged
    assert check.message == (
        "Chưa có số liệu nợ đọng xây dựng cơ bản của xã năm 2025; chờ cơ quan thẩm định xác nhận."
    )
    assert v.as_dict()["checks"][-1]["settle"] == "capital_debt"
    assert evaluate({**case, "capital_debt": False}).eligible is True
    assert evaluate({**case, "capital_debt": True}).eligible is False


def test_district_unknown_debt_is_pending_too():
    # III.2.2.c (huyện): "+ Là địa phương không nợ đọng xây dựng cơ bản trong xây dựng nông
    # thôn mới."
    v = evaluate(
        {
            "round": "final",
            "title": "district_outstanding",
            "communes_recognized": 5,
            "communes_planned": 5,
            "capital_debt": None,
            "attested": True,
        }
    )
    assert v.eligible is None
    assert _rule(v, "district.no_capital_debt").settle == "capital_debt"


# III.2.2.b: "trong các tiêu chí đã đạt có tiêu chí Thu nhập hoặc Hộ nghèo": the message
# says which are there in correct Vietnamese (never "có không có").
def test_income_poverty_message_reads_correctly():
    v = evaluate(
        {
            "round": "midterm",
            "title": "commune_exemplary",
            "criteria_baseline": [1],
            "criteria_now": [1, 2, 3, 4, 5],
        }
    )
    message = _rule(v, "commune.income_poverty").message
    assert "có không có" not in message
    assert message == (
        "Yêu cầu Thu nhập (10) hoặc Hộ nghèo (11) trong các tiêu chí đã đạt: "
        "không có tiêu chí nào trong hai tiêu chí này, chưa đạt yêu cầu."
    )
    assert "[" not in message and "frozenset" not in message


# III.1: "các hộ gia đình, các cá nhân trong và ngoài tỉnh"; III.2.2.a: "(đối với cá
# nhân, gia đình thuộc các xã, thôn đặc biệt khó khăn đóng góp từ 40 triệu đồng trở lên)".
# A nominee from outside the province: ĐBKK declared, not yet attested (null).
@pytest.mark.parametrize(
    "value, expected, settle",
    [(50 * M, True, None), (45 * M, None, "extremely_difficult"), (39 * M, False, None)],
)
def test_outside_province_dbkk_not_yet_attested(value, expected, settle):
    v = evaluate(
        {
            "round": "annual",
            "year": 2024,
            "title": "person_contribution",
            "extremely_difficult": None,
            "contribution_value": value,
        }
    )
    assert v.error is None and v.eligible is expected
    check = _rule(v, "person.contribution")
    assert check.settle == settle
    if settle:
        assert "chờ cơ quan thẩm định xác nhận" in check.message


# Nghị định 152/2025/NĐ-CP, Điều 4 (dossiers filed from 1/7/2025): no award while the
# person is under discipline, inspection or complaint review.
def test_under_review_is_not_eligible_citing_the_article():
    case = {
        "round": "annual",
        "year": 2025,
        "title": "person_contribution",
        "extremely_difficult": False,
        "contribution_value": 60 * M,
    }
    assert all(c.rule != "nd152.not_under_review" for c in evaluate(case).checks)
    clear = evaluate({**case, "under_review": []})
    assert clear.eligible is True
    assert _rule(clear, "nd152.not_under_review").clause == "Nghị định 152/2025/NĐ-CP, Điều 4"
    held = evaluate(
        {**case, "under_review": ["đang thi hành kỷ luật (Quyết định 12/QĐ-UBND ngày 01/8/2025)"]}
    )
    assert held.eligible is False
    message = _rule(held, "nd152.not_under_review").message
    assert message == (
        "Chưa xét khen thưởng: đang thi hành kỷ luật (Quyết định 12/QĐ-UBND ngày 01/8/2025) "
        "(Điều 4 Nghị định 152/2025/NĐ-CP)."
    )
    assert "[" not in message
    assert evaluate({**case, "under_review": "x"}).error.startswith("under_review:")
