"""A dossier's attached files: checked by content (:mod:`emulation.uploads`, shared with
the criteria's evidence files), stored, removed."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.documents.trust import SignatureCheck, pdf_signature_check
from emulation.models import User
from emulation.text import nfc
from emulation.uploads import (  # noqa: F401 - re-exported: the dossiers' names for them
    ACCEPT_ATTR,
    DOCX,
    JPEG,
    PDF,
    PNG,
    CheckedUpload,
    FileType,
    UploadError,
    check_upload,
    detect_type,
    human_size,
    max_bytes,
)

from ..models import Attachment, AttachmentKind, Dossier, Nominee, RemovedItem
from .common import _lock, _log, _require_edit, _touch
from .errors import Invalid
from .removals import removed_keep

# The request's attribute saying the upload was cut short (``request.upload_too_large``).
UPLOAD_TOO_LARGE = "upload_too_large"


class SizeLimitHandler(FileUploadHandler):
    """Stops reading an uploaded file as soon as it passes the limit, so an oversized
    upload never fills the disk; the view then says so (``request.upload_too_large``)."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > max_bytes():
            if self.request is not None:
                # a marker HttpRequest does not declare; the view reads it with getattr
                setattr(self.request, UPLOAD_TOO_LARGE, True)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _signature_check(
    upload: UploadedFile, checked: CheckedUpload, *, province_id: str
) -> SignatureCheck | None:
    """The digital signature of an uploaded PDF, checked against the roots the dossier's
    province trusts (issue 16, part 3); None for any other type of file."""
    if checked.file_type != PDF:
        return None
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return pdf_signature_check(data, province_id=province_id)


# --- attachments ---------------------------------------------------------------


def attachment_upload(
    *, dossier: Dossier, by: User, kind: str, upload: UploadedFile, nominee: Nominee | None = None
) -> Attachment:
    """Store a file checked by content and size, with its SHA-256, under MEDIA_ROOT.

    The file is written inside the transaction; if the transaction fails the file is
    deleted again, so no orphan is left behind."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            d = _lock(dossier)
            _require_edit(by, d)
            if kind not in AttachmentKind.values:
                raise Invalid({"kind": _("Chọn loại tài liệu.")})
            if kind == AttachmentKind.ACHIEVEMENT:
                if nominee is None or nominee.dossier_id != d.pk:
                    raise Invalid({"nominee": _("Chọn đối tượng của bản thành tích.")})
            else:
                nominee = None
            try:
                checked = check_upload(upload)
            except UploadError as exc:
                raise Invalid({"file": str(exc)}) from exc
            upload.name = f"tep{checked.file_type.ext}"
            signature = _signature_check(upload, checked, province_id=d.province_id)
            attachment = Attachment(
                dossier=d,
                nominee=nominee,
                kind=kind,
                original_name=nfc(checked.original_name),
                content_type=checked.file_type.content_type,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_by=by,
            )
            if signature is not None:
                attachment.signature_status = signature.status
                attachment.signature_signer = signature.signer
                attachment.signature_signed_at = signature.signed_at
                attachment.signature_reason = signature.reason
                attachment.signature_checked_at = timezone.now()
            attachment.file.save(upload.name, upload, save=False)
            stored.append(attachment.file.name)
            attachment.save()
            _log(
                d,
                action="attachment_add",
                by=by,
                details={
                    "name": attachment.original_name,
                    "kind": kind,
                    "nominee": nominee.pk if nominee else None,
                    "sha256": checked.sha256,
                    "signature": signature.status if signature is not None else "",
                },
            )
            _touch(d)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User) -> None:
    """Remove a document; kept (its file too) to be restored until the dossier is submitted."""
    d = _lock(attachment.dossier)
    _require_edit(by, d)
    a = Attachment.objects.filter(pk=attachment.pk, dossier=d).first()
    if a is None:
        return
    original, kind = a.original_name, a.kind
    removed_keep(
        dossier=d,
        by=by,
        what=RemovedItem.What.ATTACHMENT,
        label=original,
        rows=[a],
        files=[a.file.name],
    )
    a.delete()
    _log(d, action="attachment_remove", by=by, details={"name": original, "kind": kind})
    _touch(d)
