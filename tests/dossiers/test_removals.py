"""Removing a nominee or a document asks first and can be undone until the dossier is
submitted (issue 17, part 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.models import Attachment, AttachmentKind, DossierEvent, Nominee
from emulation.models import AuditEntry
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add_person,
    attach_all,
    filed,
    plain_commune,
    upload,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def draft(users, district_a):
    dossier = filed(users["district_a"], plain_commune(district_a), "Nguyễn Văn An", 60_000_000)
    add_person(dossier, users["district_a"], "Lò Thị Bích", plain_commune(district_a), 60_000_000)
    attach_all(dossier, users["district_a"])
    return dossier


def test_removing_a_nominee_asks_first_then_can_be_undone(login, users, draft):
    client = login(users["district_a"])
    nominee = draft.nominees.get(name="Nguyễn Văn An")
    files = list(nominee.attachments.values_list("pk", "file"))
    url = reverse("dossiers:nominee_remove", args=[draft.pk, nominee.pk])
    # the dossier's page links to the question, which changes nothing
    page = client.get(reverse("dossiers:detail", args=[draft.pk])).content.decode()
    assert f'href="{url}"' in page
    question = client.get(url).content.decode()
    assert "Bỏ Nguyễn Văn An khỏi hồ sơ?" in question and "thanh-tich-" in question
    assert Nominee.objects.filter(pk=nominee.pk).exists()
    # confirmed: gone, and the page offers to restore it
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("#da-bo")
    assert not Nominee.objects.filter(pk=nominee.pk).exists()
    assert not Attachment.objects.filter(pk__in=[pk for pk, _ in files]).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Khôi phục được ở mục “Đã bỏ khỏi hồ sơ”" in page
    item = draft.removed_items.get()
    restore = reverse("dossiers:removed_restore", args=[draft.pk, item.pk])
    assert f'action="{restore}"' in page and "Khôi phục Nguyễn Văn An" in page
    # restored with its own ids, its files and its verdict
    client.post(restore)
    back = Nominee.objects.get(pk=nominee.pk)
    assert back.name == "Nguyễn Văn An" and back.verdict_eligible == nominee.verdict_eligible
    assert list(back.attachments.values_list("pk", "file")) == files
    assert all(Path(back.attachments.get().file.path).exists() for _ in files)
    assert not draft.removed_items.exists()
    actions = list(draft.events.values_list("action", flat=True))
    assert actions[-2:] == ["nominee_remove", "nominee_restore"]
    assert AuditEntry.objects.filter(action="dossier.nominee_restore").exists()


def test_a_document_comes_back_and_a_nominees_document_waits_for_its_nominee(login, users, draft):
    district = users["district_a"]
    client = login(district)
    nominee = draft.nominees.get(name="Lò Thị Bích")
    document = nominee.attachments.get()
    assert (
        "Gỡ tài liệu"
        in client.get(
            reverse("dossiers:attachment_remove", args=[draft.pk, document.pk])
        ).content.decode()
    )
    client.post(reverse("dossiers:attachment_remove", args=[draft.pk, document.pk]))
    services.nominee_remove(nominee=nominee, by=district)
    document_item = draft.removed_items.get(what="attachment")
    response = client.post(
        reverse("dossiers:removed_restore", args=[draft.pk, document_item.pk]), follow=True
    )
    assert "khôi phục đối tượng trước" in response.content.decode()
    assert not Attachment.objects.filter(pk=document.pk).exists()
    services.removed_item_restore(item=draft.removed_items.get(what="nominee"), by=district)
    services.removed_item_restore(item=document_item, by=district)
    assert Attachment.objects.get(pk=document.pk).nominee_id == nominee.pk


def test_submitting_forgets_what_was_removed(
    login, users, draft, django_capture_on_commit_callbacks
):
    district = users["district_a"]
    extra = services.attachment_upload(
        dossier=draft, by=district, kind=AttachmentKind.EVIDENCE, upload=upload("thua.pdf")
    )
    path = Path(extra.file.path)
    services.attachment_remove(attachment=extra, by=district)
    item = draft.removed_items.get()
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=draft, by=district)
    assert not path.exists() and not draft.removed_items.exists()
    response = login(district).post(reverse("dossiers:removed_restore", args=[draft.pk, item.pk]))
    assert response.status_code == 302  # the dossier is no longer editable: its page says so
    assert not Attachment.objects.filter(pk=extra.pk).exists()


def test_only_the_proposer_restores(login, users, draft):
    district = users["district_a"]
    services.nominee_remove(nominee=draft.nominees.first(), by=district)
    item = draft.removed_items.get()
    url = reverse("dossiers:removed_restore", args=[draft.pk, item.pk])
    for role, status in (("district_b", 404), ("reviewer", 404), ("admin", 403)):
        assert login(users[role]).post(url).status_code == status
    assert draft.removed_items.exists()
    assert not DossierEvent.objects.filter(action="nominee_restore").exists()
