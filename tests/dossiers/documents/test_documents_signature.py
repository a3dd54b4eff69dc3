"""Issue 15, part 2: room to sign, and never a page holding only the signature.

The closing paragraph travels with the signature block and Nơi nhận; at least 30 mm
for signature and seal above the signer's typed name; signers, titles and the TM. /
KT. / Q. forms are data of each body (:class:`dossiers.documents.models.Signatory`).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers.documents import bodies, builders, pdf, samples
from dossiers.documents.content import NomineeGroup, NomineeLine
from dossiers.documents.models import Signatory, SigningCapacity
from dossiers.documents.signers import default_signer, signer_for, signer_of
from emulation.models import Agency
from tests.dossiers.documents.test_documents_dossier import (  # noqa: F401 - fixtures
    decided,
    dossier,
)
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture
from tests.pdfcheck import (
    body_words_before_signature,
    closing_page,
    find_run,
    page_texts,
    pdf_text,
    text_positions,
)

pytestmark = [pytest.mark.integration]


def _letter(groups: int):
    letter = samples.sample_proposal(1)
    letter.groups = [
        NomineeGroup(f"Danh hiệu thứ {i} của phong trào", True, [NomineeLine(f"Xã số {i}")])
        for i in range(1, groups + 1)
    ]
    return letter


@pytest.mark.parametrize("groups", range(8, 26))
def test_the_closing_paragraph_travels_with_the_signature(groups):
    """Whatever the length of the body, the page where the signature block starts also
    holds body text (the sweep moves the block across the first page's end)."""
    letter = _letter(groups)
    data = pdf.render_pdf(letter.template, letter.context())
    assert body_words_before_signature(data) >= 8, page_texts(data)


# ---- Signers as data ---------------------------------------------------------------


@pytest.fixture
def signers(db, district_a):
    """Bạch Thông's deputy chairman until 31/12/2024, then a new one; the province's chairman."""
    common = dict(head_title="CHỦ TỊCH", collective_name="ỦY BAN NHÂN DÂN", is_default=True)
    old = Signatory.objects.create(
        body_key=f"district:{district_a.code}",
        full_name="Hoàng Văn Ước",
        title="PHÓ CHỦ TỊCH",
        valid_to=dt.date(2024, 12, 31),
        **common,
    )
    new = Signatory.objects.create(
        body_key=f"district:{district_a.code}",
        full_name="Nông Thị Mến",
        title="PHÓ CHỦ TỊCH",
        valid_from=dt.date(2025, 1, 1),
        **common,
    )
    chairman = Signatory.objects.create(
        body_key=f"province:{district_a.province.code}",
        full_name="Triệu Đức Khải",
        title="CHỦ TỊCH",
        capacity=SigningCapacity.HEAD,
        **common,
    )
    return old, new, chairman


def test_the_signer_is_chosen_by_the_documents_date(signers, district_a):
    old, new, _chairman = signers
    body = bodies.district_committee(district_a)
    before = signer_for(body, dt.date(2024, 12, 31))
    assert before.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert before.name == "Hoàng Văn Ước"
    assert signer_for(body, dt.date(2025, 1, 1)).name == "Nông Thị Mến"
    # Asked for by id, a signer not valid that day is not used.
    assert signer_for(body, dt.date(2025, 3, 1), chosen=old.pk).name == "Nông Thị Mến"
    old.valid_to = None
    old.save()
    assert signer_for(body, dt.date(2025, 3, 1), chosen=old.pk).name == "Hoàng Văn Ước"


def test_forms_head_deputy_acting(district_a):
    agency = Agency(code="snn", name="Sở Nông nghiệp và Môi trường")
    body = bodies.agency_body(agency, district_a.province)
    assert default_signer(body).lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    acting = Signatory(
        full_name="Lục Văn Lợi",
        title="PHÓ GIÁM ĐỐC",
        head_title="GIÁM ĐỐC",
        capacity=SigningCapacity.ACTING,
    )
    assert signer_of(acting).lines == ["Q. GIÁM ĐỐC"]
    head = Signatory(
        full_name="Bế Văn An", title="GIÁM ĐỐC", head_title="GIÁM ĐỐC", capacity="head"
    )
    assert signer_of(head).lines == ["GIÁM ĐỐC"]
    front = bodies.agency_body(Agency(code="mttq", name="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"))
    assert default_signer(front).lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    # A UBND's chairman signs his own decision without "TM.".
    committee = bodies.province_committee(district_a.province)
    assert default_signer(committee, on_behalf=False).lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_documents_print_the_signers_name_with_room_to_sign(signers, decided):  # noqa: F811
    for document in (builders.proposal_letter(decided), builders.decision(decided)):
        data = pdf.render_pdf(document.template, document.context)
        page, _before = closing_page(data)
        runs = text_positions(data, page)
        name = "Hoàng Văn Ước" if document.filename.startswith("to-trinh") else "Triệu Đức Khải"
        _text, _x, name_y = find_run(runs, name)
        role = "PHÓ CHỦ TỊCH" if name == "Hoàng Văn Ước" else "CHỦ TỊCH"
        role_y = min(y for text, _x, y in runs if text == role)
        # From the baseline of the title line to the baseline of the name: the 30 mm
        # space plus one line of the name (about 5 mm).
        gap_mm = (role_y - name_y) * 25.4 / 72
        assert gap_mm >= 30 + 4, (document.filename, gap_mm)
    decision_text = pdf_text(data)
    assert "TM. ỦY BAN NHÂN DÂN" not in decision_text.split("Nơi nhận:")[1]


@pytest.mark.django_db
def test_an_achievement_report_never_ends_on_its_signature_alone(dossier):  # noqa: F811
    nominee = dossier.nominees.order_by("position", "id").first()
    paragraph = (
        "Tích cực tham gia xây dựng nông thôn mới, hiến đất làm đường giao thông thôn, "
        "vận động các hộ gia đình trong thôn đóng góp ngày công, vật liệu xây dựng."
    )
    pages = set()
    for count in range(4, 22, 2):
        nominee.achievements = "\n".join([paragraph] * count)
        document = builders.achievement_report(dossier, nominee)
        data = pdf.render_pdf(document.template, document.context)
        pages.add(len(page_texts(data)))
        assert body_words_before_signature(data) >= 8, (count, page_texts(data))
    assert len(pages) > 1  # the sweep crossed a page's end


def test_the_signer_is_chosen_when_the_document_is_made(login, users, signers, dossier):  # noqa: F811
    """Two signatories may sign on 05/11/2024: the default one, or the one asked for."""
    second = Signatory.objects.create(
        body_key=signers[0].body_key,
        full_name="Lường Văn Bằng",
        title="PHÓ CHỦ TỊCH",
        head_title="CHỦ TỊCH",
        collective_name="ỦY BAN NHÂN DÂN",
    )
    client = login(users["district_a"])
    url = reverse("documents:dossier_pdf", args=[dossier.pk, "to-trinh"])
    assert "Hoàng Văn Ước" in pdf_text(client.get(url).content)
    chosen = pdf_text(client.get(url, {"nguoi-ky": second.pk}).content)
    assert "Lường Văn Bằng" in chosen and "Hoàng Văn Ước" not in chosen
    # Not valid that day (the new deputy signs from 2025): the default one.
    other = pdf_text(client.get(url, {"nguoi-ky": signers[1].pk}).content)
    assert "Hoàng Văn Ước" in other
    assert client.get(url, {"nguoi-ky": "abc"}).status_code == 200
    view = client.get(
        reverse("documents:dossier_doc", args=[dossier.pk, "to-trinh"]), {"nguoi-ky": second.pk}
    )
    assert f"to-trinh.pdf?nguoi-ky={second.pk}" in view.content.decode()
