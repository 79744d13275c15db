"""The bell in the frame and the notification list, through HTTP, in Chinese."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.fixtures import Settings

from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.channels import Message
from duban.supervision.channels.in_app import notify
from duban.supervision.context import unread_for
from duban.supervision.models import Item, Notification, NotificationKind
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db
LIST = "supervision:notifications"
BELL_PROCESSOR = "duban.supervision.context.notifications"
AT = dt.datetime(2019, 7, 30, 1, tzinfo=dt.UTC)


def chinese_client(user: User) -> Client:
    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(user)
    return client


def _note(
    user: User,
    title: str,
    *,
    item: Item | None = None,
    kind: str = NotificationKind.OVERDUE,
    minutes: int = 0,
) -> Notification:
    return notify(
        user_id=user.pk,
        item_id=item.pk if item else None,
        kind=kind,
        message=Message(title, "事项：正文"),
        at=AT + dt.timedelta(minutes=minutes),
    )


def _bell_count(body: str) -> str | None:
    found = re.search(r'data-testid="bell-count">([^<]+)<', body)
    return found.group(1) if found else None


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_every_role_sees_the_bell_with_its_unread_count(role: Role, unit_a: Unit) -> None:
    # given a user of this role with two unread notifications and one read
    user = make_user(role, unit=unit_a, oversees=(unit_a,) if role == Role.LEADER else ())
    _note(user, "一")
    _note(user, "二")
    Notification.objects.filter(pk=_note(user, "三").pk).update(read_at=AT)
    # when they open the home page
    body = chinese_client(user).get("/").content.decode()
    # then the frame's bell links to the list and shows 2, labelled in Chinese
    assert f'href="{reverse(LIST)}"' in body
    assert _bell_count(body) == "2"
    assert "通知：2 条未读" in body


def test_bell_shows_no_count_when_all_is_read_and_caps_at_99(liaison_a: User) -> None:
    assert _bell_count(chinese_client(liaison_a).get("/").content.decode()) is None
    for i in range(100):
        _note(liaison_a, f"第{i}条")
    assert _bell_count(chinese_client(liaison_a).get("/").content.decode()) == "99+"


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("page", ["home", "item", "ledger"])
def test_the_bell_adds_exactly_one_query_to_a_page(
    page: str, liaison_a: User, item_a: Item, settings: Settings
) -> None:
    # given an existing page, measured with and without the bell's context processor
    _note(liaison_a, "催办", item=item_a)
    url = {
        "home": "/",
        "item": reverse("supervision:item_detail", args=[item_a.pk]),
        "ledger": reverse("supervision:ledger"),
    }[page]
    client = chinese_client(liaison_a)
    client.get(url)  # warm the session
    with_bell = _queries(client, url)
    templates = [{**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"]}}]
    templates[0]["OPTIONS"]["context_processors"] = [
        p for p in templates[0]["OPTIONS"]["context_processors"] if p != BELL_PROCESSOR
    ]
    settings.TEMPLATES = templates
    without = _queries(client, url)
    # then the difference is one query, the count of unread notifications
    assert len(with_bell) == len(without) + 1
    assert [q for q in with_bell if "supervision_notification" in q and "COUNT" in q.upper()] != []
    assert len([q for q in with_bell if "supervision_notification" in q]) == 1


def test_the_count_is_read_once_per_request(liaison_a: User, django_assert_num_queries: Any) -> None:
    _note(liaison_a, "催办")
    request = RequestFactory().get("/")
    request.user = liaison_a
    with django_assert_num_queries(1):
        assert unread_for(request) == 1
        assert unread_for(request) == 1


def test_list_is_newest_first_marks_unread_and_links_only_items_in_scope(
    liaison_a: User, item_a: Item, item_b: Item
) -> None:
    # given: an urge about the liaison's item, an instruction about an item now out of their scope
    # (e.g. sent before their unit changed), and a read note without an item
    _note(liaison_a, "催办：推进园区污水管网建设", item=item_a, kind=NotificationKind.MANUAL, minutes=2)
    _note(liaison_a, "批示：张坂镇河道整治", item=item_b, kind=NotificationKind.INSTRUCTION, minutes=1)
    Notification.objects.filter(pk=_note(liaison_a, "旧消息").pk).update(read_at=AT)
    _note(make_user(Role.LIAISON, username="other"), "别人的消息", item=item_a)
    # when
    response = chinese_client(liaison_a).get(reverse(LIST))
    body = response.content.decode()
    # then
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.notification.title for r in rows] == [
        "催办：推进园区污水管网建设",
        "批示：张坂镇河道整治",
        "旧消息",
    ]
    assert [r.item_id for r in rows] == [item_a.pk, None, None]
    assert body.count('data-unread="true"') == 2 and "2 条未读" in body
    assert "督查室催办" in body and "领导批示" in body  # kinds in words
    assert f'href="{reverse("supervision:item_detail", args=[item_a.pk])}"' in body
    assert reverse("supervision:item_detail", args=[item_b.pk]) not in body
    assert "张坂镇河道整治" in body  # its own words stay, unlinked
    assert "别人的消息" not in body


def test_list_is_paginated_and_its_query_count_is_flat(
    liaison_a: User, item_a: Item, django_assert_num_queries: Any
) -> None:
    client = chinese_client(liaison_a)
    client.get(reverse(LIST))
    counts = []
    for size in (3, 60):
        Notification.objects.all().delete()
        for i in range(size):
            _note(liaison_a, f"第{i}条", item=item_a, minutes=i)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(LIST))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert len(response.context["rows"]) == 50 and response.context["rows"][0].notification.title == "第59条"
    second = client.get(reverse(LIST), {"page": 2})
    assert [r.notification.title for r in second.context["rows"]][-1] == "第0条"
    assert "2 / 2" in second.content.decode()


def test_marking_one_read_is_a_post_on_ones_own(liaison_a: User, liaison_b: User) -> None:
    mine, theirs = _note(liaison_a, "我的"), _note(liaison_b, "别人的")
    client = chinese_client(liaison_a)
    url = reverse("supervision:notification_read", args=[mine.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"page": "1"})
    assert response.status_code == 302 and response["Location"] == reverse(LIST) + "?page=1"
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    assert client.post(reverse("supervision:notification_read", args=[theirs.pk])).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_all_read_says_how_many_in_chinese(liaison_a: User, liaison_b: User) -> None:
    _note(liaison_a, "一")
    _note(liaison_a, "二")
    _note(liaison_b, "三")
    response = chinese_client(liaison_a).post(reverse("supervision:notifications_read_all"), follow=True)
    body = response.content.decode()
    assert "已标为已读：2 条。" in body
    assert _bell_count(body) is None
    assert Notification.objects.filter(read_at__isnull=True).get().user_id == liaison_b.pk


def test_signed_out_visitors_are_sent_to_log_in() -> None:
    response = Client().get(reverse(LIST))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
