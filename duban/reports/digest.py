"""The weekly digest (督办周报): each user's figures of the cockpit, sent once a week by the task queue.

Every user who works with items gets, in their own scope, how many items are open, overdue and
due in the next working days, with a link to the cockpit (leaders) or the ledger. It goes in-app
and, where the user has an address, by mail; ``DigestLog`` makes a second run of the same week
send nothing (each once). The words are composed by :func:`digest_message` (pure).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import User
from duban.reports.cockpit.figures import supervision_figures
from duban.reports.models import DigestLog
from duban.supervision.channels import email
from duban.supervision.channels.base import ChannelError, Message
from duban.supervision.models import Notification, NotificationKind
from duban.supervision.views.common import COLOUR_WORDS
from duban.supervision.workflow import State

log = logging.getLogger(__name__)
RECIPIENT_ROLES = (Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.LIAISON)
COCKPIT_ROLES = frozenset({Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER})


@dataclass(frozen=True)
class DigestFigures:
    open_items: int
    overdue: int
    due_soon: int
    due_soon_until: dt.date
    worst_units: tuple[tuple[str, int], ...] = ()


def week_key(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_message(figures: DigestFigures, *, day: dt.date, url: str) -> Message:
    """督办周报: the week's figures in one short message (pure)."""
    text = (
        f"截至{day.month}月{day.day}日，您范围内在办督办事项{figures.open_items}项，"
        f"其中逾期{figures.overdue}项；{figures.due_soon_until.month}月{figures.due_soon_until.day}日前"
        f"到期{figures.due_soon}项。"
    )
    if figures.worst_units:
        worst = "、".join(f"{name}{n}项" for name, n in figures.worst_units)
        text += f"逾期较多的单位：{worst}。"
    return Message(title=f"督办周报（{day.year}年第{day.isocalendar()[1]}周）", text=text, url=url)


def _figures(user: User, today: dt.date) -> DigestFigures:
    f = supervision_figures(
        user=user,
        today=today,
        state_labels={s.value: str(s.label) for s in State},
        light_labels={c: str(w) for c, w in COLOUR_WORDS.items() if c},
    )
    worst = tuple((u.label, u.count) for u in f.overdue_by_unit[:3])
    return DigestFigures(f.open_items.count, f.overdue.count, f.due_soon.count, f.due_soon_until, worst)


def _deliver(user: User, key: str, channel: str, message: Message) -> bool:
    """One delivery, recorded once; False when this week's was already sent on this channel."""
    try:
        with transaction.atomic():
            entry = DigestLog.objects.create(key=key, user=user, channel=channel, sent_at=clock.now())
            if channel == "in_app":
                Notification.objects.create(
                    user=user,
                    kind=NotificationKind.DIGEST,
                    title=message.title,
                    body=message.as_text(),
                    created_at=clock.now(),
                )
    except IntegrityError:
        return False
    if channel == "email":
        try:
            email.send(address=user.email, message=message)
        except ChannelError as error:
            DigestLog.objects.filter(pk=entry.pk).update(ok=False, error=str(error)[:500])
    return True


def digests_send(*, today: dt.date) -> int:
    """Send this week's digest to every active user who works with items; returns deliveries made."""
    key, sent = week_key(today), 0
    users = (
        User.objects.filter(is_active=True, roles__role__in=RECIPIENT_ROLES)
        .distinct()
        .select_related("person")
    )
    for user in users:
        figures = _figures(user, today)
        page = "reports:cockpit" if user.role_set & COCKPIT_ROLES else "supervision:ledger"
        message = digest_message(figures, day=today, url=reverse(page))
        sent += _deliver(user, key, "in_app", message)
        if user.email:
            sent += _deliver(user, key, "email", message)
    log.info("weekly digests %s: %d deliveries", key, sent)
    return sent
