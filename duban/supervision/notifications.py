"""Reads of notifications (通知) and urges (催办): for the frame, the list page, the API, the item page.

A notification names its item as it was sent; whether it links there is asked of
the policy when it is shown, so a user whose scope changed sees the words but no
link (and the API no ``item_id``) for an item they may no longer open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet
from django.utils.functional import Promise

from duban.org.models import User
from duban.supervision import policy
from duban.supervision.models import Item, Notification, NotificationKind, ReminderLog, Urge
from duban.supervision.models.reminder import ReminderKind

# Reminders that are the system urging (催办) or escalating (督办): shown with the manual urges.
SYSTEM_URGES = (ReminderKind.OVERDUE, ReminderKind.ESCALATE_LEADER, ReminderKind.ESCALATE_TOP)
URGES_SHOWN = 20


def notifications_of(user: User) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread (one query)."""
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()


@dataclass(frozen=True)
class NotificationRow:
    """A notification as shown: its kind in words, and its item only if the reader may open it."""

    notification: Notification
    kind_label: str | Promise
    item_id: int | None


def kind_label(kind: str) -> str | Promise:
    return dict(NotificationKind.choices).get(kind, kind)


def notification_rows(user: User, notifications: Sequence[Notification]) -> list[NotificationRow]:
    """Rows for one page of notifications; one query asks the policy which items may be opened."""
    ids = {n.item_id for n in notifications if n.item_id is not None}
    openable: set[int] = set()
    if ids:
        openable = set(policy.items_visible(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        NotificationRow(n, kind_label(n.kind), n.item_id if n.item_id in openable else None)
        for n in notifications
    ]


@dataclass(frozen=True)
class UrgeRow:
    """An urge on the item page: by a supervisor (``actor``) or by the system (``actor`` None)."""

    at: dt.datetime
    kind_label: str | Promise
    actor: User | None
    message: str
    deliveries: int


def item_urges(item: Item) -> list[UrgeRow]:
    """The latest urges of an item, newest first: the office's (who, message) and the system's.

    Two queries whatever the history's length; at most ``URGES_SHOWN`` rows.
    """
    manual = [
        UrgeRow(u.at, ReminderKind.MANUAL.label, u.actor, u.message, u.deliveries)
        for u in Urge.objects.filter(item_id=item.pk).select_related("actor__person")[:URGES_SHOWN]
    ]
    sent = (
        ReminderLog.objects.filter(item_id=item.pk, kind__in=SYSTEM_URGES)
        .values("key", "kind")
        .annotate(at=Min("sent_at"), deliveries=Count("id"))
        .order_by("-at")[:URGES_SHOWN]
    )
    system = [
        UrgeRow(row["at"], ReminderKind(row["kind"]).label, None, "", row["deliveries"]) for row in sent
    ]
    return sorted([*manual, *system], key=lambda row: row.at, reverse=True)[:URGES_SHOWN]
