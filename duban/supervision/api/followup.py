"""Follow-up checks (回头看) of closed items: schedule one, record its finding."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from duban.core.inputs import CleanText, Id
from duban.core.responses import WRITE_ERRORS
from duban.supervision import policy
from duban.supervision.api.common import caller
from duban.supervision.models import Item
from duban.supervision.services.followup import followup_record, followup_schedule

router = Router(tags=["supervision: follow-up checks"])


class FollowupScheduleIn(Schema):
    date: dt.date


class FollowupRecordIn(Schema):
    relapsed: bool
    comment: CleanText = ""


class FollowupOut(Schema):
    item_id: int
    state: str
    follow_up_date: dt.date | None
    version: int

    @staticmethod
    def resolve_item_id(obj: Item) -> int:
        return obj.pk


@router.post(
    "/items/{item_id}/follow-up",
    response={200: FollowupOut, **WRITE_ERRORS},
    summary="Schedule a follow-up check",
)
def followup_schedule_post(request: HttpRequest, item_id: Id, payload: FollowupScheduleIn) -> Item:
    """Schedule the follow-up check of a closed item (supervision office; today or later)."""
    user = caller(request)
    return followup_schedule(actor=user, item=policy.access_item(user, item_id), date=payload.date)


@router.post(
    "/items/{item_id}/follow-up/record",
    response={200: FollowupOut, **WRITE_ERRORS},
    summary="Record a follow-up check",
)
def followup_record_post(request: HttpRequest, item_id: Id, payload: FollowupRecordIn) -> Item:
    """Record what the check found; a relapse (``relapsed: true``, comment required) reopens the item."""
    user = caller(request)
    item = policy.access_item(user, item_id)
    return followup_record(actor=user, item=item, relapsed=payload.relapsed, comment=payload.comment)
