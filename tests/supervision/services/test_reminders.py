"""reminders_run / item_urge: who is reminded when, on which channel, and never twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail

from duban.audit.models import AuditEvent
from duban.core import clock
from duban.core.errors import DomainError, NotFound
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.channels import dingtalk, feishu
from duban.supervision.models import Item, Notification, ReminderLog, ReminderSettings, RobotChannel
from duban.supervision.services.recurrence import recurrence_spawn
from duban.supervision.services.reminders import (
    ReminderConfig,
    item_urge,
    reminder_settings_update,
    reminders_due,
    reminders_run,
)
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_user
from tests.supervision.channels.receiver import Receiver, webhook_receiver
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
SECRET = "SECtest"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as r:
        yield r


@pytest.fixture
def people(unit_a: Unit, liaison_a: User, leader_a: User) -> dict[str, User]:
    liaison_a.email = "liaison@a.cn"
    liaison_a.save()
    leader_a.email = "leader@a.cn"
    leader_a.save()
    top = make_user(Role.TOP_LEADER, username="top1", email="top@zone.cn")
    return {"liaison": liaison_a, "leader": leader_a, "top": top}


@pytest.fixture
def robots(receiver: Receiver, unit_a: Unit) -> dict[str, RobotChannel]:
    return {
        "unit": RobotChannel.objects.create(
            name="经发局群",
            kind="dingtalk",
            unit=unit_a,
            secret=SECRET,
            webhook_url=receiver.url("/ding?access_token=a"),
        ),
        "office": RobotChannel.objects.create(
            name="督查室群", kind="wecom", webhook_url=receiver.url("/wecom")
        ),
        "office2": RobotChannel.objects.create(
            name="督查室飞书", kind="feishu", secret=SECRET, webhook_url=receiver.url("/feishu")
        ),
    }


@pytest.fixture
def item(supervisor: User, unit_a: Unit, people: dict[str, User], **kw: Any) -> Item:
    with clock.frozen(D("2019-09-02")):
        source = make_source(supervisor)
        item = make_item(
            supervisor,
            source,
            lead_unit=unit_a,
            leader=people["leader"].person,
            start_date=D("2019-09-02"),
            deadline=D("2019-09-30"),
        )
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
        item_transition(item=item, action=Action.ACKNOWLEDGE, actor=people["liaison"])
    item.refresh_from_db()
    return item


def run(day: str, capture: Any) -> Any:
    with clock.frozen(D(day)), capture(execute=True):
        return reminders_run(today=D(day))


def test_deadline_reminder_reaches_liaison_by_app_mail_and_unit_robot_once(
    item: Item,
    people: dict[str, User],
    robots: dict[str, RobotChannel],
    receiver: Receiver,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given Friday 09-27: 2 working days left (Sunday 09-29 is worked), so the "3 days before" reminder is due
    # when the job runs twice
    first = run("2019-09-27", django_capture_on_commit_callbacks)
    second = run("2019-09-27", django_capture_on_commit_callbacks)
    # then everything went out exactly once
    assert (first.reminders, first.deliveries) == (1, 3)
    assert (second.reminders, second.deliveries) == (0, 0)
    assert [m.to for m in mail.outbox] == [["liaison@a.cn"]]
    [post] = receiver.received
    assert post.path == "/ding" and post.body["msgtype"] == "markdown"
    assert post.query["sign"] == dingtalk.sign(SECRET, int(post.query["timestamp"]))
    assert Notification.objects.filter(user=people["liaison"], item=item).count() == 1
    assert set(ReminderLog.objects.values_list("key", flat=True)) == {
        f"{item.pk}:before_deadline:2019-09-30:3"
    }
    assert AuditEvent.objects.filter(action="item.remind", object_id=str(item.pk)).count() == 1


def test_next_threshold_is_a_new_reminder(item: Item, django_capture_on_commit_callbacks: Any) -> None:
    run("2019-09-27", django_capture_on_commit_callbacks)
    # 09-29 (worked Sunday) is 1 working day before the deadline
    summary = run("2019-09-29", django_capture_on_commit_callbacks)
    assert summary.by_kind == {"before_deadline": 1}
    assert len(mail.outbox) == 2


def test_overdue_urging_and_escalation_to_the_leader_reach_robots_and_mail_once(
    item: Item,
    robots: dict[str, RobotChannel],
    receiver: Receiver,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given 10-10: 3 working days past the 09-30 deadline (the National Day week does not count)
    # when
    run("2019-10-10", django_capture_on_commit_callbacks)
    run("2019-10-10", django_capture_on_commit_callbacks)
    # then: urging → liaison; escalation → the leader in charge; both → unit and office robots
    assert sorted(m.to[0] for m in mail.outbox) == ["leader@a.cn", "liaison@a.cn"]
    assert sorted(r.path for r in receiver.received) == [
        "/ding",
        "/ding",
        "/feishu",
        "/feishu",
        "/wecom",
        "/wecom",
    ]
    for post in receiver.at("/feishu"):
        assert post.body["sign"] == feishu.sign(SECRET, int(post.body["timestamp"]))
    assert AuditEvent.objects.filter(action="item.escalate").count() == 1
    assert AuditEvent.objects.filter(action="item.remind").count() == 1
    assert not ReminderLog.objects.filter(ok=False).exists()


def test_top_leaders_after_ten_working_days_and_urging_every_three(
    item: Item,
    people: dict[str, User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # 10-08 is the first working day overdue (step 0); 10-11 the fourth (step 1); 10-21 the eleventh
    for day in ("2019-10-08", "2019-10-09", "2019-10-11", "2019-10-21"):
        run(day, django_capture_on_commit_callbacks)
    keys = sorted(ReminderLog.objects.filter(channel="email").values_list("key", "recipient"))
    pk = item.pk
    assert keys == sorted(
        [
            (f"{pk}:overdue:2019-09-30:0", "liaison@a.cn"),
            (f"{pk}:overdue:2019-09-30:1", "liaison@a.cn"),
            (f"{pk}:overdue:2019-09-30:3", "liaison@a.cn"),
            (f"{pk}:escalate_leader:2019-09-30", "leader@a.cn"),
            (f"{pk}:escalate_top:2019-09-30", "top@zone.cn"),
        ]
    )


def test_failed_send_is_recorded_and_retried_next_run(
    item: Item,
    robots: dict[str, RobotChannel],
    receiver: Receiver,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given the robot endpoint fails on the first run
    receiver.status = 500
    run("2019-09-27", django_capture_on_commit_callbacks)
    failed = ReminderLog.objects.get(channel="dingtalk")
    assert not failed.ok and "HTTP 500" in failed.error
    # when it works again
    receiver.status = 200
    summary = run("2019-09-27", django_capture_on_commit_callbacks)
    run("2019-09-27", django_capture_on_commit_callbacks)
    # then exactly the failed delivery was retried, once
    assert summary.retried == 1
    assert len(receiver.received) == 1
    assert ReminderLog.objects.get(channel="dingtalk").ok
    assert len(mail.outbox) == 1


def test_report_reminder_before_the_monthly_report_date(
    supervisor: User,
    item: Item,
    django_capture_on_commit_callbacks: Any,
) -> None:
    Item.objects.filter(pk=item.pk).update(report_frequency="monthly", deadline=D("2019-12-31"))
    # Monday 09-23 is 2 working days before the 09-25 report date
    summary = run("2019-09-23", django_capture_on_commit_callbacks)
    assert summary.by_kind == {"report_due": 1}
    assert ReminderLog.objects.filter(key=f"{item.pk}:report_due:2019-09-25:2").exists()


def test_reminders_due_is_silent_for_items_waiting_for_sign_off(item: Item) -> None:
    item.state = "completion_requested"
    assert reminders_due(item, today=D("2019-10-21"), config=ReminderConfig(), last_report=None) == []


def test_no_mail_when_email_is_switched_off(
    item: Item, supervisor: User, django_capture_on_commit_callbacks: Any
) -> None:
    reminder_settings_update(actor=supervisor, send_email=False)
    run("2019-09-27", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_supervisor_urges_once_a_day(
    item: Item, supervisor: User, people: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    with clock.frozen(D("2019-09-10")), django_capture_on_commit_callbacks(execute=True):
        first = item_urge(actor=supervisor, item=item)
        again = item_urge(actor=supervisor, item=item)
    assert (first, again) == (2, 0)  # in-app and mail to the liaison
    assert mail.outbox[0].to == ["liaison@a.cn"]
    assert AuditEvent.objects.get(action="item.remind").actor == supervisor


def test_only_supervisors_urge_and_others_do_not_see_the_item(
    item: Item, people: dict[str, User], liaison_b: User
) -> None:
    with pytest.raises(DomainError):
        item_urge(actor=people["liaison"], item=item)
    with pytest.raises(NotFound):
        item_urge(actor=liaison_b, item=item)


def test_reminder_settings_validation_names_the_field(supervisor: User, liaison_a: User) -> None:
    with pytest.raises(DomainError) as err:
        reminder_settings_update(actor=supervisor, before_deadline="5,三")
    assert "before_deadline" in err.value.fields
    reminder_settings_update(actor=supervisor, before_deadline="1，5, 3")
    assert ReminderSettings.current().before_deadline == "5,3,1"
    with pytest.raises(DomainError):
        reminder_settings_update(actor=liaison_a, urge_every=1)


def test_progress_is_reported_per_thousand(item: Item, django_capture_on_commit_callbacks: Any) -> None:
    seen: list[int] = []
    with clock.frozen(D("2019-09-27")), django_capture_on_commit_callbacks(execute=True):
        summary = reminders_run(today=D("2019-09-27"), progress=seen.append)
    assert seen == [1] and summary.items == 1


# --- failures counted, robots added later, recurring templates ----------------------------


def test_refused_robot_and_failed_mail_are_counted_as_failed(
    item: Item,
    robots: dict[str, RobotChannel],
    receiver: Receiver,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given every robot refuses (HTTP 200 with an error code, as DingTalk answers) and SMTP is down
    receiver.answer = {"errcode": 310000, "errmsg": "keywords not in content"}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    # when the deadline reminder goes out (in-app, mail, the unit's robot)
    summary = run("2019-09-27", django_capture_on_commit_callbacks)
    # then the two sends that left the system are failed, with the platform's answer kept
    assert (summary.deliveries, summary.failed) == (3, 2)
    assert "failed=2" in str(summary)
    refused = ReminderLog.objects.get(channel="dingtalk")
    assert not refused.ok and "310000" in refused.error
    assert not ReminderLog.objects.get(channel="email").ok
    assert ReminderLog.objects.get(channel="in_app").ok
    # and a retry that fails again counts again
    again = run("2019-09-27", django_capture_on_commit_callbacks)
    assert (again.retried, again.failed) == (2, 2)


def test_robot_added_later_does_not_get_the_backlog(
    item: Item,
    unit_a: Unit,
    receiver: Receiver,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an item overdue and escalated before any robot existed
    run("2019-10-10", django_capture_on_commit_callbacks)
    assert ReminderLog.objects.filter(key__contains="escalate_leader").exists()
    # when the office adds robots and the job runs again the same day
    RobotChannel.objects.create(name="督查室群", kind="wecom", webhook_url=receiver.url("/wecom"))
    RobotChannel.objects.create(name="经发局群", kind="dingtalk", unit=unit_a,
                                webhook_url=receiver.url("/ding"))
    run("2019-10-10", django_capture_on_commit_callbacks)
    # then they receive nothing of what went out before they were added
    assert receiver.received == []
    # and the next new reminder (the next urging step, not the old escalation) reaches them
    run("2019-10-11", django_capture_on_commit_callbacks)
    assert sorted(r.path for r in receiver.received) == ["/ding", "/wecom"]
    assert all("催办通知" in r.body["markdown"].get("title", r.body["markdown"].get("content", ""))
               for r in receiver.received)


def test_recurring_template_is_not_reminded_only_its_occurrence(
    supervisor: User,
    unit_a: Unit,
    people: dict[str, User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a monthly template whose own deadline is the end of September, and its September occurrence
    with clock.frozen(D("2019-09-02")), django_capture_on_commit_callbacks(execute=True):
        source = make_source(supervisor)
        template = make_item(supervisor, source, lead_unit=unit_a, title="月度调度", recurrence="monthly",
                             start_date=D("2019-09-01"), deadline=D("2019-09-30"))
        item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
        recurrence_spawn(today=D("2019-09-02"))
    occurrence = Item.objects.get(occurrence_of=template)
    # when the "5 working days before" reminder is due (09-29 is a worked Sunday)
    summary = run("2019-09-24", django_capture_on_commit_callbacks)
    # then the liaison gets one reminder, for the occurrence
    assert summary.reminders == 1
    assert list(Notification.objects.values_list("item_id", flat=True)) == [occurrence.pk]
    with pytest.raises(DomainError):
        item_urge(actor=supervisor, item=template)
