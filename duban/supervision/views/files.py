"""Evidence download: a file is served only to those who may see what it is attached to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from duban.core.errors import NotFound
from duban.supervision import policy


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """Stream the file under its original name; 404 alike for missing and out of scope."""
    try:
        attachment = policy.access_attachment(request.user, attachment_id)
    except NotFound as exc:
        raise Http404 from exc
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type or "application/octet-stream")
