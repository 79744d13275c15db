"""``duban remind`` and ``duban lights_refresh``."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.models import ReminderLog, RobotChannel
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.channels.receiver import webhook_receiver
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def overdue(supervisor: User, unit_a: Unit, liaison_a: User) -> None:
    liaison_a.email = "l@a.cn"
    liaison_a.save()
    with clock.frozen(D("2019-09-02")):
        item = make_item(supervisor, make_source(supervisor), lead_unit=unit_a, deadline=D("2019-09-30"))
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)


def test_remind_prints_a_summary_and_sends_once(overdue: None, django_capture_on_commit_callbacks) -> None:
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", "2019-10-08", stdout=out)
        call_command("remind", "--date", "2019-10-08", stdout=io.StringIO())
    text = out.getvalue()
    assert "reminders as of 2019-10-08" in text
    assert "items=1 reminders=1 deliveries=2" in text
    assert len(mail.outbox) == 1


def test_remind_refuses_a_bad_date() -> None:
    with pytest.raises(CommandError, match="2019-13-01"):
        call_command("remind", "--date", "2019-13-01")


def test_lights_refresh_command(overdue: None) -> None:
    out = io.StringIO()
    call_command("lights_refresh", "--date", "2019-10-08", "--with-recurrence", stdout=out)
    assert "recurring occurrences created: 0" in out.getvalue()
    assert "lights as of 2019-10-08: 1 items computed, 1 changed" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_remind_counts_refused_robot_messages_as_failed(overdue: None) -> None:
    # given the office robot refuses every message (as when its keyword check fails)
    with webhook_receiver() as receiver:
        receiver.answer = {"errcode": 310000, "errmsg": "keywords not in content"}
        RobotChannel.objects.create(name="督查室群", kind="dingtalk", webhook_url=receiver.url("/ding"))
        out = io.StringIO()
        # when the command runs as in production: no surrounding transaction, sends at commit
        call_command("remind", "--date", "2019-10-08", stdout=out)
    # then the summary says what the log rows say
    assert "deliveries=3 retried=0 failed=1" in out.getvalue()
    assert "/settings/deliveries/failed/" in out.getvalue()
    assert ReminderLog.objects.filter(ok=False).count() == 1
