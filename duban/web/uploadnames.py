"""Uploaded file names kept whole (文件名保留): a slash in a name no longer cuts it.

Django's multipart parser takes a file name after its last ``/`` or ``\\`` (for
browsers of old that sent whole paths), so evidence named
``<script>alert(1)</script>.pdf`` arrived as ``script>.pdf``. Browsers today
send the base name only, so a slash there is part of the name: it is kept, as
its full-width form (``／``, ``＼``), which no file system or browser reads as a
folder. The name is then checked by ``core.uploads.name_check`` as any other,
escaped on pages and sent in downloads as ``filename*`` (``core.downloads``); it
is never used as a path (storage names are made by the storage).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList, MultiValueDict

SEPARATORS = str.maketrans({"/": "\uff0f", "\\": "\uff3c"})


def name_kept(file_name: str) -> str | None:
    """Django's sanitising, without cutting at separators: entities decoded, unprintables dropped."""
    name = "".join(ch for ch in html.unescape(file_name).translate(SEPARATORS) if ch.isprintable())
    return None if name in {"", ".", ".."} else name


class NameKeepingParser(MultiPartParser):
    def sanitize_file_name(self, file_name: str) -> str | None:
        return name_kept(file_name)


class UploadNamesMiddleware:
    """Parse this request's multipart body with :class:`NameKeepingParser` (before CSRF reads the form)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def parse_file_upload(
            meta: Mapping[str, Any], post_data: BinaryIO
        ) -> tuple[QueryDict, MultiValueDict[str, UploadedFile]]:
            request.upload_handlers = ImmutableList(
                request.upload_handlers,
                warning="You cannot alter upload handlers after the upload has been processed.",
            )
            parser = NameKeepingParser(meta, post_data, request.upload_handlers, request.encoding)
            return parser.parse()

        request.parse_file_upload = parse_file_upload  # type: ignore[method-assign,assignment]
        return self.get_response(request)
