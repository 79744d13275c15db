"""Notifications (通知): marking one's own read, and the notices a leader's instruction (批示) sends.

Reading is not audited: marking one's own messages read changes no business fact
(as opening a letter does not), and every page would otherwise write the trail.
What a notification announces (a reminder, an urge, an instruction) is audited
where it happens.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from duban.core import clock
from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org.models import User
from duban.supervision.channels import Message, in_app
from duban.supervision.models import Instruction, Notification, NotificationKind


@transaction.atomic
def notification_mark_read(*, actor: User, notification_id: int) -> Notification:
    """Mark one of ``actor``'s notifications read (a second time changes nothing).

    NotFound alike for a missing notification and someone else's.
    """
    notification = (
        Notification.objects.select_for_update().filter(pk=notification_id, user_id=actor.pk).first()
    )
    if notification is None:
        raise NotFound("notification")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of ``actor`` read; the number marked."""
    return Notification.objects.filter(user_id=actor.pk, read_at__isnull=True).update(read_at=clock.now())


def instruction_recipients(instruction: Instruction) -> list[User]:
    """Who hears of an instruction: the lead and cooperating units' liaisons, and the responsible person.

    Uses ``item.cooperating_units``; the author is left out.
    """
    item = instruction.item
    unit_ids = {u.pk for u in item.cooperating_units.all()}
    if item.lead_unit_id is not None:
        unit_ids.add(item.lead_unit_id)
    reached = Q(unit_id__in=unit_ids, roles__role=Role.LIAISON)
    if item.responsible_id is not None:
        reached |= Q(person_id=item.responsible_id)
    users = User.objects.filter(reached, is_active=True).exclude(pk=instruction.author_id)
    return list(users.distinct().order_by("pk"))


def instruction_notify(*, instruction: Instruction) -> list[int]:
    """An in-app notification of a new instruction to each recipient; their user ids.

    Call inside the instruction's transaction. The words are in the office's
    language, as reminders are: the notification is stored, not rendered per reader.
    """
    item = instruction.item
    with translation.override(settings.LANGUAGE_CODE):
        name = f"{item.number} {item.title}".strip()
        title = _("Instruction from %(author)s: %(item)s") % {"author": instruction.author, "item": name}
        body = "\n".join(
            [
                instruction.text,
                "",
                _("Item: %(item)s") % {"item": name},
                _("Lead unit: %(unit)s") % {"unit": item.lead_unit or "—"},
                _("Deadline: %(deadline)s")
                % {"deadline": item.deadline.isoformat() if item.deadline else "—"},
            ]
        )
    message = Message(title[:300], body)
    recipients = instruction_recipients(instruction)
    for user in recipients:
        in_app.notify(
            user_id=user.pk,
            item_id=item.pk,
            kind=NotificationKind.INSTRUCTION,
            message=message,
            at=instruction.at,
        )
    return [user.pk for user in recipients]
