"""Items (督办事项): list with filters and lights, get with the whole record, create, edit, move."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from duban.core import clock
from duban.core.errors import NotFound
from duban.core.inputs import CleanText, Id, Offset
from duban.core.responses import LIST_ERRORS, READ_ERRORS, VERSIONED_ERRORS, WRITE_ERRORS
from duban.org.scope import Viewer
from duban.supervision import policy
from duban.supervision.api.common import caller, person_by_id, unit_by_id, units_by_ids
from duban.supervision.api.schemas import (
    ItemCreateIn,
    ItemDetailOut,
    ItemFieldsIn,
    ItemMoveIn,
    ItemPageOut,
    ItemUpdateIn,
    MilestoneIn,
    MilestoneOut,
)
from duban.supervision.filters import parse_item_filters
from duban.supervision.models import Item, Milestone
from duban.supervision.selectors import item_detail_queryset, item_list, with_parent_in_scope
from duban.supervision.services.lights import item_light_current
from duban.supervision.services.milestone import milestone_add
from duban.supervision.services.tree import item_create, item_move, item_update

router = Router(tags=["supervision: items"])

MAX_LIMIT = 200


class ItemQuery(Schema):
    """The ledger's query string, read by ``filters.parse_item_filters`` as the page and export read it.

    The fields are declared as text (without NUL) for the documentation; the parser checks
    them and answers 400 ``invalid`` naming each unreadable parameter in ``fields``.
    """

    q: CleanText = Field(
        "", description="Keywords (Chinese substrings, no segmentation needed), all must match."
    )
    source: list[CleanText] = Field(default_factory=list, description="Source ids (repeat the parameter).")
    unit: list[CleanText] = Field(default_factory=list, description="Lead or cooperating unit ids (repeat).")
    leader: list[CleanText] = Field(default_factory=list, description="Leader-in-charge person ids (repeat).")
    state: list[CleanText] = Field(default_factory=list, description="Workflow states (repeat).")
    light: list[CleanText] = Field(default_factory=list, description="Stored light colours (repeat).")
    deadline_from: CleanText = Field("", description="YYYY-MM-DD, included.")
    deadline_to: CleanText = Field("", description="YYYY-MM-DD, included.")
    tag: CleanText = ""
    overdue: CleanText = Field("", description="1: open and past the deadline.")
    roots: CleanText = Field("", description="1: top-level items only.")
    preset: CleanText = Field("", description="mine (the five open states), overdue, due_week (by Sunday).")
    sort: CleanText = Field("", description="number (default), deadline, light, unit, state; -key reverses.")
    size: CleanText = Field("", description="Page size: 20, 50 (default), 100 or 200.")
    page: CleanText = Field("", description="Page number from 1 (with size).")
    limit: int | None = Field(None, ge=1, le=MAX_LIMIT, description="Instead of size: rows to return.")
    offset: Offset | None = Field(None, description="Instead of page: rows to skip.")


@router.get("/items", response={200: ItemPageOut, **LIST_ERRORS}, summary="List items (the ledger)")
def item_list_get(request: HttpRequest, query: Query[ItemQuery]) -> dict[str, Any]:
    """Items in the caller's scope matching the filters, in the order asked for, one page at a time.

    The same query string gives the same rows as the ledger page and its export.
    The light is the stored one, brought to today before the filters read it (the
    value the pages show); the number of queries does not grow with the page.
    """
    today = clock.today()
    filters = parse_item_filters(request.GET, today=today)
    user = caller(request)
    items = with_parent_in_scope(item_list(user=user, filters=filters, today=today), user)
    limit = query.limit or filters.page_size
    offset = query.offset if query.offset is not None else (filters.page - 1) * filters.page_size
    page = list(items[offset : offset + limit])
    return {"count": items.count(), "limit": limit, "offset": offset, "items": page}


def _detail(user: Viewer, item_id: int) -> Item:
    item = item_detail_queryset(user).filter(pk=item_id).first()
    if item is None:
        raise NotFound("item")
    item_light_current(item=item)  # computed now and stored: the value lists and filters read
    return item


@router.get("/items/{item_id}", response={200: ItemDetailOut, **READ_ERRORS}, summary="Get an item")
def item_get(request: HttpRequest, item_id: Id) -> Item:
    """One item with milestones, reports, transitions, deadline history and instructions.

    404 if out of the caller's scope.
    """
    return _detail(caller(request), item_id)


def _fields(payload: ItemFieldsIn, sent: set[str]) -> dict[str, Any]:
    """The payload's plain fields plus units and people resolved from their ids."""
    data = payload.dict(include=sent)
    fields: dict[str, Any] = {
        k: v
        for k, v in data.items()
        if k
        not in {
            "lead_unit_id",
            "leader_id",
            "responsible_id",
            "cooperating_unit_ids",
            "tags",
            "source_id",
            "parent_id",
            "version",
            "deadline_reason",
        }
    }
    # Text fields arrive as "" for null (ClearableText): text columns are never NULL.
    if "lead_unit_id" in sent:
        fields["lead_unit"] = unit_by_id(payload.lead_unit_id, field="lead_unit_id")
    if "leader_id" in sent:
        fields["leader"] = person_by_id(payload.leader_id, field="leader_id")
    if "responsible_id" in sent:
        fields["responsible"] = person_by_id(payload.responsible_id, field="responsible_id")
    return fields


