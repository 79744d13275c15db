"""Evidence download: a file is served only to those who may see what it is attached to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from duban.supervision.models import Attachment
from duban.supervision.views.common import item_or_404, source_or_404


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """Stream the file under its original name; 404 alike for missing and out of scope."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    if attachment.item_id is not None:
        item_or_404(request, attachment.item_id)
    elif attachment.source_id is not None:
        source_or_404(request, attachment.source_id)
    else:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type or "application/octet-stream")
