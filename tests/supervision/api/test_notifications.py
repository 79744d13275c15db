"""Notifications and urging through the API (token auth, the same scope as the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.channels import Message
from duban.supervision.channels.in_app import notify
from duban.supervision.models import Item, Notification, NotificationKind, Source, Urge
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.api.conftest import BASE
from tests.supervision.factories import make_item

pytestmark = pytest.mark.django_db
AT = dt.datetime(2019, 9, 9, 1, tzinfo=dt.UTC)


@pytest.fixture
def assigned(item: Item, supervisor: User) -> Item:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return item


def _note(user: User, title: str, item: Item | None = None, minutes: int = 0) -> Notification:
    return notify(
        user_id=user.pk,
        item_id=item.pk if item else None,
        kind=NotificationKind.MANUAL,
        message=Message(title, "正文"),
        at=AT + dt.timedelta(minutes=minutes),
    )


def test_list_gives_ones_own_newest_first_with_item_ids_only_in_scope(
    as_user: Any,
    assigned: Item,
    liaison_a: User,
    liaison_b: User,
    supervisor: User,
    source: Source,
    unit_b: Unit,
) -> None:
    # given: one about the liaison's item, one about another unit's item, one someone else's
    elsewhere = make_item(supervisor, source, lead_unit=unit_b, title="别处的事项")
    item_transition(item=elsewhere, action=Action.ASSIGN, actor=supervisor)
    _note(liaison_a, "本单位", assigned, minutes=2)
    _note(liaison_a, "别处", elsewhere, minutes=1)
    _note(liaison_b, "别人的", elsewhere)
    # when
    body = as_user(liaison_a).get("/notifications").json()
    # then
    assert (body["count"], body["unread"]) == (2, 2)
    assert [(n["title"], n["item_id"]) for n in body["notifications"]] == [
        ("本单位", assigned.pk),
        ("别处", None),
    ]
    assert body["notifications"][0]["kind"] == "manual" and body["notifications"][0]["read_at"] is None


def test_mark_read_one_and_all_and_filter_unread(as_user: Any, liaison_a: User, liaison_b: User) -> None:
    first, _second, theirs = _note(liaison_a, "一"), _note(liaison_a, "二", minutes=1), _note(liaison_b, "三")
    api = as_user(liaison_a)
    # one
    answer = api.post(f"/notifications/{first.pk}/read")
    assert answer.status_code == 200 and answer.json()["read_at"] is not None
    assert [n["title"] for n in api.get("/notifications", unread="true").json()["notifications"]] == ["二"]
    # someone else's looks missing
    assert api.post(f"/notifications/{theirs.pk}/read").status_code == 404
    # all
    assert api.post("/notifications/read").json() == {"marked": 1}
    assert api.get("/notifications").json()["unread"] == 0
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_without_a_token_the_list_is_refused() -> None:
    assert Client().get(f"{BASE}/notifications").status_code == 401


def test_urge_through_the_api_is_the_offices_and_keeps_the_message(
    as_user: Any, assigned: Item, supervisor: User, liaison_a: User, liaison_b: User
) -> None:
    with clock.frozen(dt.date(2019, 9, 10)):
        refused = as_user(liaison_a).post(f"/items/{assigned.pk}/urge", {"message": "自己催自己"})
        hidden = as_user(liaison_b).post(f"/items/{assigned.pk}/urge")
        done = as_user(supervisor).post(f"/items/{assigned.pk}/urge", {"message": "请本周内报送进展"})
        again = as_user(supervisor).post(f"/items/{assigned.pk}/urge")
    assert (refused.status_code, hidden.status_code) == (403, 404)
    assert done.status_code == 200 and done.json()["deliveries"] >= 1
    assert again.json() == {"deliveries": 0}
    assert list(Urge.objects.values_list("message", flat=True)) == ["请本周内报送进展"]
    assert "请本周内报送进展" in Notification.objects.get(user=liaison_a).body
