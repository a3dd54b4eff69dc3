"""No answer of 500 (issue 18, part 4): oversized money, NUL anywhere in a request,
line breaks going into e-mail headers, control characters reaching a workbook."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dossiers import services
from dossiers.models import EmailState, Nominee, Notification
from emulation.money import MoneyError, parse_vnd
from tests.config.test_bad_input import (
    NUL_PAGE,
    admin_client,  # noqa: F401 - fixture
    assert_clean,
    fingerprint,
)
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    filed,
    plain_commune,
    upload,
)
from tests.dossiers.test_dossiers_workflow import mailboxes  # noqa: F401 - fixture

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


# --- money of thousands of digits ------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["9" * 5000, "1" + "0" * 4400, "1." + ".".join(["000"] * 2000), "9" * 30 + " triệu"]
)
def test_money_of_thousands_of_digits_is_refused_with_a_message(text):
    with pytest.raises(MoneyError, match="chữ số"):
        parse_vnd(text)


@pytest.fixture
def district_draft(login, users, district_a):
    """District A's client (errors answered, not raised) and a draft of one person."""
    client = login(users["district_a"])
    client.raise_request_exception = False
    return client, filed(users["district_a"], plain_commune(district_a), "Người Cũ", 60_000_000)


def test_money_field_refuses_5000_digits_beside_the_field(district_draft, district_a):
    client, dossier = district_draft
    before = fingerprint()
    response = client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]),
        {
            "loai": "individual",
            "title": "person_contribution",
            "commune": plain_commune(district_a, 1).code,
            "name": "Người Thử",
            "contribution_value": "9" * 5000,
        },
    )
    body = assert_clean(response)
    assert response.status_code == 200
    assert "quá 20 chữ số" in body
    assert fingerprint() == before


# --- NUL anywhere in the request -----------------------------------------------------------


NUL_REQUESTS = [
    ("path", "get", "/ho-so/%00/", {}),
    ("path-segment", "get", "/don-vi/01975%00/", {}),
    ("query", "get", "/don-vi/?q=a%00b", {}),
    ("query-key", "get", "/don-vi/?a%00=b", {}),
    ("body-field", "post", "/quan-tri/nguoi-dung/them/", {"username": "a\x00b", "role": "admin"}),
    ("body-choice", "post", "/quan-tri/nguoi-dung/them/", {"username": "ab", "role": "ad\x00min"}),
    ("body-key", "post", "/quan-tri/nguoi-dung/them/", {"user\x00name": "ab"}),
]


@pytest.mark.parametrize("case,method,path,data", NUL_REQUESTS, ids=[c[0] for c in NUL_REQUESTS])
def test_nul_anywhere_in_the_request_is_a_400(admin_client, case, method, path, data):  # noqa: F811
    if path.startswith("/quan-tri/"):
        path = reverse("users:user_create")
    before = fingerprint()
    response = getattr(admin_client, method)(path, data)
    body = assert_clean(response)
    assert response.status_code == 400
    assert NUL_PAGE in body
    assert fingerprint() == before


def test_nul_in_a_cookie_is_a_400(users):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abcdefgh\x00ijk"
    response = client.get(reverse("communes:list"))
    assert response.status_code == 400


def test_nul_in_an_attachment_form_is_a_400(district_draft):
    client, dossier = district_draft
    before = fingerprint()
    response = client.post(
        reverse("dossiers:attachment_upload", args=[dossier.pk]),
        {"kind": "proposal\x00", "file": upload()},
    )
    assert response.status_code == 400
    assert fingerprint() == before


# --- line breaks in e-mail headers; an e-mail not sent is retried and shown ------------------


