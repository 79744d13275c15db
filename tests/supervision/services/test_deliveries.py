"""Failed deliveries: the office's list and resending one (services/deliveries.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from duban.audit.models import AuditEvent
from duban.core import clock
from duban.core.errors import DomainError, NotFound, PermissionDenied
from duban.org.models import Unit, User
from duban.supervision.models import Item, ReminderLog, RobotChannel
from duban.supervision.services.deliveries import deliveries_failed, delivery_retry, failed_rows
from duban.supervision.services.reminders import reminders_run
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.channels.receiver import Receiver, webhook_receiver
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
REFUSAL = {"errcode": 310000, "errmsg": "keywords not in content"}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as r:
        yield r


@pytest.fixture
def failed(
    supervisor: User,
    unit_a: Unit,
    liaison_a: User,
    receiver: Receiver,
    django_capture_on_commit_callbacks: Any,
) -> ReminderLog:
    """A deadline reminder the unit's robot refused (the first run, 2019-09-27)."""
    robot = RobotChannel.objects.create(
        name="经发局群", kind="dingtalk", unit=unit_a, webhook_url=receiver.url("/ding")
    )
    with clock.frozen(D("2019-09-02")):
        item = make_item(supervisor, make_source(supervisor), lead_unit=unit_a, deadline=D("2019-09-30"))
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    receiver.answer = REFUSAL
    with clock.frozen(D("2019-09-27")), django_capture_on_commit_callbacks(execute=True):
        reminders_run(today=D("2019-09-27"))
    return ReminderLog.objects.get(recipient=f"robot:{robot.pk}")


def test_a_refused_send_keeps_its_error_and_message(failed: ReminderLog) -> None:
    assert not failed.ok and "310000" in failed.error
    assert failed.message["title"].startswith("距完成时限")


def test_resend_delivers_the_kept_message_once_and_is_audited(
    failed: ReminderLog, supervisor: User, receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    # given the robot accepts again
    receiver.answer = {"errcode": 0, "errmsg": "ok"}
    receiver.received.clear()
    # when the office resends
    with clock.frozen(D("2019-09-28")), django_capture_on_commit_callbacks(execute=True):
        delivery_retry(actor=supervisor, log_id=failed.pk)
    # then the same message went out, the row is delivered and off the list
    [post] = receiver.received
    assert post.body["markdown"]["title"] == failed.message["title"]
    failed.refresh_from_db()
    assert failed.ok and failed.error == ""
    assert not deliveries_failed(actor=supervisor).exists()
    assert AuditEvent.objects.filter(action="item.remind_retry", object_id=str(failed.item_id)).count() == 1
    # and a second click sends nothing
    with pytest.raises(NotFound):
        delivery_retry(actor=supervisor, log_id=failed.pk)
    assert len(receiver.received) == 1


def test_a_resend_that_fails_again_is_back_on_the_list_with_the_new_error(
    failed: ReminderLog, supervisor: User, receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    receiver.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        delivery_retry(actor=supervisor, log_id=failed.pk)
    failed.refresh_from_db()
    assert not failed.ok and "500" in failed.error and "310000" not in failed.error


def test_resend_to_a_deleted_robot_is_refused(failed: ReminderLog, supervisor: User) -> None:
    RobotChannel.objects.update(is_active=False)
    with pytest.raises(DomainError) as err:
        delivery_retry(actor=supervisor, log_id=failed.pk)
    assert "停用" in err.value.message
    failed.refresh_from_db()
    assert not failed.ok


def test_only_the_office_sees_and_resends(failed: ReminderLog, liaison_a: User, admin: User) -> None:
    with pytest.raises(PermissionDenied):
        deliveries_failed(actor=liaison_a)
    with pytest.raises(PermissionDenied):
        delivery_retry(actor=liaison_a, log_id=failed.pk)
    assert deliveries_failed(actor=admin).count() == 1


def test_rows_name_channel_and_robot(failed: ReminderLog, supervisor: User) -> None:
    [row] = failed_rows(list(deliveries_failed(actor=supervisor)))
    assert (row.channel, row.recipient) == ("钉钉机器人", "经发局群")


def test_a_row_failed_before_messages_were_kept_is_resent_as_an_urging(
    failed: ReminderLog, supervisor: User, receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    ReminderLog.objects.filter(pk=failed.pk).update(message={})
    receiver.answer = {"errcode": 0}
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        delivery_retry(actor=supervisor, log_id=failed.pk)
    item = Item.objects.get(pk=failed.item_id)
    assert item.title in receiver.received[0].body["markdown"]["title"]
