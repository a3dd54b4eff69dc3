"""Issue 15, part 2 (finished): the signer chosen when the document is made, in the
interface. The printable view lists the issuing body's signatories valid on the
document's date (their title and "TM." / "KT." / "Q." form), the choice kept in the
URL and its PDF's; a decision stores the signer chosen when it is issued."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.documents import builders, pdf
from dossiers.documents.models import Signatory, SigningCapacity
from dossiers.models import Decision
from tests.dossiers.documents.test_documents_dossier import dossier  # noqa: F401 - fixture
from tests.dossiers.documents.test_documents_signature import signers  # noqa: F401 - fixture
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture
from tests.dossiers.test_decisions import DAY, _all_awarded, _form_data, two  # noqa: F401
from tests.pdfcheck import pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def second(signers):  # noqa: F811
    """Another deputy of Bạch Thông, valid on the letter's date (05/11/2024)."""
    return Signatory.objects.create(
        body_key=signers[0].body_key,
        full_name="Lường Văn Bằng",
        title="PHÓ CHỦ TỊCH",
        head_title="CHỦ TỊCH",
        collective_name="ỦY BAN NHÂN DÂN",
    )


def test_the_printable_view_offers_the_signers_of_its_date(
    login,
    users,
    signers,  # noqa: F811
    second,
    dossier,  # noqa: F811
    django_assert_max_num_queries,
):
    old, new, _chairman = signers
    client = login(users["district_a"])
    url = reverse("documents:dossier_doc", args=[dossier.pk, "to-trinh"])
    with django_assert_max_num_queries(40):
        page = client.get(url).content.decode()
    choice = page.split('id="signer-choice"')[1].split("</form>")[0]
    # valid on 05/11/2024: the default one first, selected; with their form
    assert f'value="{old.pk}" selected' in choice
    assert "Hoàng Văn Ước: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in choice
    assert "Lường Văn Bằng" in choice
    assert "Nông Thị Mến" not in choice  # signs from 2025 only
    assert 'name="nguoi-ky"' in choice and '<form method="get" class="signer-choice"' in page
    assert f"to-trinh.pdf?nguoi-ky={old.pk}" in page
    # the choice kept in the URL, the view and its PDF
    page = client.get(url, {"nguoi-ky": second.pk}).content.decode()
    assert f'value="{second.pk}" selected' in page
    assert f"to-trinh.pdf?nguoi-ky={second.pk}" in page
    assert "Lường Văn Bằng" in page.split('class="sheet"')[1]
    # not valid that day, or not a number: the default one, never an error
    for asked in (new.pk, "abc", 999999):
        response = client.get(url, {"nguoi-ky": asked})
        assert response.status_code == 200
        assert f'value="{old.pk}" selected' in response.content.decode()


def test_no_signatory_data_no_list(login, users, dossier):  # noqa: F811
    """Without signer data the document prints the body's forms, and offers no list."""
    page = login(users["district_a"]).get(
        reverse("documents:dossier_doc", args=[dossier.pk, "to-trinh"])
    )
    assert page.status_code == 200 and 'id="signer-choice"' not in page.content.decode()


def test_the_toolbar_follows_the_interface_language(login, users, signers, dossier):  # noqa: F811
    client = login(users["district_a"])
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("documents:dossier_doc", args=[dossier.pk, "to-trinh"]),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    choice = page.split('id="signer-choice"')[1].split("</form>")[0]
    assert "Signer" in choice
    assert "KT. CHỦ TỊCH" in choice  # the form itself is the document's, Vietnamese


@pytest.fixture
def chairmen(district_a):
    """The province's chairman (head) and a vice-chairman signing for him until 2024."""
    common = dict(body_key=f"province:{district_a.province.code}", head_title="CHỦ TỊCH")
    head = Signatory.objects.create(
        full_name="Triệu Đức Khải", title="CHỦ TỊCH", capacity=SigningCapacity.HEAD,
        is_default=True, **common,
    )  # fmt: skip
    deputy = Signatory.objects.create(
        full_name="Đỗ Thị Minh Hoa", title="PHÓ CHỦ TỊCH", valid_to=dt.date(2024, 12, 31),
        **common,
    )  # fmt: skip
    late = Signatory.objects.create(
        full_name="Phạm Duy Hưng", title="PHÓ CHỦ TỊCH", valid_from=dt.date(2025, 1, 1),
        **common,
    )  # fmt: skip
    return head, deputy, late


def test_a_decision_stores_the_signer_chosen_when_it_is_issued(users, two, chairmen, login):  # noqa: F811
    a, b = two
    head, deputy, late = chairmen
    client = login(users["reviewer"])
    url = reverse("dossiers:decision_create")
    page = client.get(url, {"dot": "annual", "nam": "2024"}).content.decode()
    assert "Đỗ Thị Minh Hoa: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in page  # the form printed
    data = _form_data(a, b) | {"signatory": str(deputy.pk)}
    page = client.post(url, data).content.decode()
    assert 'id="decision-signer"' in page and "Đỗ Thị Minh Hoa" in page.split("decision-signer")[1]
    tokens = {
        f"token_{d.pk}": page.split(f'name="token_{d.pk}" value="')[1].split('"')[0] for d in (a, b)
    }
    # not valid on 01/12/2024: refused beside the field, what was typed kept
    response = client.post(url, data | tokens | {"signatory": str(late.pk), "confirm": "1"})
    assert response.status_code == 400 and not Decision.objects.exists()
    page = response.content.decode()
    assert "ngoài thời gian được ký" in page and f'value="{late.pk}" selected' in page
    response = client.post(url, data | tokens | {"confirm": "1"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.signatory == deputy
    assert decision.register_entry.signer_name == "Đỗ Thị Minh Hoa"
    # the decision prints the stored signer (not the day's default), and its view
    # offers the others of that day, the stored one selected
    a.refresh_from_db()
    text = pdf_text(pdf.render_pdf(*_doc(builders.decision(a))))
    assert "Đỗ Thị Minh Hoa" in text and "Triệu Đức Khải" not in text
    view = client.get(reverse("documents:dossier_doc", args=[a.pk, "quyet-dinh"])).content
    assert f'value="{deputy.pk}" selected' in view.decode()


def test_the_service_refuses_another_bodys_signer(users, two, signers):  # noqa: F811
    a, b = two
    district_deputy = signers[0]
    with pytest.raises(services.Invalid) as refused:
        services.decision_record(
            by=users["reviewer"], dossiers=[a, b], date=DAY, outcomes=_all_awarded(a, b),
            signatory=district_deputy,
        )  # fmt: skip
    assert "không ký văn bản của Ủy ban nhân dân tỉnh" in refused.value.errors["signatory"]


def _doc(document):
    return document.template, document.context


def test_the_dossier_pages_decision_stores_its_signer_too(users, two, chairmen, login):  # noqa: F811
    a, _b = two
    _head, deputy, late = chairmen
    client = login(users["reviewer"])
    url = reverse("dossiers:transition", args=[a.pk, "decide"])
    assert "Đỗ Thị Minh Hoa: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in client.get(url).content.decode()
    data = {"decision_date": "01/12/2024", "signatory": str(late.pk)}
    data |= {f"awarded_{n.pk}": "1" for n in a.nominees.all()}
    response = client.post(url, data)  # signs from 2025 only: refused beside the field
    assert response.status_code == 400 and "ngoài thời gian được ký" in response.content.decode()
    assert client.post(url, data | {"signatory": str(deputy.pk)}).status_code == 302
    a.refresh_from_db()
    assert a.decision.signatory == deputy and a.decision_number == "01/QĐ-UBND"
