"""Sending a stored file (文件下载): typed by its checked kind, cached privately, named safely.

Pages and the API send evidence through :func:`file_response`, so every download
carries the same headers:

- ``Content-Type`` from the kind the upload check verified (``uploads.content_type``),
  never the type the uploader's browser claimed;
- ``X-Content-Type-Options: nosniff`` and ``Cache-Control: private, no-cache``
  (a shared cache never keeps it; the browser asks again, so a lost scope is felt);
- ``Content-Disposition`` with the original name twice: an ASCII fallback with
  anything unsafe replaced, and the exact name percent-encoded (RFC 6266 /
  RFC 5987 ``filename*``), so ``<script>alert(1)</script>.pdf`` stays recognisable.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import IO
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.http.response import HttpResponseBase

from duban.core.images import HEAD_BYTES, image_type
from duban.core.uploads import content_type

CACHE_CONTROL = "private, no-cache"
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._()\- ]")


def ascii_name(name: str) -> str:
    """A fallback name for old clients: unsafe characters as ``_``; ``file.pdf`` if nothing is left."""
    safe = _UNSAFE_ASCII.sub("_", name).strip(" .")
    stem = PurePath(safe).stem
    if not stem.strip("_"):
        return "file" + _UNSAFE_ASCII.sub("_", PurePath(name).suffix)
    return safe


def content_disposition(name: str, *, inline: bool = False) -> str:
    """``attachment; filename="…"; filename*=UTF-8''…`` for any original name."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(handle: IO[bytes], *, name: str, inline: bool = False, kind: str = "") -> FileResponse:
    """Stream ``handle`` as ``name``; ``kind`` overrides the type derived from the name (a sniffed image)."""
    response = FileResponse(handle, content_type=kind or content_type(name))
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = CACHE_CONTROL
    return response


# An image shown by itself: no scripts, styles or frames, whatever the bytes hold.
PREVIEW_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def stored_file_download(stored: FieldFile, *, name: str) -> FileResponse:
    """A stored file as a download (404 when it is gone from storage). Call after the scope check."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return file_response(handle, name=name)


def stored_photo_preview(stored: FieldFile, *, name: str, download_url: str) -> HttpResponseBase:
    """A stored photo inline, typed by its content (PNG, JPEG, GIF), in a sandbox; anything else
    is sent to ``download_url``. Call after the scope check."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    kind = image_type(handle.read(HEAD_BYTES))
    if kind is None:
        handle.close()
        return HttpResponseRedirect(download_url)
    handle.seek(0)
    response = file_response(handle, name=name, inline=True, kind=kind)
    response["Content-Security-Policy"] = PREVIEW_CSP
    response["Cache-Control"] = "private, max-age=3600"
    return response
