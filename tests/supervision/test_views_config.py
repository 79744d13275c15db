"""Settings pages (supervisors/admins only) and the notifications page, through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from duban.audit.models import AuditEvent
from duban.org.models import User
from duban.supervision.channels import Message
from duban.supervision.channels.in_app import notify
from duban.supervision.models import LightSettings, Notification, RobotChannel
from tests.supervision.channels.receiver import webhook_receiver

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
    assert response.status_code == 200
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


def test_notifications_show_only_ones_own_and_mark_read(
    client: Client, liaison_a: User, liaison_b: User
) -> None:
    at = dt.datetime(2019, 10, 8, 9, tzinfo=dt.UTC)
    notify(user_id=liaison_a.pk, item_id=None, kind="overdue", message=Message("催办<script>", "正文"), at=at)
    notify(user_id=liaison_b.pk, item_id=None, kind="overdue", message=Message("别人的", "x"), at=at)
    page = login(client, liaison_a).get(reverse("supervision_config:notifications")).content.decode()
    assert "催办&lt;script&gt;" in page and "别人的" not in page
    client.post(reverse("supervision_config:notifications_read"))
    assert not Notification.objects.filter(user=liaison_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=liaison_b, read_at__isnull=True).exists()