def test_a_return_note_with_line_breaks_still_mails_with_a_one_line_subject(
    mailboxes,  # noqa: F811
    district_a,
    django_capture_on_commit_callbacks,
):
    users = mailboxes
    dossier = filed(users["district_a"], plain_commune(district_a), "Nông Văn A", 60_000_000)
    services.dossier_submit(dossier=dossier, by=users["district_a"])
    services.dossier_receive(dossier=dossier, by=users["reviewer"])
    mail.outbox.clear()
    note = "Thiếu biên bản.\r\nBcc: x@evil.example\n\u200bBổ sung\x07 ngay."
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_return(dossier=dossier, by=users["reviewer"], note=note)
    assert [m.to for m in mail.outbox] == [[users["district_a"].email]]
    subject = mail.outbox[0].subject
    assert "\n" not in subject and "\r" not in subject and "\u200b" not in subject
    assert "Thiếu biên bản. Bcc: x@evil.example Bổ sung ngay." in subject
    assert mail.outbox[0].bcc == []
    row = Notification.objects.filter(recipient=users["district_a"], dossier=dossier).first()
    assert "Thiếu biên bản.\r\nBcc" in row.message  # the notice itself keeps the note
    assert row.email_state == EmailState.SENT and row.email_attempts == 1


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("máy chủ thư không trả lời")


def test_an_email_that_cannot_be_sent_is_kept_shown_to_admins_and_retried(
    mailboxes,  # noqa: F811
    district_a,
    django_capture_on_commit_callbacks,
    settings,
):
    users = mailboxes
    dossier = filed(users["district_a"], plain_commune(district_a), "Nông Văn B", 60_000_000)
    settings.EMAIL_BACKEND = "tests.config.test_no_500.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=dossier, by=users["district_a"])
    row = Notification.objects.get(recipient=users["reviewer"], dossier=dossier)
    assert row.email_state == EmailState.FAILED and row.email_attempts == 1
    assert "ConnectionRefusedError" in row.email_error
    # the in-app notice is there all the same
    assert dossier.status == "submitted"

    admin = Client()
    admin.force_login(users["admin"])
    page = admin.get(reverse("users:mail_failures")).content.decode()
    assert users["reviewer"].email in page and dossier.reference in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    call_command("send_notification_emails", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.email_state == EmailState.SENT and row.email_attempts == 2
    assert [m.to for m in mail.outbox] == [[users["reviewer"].email]]
    page = admin.get(reverse("users:mail_failures")).content.decode()
    assert users["reviewer"].email not in page


def test_retries_stop_after_five_attempts(mailboxes, district_a, settings):  # noqa: F811
    users = mailboxes
    dossier = filed(users["district_a"], plain_commune(district_a), "Nông Văn C", 60_000_000)
    settings.EMAIL_BACKEND = "tests.config.test_no_500.RefusingBackend"
    services.dossier_submit(dossier=dossier, by=users["district_a"])  # on_commit not run
    for _ in range(7):
        call_command("send_notification_emails", stdout=io.StringIO())
    row = Notification.objects.get(recipient=users["reviewer"], dossier=dossier)
    assert row.email_state == EmailState.FAILED and row.email_attempts == 5


# --- control characters reaching a workbook ------------------------------------------------


def test_control_characters_stored_before_do_not_break_the_workbook_exports(
    login, users, district_a
):
    dossier = filed(users["district_a"], plain_commune(district_a), "Người Cũ", 60_000_000)
    Nominee.objects.filter(dossier=dossier).update(name="Nông\x07 Văn\x1b[31m Đỏ\x0b")
    type(dossier).objects.filter(pk=dossier.pk).update(document_number="5/TTr\x01-UBND")
    client = login(users["district_a"])
    client.raise_request_exception = False
    for url in (
        reverse("documents:nominees_xlsx", args=[dossier.pk]),
        reverse("documents:queue_xlsx"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        ws = load_workbook(io.BytesIO(response.content)).active
        values = [v for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
        assert not any(ch in v for v in values for ch in "\x01\x07\x0b\x1b"), url
    names = load_workbook(
        io.BytesIO(client.get(reverse("documents:nominees_xlsx", args=[dossier.pk])).content)
    ).active
    assert "Nông Văn[31m Đỏ" in [c for row in names.iter_rows(values_only=True) for c in row]
