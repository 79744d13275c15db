"""Urges (催办) on the item page: who urged, when, with what words; the 催办 action for the office only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from duban.core import clock
from duban.org.models import User
from duban.supervision.models import Item, ReminderLog, Urge
from duban.supervision.models.reminder import ReminderKind
from duban.supervision.services.reminders import item_urge
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action

pytestmark = pytest.mark.django_db


def chinese_client(user: User) -> Client:
    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(user)
    return client


def _detail(item: Item) -> str:
    return reverse("supervision:item_detail", args=[item.pk])


def test_the_item_page_shows_the_offices_and_the_systems_urges(
    supervisor: User, liaison_a: User, item_a: Item
) -> None:
    # given: the office urged with a message; the system sent an urging notice (two deliveries) earlier
    item_urge(actor=supervisor, item=item_a, message="请于8月5日前报送整改进展。")
    for recipient in ("user:1", "robot:1"):
        ReminderLog.objects.create(
            item=item_a,
            kind=ReminderKind.OVERDUE,
            key=f"{item_a.pk}:overdue:2019-07-01:0",
            channel="in_app",
            recipient=recipient,
            sent_at=dt.datetime(2019, 7, 2, 1, tzinfo=dt.UTC),
        )
    # when the liaison opens the item
    response = chinese_client(liaison_a).get(_detail(item_a))
    body = response.content.decode()
    # then both urges show, newest first, with who, when and the words; the liaison gets no 催办 action
    assert response.status_code == 200
    urges = response.context["page"].urges
    assert [(u.actor, str(u.kind_label)) for u in urges] == [(supervisor, "督查室催办"), (None, "催办通知")]
    assert "催办记录" in body and "请于8月5日前报送整改进展。" in body and str(supervisor) in body
    assert "2019-07-31" in body and "2019-07-02 09:00" in body and "系统" in body and "发出通知 2 条" in body
    assert 'data-testid="urge-link"' not in body
    assert reverse("supervision:urge_new", args=[item_a.pk]) not in body
    # and the latest one heads the page of the open item
    assert response.context["page"].latest_urge == urges[0] and 'data-testid="latest-urge"' in body


def test_an_item_never_urged_says_so(liaison_a: User, item_a: Item) -> None:
    assert "尚未催办。" in chinese_client(liaison_a).get(_detail(item_a)).content.decode()


def test_the_supervisor_urges_from_the_item_page(supervisor: User, liaison_a: User, item_a: Item) -> None:
    client = chinese_client(supervisor)
    # given the item page offers the action
    assert 'data-testid="urge-link"' in client.get(_detail(item_a)).content.decode()
    url = reverse("supervision:urge_new", args=[item_a.pk])
    form = client.get(url)
    assert form.status_code == 200 and "附言" in form.content.decode()
    # when
    response = client.post(url, {"message": "请抓紧办理"}, follow=True)
    # then back on the item page, with the urge listed and the words sent
    assert response.redirect_chain[-1][0] == _detail(item_a)
    body = response.content.decode()
    assert "已催办，发出通知" in body and "请抓紧办理" in body
    assert Urge.objects.get().actor == supervisor
    # and a second urge today sends nothing, and says so
    again = client.post(url, {"message": "再催"}, follow=True).content.decode()
    assert "未发送：该事项今天已催办过" in again and Urge.objects.count() == 1


def test_others_do_not_reach_the_urge_form(liaison_a: User, leader_a: User, item_a: Item) -> None:
    url = reverse("supervision:urge_new", args=[item_a.pk])
    for user in (liaison_a, leader_a):
        assert chinese_client(user).get(url).status_code == 404
        assert chinese_client(user).post(url, {"message": "x"}).status_code == 404
    assert not Urge.objects.exists()


def test_a_closed_item_offers_no_urge_and_refuses_one_in_chinese(
    supervisor: User, liaison_a: User, item_a: Item
) -> None:
    # given an item urged once, then signed off
    item_urge(actor=supervisor, item=item_a, message="请抓紧")
    with clock.frozen(dt.date(2019, 7, 31)):
        for actor, action in (
            (liaison_a, Action.ACKNOWLEDGE),
            (liaison_a, Action.START),
            (liaison_a, Action.REQUEST_COMPLETION),
            (supervisor, Action.SIGN_OFF),
        ):
            item_transition(item=item_a, action=action, actor=actor, comment="完成")
    client = chinese_client(supervisor)
    # then
    closed_page = client.get(_detail(item_a)).content.decode()
    assert 'data-testid="urge-link"' not in closed_page
    assert 'data-testid="latest-urge"' not in closed_page and "请抓紧" in closed_page  # history, no banner
    response = client.post(reverse("supervision:urge_new", args=[item_a.pk]), {"message": "催"})
    assert response.status_code == 409 and "不能催办" in response.content.decode()
