"""Sources (来源): list, get, register, edit."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Router, Status, UploadedFile

from duban.core.inputs import Id
from duban.core.responses import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, errors
from duban.supervision import policy
from duban.supervision.api.common import caller
from duban.supervision.api.schemas import SourceCreateIn, SourceDetailOut, SourceOut, SourceUpdateIn
from duban.supervision.models import Source
from duban.supervision.services.source import source_attach, source_create, source_update

router = Router(tags=["supervision: sources"])


@router.get("/sources", response={200: list[SourceOut], **LIST_ERRORS}, summary="List sources")
def source_list(request: HttpRequest, include_archived: bool = False) -> list[Source]:
    """Sources with at least one item in the caller's scope (all for the supervision office), newest first."""
    sources = policy.sources_visible(caller(request))
    if not include_archived:
        sources = sources.filter(is_archived=False)
    return list(sources.order_by("-date", "-id"))


@router.get("/sources/{source_id}", response={200: SourceDetailOut, **READ_ERRORS}, summary="Get a source")
def source_get(request: HttpRequest, source_id: Id) -> Source:
    """One source with its attachments; 404 if out of scope."""
    source = policy.access_source(caller(request), source_id)
    return policy.sources_visible(caller(request)).prefetch_related("attachments").get(pk=source.pk)


@router.post("/sources", response={201: SourceDetailOut, **errors(400, 403)}, summary="Register a source")
def source_post(request: HttpRequest, payload: SourceCreateIn) -> Status[Source]:
    """Register a source (立项) — supervision office only (403 otherwise)."""
    return Status(201, source_create(actor=caller(request), **payload.dict()))


@router.patch(
    "/sources/{source_id}", response={200: SourceDetailOut, **WRITE_ERRORS}, summary="Edit a source"
)
def source_patch(request: HttpRequest, source_id: Id, payload: SourceUpdateIn) -> Source:
    """Change the fields sent — supervision office only."""
    user = caller(request)
    source = policy.access_source(user, source_id)
    return source_update(actor=user, source=source, **payload.dict(exclude_unset=True))


@router.post(
    "/sources/{source_id}/attachments",
    response={201: SourceDetailOut, **WRITE_ERRORS},
    summary="Attach files to a source",
)
def source_attach_post(
    request: HttpRequest,
    source_id: Id,
    files: File[list[UploadedFile]],
) -> Status[Source]:
    """Attach the source document and annexes (multipart ``files``) — supervision office only.

    Files are checked for type and size; if one is refused, none is stored.
    """
    user = caller(request)
    source = policy.access_source(user, source_id)
    source_attach(actor=user, source=source, files=files)
    return Status(201, policy.sources_visible(user).prefetch_related("attachments").get(pk=source.pk))
