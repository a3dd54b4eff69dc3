"""The rule set's values: every threshold and every open reading of section III.2.2.

Pure Python. DEFAULT_VALUES are the plan's own figures (version 1 of the rule set).
VALUE_SPECS describe each value for the admin screen: a Vietnamese label, the
plan's clause, an explanation and, for readings, the choices with what each means.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .types import gettext_noop

# Kinds of value
VND = "vnd"  # whole đồng
COUNT = "count"  # a number of criteria (0-19)
YEAR = "year"
CHOICE = "choice"


@dataclass(frozen=True, slots=True)
class ValueSpec:
    key: str
    kind: str
    label: str
    clause: str
    help: str
    choices: tuple[tuple[str, str], ...] = ()
    reading: bool = False  # an open reading of the plan rather than a figure it states

    def choice_label(self, value: Any) -> str:
        for code, label in self.choices:
            if code == value:
                return label
        return str(value)


VALUE_SPECS: tuple[ValueSpec, ...] = (
    ValueSpec(
        "organization_infrastructure_min",
        VND,
        gettext_noop("Tổ chức, doanh nghiệp: mức đóng góp xây dựng hạ tầng nông thôn"),
        "III.2.2.a",
        gettext_noop("Đóng góp trong xây dựng cơ sở hạ tầng nông thôn trị giá từ mức này trở lên."),
    ),
    ValueSpec(
        "person_contribution_min",
        VND,
        gettext_noop("Cá nhân, gia đình: mức đóng góp công sức, đất đai, tài sản"),
        "III.2.2.a",
        gettext_noop("Quy tiền theo đơn giá địa phương, trị giá từ mức này trở lên."),
    ),
    ValueSpec(
        "person_contribution_min_dbkk",
        VND,
        gettext_noop("Cá nhân, gia đình ở xã, thôn ĐBKK: mức đóng góp"),
        "III.2.2.a",
        gettext_noop(
            "Mức đóng góp áp dụng cho cá nhân, gia đình thuộc xã, thôn đặc biệt khó khăn; "
            "không được cao hơn mức chung."
        ),
    ),
    ValueSpec(
        "person_mobilized_min",
        VND,
        gettext_noop("Cá nhân, gia đình: giá trị công trình công cộng trực tiếp vận động"),
        "III.2.2.a",
        gettext_noop(
            "Hoặc trực tiếp vận động Nhân dân đóng góp xây dựng công trình công cộng "
            "trị giá từ mức này trở lên."
        ),
    ),
    ValueSpec(
        "person_own_min",
        VND,
        gettext_noop("Cá nhân, gia đình vận động: phần tự đóng góp đất đai, tài sản"),
        "III.2.2.a",
        gettext_noop(
            "Trong công trình vận động, cá nhân (gia đình) tự đóng góp từ mức này trở lên."
        ),
    ),
    ValueSpec(
        "person_own_min_dbkk",
        VND,
        gettext_noop("Cá nhân, gia đình vận động ở xã, thôn ĐBKK: phần tự đóng góp"),
        "III.2.2.a",
        gettext_noop(
            "Phần tự đóng góp áp dụng cho xã, thôn đặc biệt khó khăn; không được cao hơn mức chung."
        ),
    ),
    ValueSpec(
        "midterm_exemplary_new_min",
        COUNT,
        gettext_noop("Sơ kết — xã tiêu biểu: số tiêu chí đạt mới tối thiểu"),
        "III.2.2.b",
        gettext_noop(
            "Từ năm 2021 đến ngày có văn bản chỉ đạo sơ kết, xã đạt mới từ số này trở lên."
        ),
    ),
    ValueSpec(
        "midterm_effort_new_min",
        COUNT,
        gettext_noop("Sơ kết — xã ĐBKK nỗ lực vươn lên: số tiêu chí tăng mới tối thiểu"),
        "III.2.2.b",
        gettext_noop(
            "Từ năm 2021 đến ngày có văn bản chỉ đạo sơ kết, xã tăng mới từ số này trở lên."
        ),
    ),
    ValueSpec(
        "final_exemplary_new_min",
        COUNT,
        gettext_noop("Tổng kết — xã tiêu biểu: số tiêu chí đạt mới tối thiểu"),
        "III.2.2.c",
        gettext_noop(
            "Từ năm 2021 đến ngày có văn bản chỉ đạo tổng kết, xã đạt mới từ số này trở lên."
        ),
    ),
    ValueSpec(
        "final_effort_new_min",
        COUNT,
        gettext_noop("Tổng kết — xã ĐBKK nỗ lực vươn lên: số tiêu chí tăng mới tối thiểu"),
        "III.2.2.c",
        gettext_noop(
            "Từ năm 2021 đến ngày có văn bản chỉ đạo tổng kết, xã tăng mới từ số này trở lên."
        ),
    ),
    ValueSpec(
        "final_since_midterm_min",
        COUNT,
        gettext_noop("Tổng kết — xã đã được khen khi sơ kết: số tiêu chí đạt thêm tối thiểu"),
        "III.2.2.c",
        gettext_noop(
            "Xã đã được khen thưởng khi sơ kết phải đạt thêm ít nhất số tiêu chí này "
            "so với lúc sơ kết."
        ),
    ),
    ValueSpec(
        "midterm_income_poverty",
        CHOICE,
        gettext_noop("Sơ kết — tiêu chí Thu nhập, Hộ nghèo"),
        "III.2.2.b",
        gettext_noop("Kế hoạch ghi “có tiêu chí Thu nhập hoặc Hộ nghèo” cho sơ kết."),
        choices=(
            ("or", gettext_noop("Thu nhập hoặc Hộ nghèo (một trong hai)")),
            ("and", gettext_noop("Thu nhập và Hộ nghèo (cả hai)")),
        ),
    ),
    ValueSpec(
        "final_income_poverty",
        CHOICE,
        gettext_noop("Tổng kết — tiêu chí Thu nhập, Hộ nghèo"),
        "III.2.2.c",
        gettext_noop("Kế hoạch ghi “có tiêu chí Thu nhập và Hộ nghèo” cho tổng kết."),
        choices=(
            ("or", gettext_noop("Thu nhập hoặc Hộ nghèo (một trong hai)")),
            ("and", gettext_noop("Thu nhập và Hộ nghèo (cả hai)")),
        ),
    ),
    ValueSpec(
        "income_poverty_among",
        CHOICE,
        gettext_noop("Cách hiểu: “trong các tiêu chí đã đạt có tiêu chí Thu nhập, Hộ nghèo”"),
        "III.2.2.b, III.2.2.c",
        gettext_noop(
            "Kế hoạch không nói rõ “các tiêu chí đã đạt” là mọi tiêu chí xã đạt tại ngày xét "
            "hay chỉ các tiêu chí đạt mới từ năm 2021. Mặc định: mọi tiêu chí đạt tại ngày xét."
        ),
        choices=(
            ("met_now", gettext_noop("Mọi tiêu chí đạt tại ngày xét")),
            ("newly_met", gettext_noop("Chỉ các tiêu chí đạt mới từ năm 2021")),
        ),
        reading=True,
    ),
    ValueSpec(
        "newly_met_reading",
        CHOICE,
        gettext_noop("Cách hiểu: “đạt mới / tăng mới từ năm 2021”"),
        "III.2.2.b, III.2.2.c",
        gettext_noop(
            "Mặc định: tiêu chí đạt tại ngày xét mà chưa đạt tại ngày 01/01/2021. Cách khác: "
            "số tiêu chí đạt tại ngày xét trừ số tiêu chí đạt ngày 01/01/2021 (tiêu chí bị mất "
            "được trừ đi). Cách hiểu này cũng dùng cho “đạt thêm từ khi sơ kết”."
        ),
        choices=(
            (
                "not_in_baseline",
                gettext_noop("Tiêu chí đạt tại ngày xét, chưa đạt ngày 01/01/2021"),
            ),
            ("net_increase", gettext_noop("Số tiêu chí tăng thêm (trừ tiêu chí bị mất)")),
        ),
        reading=True,
    ),
    ValueSpec(
        "capital_debt_rounds",
        CHOICE,
        gettext_noop("Cách hiểu: lưu ý “xã không nợ đọng xây dựng cơ bản”"),
        "III.2.2.c",
        gettext_noop(
            "Lưu ý này được viết dưới mục tổng kết. Mặc định chỉ áp dụng khi tổng kết; "
            "có thể áp dụng cho mọi đợt khen thưởng xã."
        ),
        choices=(
            ("final", gettext_noop("Chỉ khi tổng kết")),
            ("all", gettext_noop("Mọi đợt (hàng năm, sơ kết, tổng kết)")),
        ),
        reading=True,
    ),
    ValueSpec(
        "near_miss_criteria",
        COUNT,
        gettext_noop("Danh sách “suýt đạt”: thiếu tối đa bao nhiêu tiêu chí"),
        "",
        gettext_noop(
            "Không phải tiêu chuẩn khen thưởng: trang “Ai đủ điều kiện” liệt kê xã, huyện "
            "chỉ thiếu từ số tiêu chí (hoặc số xã) này trở xuống để huyện không bỏ sót."
        ),
    ),
    ValueSpec(
        "successor_reading",
        CHOICE,
        gettext_noop("Cách hiểu: xã mới thành lập trong giai đoạn (sắp xếp đơn vị hành chính)"),
        "III.2.2.b, III.2.2.c",
        gettext_noop(
            "Xã, phường mới thành lập sau mốc so sánh của kế hoạch (ví dụ từ 01/7/2025) không "
            "có hồ sơ tiêu chí cả giai đoạn; kế hoạch không nói xét theo số liệu nào. Số liệu "
            "của các đơn vị trước sắp xếp luôn được hiển thị cùng kết quả xét. Mặc định: "
            "thẩm định viên đánh giá."
        ),
        choices=(
            ("appraiser", gettext_noop("Thẩm định viên đánh giá (chờ thẩm định)")),
            (
                "best_predecessor",
                gettext_noop("Theo đơn vị trước sắp xếp có kết quả tốt nhất"),
            ),
            ("own_records", gettext_noop("Theo hồ sơ tiêu chí của chính đơn vị mới")),
        ),
        reading=True,
    ),
)

SPECS_BY_KEY: dict[str, ValueSpec] = {s.key: s for s in VALUE_SPECS}

DEFAULT_VALUES: Mapping[str, Any] = {
    "organization_infrastructure_min": 200_000_000,
    "person_contribution_min": 50_000_000,
    "person_contribution_min_dbkk": 40_000_000,
    "person_mobilized_min": 100_000_000,
    "person_own_min": 20_000_000,
    "person_own_min_dbkk": 15_000_000,
    "midterm_exemplary_new_min": 4,
    "midterm_effort_new_min": 3,
    "final_exemplary_new_min": 5,
    "final_effort_new_min": 4,
    "final_since_midterm_min": 2,
    "midterm_income_poverty": "or",
    "final_income_poverty": "and",
    "income_poverty_among": "met_now",
    "newly_met_reading": "not_in_baseline",
    "capital_debt_rounds": "final",
    "near_miss_criteria": 1,
    "successor_reading": "appraiser",
}

assert set(DEFAULT_VALUES) == set(SPECS_BY_KEY)  # import-time consistency

# ĐBKK value -> the general value it must not exceed.
DBKK_PAIRS: tuple[tuple[str, str], ...] = (
    ("person_contribution_min_dbkk", "person_contribution_min"),
    ("person_own_min_dbkk", "person_own_min"),
)

MAX_VND = 10_000_000_000_000


def validate_values(values: Mapping[str, Any]) -> dict[str, str]:
    """Errors by key (Vietnamese) for a complete set of values; {} when valid."""
    errors: dict[str, str] = {}
    for spec in VALUE_SPECS:
        if spec.key not in values:
            errors[spec.key] = "Thiếu giá trị."
            continue
        v = values[spec.key]
        if spec.kind == CHOICE:
            if v not in {c for c, _ in spec.choices}:
                errors[spec.key] = "Giá trị không thuộc các lựa chọn."
            continue
        if isinstance(v, bool) or not isinstance(v, int):
            errors[spec.key] = "Phải là số nguyên."
        elif spec.kind == VND and not 0 <= v <= MAX_VND:
            errors[spec.key] = "Số tiền phải không âm và không quá 10.000 tỷ đồng."
        elif spec.kind == COUNT and not 0 <= v <= 19:
            errors[spec.key] = "Số tiêu chí phải từ 0 đến 19."
    for dbkk, general in DBKK_PAIRS:
        if dbkk in errors or general in errors:
            continue
        if values[dbkk] > values[general]:
            errors[dbkk] = "Mức cho xã, thôn ĐBKK không được cao hơn mức chung."
    return errors
