"""What an uploaded file really is, decided from its bytes, never from its name.

Accepted: PDF, JPEG, PNG and DOCX (a ZIP holding word/document.xml). Size limited by
``settings.UPLOAD_MAX_BYTES``; the SHA-256 of the content is computed while reading.
Used by dossier attachments and by the criteria's evidence files.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .money import format_number


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
