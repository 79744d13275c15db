"""Evidence files, served only through scope (never from a public media URL)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from ninja import Router

from duban.core.errors import NotFound
from duban.org import scope
from duban.supervision.api.common import caller
from duban.supervision.api.schemas import ERRORS
from duban.supervision.models import Attachment

router = Router(tags=["supervision: files"])


def access_attachment(user: object, attachment_id: int) -> Attachment:
    """The attachment if what it is attached to is in scope; NotFound alike otherwise."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound("attachment")
    if attachment.item_id is not None:
        scope.access_item(user, attachment.item_id)
    elif attachment.source_id is not None:
        scope.access_source(user, attachment.source_id)
    else:
        raise NotFound("attachment")
    return attachment


@router.get("/attachments/{attachment_id}", response={200: None, **ERRORS}, summary="Download a file")
def attachment_get(request: HttpRequest, attachment_id: int) -> FileResponse:
    """The file's bytes, as an attachment with its original name.

    404 if its item or source is out of the caller's scope.
    """
    attachment = access_attachment(caller(request), attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
