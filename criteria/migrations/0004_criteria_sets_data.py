"""Criteria sets as data (2/3): the two national sets and their criteria.

- ``qd-318-2022``: Quyết định 318/QĐ-TTg ngày 08/3/2022, the 19 criteria of 2021–2025
  (the rows that were already here, ids 1–19 = numbers 1–19), in force until 14/02/2026.
- ``qd-51-2025``: Quyết định 51/2025/QĐ-TTg ngày 29/12/2025, in force from 15/02/2026,
  10 criteria for communes (new ids, after 19). Its 47 indicators are entered by an
  administrator in the app.
"""

import datetime as dt

from django.core.management.color import no_style
from django.db import migrations

SET_318 = {
    "code": "qd-318-2022",
    "name": "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025",
    "legal_basis": "Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ",
    "issued_on": dt.date(2022, 3, 8),
    "valid_from": None,
    "valid_to": dt.date(2026, 2, 14),
    "income_criterion": 10,
    "poverty_criterion": 11,
    "notes": (
        "Dùng cho cả các đánh giá trước năm 2022 (rà soát mốc 01/01/2021), cùng số thứ tự "
        "19 tiêu chí của giai đoạn 2016–2020. Hết áp dụng khi Quyết định 51/2025/QĐ-TTg "
        "có hiệu lực (15/02/2026)."
    ),
}
SET_51 = {
    "code": "qd-51-2025",
    "name": "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030",
    "legal_basis": "Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ",
    "issued_on": dt.date(2025, 12, 29),
    "valid_from": dt.date(2026, 2, 15),
    "valid_to": None,
    "income_criterion": None,
    "poverty_criterion": 6,
    "notes": (
        "10 tiêu chí, 47 chỉ tiêu; mỗi chỉ tiêu có mức đạt cho 3 nhóm xã (nhóm 1, nhóm 2, "
        "nhóm 3). Danh mục 47 chỉ tiêu do quản trị viên nhập. Thu nhập không còn là một "
        "tiêu chí riêng."
    ),
}
CRITERIA_51 = [
    (1, "Quy hoạch", "Quy hoạch"),
    (2, "Hạ tầng kinh tế - xã hội", "Hạ tầng KT-XH"),
    (3, "Phát triển kinh tế nông thôn", "Kinh tế nông thôn"),
    (4, "Đào tạo nguồn nhân lực nông thôn", "Nguồn nhân lực"),
    (5, "Văn hóa, giáo dục, y tế", "Văn hóa, GD, YT"),
    (6, "Giảm nghèo và an sinh xã hội", "Giảm nghèo, ASXH"),
    (7, "Khoa học công nghệ và chuyển đổi số", "KHCN, CĐS"),
    (8, "Môi trường và cảnh quan nông thôn", "Môi trường"),
    (9, "Xây dựng hệ thống chính trị và hành chính công", "Hệ thống chính trị"),
    (10, "Tiếp cận pháp luật và an ninh, quốc phòng", "Pháp luật, ANQP"),
]


def load(apps, schema_editor):
    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    Criterion = apps.get_model("criteria", "Criterion")
    connection = schema_editor.connection
    # The identity column added in 0003 starts at 1; move it past the 19 existing ids.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Criterion]):
            cursor.execute(sql)
    s318, _ = CriteriaSet.objects.update_or_create(code=SET_318["code"], defaults=SET_318)
    s51, _ = CriteriaSet.objects.update_or_create(code=SET_51["code"], defaults=SET_51)
    for criterion in Criterion.objects.filter(criteria_set__isnull=True):
        criterion.number = criterion.id
        criterion.criteria_set = s318
        criterion.save(update_fields=["number", "criteria_set"])
    for number, name, short in CRITERIA_51:
        Criterion.objects.update_or_create(
            criteria_set=s51, number=number, defaults={"name": name, "short_name": short}
        )


def unload(apps, schema_editor):
    """Back to 0003: only the 19 criteria (numbered by their ids) stay; fails while
    assessments point at the criteria of a later set (PROTECT)."""
    Criterion = apps.get_model("criteria", "Criterion")
    Indicator = apps.get_model("criteria", "Indicator")
    later = Criterion.objects.exclude(criteria_set__code=SET_318["code"])
    Indicator.objects.filter(criterion__in=later).delete()
    later.delete()


class Migration(migrations.Migration):
    dependencies = [("criteria", "0003_criteria_sets")]
    operations = [migrations.RunPython(load, unload)]
