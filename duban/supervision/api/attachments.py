"""Evidence files, served only through scope (never from a public media URL)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from ninja import Router

from duban.core.downloads import file_response
from duban.core.inputs import Id
from duban.core.responses import READ_ERRORS
from duban.supervision import policy
from duban.supervision.api.common import caller

router = Router(tags=["supervision: files"])


@router.get("/attachments/{attachment_id}", response={200: None, **READ_ERRORS}, summary="Download a file")
def attachment_get(request: HttpRequest, attachment_id: Id) -> FileResponse:
    """The file's bytes, as an attachment with its original name, typed by its checked kind.

    404 if its item or source is out of the caller's scope.
    """
    attachment = policy.access_attachment(caller(request), attachment_id)
    return file_response(attachment.file.open("rb"), name=attachment.original_name)
