"""Evidence files, served only through scope (never from a public media URL)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from ninja import Router

from duban.supervision import policy
from duban.supervision.api.common import caller
from duban.supervision.api.schemas import ERRORS

router = Router(tags=["supervision: files"])


@router.get("/attachments/{attachment_id}", response={200: None, **ERRORS}, summary="Download a file")
def attachment_get(request: HttpRequest, attachment_id: int) -> FileResponse:
    """The file's bytes, as an attachment with its original name.

    404 if its item or source is out of the caller's scope.
    """
    attachment = policy.access_attachment(caller(request), attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
