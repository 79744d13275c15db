"""Evidence files: served only to those who may see what they are attached to.

``attachment_download`` sends any file as a download; ``attachment_preview``
shows a photo in the browser (inline) when its content is PNG, JPEG or GIF, and
sends anything else to the download. Both go through ``policy.access_attachment``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse

from duban.core.downloads import file_response
from duban.core.errors import NotFound
from duban.core.images import HEAD_BYTES, image_type
from duban.supervision import policy
from duban.supervision.models import Attachment

# An image shown by itself: no scripts, styles or frames, whatever the bytes hold.
PREVIEW_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def _attachment_or_404(request: HttpRequest, attachment_id: int) -> Attachment:
    try:
        return policy.access_attachment(request.user, attachment_id)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """Stream the file under its original name, typed by its checked kind; 404 if missing or out of scope."""
    attachment = _attachment_or_404(request, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return file_response(handle, name=attachment.original_name)


@login_required
def attachment_preview(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    """A photo inline, typed by its content; any other file goes to the download."""
    attachment = _attachment_or_404(request, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    kind = image_type(handle.read(HEAD_BYTES))
    if kind is None:
        handle.close()
        return HttpResponseRedirect(reverse("supervision:file", args=[attachment.pk]))
    handle.seek(0)
    response = file_response(handle, name=attachment.original_name, inline=True, kind=kind)
    response["Content-Security-Policy"] = PREVIEW_CSP
    response["Cache-Control"] = "private, max-age=3600"
    return response
