"""Issue 16, part 2 (the last pieces): a decision is signed when it is issued, not at its
first download. Recording a decision (or a correcting decision) hands its signing to the
worker once the transaction commits; the download serves the stored bytes; without a
certificate the decision is recorded and its page says the signed copy waits for one. A
correcting decision is a document of its own (printable, PDF, Word) with its signer chosen
and stored, signed in its turn; the original's signed copy never changes. The visible
signature sits on the page of the signature block, over the signer's place."""

# ruff: noqa: F811 - the fixtures imported from other test modules
from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from dossiers import services
from dossiers.documents import issued
from dossiers.documents.models import SignedDocument
from dossiers.models import Decision
from emulation.models import AuditEntry
from tests.dossiers.documents.test_documents_dossier import (  # noqa: F401 - fixture
    decide,
    dossier,
    run_worker,
)
from tests.dossiers.documents.test_documents_trust import PASSPHRASE, _pkcs12
from tests.dossiers.documents.test_signer_choice import chairmen  # noqa: F401 - fixture
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture
from tests.dossiers.test_decisions import DAY, _all_awarded, two  # noqa: F401 - fixture
from tests.pdfcheck import page_texts, pdfsig, reader

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _record(users, a, b, capture, **kw) -> Decision:
    with capture(execute=True):
        decision = services.decision_record(
            by=users["reviewer"], dossiers=[a, b], date=DAY, outcomes=_all_awarded(a, b), **kw
        )
    return decision


def _correct(users, decision, a, capture, **kw) -> Decision:
    na = a.nominees.get()
    with capture(execute=True):
        return services.decision_correct(
            decision=decision, by=users["reviewer"], kind="correction",
            date=DAY.replace(day=10), reason="Sai chính tả.", names={na.pk: "Hoàng Văn Ân"}, **kw,
        )  # fmt: skip


def _signature_page(data: bytes) -> int:
    """The page (0-based) whose annotations hold the visible signature's widget."""
    for index, page in enumerate(reader(data).pages):
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/T") == "ChuKySo":
                return index
    raise AssertionError("no signature widget")


