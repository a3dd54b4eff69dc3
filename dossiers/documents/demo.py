"""Demo data of the documents package: a certificate layout, the public list's rows, and
signers of the province's bodies (invented names) so that demo documents print them."""

from __future__ import annotations

from django.conf import settings

from communes.models import District, Province
from dossiers.documents.bodies import agency_body
from dossiers.documents.certificates import active_layout
from dossiers.documents.models import Signatory, SigningCapacity, TrustedRoot
from dossiers.documents.public import public_awards_rebuild
from dossiers.documents.seals import demo_seals, seal_bodies
from dossiers.documents.signers import head_title
from dossiers.documents.signing import demo_credential
from dossiers.documents.trust import demo_root_trust
from emulation.models import Agency

# Invented names: the demo's signers are nobody in particular.
DEMO_SIGNERS = ["Hoàng Văn Ước", "Nông Thị Mến", "Triệu Đức Khải", "Lường Văn Bằng"]


def seed_signers() -> int:
    """The chairman of the provincial UBND, a deputy chairman of each district's UBND, a
    deputy director of each provincial agency: the default signer of their documents."""
    committee = dict(collective_name="ỦY BAN NHÂN DÂN", head_title="CHỦ TỊCH", is_default=True)
    provinces = {settings.PROVINCE_CODE, *Province.objects.values_list("code", flat=True)}
    rows = [
        (
            f"province:{code}",
            dict(full_name="Triệu Đức Khải", title="CHỦ TỊCH", capacity=SigningCapacity.HEAD),
            committee,
        )
        for code in sorted(provinces)
    ]
    for i, code in enumerate(District.objects.order_by("code").values_list("code", flat=True)):
        name = DEMO_SIGNERS[i % len(DEMO_SIGNERS)]
        rows.append((f"district:{code}", dict(full_name=name, title="PHÓ CHỦ TỊCH"), committee))
    for i, agency in enumerate(Agency.objects.order_by("code")):
        name = DEMO_SIGNERS[(i + 1) % len(DEMO_SIGNERS)]
        head = head_title(agency_body(agency))
        rows.append(
            (
                f"agency:{agency.code}",
                dict(full_name=name, title=f"PHÓ {head}"),
                dict(head_title=head, is_default=True),
            )
        )
    made = 0
    for key, who, form in rows:
        _row, created = Signatory.objects.get_or_create(body_key=key, defaults={**who, **form})
        made += created
    return made


def seed_signatures() -> tuple[int, int]:
    """The demo's signing certificates (its own test CA), that CA's root in each
    province's list of trusted roots and a seal image drawn for each body: all test
    material, marked so, with no legal value. (roots trusted, seals drawn)"""
    roots = 0
    for key, name, province in seal_bodies():
        credential = demo_credential(body_key=key, body_name=name)
        before = TrustedRoot.objects.count()
        demo_root_trust(credential, province_id=province)
        roots += TrustedRoot.objects.count() - before
    return roots, demo_seals()


def seed(stdout=None) -> None:
    layout = active_layout()
    count = public_awards_rebuild()
    signers = seed_signers()
    roots, seals = seed_signatures()
    if stdout is not None:
        stdout.write(
            f"Văn bản: mẫu phôi “{layout.name}”, {count} khen thưởng công khai, "
            f"{signers} người ký văn bản; chữ ký số thử nghiệm: {roots} chứng thư gốc CA "
            f"thử nghiệm, {seals} hình dấu thử nghiệm (không có giá trị pháp lý)."
        )
