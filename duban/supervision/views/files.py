"""Evidence files: served only to those who may see what they are attached to.

``attachment_download`` sends any file as a download; ``attachment_preview``
shows a photo in the browser (inline) when its content is PNG, JPEG or GIF, and
sends anything else to the download. Both go through ``policy.access_attachment``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse

from duban.core.downloads import stored_file_download, stored_photo_preview
from duban.core.errors import NotFound
from duban.supervision import policy
from duban.supervision.models import Attachment


def _attachment_or_404(request: HttpRequest, attachment_id: int) -> Attachment:
    try:
        return policy.access_attachment(request.user, attachment_id)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """Stream the file under its original name, typed by its checked kind; 404 if missing or out of scope."""
    attachment = _attachment_or_404(request, attachment_id)
    return stored_file_download(attachment.file, name=attachment.original_name)


@login_required
def attachment_preview(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    """A photo inline, typed by its content; any other file goes to the download."""
    attachment = _attachment_or_404(request, attachment_id)
    download = reverse("supervision:file", args=[attachment.pk])
    return stored_photo_preview(attachment.file, name=attachment.original_name, download_url=download)