def test_recording_a_decision_signs_it_once_committed(
    users, two, chairmen, login, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DEMO_MODE = True  # the demo signs with its own test certificate
    a, b = two
    decision = _record(users, a, b, django_capture_on_commit_callbacks)
    # handed to the worker when the transaction committed; not signed in the request
    assert DBTaskResult.objects.filter(task_path__endswith="sign_issued_document").count() == 1
    assert not SignedDocument.objects.exists()
    client = login(users["reviewer"])
    page = client.get(reverse("dossiers:decision_detail", args=[decision.pk])).content.decode()
    assert "Quyết định đang được ký số" in page.split('id="signed-copy"')[1]
    assert run_worker() == 1
    stored = SignedDocument.objects.get()
    assert stored.key == issued.decision_key_of(decision.pk)
    assert stored.signed_by == users["reviewer"] and stored.credential.is_demo
    assert stored.signer_name == "Triệu Đức Khải"  # the chairman, default that day
    report = pdfsig(bytes(stored.pdf), tmp_path)
    assert "Signature is Valid" in report and "Total document signed" in report, report
    # audited: the signature and the stored document
    assert AuditEntry.objects.filter(action="signing.sign").count() == 1
    entry = AuditEntry.objects.get(action="signing.document_store")
    assert entry.details["decision"] == decision.number and entry.actor == users["reviewer"]
    # the download serves the stored bytes, from the decision's page and each dossier's
    copy = client.get(reverse("documents:decision_signed_copy", args=[decision.pk]))
    assert copy.status_code == 200 and copy.content == bytes(stored.pdf)
    for d in (a, b):
        assert client.get(reverse("documents:decision_signed", args=[d.pk])).content == copy.content
    assert login(users["district_b"]).get(
        reverse("documents:decision_signed", args=[b.pk])
    ).content == bytes(stored.pdf)
    assert SignedDocument.objects.count() == 1  # never signed again
    client = login(users["reviewer"])
    page = client.get(reverse("dossiers:decision_detail", args=[decision.pk])).content.decode()
    assert reverse("documents:decision_signed_copy", args=[decision.pk]) in page
    # the visible signature on the page of the signature block (the signer's name), not
    # on the annex's last page
    texts = page_texts(bytes(stored.pdf))
    name_page = next(i for i, t in enumerate(texts) if "Triệu Đức Khải" in t)
    assert len(texts) > 1 and name_page < len(texts) - 1, "the annex follows the signature"
    assert _signature_page(bytes(stored.pdf)) == name_page


def test_without_a_certificate_the_decision_is_recorded_and_waits_for_one(
    users, two, login, settings, django_capture_on_commit_callbacks
):
    settings.DEMO_MODE = False
    a, b = two
    decision = _record(users, a, b, django_capture_on_commit_callbacks)
    assert run_worker() == 0  # nothing handed to the worker, nothing failed
    assert not SignedDocument.objects.exists()
    assert Decision.objects.filter(pk=decision.pk).exists()
    waiting = AuditEntry.objects.get(action="signing.awaiting_certificate")
    assert waiting.details["key"] == issued.decision_key_of(decision.pk)
    assert "chưa có chứng thư số" in waiting.reason
    client = login(users["reviewer"])
    page = client.get(reverse("dossiers:decision_detail", args=[decision.pk])).content.decode()
    assert "Bản ký số đang chờ chứng thư số" in page.split('id="signed-copy"')[1]
    dossier_page = client.get(reverse("dossiers:detail", args=[a.pk])).content.decode()
    assert "chờ chứng thư số của cơ quan ban hành" in dossier_page
    refused = client.get(reverse("documents:decision_signed", args=[a.pk]), follow=True)
    assert refused.status_code == 200
    assert "Bản ký số đang chờ chứng thư số" in refused.content.decode()
    # an administrator uploads the province's certificate: what waited is signed
    data, _root = _pkcs12("UBND tỉnh Bắc Kạn", False)
    admin = login(users["admin"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    body_key = f"province:{a.province.code}"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("documents:credentials"),
            {"body_key": body_key, "passphrase": PASSPHRASE,
             "file": SimpleUploadedFile("ubnd.p12", data)},
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert run_worker() == 1
    stored = SignedDocument.objects.get()
    assert stored.key == issued.decision_key_of(decision.pk) and not stored.credential.is_demo


def test_a_correction_is_signed_in_its_turn_and_the_original_never_changes(
    users, two, chairmen, login, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DEMO_MODE = True
    a, b = two
    _head, deputy, _late = chairmen
    decision = _record(users, a, b, django_capture_on_commit_callbacks)
    run_worker()
    original = bytes(SignedDocument.objects.get().pdf)
    correction = _correct(users, decision, a, django_capture_on_commit_callbacks, signatory=deputy)
    assert correction.signatory == deputy
    assert run_worker() == 1
    assert SignedDocument.objects.count() == 2
    signed = SignedDocument.objects.get(key=issued.decision_key_of(correction.pk))
    assert signed.signer_name == "Đỗ Thị Minh Hoa"  # the signer stored with it
    data = bytes(signed.pdf)
    report = pdfsig(data, tmp_path)
    assert "Signature is Valid" in report and "Total document signed" in report, report
    text = " ".join(" ".join(page_texts(data)).split())
    assert correction.number in text and "Hoàng Văn Ân" in text and "Đỗ Thị Minh Hoa" in text
    assert bytes(
        SignedDocument.objects.get(key=issued.decision_key_of(decision.pk)).pdf
    ) == original  # fmt: skip
    client = login(users["reviewer"])
    copy = client.get(reverse("documents:decision_signed_copy", args=[correction.pk]))
    assert copy.content == data
    entries = AuditEntry.objects.filter(action="signing.document_store")
    assert [e.details["decision"] for e in entries.order_by("pk")] == [
        decision.number,
        correction.number,
    ]


def test_the_correcting_decision_as_a_document_with_its_signer_chosen(
    users, two, chairmen, login, settings, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    a, b = two
    head, deputy, late = chairmen
    decision = _record(users, a, b, django_capture_on_commit_callbacks)
    client = login(users["reviewer"])
    # the correction form offers the signers; the one chosen is stored with it
    url = reverse("dossiers:decision_correct", args=[decision.pk])
    na, nb = a.nominees.get(), b.nominees.get()
    data = {"kind": "correction", "decision_date": "10/12/2024", "reason": "Sai chính tả.",
            f"name_{na.pk}": "Hoàng Văn Ân", f"awarded_{na.pk}": "1", f"reason_{na.pk}": "",
            f"name_{nb.pk}": nb.name, f"awarded_{nb.pk}": "1", f"reason_{nb.pk}": ""}  # fmt: skip
    assert "Đỗ Thị Minh Hoa: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in client.get(url).content.decode()
    refused = client.post(url, data | {"signatory": str(late.pk), "confirm": "1"})
    assert refused.status_code == 400 and "ngoài thời gian được ký" in refused.content.decode()
    page = client.post(url, data | {"signatory": str(deputy.pk)}).content.decode()
    assert "Đỗ Thị Minh Hoa" in page.split('id="decision-signer"')[1]
    assert client.post(url, data | {"signatory": str(deputy.pk), "confirm": "1"}).status_code == 302
    correction = Decision.objects.get(corrects=decision)
    assert correction.signatory == deputy
    # its page links the printable view, its PDF and Word copy
    detail = client.get(reverse("dossiers:decision_detail", args=[correction.pk])).content.decode()
    view_url = reverse("documents:correction_doc", args=[correction.pk])
    assert view_url in detail
    assert reverse("documents:correction_pdf", args=[correction.pk]) in detail
    with django_assert_max_num_queries(25):
        view = client.get(view_url).content.decode()
    choice = view.split('id="signer-choice"')[1].split("</form>")[0]
    assert f'value="{deputy.pk}" selected' in choice  # the stored one
    assert f"dinh-chinh.pdf?nguoi-ky={deputy.pk}" in view
    sheet = view.split('class="sheet"')[1]
    assert "Đỗ Thị Minh Hoa" in sheet and "đính chính" in sheet and correction.number in sheet
    # another chosen on screen: the view and its PDF carry it
    view = client.get(view_url, {"nguoi-ky": head.pk}).content.decode()
    assert f'value="{head.pk}" selected' in view and f"?nguoi-ky={head.pk}" in view
    pdf_url = reverse("documents:correction_pdf", args=[correction.pk])
    pdf = client.get(pdf_url, {"nguoi-ky": head.pk})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page_texts(pdf.content))
    assert "Triệu Đức Khải" in text and "Đỗ Thị Minh Hoa" not in text
    # not valid that day, or not a number: the stored one, never an error
    for asked in (late.pk, "abc"):
        response = client.get(view_url, {"nguoi-ky": asked})
        assert response.status_code == 200
        assert f'value="{deputy.pk}" selected' in response.content.decode()
    word = client.get(reverse("documents:correction_docx", args=[correction.pk]))
    assert word.status_code == 200 and word.content[:2] == b"PK"
    # the original award decision is no correction: no such document
    assert client.get(reverse("documents:correction_doc", args=[decision.pk])).status_code == 404
    # a proposer never sees the province's decisions
    proposer = login(users["district_a"])
    assert proposer.get(view_url).status_code == 404
    assert (
        proposer.get(reverse("documents:decision_signed_copy", args=[correction.pk])).status_code
        == 404
    )


def test_a_dossier_decided_alone_is_signed_once_committed(
    users, dossier, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The single-dossier path of services.dossier_decide (no province decision): its
    decision signed by the worker once committed, under the dossier's key."""
    settings.DEMO_MODE = True
    decided = decide(dossier, users, django_capture_on_commit_callbacks)
    assert decided.decision_id is None
    assert not SignedDocument.objects.exists()
    assert run_worker() == 1
    stored = SignedDocument.objects.get()
    assert stored.key == issued.decision_key(decided) == f"quyet-dinh:dossier:{decided.pk}"
    assert "Signature is Valid" in pdfsig(bytes(stored.pdf), tmp_path)


def test_a_failed_signing_is_said_on_the_pages_and_a_new_hand_over_signs(
    users, two, chairmen, login, settings, django_capture_on_commit_callbacks
):
    """The worker cannot sign (here the time-stamping server does not answer: a real
    connection refused): the decision's page and each dossier's say the signing failed,
    with when, instead of "being signed" for ever; audited with the error. Handing it to
    the worker again (a certificate uploaded signs what waits) clears that and signs."""
    settings.DEMO_MODE = True
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # the discard port: nobody answers
    a, b = two
    decision = _record(users, a, b, django_capture_on_commit_callbacks)
    assert run_worker() == 1
    task = DBTaskResult.objects.get(task_path__endswith="sign_issued_document")
    assert task.status == "FAILED"
    assert not SignedDocument.objects.exists()
    client = login(users["reviewer"])
    detail = reverse("dossiers:decision_detail", args=[decision.pk])
    page = client.get(detail).content.decode().split('id="signed-copy"')[1]
    assert "Ký số quyết định không thành công lúc" in page and "đang được ký số" not in page
    dossier_page = client.get(reverse("dossiers:detail", args=[a.pk])).content.decode()
    assert "ký số không thành công" in dossier_page
    download = client.get(reverse("documents:decision_signed", args=[a.pk]), follow=True)
    assert "Ký số quyết định không thành công lúc" in download.content.decode()
    entry = AuditEntry.objects.get(action="signing.failed")
    assert entry.details["key"] == issued.decision_key_of(decision.pk) and entry.reason
    # the time-stamping server back (here: none); the worker is handed the decision again
    settings.SIGNING_TSA_URL = ""
    body = f"province:{settings.PROVINCE_CODE}"
    with django_capture_on_commit_callbacks(execute=True):
        assert issued.sign_waiting(body_key=body, by=users["admin"]) == 1
    page = client.get(detail).content.decode().split('id="signed-copy"')[1]
    assert "Quyết định đang được ký số" in page and "không thành công" not in page
    assert run_worker() == 1
    assert SignedDocument.objects.get().key == issued.decision_key_of(decision.pk)
    page = client.get(detail).content.decode().split('id="signed-copy"')[1]
    assert reverse("documents:decision_signed_copy", args=[decision.pk]) in page
