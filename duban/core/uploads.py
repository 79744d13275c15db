"""One check for every uploaded file (上传文件检查): name, size and type by content.

Every place that takes a file — evidence attachments, documents to draft a
ledger from, the organisation and ledger workbooks — calls :func:`file_check`
(or uses :class:`UploadField`, which calls it), so the size limit is the
configured ``settings.UPLOAD_MAX_BYTES`` everywhere and a file renamed to a
permitted extension is refused by its content.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode

NAME_MAX = 255
HEAD_BYTES = 4096
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0",)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class FileKind:
    """What a file of one extension must start with, and for Office files the part it must hold."""

    magic: tuple[bytes, ...] | None  # None: text (no NUL byte unless UTF-16)
    member: str = ""  # a zip member the content must contain (word/document.xml for .docx)


KINDS: dict[str, FileKind] = {
    ".pdf": FileKind((b"%PDF",)),
    ".png": FileKind((b"\x89PNG",)),
    ".jpg": FileKind((b"\xff\xd8\xff",)),
    ".jpeg": FileKind((b"\xff\xd8\xff",)),
    ".gif": FileKind((b"GIF8",)),
    ".docx": FileKind(_ZIP, "word/document.xml"),
    ".xlsx": FileKind(_ZIP, "xl/workbook.xml"),
    ".xlsm": FileKind(_ZIP, "xl/workbook.xml"),
    ".pptx": FileKind(_ZIP, "ppt/presentation.xml"),
    ".zip": FileKind(_ZIP),
    ".ofd": FileKind(_ZIP),
    ".doc": FileKind(_OLE),
    ".xls": FileKind(_OLE),
    ".txt": FileKind(None),
    ".html": FileKind(None),
    ".htm": FileKind(None),
}

# The kinds each upload place takes.
EVIDENCE = (
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".docx",
    ".xlsx",
    ".pptx",
    ".zip",
    ".ofd",
    ".doc",
    ".xls",
    ".txt",
)
DOCUMENTS = (".txt", ".docx", ".html", ".htm", ".pdf")
WORKBOOKS = (".xlsx",)


def limit_text(limit: int | None = None) -> str:
    """A size (default: the upload limit) as people write it: 20 MB, 0.5 MB, 1 KB."""
    value = settings.UPLOAD_MAX_BYTES if limit is None else limit
    if value < 100 * 1024:
        return f"{value / 1024:.3g} KB"
    return f"{value / (1024 * 1024):.3g} MB"


def _refuse(code: ErrorCode, message: str, field: str) -> DomainError:
    return DomainError(code, message, field=field)


def name_check(name: str | None, *, field: str = "file") -> str:
    """The file's own name (no folders), refused if empty, too long or carrying control characters."""
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    if not base or base in (".", "..") or any(unicodedata.category(ch) == "Cc" for ch in base):
        raise _refuse(
            ErrorCode.INVALID_FILE, _("The file name is missing or unusable; rename the file."), field
        )
    if len(base) > NAME_MAX:
        raise _refuse(
            ErrorCode.INVALID_FILE,
            _("%(name)s…: the file name is longer than %(max)d characters; shorten it.")
            % {"name": base[:40], "max": NAME_MAX},
            field,
        )
    return base


def _content_ok(kind: FileKind, head: bytes, whole: Any) -> bool:
    if kind.magic is None:
        return b"\x00" not in head or head.startswith(_UTF16_BOMS)
    if not head.startswith(kind.magic):
        return False
    if not kind.member:
        return True
    try:
        with zipfile.ZipFile(whole) as archive:
            return kind.member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def file_check(
    *, name: str | None, size: int | None, stream: Any, kinds: Collection[str], field: str = "file"
) -> str:
    """Refuse a file by name, size (``settings.UPLOAD_MAX_BYTES``), extension or content.

    ``stream`` is a seekable binary file (left at its start). Returns the file's
    safe base name. Raises DomainError (FILE_TOO_LARGE or INVALID_FILE) naming the file.
    """
    base = name_check(name, field=field)
    if size is not None and size > settings.UPLOAD_MAX_BYTES:
        raise _refuse(
            ErrorCode.FILE_TOO_LARGE,
            _("%(name)s: the file is larger than %(limit)s.") % {"name": base, "limit": limit_text()},
            field,
        )
    if not size:
        raise _refuse(ErrorCode.INVALID_FILE, _("%(name)s: the file is empty.") % {"name": base}, field)
    suffix = PurePath(base).suffix.lower()
    if suffix not in kinds:
        if suffix == ".xls" and ".xlsx" in kinds:
            message = _(
                "%(name)s: the old .xls format is not supported; save the file as .xlsx in Excel or WPS."
            )
        else:
            message = _("%(name)s: files of this type are not accepted (%(kinds)s).")
        raise _refuse(ErrorCode.INVALID_FILE, message % {"name": base, "kinds": "、".join(kinds)}, field)
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    ok = _content_ok(KINDS[suffix], head, stream)
    stream.seek(0)
    if not ok:
        raise _refuse(
            ErrorCode.INVALID_FILE,
            _("%(name)s: the content is not a %(kind)s file (damaged, or another format renamed).")
            % {"name": base, "kind": suffix},
            field,
        )
    return base


def upload_check(upload: UploadedFile, *, kinds: Collection[str], field: str = "file") -> str:
    """:func:`file_check` for an uploaded file; returns its safe base name."""
    return file_check(name=upload.name, size=upload.size, stream=upload, kinds=kinds, field=field)


def bytes_check(data: bytes, name: str, *, kinds: Collection[str], field: str = "file") -> str:
    """:func:`file_check` for a file already read (the command line, a staged upload)."""
    return file_check(name=name, size=len(data), stream=io.BytesIO(data), kinds=kinds, field=field)


class UploadField(forms.FileField):
    """A file field that runs the one upload check; its error names the file."""

    def __init__(self, *, kinds: Collection[str], **kwargs: Any) -> None:
        self.kinds = tuple(kinds)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ",".join(self.kinds)}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            try:
                upload_check(upload, kinds=self.kinds)
            except DomainError as exc:
                raise forms.ValidationError(exc.message, code=str(exc.code)) from exc
        return upload
