"""Demo dossiers (DEMO DATA): every round in every state, so each demo account finds
work waiting for it. They are made through the services, so their history,
verdicts and notifications are real. Runs once: if any dossier exists, nothing is done.

    bachthong  annual draft (one nominee short of the threshold), a returned mid-term
               dossier, a decided annual one
    babe       annual dossier submitted          -> bantdkt: "chờ tiếp nhận"
    nari       annual dossier received           -> vpdp: "chờ thẩm định NTM"
    chodon     annual and final dossiers appraised -> bantdkt: "chờ duyệt"
    chomoi     final dossier approved            -> bantdkt: "chờ ghi quyết định"
    nganson    mid-term dossier decided
    pacnam     a withdrawn draft and a new draft
    tpbackan   annual 2022 decided, annual draft
    sonn       final dossier submitted, mid-term draft
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from communes.models import Commune, Village
from criteria.models import Recognition
from emulation.demo import DEMO_PLAN_2026
from emulation.models import Agency, Plan, User
from emulation.money import format_vnd

from . import numbering, services, verdicts
from .models import AttachmentKind, Dossier, Nominee, NomineeKind
from .numbering import agency_abbreviation

PEOPLE = [
    "Hoàng Văn Páo",
    "Lý Thị Mai",
    "Nông Văn Dũng",
    "Triệu Thị Hoa",
    "Ma Văn Tám",
    "Hà Thị Lan",
    "Lục Văn Sinh",
    "Đinh Thị Bình",
    "Bàn Văn Lợi",
    "Sầm Văn Tư",
    "Vi Thị Hạnh",
    "Dương Văn Khánh",
]

# The nominees that are neither people, enterprises nor communes, by a short key; an
# agency is named by its code.
OTHER_NOMINEES: dict[str, dict] = {
    "farmers_union": {
        "kind": NomineeKind.COLLECTIVE,
        "title": "collective_outstanding",
        "name": "Hội Nông dân xã (dữ liệu thử nghiệm)",
        "achievements": "Vận động hội viên hiến 12.000 m² đất làm đường.",
    },
    "agriculture_department": {
        "kind": NomineeKind.AGENCY,
        "title": "agency_outstanding",
        "agency": "so-nn-ptnt",
        "achievements": "Ban hành đúng tiến độ các văn bản hướng dẫn tiêu chí NTM.",
    },
    "deputy_head": {
        "kind": NomineeKind.OFFICIAL,
        "title": "official_outstanding",
        "name": "Đặng Văn Hùng",
        "job_title": "Phó Chi cục trưởng Chi cục Phát triển nông thôn",
        "achievements": "Trực tiếp hướng dẫn 12 xã hoàn thành tiêu chí Sản xuất.",
    },
    "rural_development_office": {
        "kind": NomineeKind.COLLECTIVE,
        "title": "collective_outstanding",
        "name": "Chi cục Phát triển nông thôn",
        "achievements": "Hướng dẫn, hỗ trợ các địa phương xây dựng NTM.",
    },
}


def demo_pdf(title: str) -> bytes:
    """A small valid one-page PDF (ASCII text: the base fonts have no Vietnamese)."""
    text = title.encode("ascii", "replace").decode()
    stream = f"BT /F1 14 Tf 72 760 Td (DEMO - {text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _upload(name: str, title: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf(title), content_type="application/pdf")


def _data(**values) -> dict:
    data: dict[str, object] = {name: None for name in services.NOMINEE_INPUT_FIELDS}
    data.update({name: "" for name in services.TEXT_FIELDS})
    data.update(values)
    return data


class _Demo:
    def __init__(self):
        self.reviewer = User.objects.get(username="bantdkt")
        self.appraiser = User.objects.get(username="vpdp")
        self.people = iter(PEOPLE * 4)
        self.count = 0

    def user(self, username: str) -> User:
        return User.objects.get(username=username)

    def dossier(self, user, round: str, year: int | None, date: dt.date, number: int):  # noqa: A002
        # A tờ trình: "05/TTr-UBND" of a UBND, "05/TTr-SNNPTNT" of an agency.
        issuer = agency_abbreviation(user.agency) if user.agency_id else "UBND"
        self.count += 1
        return services.dossier_create(
            by=user,
            round=round,
            year=year,
            document_number=f"{number:02d}/{numbering.symbol(numbering.TO_TRINH, issuer)}",
            document_date=date,
            summary="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh (dữ liệu thử nghiệm)",
        )

    def communes(self, user, dbkk: bool) -> Commune | None:
        if user.commune_id:  # commune staff (from 1/7/2025): their own commune
            return user.commune
        return (
            Commune.objects.filter(district_id=user.district_id, extremely_difficult=dbkk)
            .order_by("code")
            .first()
            or Commune.objects.filter(district_id=user.district_id).order_by("code").first()
        )

    def nominee(self, dossier, user, kind: str, title: str, achievements: str, **values):
        """Add a nominee through the service, as the form does (other fields left empty)."""
        data = _data(kind=kind, title=title, achievements=achievements, **values)
        return services.nominee_save(dossier=dossier, by=user, data=data)

    def other(self, dossier, user, key: str) -> Nominee:
        """Add one of :data:`OTHER_NOMINEES`."""
        values = dict(OTHER_NOMINEES[key])
        if "agency" in values:
            values["agency"] = Agency.objects.get(code=values["agency"])
        return self.nominee(dossier, user, **values)

    def person(self, dossier, user, amount: int, *, dbkk: bool = False, household=False):
        if user.district_id or user.commune_id:
            commune = self.communes(user, dbkk)
        else:
            commune = Commune.objects.filter(district__isnull=False).order_by("key").first()
        village = Village.objects.filter(commune=commune).order_by("name").first()
        name = next(self.people)
        return self.nominee(
            dossier,
            user,
            NomineeKind.HOUSEHOLD if household else NomineeKind.INDIVIDUAL,
            "person_contribution",
            "Hiến đất, góp công làm đường bê tông liên thôn, trị giá "
            f"{format_vnd(amount, ' đồng')} (dữ liệu thử nghiệm).",
            name=f"Hộ gia đình {name}" if household else name,
            commune=commune,
            village=village,
            address=f"{village or ''}, {commune}".strip(", "),
            contribution_value=amount,
        )

    def organization(self, dossier, user, name: str, amount: int | None, title=None):
        commune = self.communes(user, False) if user.district_id or user.commune_id else None
        return self.nominee(
            dossier,
            user,
            NomineeKind.ENTERPRISE,
            title or "organization_infrastructure",
            "Tài trợ xây dựng nhà văn hóa thôn (dữ liệu thử nghiệm).",
            name=name,
            commune=commune,
            infrastructure_value=amount,
        )

    def recognised_commune(self, dossier, user, year: int) -> Nominee | None:
        """A commune of the district recognised that year (from the criteria records)."""
        rec = (
            Recognition.objects.filter(
                commune__district_id=user.district_id, decision_date__year=year
            )
            .order_by("decision_date")
            .first()
        )
        if rec is None:
            return None
        return self.nominee(
            dossier,
            user,
            NomineeKind.COMMUNE,
            "commune_recognized",
            "Đạt chuẩn theo quyết định công nhận (dữ liệu thử nghiệm).",
            commune=rec.commune,
        )

    def qualifying_communes(self, dossier, user, limit: int = 2) -> list[Nominee]:
        """Communes of the district that qualify as exemplary / effort communes in this
        round according to the records and the rules (judged before being added)."""
        titles = [
            t
            for t in ("commune_effort", "commune_exemplary")
            if t in services.titles_for(dossier, NomineeKind.COMMUNE)
        ]
        previews = [
            services.nominee_preview(
                dossier, {"kind": NomineeKind.COMMUNE, "title": title, "commune": commune}
            )
            for commune in Commune.objects.filter(district_id=user.district_id).order_by("code")
            for title in titles
        ]
        added: list[Nominee] = []
        for judged in verdicts.judge(dossier, [p for p in previews if p is not None]):
            taken = {n.commune_id for n in added}
            if judged.verdict.eligible and judged.nominee.commune_id not in taken:
                added.append(
                    self.nominee(
                        dossier,
                        user,
                        NomineeKind.COMMUNE,
                        judged.nominee.title,
                        "Từ năm 2021 đạt mới nhiều tiêu chí (dữ liệu thử nghiệm).",
                        commune=judged.nominee.commune,
                    )
                )
            if len(added) >= limit:
                break
        return added

    def documents(self, dossier, user) -> None:
        services.attachment_upload(
            dossier=dossier,
            by=user,
            kind=AttachmentKind.PROPOSAL,
            upload=_upload("to-trinh-de-nghi.pdf", f"To trinh {dossier.reference}"),
        )
        services.attachment_upload(
            dossier=dossier,
            by=user,
            kind=AttachmentKind.MINUTES,
            upload=_upload("bien-ban-hop-hd-tdkt.pdf", f"Bien ban {dossier.reference}"),
        )
        for n in dossier.nominees.all():
            services.attachment_upload(
                dossier=dossier,
                by=user,
                kind=AttachmentKind.ACHIEVEMENT,
                nominee=n,
                upload=_upload(f"thanh-tich-{n.pk}.pdf", f"Thanh tich {n.pk}"),
            )

    def drop_failing(self, dossier, user) -> None:
        for n in dossier.nominees.exclude(verdict_eligible=True).exclude(
            verdict_eligible__isnull=True, verdict_error=""
        ):
            services.nominee_remove(nominee=n, by=user)

    def advance(self, dossier, user, to: str, *, decision=None) -> None:
        """Walk the dossier through the workflow up to ``to``."""
        order = ["submitted", "received", "appraised", "approved", "decided"]
        self.drop_failing(dossier, user)
        self.documents(dossier, user)
        services.dossier_submit(dossier=dossier, by=user, note="Kính đề nghị xem xét.")
        if to == "returned":
            services.dossier_receive(dossier=dossier, by=self.reviewer)
            first = dossier.nominees.order_by("position").first()
            services.dossier_return(
                dossier=dossier,
                by=self.reviewer,
                note="Đề nghị bổ sung minh chứng đóng góp.",
                comments={first.pk: "Bổ sung biên bản hiến đất có xác nhận của UBND xã."},
            )
            return
        for step in order[1 : order.index(to) + 1]:
            if step == "received":
                services.dossier_receive(dossier=dossier, by=self.reviewer)
            elif step == "appraised":
                for n in dossier.nominees.all():
                    if n.has_judged:
                        services.nominee_attest(
                            nominee=n,
                            by=self.reviewer,
                            attested=True,
                            note="Thành tích tiêu biểu, có xác nhận của địa phương.",
                        )
                services.dossier_appraise(
                    dossier=dossier, by=self.appraiser, note="Số liệu NTM khớp hồ sơ tiêu chí."
                )
            elif step == "approved":
                services.dossier_approve(dossier=dossier, by=self.reviewer)
            elif step == "decided":
                number, day = decision
                services.dossier_decide(
                    dossier=dossier,
                    by=self.reviewer,
                    decision_number=number,
                    decision_date=day,
                    outcomes={n.pk: (True, "") for n in dossier.nominees.all()},
                )


@transaction.atomic
def seed(stdout=None) -> int:
    if Dossier.objects.exists():
        return 0
    if not User.objects.filter(username="bantdkt").exists():
        return 0
    demo = _Demo()
    u = demo.user

    # Bạch Thông: the annual journey's draft, a returned mid-term dossier, a decided one
    bt = u("bachthong")
    draft = demo.dossier(bt, "annual", 2024, dt.date(2024, 12, 5), 21)
    demo.recognised_commune(draft, bt, 2024)
    demo.person(draft, bt, 45_000_000, dbkk=True)  # ĐBKK: 45 triệu ≥ 40 triệu
    demo.person(draft, bt, 45_000_000, dbkk=False)  # 45 triệu < 50 triệu: shown failing
    returned = demo.dossier(bt, "midterm", None, dt.date(2023, 9, 12), 33)
    demo.qualifying_communes(returned, bt)
    demo.person(returned, bt, 68_000_000)
    demo.organization(returned, bt, "Công ty TNHH Chè Bạch Thông", None, "organization_production")
    demo.advance(returned, bt, "returned")
    decided = demo.dossier(bt, "annual", 2023, dt.date(2023, 12, 10), 40)
    demo.recognised_commune(decided, bt, 2023)
    demo.organization(decided, bt, "Công ty CP Xây dựng Bạch Thông", 260_000_000)
    demo.person(decided, bt, 52_000_000, household=True)
    demo.advance(decided, bt, "decided", decision=("2870/QĐ-UBND", dt.date(2023, 12, 28)))

    # Ba Bể: submitted, waiting for the Ban TĐKT to receive it
    bb = u("babe")
    d = demo.dossier(bb, "annual", 2024, dt.date(2024, 12, 12), 15)
    demo.recognised_commune(d, bb, 2024)
    demo.person(d, bb, 42_000_000, dbkk=True)
    demo.organization(d, bb, "Hợp tác xã Dịch vụ Du lịch Ba Bể", 210_000_000)
    demo.advance(d, bb, "submitted")

    # Na Rì: received, waiting for the NTM coordination office
    nr = u("nari")
    d = demo.dossier(nr, "annual", 2024, dt.date(2024, 12, 2), 8)
    demo.recognised_commune(d, nr, 2024)
    demo.person(d, nr, 55_000_000)
    demo.person(d, nr, 41_000_000, dbkk=True)
    demo.advance(d, nr, "received")

    # Chợ Đồn: appraised (annual and final), waiting for approval
    cd = u("chodon")
    d = demo.dossier(cd, "annual", 2024, dt.date(2024, 11, 28), 27)
    demo.person(d, cd, 61_000_000)
    demo.advance(d, cd, "appraised")
    d = demo.dossier(cd, "final", None, dt.date(2025, 10, 3), 51)
    demo.qualifying_communes(d, cd)
    demo.other(d, cd, "farmers_union")
    demo.advance(d, cd, "appraised")

    # Chợ Mới: approved, waiting for the decision
    cm = u("chomoi")
    d = demo.dossier(cm, "final", None, dt.date(2025, 10, 8), 60)
    demo.qualifying_communes(d, cm)
    demo.person(d, cm, 90_000_000)
    demo.person(d, cm, 47_000_000, dbkk=True)
    demo.advance(d, cm, "approved")

    # Ngân Sơn: a decided mid-term dossier
    ns = u("nganson")
    d = demo.dossier(ns, "midterm", None, dt.date(2023, 9, 20), 19)
    demo.qualifying_communes(d, ns)
    demo.person(d, ns, 58_000_000)
    demo.organization(d, ns, "Công ty TNHH Miến dong Ngân Sơn", 230_000_000)
    demo.advance(d, ns, "decided", decision=("2650/QĐ-UBND", dt.date(2023, 12, 20)))

    # Pác Nặm: a withdrawn draft and a fresh one
    pn = u("pacnam")
    d = demo.dossier(pn, "annual", 2024, dt.date(2024, 10, 1), 3)
    services.dossier_withdraw(dossier=d, by=pn, note="Lập nhầm, lập lại hồ sơ khác.")
    d = demo.dossier(pn, "annual", 2024, dt.date(2024, 12, 15), 4)
    demo.person(d, pn, 40_000_000, dbkk=True)

    # Thành phố Bắc Kạn: an annual 2022 decision and a draft
    tp = u("tpbackan")
    d = demo.dossier(tp, "annual", 2022, dt.date(2022, 12, 8), 31)
    demo.person(d, tp, 75_000_000)
    demo.advance(d, tp, "decided", decision=("2410/QĐ-UBND", dt.date(2022, 12, 27)))
    d = demo.dossier(tp, "annual", 2024, dt.date(2024, 12, 9), 45)
    demo.recognised_commune(d, tp, 2024)
    demo.organization(d, tp, "Ngân hàng TMCP (chi nhánh Bắc Kạn)", 180_000_000)

    # Sở NN&PTNT: a final dossier submitted, a mid-term draft
    so = u("sonn")
    d = demo.dossier(so, "final", None, dt.date(2025, 10, 15), 112)
    demo.other(d, so, "agriculture_department")
    demo.other(d, so, "deputy_head")
    demo.advance(d, so, "submitted")
    d = demo.dossier(so, "midterm", None, dt.date(2023, 9, 5), 98)
    demo.other(d, so, "rural_development_office")
    # every district has a draft of its own to work on
    for username in ("babe", "nari", "chodon", "chomoi", "nganson"):
        user = u(username)
        d = demo.dossier(user, "annual", 2025, dt.date(2025, 11, 20), 70)
        demo.person(d, user, 52_000_000)
    if stdout is not None:
        stdout.write(f"Hồ sơ khen thưởng thử nghiệm: {demo.count} hồ sơ.")
    return demo.count


def seed_after_reorganisation(stdout=None) -> int:
    """From 1/7/2025 the merged Thái Nguyên's communes and bodies file (DEMO DATA): the
    tổng kết 2025 of Xã Bằng Thành, an annual 2025 draft of Phường Bắc Kạn, a final-round
    draft of the Sở Nông nghiệp và Môi trường. Runs once, after the reorganisation."""
    if Dossier.objects.filter(commune__isnull=False).exists():
        return 0
    if not User.objects.filter(username="xabangthanh").exists():
        return 0
    demo = _Demo()
    xa = demo.user("xabangthanh")
    final = demo.dossier(xa, "final", None, dt.date(2025, 8, 20), 15)
    demo.person(final, xa, 62_000_000)
    demo.nominee(
        final,
        xa,
        NomineeKind.COLLECTIVE,
        "collective_outstanding",
        "Dẫn đầu phong trào hiến đất mở đường liên thôn 2021–2025 (dữ liệu thử nghiệm).",
        name="Hội Nông dân xã Bằng Thành",
        commune=xa.commune,
    )
    phuong = demo.user("phuongbackan")
    annual = demo.dossier(phuong, "annual", 2025, dt.date(2025, 11, 20), 9)
    demo.person(annual, phuong, 55_000_000)
    agency = demo.user("sonnmt")
    department = demo.dossier(agency, "final", None, dt.date(2025, 9, 5), 31)
    demo.person(department, agency, 70_000_000)
    return demo.count


@transaction.atomic
def seed_2026(stdout=None) -> int:
    """The annual round 2026 under the merged Thái Nguyên's demo plan 2026–2030 (DEMO
    DATA): a draft of Xã Bằng Thành (its commune, recognised NTM in 2026, and a giver)
    and a submitted dossier of Phường Bắc Kạn waiting for the Ban TĐKT. Runs once, after
    the demo plan and the criteria records of 2026."""
    if Dossier.objects.filter(year=2026).exists():
        return 0
    if not User.objects.filter(username="xabangthanh").exists():
        return 0
    if not Plan.objects.filter(code=DEMO_PLAN_2026).exists():
        return 0
    demo = _Demo()
    xa = demo.user("xabangthanh")
    draft = demo.dossier(xa, "annual", 2026, dt.date(2026, 11, 16), 42)
    demo.nominee(
        draft,
        xa,
        NomineeKind.COMMUNE,
        "commune_recognized",
        "Đạt chuẩn nông thôn mới theo Bộ tiêu chí giai đoạn 2026 - 2030 (dữ liệu thử nghiệm).",
        commune=xa.commune,
    )
    demo.person(draft, xa, 65_000_000)
    phuong = demo.user("phuongbackan")
    submitted = demo.dossier(phuong, "annual", 2026, dt.date(2026, 11, 10), 18)
    demo.person(submitted, phuong, 80_000_000)
    demo.organization(submitted, phuong, "Công ty TNHH Xây dựng Minh Khai", 320_000_000)
    demo.advance(submitted, phuong, "submitted")
    if stdout is not None:
        stdout.write(f"Hồ sơ năm 2026 (kế hoạch minh hoạ): {demo.count} hồ sơ.")
    return demo.count
