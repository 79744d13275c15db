"""In-app notifications: a Notification row per user (written in the caller's transaction)."""

from __future__ import annotations

import datetime as dt

from duban.supervision.channels.base import Message
from duban.supervision.models import Notification


def notify(
    *, user_id: int, item_id: int | None, kind: str, message: Message, at: dt.datetime
) -> Notification:
    return Notification.objects.create(
        user_id=user_id, item_id=item_id, kind=kind, title=message.title[:300], body=message.text,
        created_at=at,
    )
