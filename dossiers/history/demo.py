"""Demo awards lower levels made under their own authority (plan III.2.2.d), so that the
award history shows both sources: Giấy khen of UBND huyện Bạch Thông and Ba Bể recorded
by their staff, one of them for a commune the province awarded too."""

from __future__ import annotations

import datetime as dt

from emulation.models import User

from .models import LowerLevelAward
from .services import lower_award_record

AWARDS = {
    "bachthong": [
        ("collective", "Xã Đôn Phong", "", "112/QĐ-UBND", dt.date(2023, 12, 20),
         "Dẫn đầu phong trào hiến đất làm đường giao thông nông thôn"),
        ("household", "Hộ ông Hoàng Văn Đôn", "Thôn Nà Pài, xã Đôn Phong", "112/QĐ-UBND",
         dt.date(2023, 12, 20), "Hiến 300 m² đất làm đường liên thôn"),
        ("individual", "Lương Thị Hạnh", "Hội Phụ nữ xã Sĩ Bình", "98/QĐ-UBND",
         dt.date(2024, 11, 15), "Vận động hội viên góp công xây nhà văn hoá thôn"),
    ],
    "babe": [
        ("organization", "Hợp tác xã Nông nghiệp Nam Mẫu", "Xã Nam Mẫu", "205/QĐ-UBND",
         dt.date(2024, 12, 2), "Liên kết tiêu thụ sản phẩm OCOP cho 120 hộ"),
    ],
}  # fmt: skip


def seed(stdout=None) -> int:
    """Record the demo awards once (nothing when any lower award exists already)."""
    if LowerLevelAward.objects.exists():
        return 0
    made = 0
    for username, rows in AWARDS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for kind, name, unit, number, day, achievement in rows:
            lower_award_record(
                by=user,
                data={
                    "recipient_kind": kind,
                    "name": name,
                    "unit": unit,
                    "award_form": "giay_khen",
                    "decision_number": number,
                    "decision_date": day,
                    "achievement": achievement,
                },
            )
            made += 1
    if stdout is not None and made:
        stdout.write(f"Khen thưởng theo thẩm quyền của cấp dưới: {made}")
    return made
