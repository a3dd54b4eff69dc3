"""Ship the 19 criteria of Quyết định 318/QĐ-TTg as data."""

from django.db import migrations

CRITERIA = [
    (1, "Quy hoạch", "Quy hoạch"),
    (2, "Giao thông", "Giao thông"),
    (3, "Thủy lợi và phòng, chống thiên tai", "Thủy lợi"),
    (4, "Điện", "Điện"),
    (5, "Trường học", "Trường học"),
    (6, "Cơ sở vật chất văn hóa", "CSVC văn hóa"),
    (7, "Cơ sở hạ tầng thương mại nông thôn", "Hạ tầng thương mại"),
    (8, "Thông tin và Truyền thông", "TT&TT"),
    (9, "Nhà ở dân cư", "Nhà ở"),
    (10, "Thu nhập", "Thu nhập"),
    (11, "Nghèo đa chiều", "Nghèo đa chiều"),
    (12, "Lao động", "Lao động"),
    (13, "Tổ chức sản xuất và phát triển kinh tế nông thôn", "Tổ chức sản xuất"),
    (14, "Giáo dục và Đào tạo", "Giáo dục"),
    (15, "Y tế", "Y tế"),
    (16, "Văn hóa", "Văn hóa"),
    (17, "Môi trường và an toàn thực phẩm", "Môi trường"),
    (18, "Hệ thống chính trị và tiếp cận pháp luật", "Hệ thống chính trị"),
    (19, "Quốc phòng và An ninh", "Quốc phòng"),
]


def load(apps, schema_editor):
    Criterion = apps.get_model("criteria", "Criterion")
    for number, name, short in CRITERIA:
        Criterion.objects.update_or_create(
            number=number, defaults={"name": name, "short_name": short}
        )


class Migration(migrations.Migration):
    dependencies = [("criteria", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
