"""Notifications (通知) of the caller, marking them read, and urging an item (催办).

A notification's ``item_id`` is given only when the caller may open the item
today (the policy decides, as on the page); otherwise it is ``null``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from duban.core.inputs import CleanText, Id, Offset
from duban.core.responses import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS
from duban.supervision import policy
from duban.supervision.api.common import caller
from duban.supervision.notifications import notification_rows, notifications_of, unread_count
from duban.supervision.services.notification import notification_mark_all_read, notification_mark_read
from duban.supervision.services.reminders import item_urge

router = Router(tags=["supervision: notifications"])

MAX_LIMIT = 200


class NotificationQuery(Schema):
    unread: bool = Field(False, description="true: unread ones only.")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: Offset = 0


class NotificationOut(Schema):
    id: int
    kind: str = Field(
        description="before_deadline, report_due, overdue, escalate_leader, escalate_top, "
        "manual (urged by the office) or instruction."
    )
    kind_label: str
    title: str
    body: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    item_id: int | None = Field(description="The item, if the caller may open it; else null.")


class NotificationPageOut(Schema):
    count: int
    unread: int
    limit: int
    offset: int
    notifications: list[NotificationOut]


class MarkedOut(Schema):
    marked: int


class UrgeIn(Schema):
    message: CleanText = Field("", max_length=500, description="Optional words sent with the urging notice.")


class UrgeOut(Schema):
    deliveries: int = Field(description="Notices sent; 0 if the item was already urged today.")


def _out(row: Any) -> dict[str, Any]:
    n = row.notification
    return {
        "id": n.pk,
        "kind": n.kind,
        "kind_label": str(row.kind_label),
        "title": n.title,
        "body": n.body,
        "created_at": n.created_at,
        "read_at": n.read_at,
        "item_id": row.item_id,
    }


@router.get(
    "/notifications", response={200: NotificationPageOut, **LIST_ERRORS}, summary="List my notifications"
)
def notification_list_get(request: HttpRequest, query: Query[NotificationQuery]) -> dict[str, Any]:
    """The caller's notifications, newest first: reminders, urges, escalations, instructions."""
    user = caller(request)
    mine = notifications_of(user)
    if query.unread:
        mine = mine.filter(read_at__isnull=True)
    page = list(mine[query.offset : query.offset + query.limit])
    return {
        "count": mine.count(),
        "unread": unread_count(user),
        "limit": query.limit,
        "offset": query.offset,
        "notifications": [_out(row) for row in notification_rows(user, page)],
    }


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **READ_ERRORS},
    summary="Mark a notification read",
)
def notification_read_post(request: HttpRequest, notification_id: Id) -> dict[str, Any]:
    """Mark one of the caller's notifications read; 404 for anyone else's."""
    user = caller(request)
    notification = notification_mark_read(actor=user, notification_id=notification_id)
    return _out(notification_rows(user, [notification])[0])


@router.post(
    "/notifications/read", response={200: MarkedOut, **LIST_ERRORS}, summary="Mark all notifications read"
)
def notification_read_all_post(request: HttpRequest) -> dict[str, int]:
    """Mark every unread notification of the caller read; how many were marked."""
    return {"marked": notification_mark_all_read(actor=caller(request))}


@router.post("/items/{item_id}/urge", response={200: UrgeOut, **WRITE_ERRORS}, summary="Urge an item (催办)")
def item_urge_post(request: HttpRequest, item_id: Id, payload: UrgeIn) -> dict[str, int]:
    """The supervision office urges an open item now, once a day per recipient; 403 for others."""
    user = caller(request)
    item = policy.access_item(user, item_id)
    return {"deliveries": item_urge(actor=user, item=item, message=payload.message)}
