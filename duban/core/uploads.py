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
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode
from duban_extract.container import OOXML_PARTS, ContainerError, ContainerErrorCode, Limits, container_check

NAME_MAX = 255
HEAD_BYTES = 4096
# A zip's members may declare at most this many times the upload limit, unpacked.
UNPACKED_FACTOR = 10
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0",)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class FileKind:
    """What a file of one extension must start with, what it is served as, and for zips the parts it holds."""

    magic: tuple[bytes, ...] | None  # None: text (no NUL byte unless UTF-16)
    content_type: str
    parts: tuple[str, ...] = ()  # zip members the content must hold (OOXML_PARTS for Office files)

    @property
    def container(self) -> bool:
        """A zip: its directory is checked (parts, unpacked size, members) before anyone unpacks it."""
        return self.magic == _ZIP


_OFFICE = "application/vnd.openxmlformats-officedocument."
KINDS: dict[str, FileKind] = {
    ".pdf": FileKind((b"%PDF",), "application/pdf"),
    ".png": FileKind((b"\x89PNG",), "image/png"),
    ".jpg": FileKind((b"\xff\xd8\xff",), "image/jpeg"),
    ".jpeg": FileKind((b"\xff\xd8\xff",), "image/jpeg"),
    ".gif": FileKind((b"GIF8",), "image/gif"),
    ".docx": FileKind(_ZIP, _OFFICE + "wordprocessingml.document", OOXML_PARTS[".docx"]),
    ".xlsx": FileKind(_ZIP, _OFFICE + "spreadsheetml.sheet", OOXML_PARTS[".xlsx"]),
    ".xlsm": FileKind(_ZIP, "application/vnd.ms-excel.sheet.macroEnabled.12", OOXML_PARTS[".xlsm"]),
    ".pptx": FileKind(_ZIP, _OFFICE + "presentationml.presentation", OOXML_PARTS[".pptx"]),
    ".zip": FileKind(_ZIP, "application/zip"),
    ".ofd": FileKind(_ZIP, "application/ofd"),
    ".doc": FileKind(_OLE, "application/msword"),
    ".xls": FileKind(_OLE, "application/vnd.ms-excel"),
    # Text is served as plain text whatever its markup: never rendered as a page.
    ".txt": FileKind(None, "text/plain; charset=utf-8"),
    ".html": FileKind(None, "text/plain; charset=utf-8"),
    ".htm": FileKind(None, "text/plain; charset=utf-8"),
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


def container_limits() -> Limits:
    """How far an accepted zip may unpack: ten times the upload limit, and in proportion to its size."""
    return Limits(unpacked_max=UNPACKED_FACTOR * settings.UPLOAD_MAX_BYTES)


def _content_ok(kind: FileKind, head: bytes) -> bool:
    if kind.magic is None:
        return b"\x00" not in head or head.startswith(_UTF16_BOMS)
    return head.startswith(kind.magic)


def _container_ok(kind: FileKind, whole: Any, *, size: int, base: str, field: str) -> bool:
    """A zip holds its kind's parts (False if not), and is refused if it would unpack out of proportion."""
    if not kind.container:
        return True
    try:
        container_check(whole, size=size, parts=kind.parts, limits=container_limits())
    except ContainerError as exc:
        if exc.code in (ContainerErrorCode.NOT_ZIP, ContainerErrorCode.MISSING_PART):
            return False
        raise _refuse(ErrorCode.INVALID_FILE, unpacked_message(base, exc), field) from exc
    return True


def unpacked_message(name: str, exc: ContainerError) -> str:
    """The refusal of a container out of proportion, naming the file (in the user's language)."""
    return _(
        "%(name)s: the file would unpack to %(size)s in %(members)d parts, far more than such a file "
        "holds; it is refused unread."
    ) % {"name": name, "size": limit_text(exc.unpacked), "members": exc.members}


def content_type(name: str) -> str:
    """The content type a checked file is served as, from its checked kind (never the uploader's claim)."""
    kind = KINDS.get(PurePath(name).suffix.lower())
    return kind.content_type if kind else "application/octet-stream"


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
    kind = KINDS[suffix]
    ok = _content_ok(kind, head) and _container_ok(kind, stream, size=size, base=base, field=field)
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
