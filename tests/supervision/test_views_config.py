"""Settings pages (supervisors/admins only), through HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban.audit.models import AuditEvent
from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.models import LightSettings, ReminderLog, RobotChannel
from tests.supervision.channels.receiver import webhook_receiver
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
HOME = "supervision_config:home"


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_only_supervisors_and_admins_reach_settings(
    client: Client, supervisor: User, admin: User, liaison_a: User
) -> None:
    assert login(client, supervisor).get(reverse(HOME)).status_code == 200
    assert login(Client(), admin).get(reverse(HOME)).status_code == 200
    assert login(Client(), liaison_a).get(reverse(HOME)).status_code == 403
    assert Client().get(reverse(HOME)).status_code == 302


def test_light_settings_saved_and_audited(client: Client, supervisor: User) -> None:
    response = login(client, supervisor).post(
        reverse(HOME),
        {
            "form": "lights",
            "lights-preset": "ladder",
            "lights-near_days": "5",
            "lights-behind_margin": "10",
            "lights-far_behind_margin": "20",
            "lights-escalate_days": "3",
        },
    )
    assert response.status_code == 302
    assert LightSettings.current().preset == "ladder"
    assert AuditEvent.objects.filter(action="settings.lights").count() == 1


def test_inconsistent_light_settings_are_refused_with_a_message(client: Client, supervisor: User) -> None:
    response = login(client, supervisor).post(
        reverse(HOME),
        {
            "form": "lights",
            "lights-preset": "traffic",
            "lights-near_days": "3",
            "lights-behind_margin": "30",
            "lights-far_behind_margin": "20",
            "lights-escalate_days": "5",
        },
    )
    assert response.status_code == 400  # refused, as every form page answers
    assert 'data-field-error="far_behind_margin"' in response.content.decode()
    assert LightSettings.current().behind_margin == 10


def test_bad_reminder_days_name_the_field(client: Client, supervisor: User) -> None:
    response = login(client, supervisor).post(
        reverse(HOME),
        {
            "form": "reminders",
            "reminders-before_deadline": "5,x",
            "reminders-before_report": "2,0",
            "reminders-urge_every": "3",
            "reminders-escalate_leader_after": "3",
            "reminders-escalate_top_after": "10",
            "reminders-send_email": "on",
        },
    )
    assert 'data-field-error="before_deadline"' in response.content.decode()


def test_robot_created_secret_kept_on_edit_and_test_message_sent(client: Client, supervisor: User) -> None:
    login(client, supervisor)
    with webhook_receiver() as receiver:
        client.post(
            reverse("supervision_config:robot_new"),
            {
                "name": "督查室群",
                "kind": "dingtalk",
                "webhook_url": receiver.url("/ding?access_token=x"),
                "secret": "SECabc",
                "is_active": "on",
            },
        )
        robot = RobotChannel.objects.get()
        client.post(
            reverse("supervision_config:robot_edit", args=[robot.pk]),
            {
                "name": "督查室工作群",
                "kind": "dingtalk",
                "webhook_url": robot.webhook_url,
                "secret": "",
                "is_active": "on",
            },
        )
        robot.refresh_from_db()
        assert (robot.name, robot.secret) == ("督查室工作群", "SECabc")
        page = client.get(reverse(HOME)).content.decode()
        assert "SECabc" not in page and "access_token" not in page
        client.post(reverse("supervision_config:robot_test", args=[robot.pk]))
        assert len(receiver.received) == 1 and "sign" in receiver.received[0].query
    event = AuditEvent.objects.filter(action="settings.robot_save").last()
    assert event is not None and "SECabc" not in str(event.after)


# --- failed deliveries ------------------------------------------------------------------

FAILED = "supervision_config:deliveries_failed"


def _failed_logs(supervisor: User, unit: Unit, robot: RobotChannel, count: int) -> list[ReminderLog]:
    """``count`` refused robot sends of one item, as the reminder job records them."""
    with clock.frozen(dt.date(2019, 9, 2)):
        item = make_item(supervisor, make_source(supervisor), lead_unit=unit)
    now = clock.now()
    return ReminderLog.objects.bulk_create(
        ReminderLog(item=item, kind="overdue", key=f"{item.pk}:overdue:2019-09-30:{n}", channel="dingtalk",
                    recipient=f"robot:{robot.pk}", sent_at=now, ok=False,
                    error="robot refused the message: 310000 keywords not in content",
                    message={"title": f"催办通知 {n}", "text": "牵头单位：经济发展局", "url": ""})
        for n in range(count)
    )


@pytest.fixture
def robot(unit_a: Unit) -> RobotChannel:
    return RobotChannel.objects.create(name="经发局群", kind="dingtalk", unit=unit_a,
                                       webhook_url="http://127.0.0.1:9/ding")


def test_failed_deliveries_page_shows_error_robot_and_item_in_chinese(
    client: Client, supervisor: User, unit_a: Unit, robot: RobotChannel
) -> None:
    [log] = _failed_logs(supervisor, unit_a, robot, 1)
    page = login(client, supervisor).get(reverse(FAILED)).content.decode()
    assert "发送失败" in page and "重新发送" in page
    assert "经发局群" in page and "钉钉机器人" in page and "催办通知" in page
    assert "310000 keywords not in content" in page
    assert log.item.title in page
    home = client.get(reverse(HOME)).content.decode()
    assert reverse(FAILED) in home


def test_failed_deliveries_page_is_paginated_in_constant_queries(
    client: Client, supervisor: User, unit_a: Unit, robot: RobotChannel, django_assert_max_num_queries: Any
) -> None:
    login(client, supervisor)
    _failed_logs(supervisor, unit_a, robot, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(FAILED))
    ReminderLog.objects.all().delete()
    _failed_logs(supervisor, unit_a, robot, 51)
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = client.get(reverse(FAILED)).content.decode()
    assert first.count('data-testid="failed-delivery"') == 50
    second = client.get(reverse(FAILED), {"page": 2}).content.decode()
    assert second.count('data-testid="failed-delivery"') == 1


def test_failed_deliveries_are_for_the_office_only(client: Client, liaison_a: User, admin: User) -> None:
    assert login(client, liaison_a).get(reverse(FAILED)).status_code == 403
    assert login(Client(), admin).get(reverse(FAILED)).status_code == 200


def test_send_again_from_the_page(
    client: Client,
    supervisor: User,
    unit_a: Unit,
    robot: RobotChannel,
    django_capture_on_commit_callbacks: Any,
) -> None:
    [log] = _failed_logs(supervisor, unit_a, robot, 1)
    login(client, supervisor)
    with webhook_receiver() as receiver:
        RobotChannel.objects.filter(pk=robot.pk).update(webhook_url=receiver.url("/ding"))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("supervision_config:delivery_retry", args=[log.pk]), {"page": "1"})
        assert response.status_code == 302 and response["Location"].endswith("?page=1")
        assert [r.body["markdown"]["title"] for r in receiver.received] == ["催办通知 0"]
    log.refresh_from_db()
    assert log.ok
    page = client.get(reverse(FAILED)).content.decode()
    assert "已重新发送" in page and 'data-testid="no-failed"' in page
    # a second click (an old page) sends nothing and says so
    client.post(reverse("supervision_config:delivery_retry", args=[log.pk]))
    assert "已经重新发送过" in client.get(reverse(FAILED)).content.decode()


@pytest.mark.django_db(transaction=True)
def test_send_again_that_fails_says_so(
    client: Client, supervisor: User, unit_a: Unit, robot: RobotChannel
) -> None:
    [log] = _failed_logs(supervisor, unit_a, robot, 1)
    login(client, supervisor)
    response = client.post(reverse("supervision_config:delivery_retry", args=[log.pk]), follow=True)
    assert "重新发送仍然失败" in response.content.decode()
    log.refresh_from_db()
    assert not log.ok and "Connection refused" in log.error
