"""Made-up documents of realistic size, for the benchmark and the layout tests.

The names are invented; they carry every kind of Vietnamese letter the
documents must print (ă â ê ô ơ ư đ with all five tones).
"""

from __future__ import annotations

import datetime as dt

from .content import NomineeGroup, NomineeLine, ProposalLetter
from .legal import ND98, Plan
from .official import DocumentHead, Signer

FAMILY = ["Nguyễn", "Hoàng", "Nông", "Triệu", "Đàm", "Lục", "Hà", "Ma", "Lường", "Bế"]
MIDDLE = ["Văn", "Thị", "Đức", "Thị Thu", "Quốc", "Ngọc"]
GIVEN = ["Ân", "Bằng", "Cường", "Dũng", "Hạnh", "Hương", "Khải", "Lợi", "Mến", "Nhật", "Ước", "Yến"]
COMMUNES = ["Quang Thuận", "Cẩm Giàng", "Dương Phong", "Đôn Phong", "Mỹ Thanh", "Nguyên Phúc"]
VILLAGES = ["Nà Pài", "Bản Cáu", "Khuổi Dạn", "Phiêng Lầu", "Nà Cà", "Cốc Lùng"]


def person_name(i: int) -> str:
    honorific = "Bà" if MIDDLE[i % len(MIDDLE)].startswith("Thị") else "Ông"
    family = FAMILY[i % len(FAMILY)]
    middle = MIDDLE[(i // 3) % len(MIDDLE)]
    given = GIVEN[(i * 7) % len(GIVEN)]
    return f"{honorific} {family} {middle} {given}"


# Bắc Kạn's plan, as the samples are set in Bắc Kạn (no database needed).
SAMPLE_PLAN = Plan(
    movement_name="Bắc Kạn chung sức xây dựng nông thôn mới",
    issuer="Ủy ban nhân dân tỉnh Bắc Kạn",
    area="tỉnh Bắc Kạn",
)


def sample_head(*, number: int | None = 5, date: dt.date | None = None) -> DocumentHead:
    return DocumentHead(
        issuing_body="Ủy ban nhân dân\nhuyện Bạch Thông",
        superior_body="UBND tỉnh Bắc Kạn",
        symbol="TTr-UBND",
        number=number,
        place="Bạch Thông",
        date=date or dt.date(2024, 1, 5),
        doc_type="TỜ TRÌNH",
        summary=(
            "Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho các tập thể, "
            f"cá nhân có thành tích trong {SAMPLE_PLAN.movement} năm 2023"
        ),
        addressees=[f"Chủ tịch {SAMPLE_PLAN.issuer}"],
        recipients=[
            "Như trên",
            "Ban Thi đua - Khen thưởng, Sở Nội vụ",
            "Văn phòng Điều phối nông thôn mới tỉnh",
            "CT, các PCT UBND huyện",
            "Lưu: VT, NV",
        ],
        signer=Signer(
            authority="TM. ỦY BAN NHÂN DÂN",
            deputy="KT. CHỦ TỊCH",
            title="PHÓ CHỦ TỊCH",
            name="Hoàng Văn Ước",
        ),
    )


def sample_proposal(nominees: int = 50) -> ProposalLetter:
    """A proposal letter with ``nominees`` nominees in three groups."""
    communes = NomineeGroup("Xã đạt chuẩn nông thôn mới năm 2023", collective=True)
    people = NomineeGroup(
        "Cá nhân, hộ gia đình có đóng góp xây dựng nông thôn mới", collective=False
    )
    orgs = NomineeGroup(
        "Doanh nghiệp, tổ chức đóng góp xây dựng kết cấu hạ tầng nông thôn", collective=True
    )
    for i in range(nominees):
        commune = COMMUNES[i % len(COMMUNES)]
        if i % 10 == 0:
            communes.nominees.append(
                NomineeLine(
                    name=f"Xã {commune}",
                    address="",
                    achievement=(
                        "Đạt chuẩn nông thôn mới năm 2023 (Quyết định số 1234/QĐ-UBND ngày "
                        "15/12/2023 của UBND tỉnh); đạt 19/19 tiêu chí, thu nhập bình quân "
                        "đầu người 42,5 triệu đồng/năm."
                    ),
                )
            )
        elif i % 10 == 1:
            orgs.nominees.append(
                NomineeLine(
                    name=f"Hợp tác xã Nông nghiệp {commune}",
                    address=f"xã {commune}",
                    achievement="Đóng góp xây dựng đường giao thông nông thôn, nhà văn hóa thôn.",
                    amount=200_000_000 + 5_000_000 * i,
                )
            )
        else:
            people.nominees.append(
                NomineeLine(
                    name=person_name(i),
                    address=f"thôn {VILLAGES[i % len(VILLAGES)]}, xã {commune}",
                    achievement=(
                        "Hiến đất làm đường giao thông nông thôn, đóng góp ngày công và vật "
                        "liệu xây dựng nhà văn hóa thôn."
                    ),
                    amount=45_000_000 + 1_000_000 * i,
                )
            )
    return ProposalLetter(
        head=sample_head(),
        basis=ND98,
        plan=SAMPLE_PLAN,
        proposer="Ủy ban nhân dân huyện Bạch Thông",
        round_phrase="năm 2023",
        groups=[g for g in (communes, orgs, people) if g.nominees],
        council_date=dt.date(2023, 12, 28),
        attachments=[
            "báo cáo tóm tắt thành tích của các tập thể, cá nhân",
            "biên bản họp Hội đồng Thi đua - Khen thưởng huyện",
        ],
    )
