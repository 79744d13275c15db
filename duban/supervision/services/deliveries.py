"""Failed deliveries (发送失败): the office's list of mail and robot sends that did not get through,
and resending one of them.

A failed send is a ``ReminderLog`` row with ``ok=False``, the channel's error and
the message as composed (see ``reminders.deliveries_send``). The daily job
retries such a row while its reminder is still due; from this page the office
resends one at once, for instance after fixing a robot's keyword or address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, NotFound, PermissionDenied
from duban.org.models import User
from duban.supervision import policy
from duban.supervision.channels import Message
from duban.supervision.models import ReminderLog, RobotChannel
from duban.supervision.models.reminder import ReminderKind, RobotKind
from duban.supervision.services.reminders import Planned, RunSummary, Target, compose, deliveries_send

ROBOT_PREFIX = "robot:"


def _check(actor: User) -> None:
    if not policy.may_configure(actor):
        raise PermissionDenied(_("Only the supervision office or an administrator sees failed deliveries."))


def deliveries_failed(*, actor: User) -> QuerySet[ReminderLog]:
    """Failed sends, newest first, with their item (supervisors and administrators)."""
    _check(actor)
    return ReminderLog.objects.filter(ok=False).select_related("item").order_by("-sent_at", "-id")


@dataclass(frozen=True)
class FailedRow:
    """A failed send as the page shows it: channel and recipient in words."""

    log: ReminderLog
    channel: str
    recipient: str


def _robot_id(recipient: str) -> int | None:
    rest = recipient.removeprefix(ROBOT_PREFIX)
    return int(rest) if recipient.startswith(ROBOT_PREFIX) and rest.isdigit() else None


def failed_rows(logs: list[ReminderLog]) -> list[FailedRow]:
    """Name the channels and robots of a page of failed sends (one query for the robots)."""
    ids = {pk for log in logs if (pk := _robot_id(log.recipient)) is not None}
    robots = {r.pk: r.name for r in RobotChannel.objects.filter(pk__in=ids)}
    channels = {"email": _("Mail"), "in_app": _("In-app message"), **dict(RobotKind.choices)}
    rows = []
    for log in logs:
        robot_id = _robot_id(log.recipient)
        recipient = log.recipient if robot_id is None else robots.get(robot_id, _("deleted robot"))
        rows.append(FailedRow(log, str(channels.get(log.channel, log.channel)), str(recipient)))
    return rows


def _target(log: ReminderLog) -> Target:
    if log.channel == "email":
        return Target("email", log.recipient)
    robot_id = _robot_id(log.recipient)
    robot = RobotChannel.objects.filter(pk=robot_id, is_active=True).first() if robot_id else None
    if robot is None:
        raise DomainError(
            ErrorCode.INVALID, _("The robot channel was deleted or switched off; nothing was sent.")
        )
    return Target(robot.kind, log.recipient, robot=robot)


def _message(log: ReminderLog) -> Message:
    kept = log.message or {}
    if kept.get("title"):
        return Message(str(kept["title"]), str(kept.get("text", "")), str(kept.get("url", "")))
    # Failed before messages were kept: resend as the office's own urging of the item.
    item = log.item
    return compose(item, Planned(ReminderKind.MANUAL, log.key, 0, item.deadline))


def delivery_retry(*, actor: User, log_id: int) -> ReminderLog:
    """Resend one failed delivery now; return its row as it stands afterwards.

    The row is claimed (failed → ok) with a conditional update, so two clicks
    send once; the send itself leaves at commit like every reminder, and a
    new failure puts the row back on the list with the new error. Audited as
    ``item.remind_retry``.
    """
    _check(actor)
    with transaction.atomic():
        log = ReminderLog.objects.select_related("item").filter(pk=log_id, ok=False).first()
        if log is None:
            raise NotFound("delivery")
        target, message = _target(log), _message(log)
        if not ReminderLog.objects.filter(pk=log.pk, ok=False).update(ok=True, error="", sent_at=clock.now()):
            raise NotFound("delivery")
        audit_record(
            actor=actor,
            action="item.remind_retry",
            obj=log.item,
            after={"kind": log.kind, "key": log.key, "to": f"{log.channel}:{log.recipient}"},
        )
        transaction.on_commit(lambda: deliveries_send([(log, target, message)], RunSummary()))
    log.refresh_from_db()
    return log
