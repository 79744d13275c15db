"""Storing uploaded evidence: type and size checked, content sniffed, hashed."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.supervision.models import Attachment

# Extension → accepted leading bytes (None: plain text, checked for NUL bytes).
ALLOWED: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF8",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04",),
    ".ofd": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".txt": None,
}


def check_upload(upload: UploadedFile) -> None:
    """Refuse a file by size, extension or content, naming the file."""
    name = upload.name or "file"
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        raise DomainError(
            ErrorCode.FILE_TOO_LARGE,
            _("%(file)s: the file is larger than %(limit)s MB.") % {"file": name, "limit": limit},
            field="files",
        )
    if not upload.size:
        message = _("%(file)s: the file is empty.") % {"file": name}
        raise DomainError(ErrorCode.INVALID_FILE, message, field="files")
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED:
        kinds = ", ".join(sorted(ALLOWED))
        raise DomainError(
            ErrorCode.INVALID_FILE,
            _("%(file)s: files of this type are not accepted (%(kinds)s).") % {"file": name, "kinds": kinds},
            field="files",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    magic = ALLOWED[suffix]
    ok = b"\x00" not in head if magic is None else any(head.startswith(m) for m in magic)
    if not ok:
        raise DomainError(
            ErrorCode.INVALID_FILE,
            _("%(file)s: the content is not a %(suffix)s file.") % {"file": name, "suffix": suffix},
            field="files",
        )


def attachment_store(*, actor: Any, upload: UploadedFile, **owner: Any) -> Attachment:
    """Store one checked file for an owner (source, item, report or transition).

    Call inside the owner's transaction; the owner's service writes the audit row.
    """
    check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        original_name=PurePath(upload.name or "file").name[:255],
        size=upload.size or 0,
        content_type=(upload.content_type or "application/octet-stream")[:100],
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        uploaded_at=clock.now(),
        **owner,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    attachment.save()
    return attachment
