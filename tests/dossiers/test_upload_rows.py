"""The upload block (issue 17, part 1): several files at once, each with its type; a
refused file's error beside it on the dossier's page, its type and nominee kept."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from dossiers.models import Attachment, AttachmentKind
from tests.dossiers.support import (
    EXE_BYTES,
    _media,  # noqa: F401 - autouse fixture
    docx_bytes,
    filed,
    plain_commune,
    upload,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def draft(users, district_a):
    return filed(users["district_a"], plain_commune(district_a), "Nguyễn Văn An", 60_000_000)


def selected(page: str, name: str) -> str | None:
    """The value selected in the <select name=...> of the page (None: the browser's first)."""
    block = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    option = re.search(r'<option value="([^"]*)"[^>]*selected', block)
    return option.group(1) if option else None


def test_several_files_at_once_each_with_its_type(login, users, draft):
    before = draft.attachments.count()
    nominee = draft.nominees.get()
    response = login(users["district_a"]).post(
        reverse("dossiers:attachment_upload", args=[draft.pk]),
        {
            "kind": AttachmentKind.PROPOSAL,
            "file": upload("to-trinh.pdf"),
            "2-kind": AttachmentKind.MINUTES,
            "2-file": upload("bien-ban.docx", docx_bytes()),
            "3-kind": AttachmentKind.ACHIEVEMENT,
            "3-nominee": str(nominee.pk),
            "3-file": upload("thanh-tich.pdf"),
            "4-kind": AttachmentKind.EVIDENCE,  # no file: skipped
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#tai-lieu")
    new = Attachment.objects.filter(dossier=draft).order_by("-pk")[:3]
    assert {(a.original_name, a.kind, a.nominee_id) for a in new} == {
        ("to-trinh.pdf", AttachmentKind.PROPOSAL, None),
        ("bien-ban.docx", AttachmentKind.MINUTES, None),
        ("thanh-tich.pdf", AttachmentKind.ACHIEVEMENT, nominee.pk),
    }
    assert draft.attachments.count() == before + 3


def test_a_refused_file_keeps_its_type_and_says_why_beside_it(login, users, draft):
    before = draft.attachments.count()
    nominee = draft.nominees.get()
    client = login(users["district_a"])
    response = client.post(
        reverse("dossiers:attachment_upload", args=[draft.pk]),
        {
            "kind": AttachmentKind.MINUTES,
            "file": upload("bien-ban.pdf"),
            "2-kind": AttachmentKind.ACHIEVEMENT,
            "2-nominee": str(nominee.pk),
            "2-file": upload("thanh-tich.pdf", EXE_BYTES),
        },
    )
    # the good file is stored, the bad one comes back on the dossier's page
    assert response.status_code == 400
    assert draft.attachments.count() == before + 1
    page = response.content.decode()
    assert "Đã tải lên bien-ban.pdf" in page
    assert selected(page, "2-kind") == AttachmentKind.ACHIEVEMENT
    assert selected(page, "2-nominee") == str(nominee.pk)
    # the error beside the file, linked to it, the cursor on it
    error = re.search(r'<div class="invalid-feedback d-block" id="id_2-file_error">(.*?)<', page)
    assert error and "không phải PDF, JPEG, PNG hoặc DOCX" in error.group(1)
    field = re.search(r'<input type="file" name="2-file"[^>]*>', page).group(0)
    assert 'aria-describedby="id_2-file_error"' in field and "autofocus" in field
    assert 'aria-invalid="true"' in field and "is-invalid" in field
    # the row stored comes back empty, the first row is not in error
    assert 'id="id_file_error"' not in page
    assert selected(page, "kind") is None  # empty again


def test_a_missing_nominee_is_said_beside_the_nominee(login, users, draft):
    response = login(users["district_a"]).post(
        reverse("dossiers:attachment_upload", args=[draft.pk]),
        {"kind": AttachmentKind.ACHIEVEMENT, "file": upload("thanh-tich.pdf")},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'id="id_nominee_error">Chọn đối tượng', page)
    assert selected(page, "kind") == AttachmentKind.ACHIEVEMENT


def test_no_file_is_said_beside_the_file(login, users, draft):
    response = login(users["district_a"]).post(
        reverse("dossiers:attachment_upload", args=[draft.pk]), {"kind": AttachmentKind.MINUTES}
    )
    assert response.status_code == 400
    assert re.search(r'id="id_file_error">Chọn tệp cần tải lên', response.content.decode())
