"""A dossier's attached files: what an uploaded file really is (decided from its bytes,
never from its name), storing it, removing it.

Accepted: PDF, JPEG, PNG and DOCX (a ZIP holding word/document.xml). Size limited
by ``settings.UPLOAD_MAX_BYTES``; the SHA-256 of the content is computed while reading.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from emulation.models import User
from emulation.money import format_number
from emulation.text import nfc

from ..models import Attachment, AttachmentKind, Dossier, Nominee, RemovedItem
from .common import _lock, _log, _require_edit, _touch
from .errors import Invalid
from .removals import removed_keep


class UploadError(ValueError):
    """The file is refused; the message (Vietnamese) says why."""


@dataclass(frozen=True)
class FileType:
    ext: str
    content_type: str
    label: str


PDF = FileType(".pdf", "application/pdf", "PDF")
JPEG = FileType(".jpg", "image/jpeg", "JPEG")
PNG = FileType(".png", "image/png", "PNG")
DOCX = FileType(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "DOCX",
)
ACCEPT_ATTR = ".pdf,.jpg,.jpeg,.png,.docx"


@dataclass(frozen=True)
class CheckedUpload:
    file_type: FileType
    size: int
    sha256: str
    original_name: str


def _is_docx(upload: UploadedFile) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and "word/document.xml" in names


def detect_type(upload: UploadedFile) -> FileType | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04") and _is_docx(upload):
        return DOCX
    return None


def max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{format_number(size / (1024 * 1024), 1)} MB"
    return f"{format_number(size / 1024, 0)} KB"


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Type from content, size within the limit, checksum; raises UploadError."""
    size = upload.size or 0
    if size == 0:
        raise UploadError(_("Tệp rỗng (0 byte). Chọn lại tệp."))
    limit = max_bytes()
    if size > limit:
        raise UploadError(
            _("Tệp %(size)s, vượt quá dung lượng cho phép %(limit)s.")
            % {"size": human_size(size), "limit": human_size(limit)}
        )
    file_type = detect_type(upload)
    if file_type is None:
        raise UploadError(
            _(
                "Nội dung tệp không phải PDF, JPEG, PNG hoặc DOCX (kiểm tra theo nội dung, "
                "không theo đuôi tên tệp)."
            )
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = (upload.name or "tep").replace("\\", "/").rsplit("/", 1)[-1]
    return CheckedUpload(
        file_type=file_type, size=size, sha256=digest.hexdigest(), original_name=name[:255]
    )


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