@router.post("/items", response={201: ItemDetailOut, **WRITE_ERRORS}, summary="Register an item")
def item_post(request: HttpRequest, payload: ItemCreateIn) -> Status[Item]:
    """Register an item under a source (and optionally a parent item) — supervision office only."""
    user = caller(request)
    sent = payload.model_fields_set | {"title"}
    source = policy.access_source(user, payload.source_id)
    parent = policy.access_item(user, payload.parent_id) if payload.parent_id else None
    item = item_create(
        actor=user,
        source=source,
        parent=parent,
        cooperating_units=units_by_ids(payload.cooperating_unit_ids or [], field="cooperating_unit_ids"),
        tags=payload.tags or [],
        **_fields(payload, sent),
    )
    return Status(201, _detail(user, item.pk))


@router.patch("/items/{item_id}", response={200: ItemDetailOut, **VERSIONED_ERRORS}, summary="Edit an item")
def item_patch(request: HttpRequest, item_id: Id, payload: ItemUpdateIn) -> Item:
    """Change the fields sent. ``version`` must be the one the editor saw, else 409 conflict."""
    user = caller(request)
    item = policy.access_item(user, item_id)
    sent = set(payload.model_fields_set)
    cooperating = (
        units_by_ids(payload.cooperating_unit_ids or [], field="cooperating_unit_ids")
        if "cooperating_unit_ids" in sent
        else None
    )
    item_update(
        actor=user,
        item=item,
        expected_version=payload.version,
        cooperating_units=cooperating,
        tags=(payload.tags or []) if "tags" in sent else None,
        deadline_reason=payload.deadline_reason,
        **_fields(payload, sent),
    )
    return _detail(user, item.pk)


@router.post("/items/{item_id}/move", response={200: ItemDetailOut, **WRITE_ERRORS}, summary="Move an item")
def item_move_post(request: HttpRequest, item_id: Id, payload: ItemMoveIn) -> Item:
    """Move an item with its subtree under another parent (same source) at a position.

    The source's ledger is renumbered (1, 1.2, 1.2.3).
    """
    user = caller(request)
    item = policy.access_item(user, item_id)
    parent = policy.access_item(user, payload.parent_id) if payload.parent_id else None
    item_move(actor=user, item=item, parent=parent, position=payload.position)
    return _detail(user, item.pk)


@router.post(
    "/items/{item_id}/milestones", response={201: MilestoneOut, **WRITE_ERRORS}, summary="Add a milestone"
)
def milestone_post(request: HttpRequest, item_id: Id, payload: MilestoneIn) -> Status[Milestone]:
    """Add a time node (时间节点) with its date and expected output — supervision office only."""
    user = caller(request)
    item = policy.access_item(user, item_id)
    return Status(
        201,
        milestone_add(actor=user, item=item, due=payload.due, title=payload.title, percent=payload.percent),
    )
