"""Review meetings (调度会): items chosen by a ledger filter, a decision per item landing on the item
through the supervision services, the pack and the minutes; scope and refusals."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from docx import Document

from duban.audit.models import AuditEvent
from duban.core import clock
from duban.meetings.models import Meeting, MeetingItem
from duban.org.models import User
from duban.supervision.models import DeadlineChange, Item, Urge
from tests.reports.conftest import Org, liaison_of

TODAY = dt.date(2019, 7, 31)


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    with translation.override("zh-hans"), clock.frozen(TODAY):
        yield


@pytest.fixture
def meeting(client: Client, supervisor: User, june_ledger: list[Item]) -> Meeting:
    """A meeting over the overdue items (the ledger's ?overdue=1): 编制规划 and 污水处理."""
    client.force_login(supervisor)
    response = client.post(
        reverse("meetings:list"),
        {
            "title": "七月督办工作调度会",
            "held_on": "2019-07-31",
            "chair": "王明",
            "selection": "overdue=1",
        },
    )
    assert response.status_code == 302
    return Meeting.objects.get()


def _entry(meeting: Meeting, item: Item) -> MeetingItem:
    return meeting.agenda.get(item=item)


def test_the_agenda_is_what_the_ledger_shows_for_the_filter(
    meeting: Meeting, june_ledger: list[Item]
) -> None:
    assert [e.item_id for e in meeting.agenda.order_by("position")] == [june_ledger[0].pk, june_ledger[2].pk]
    assert AuditEvent.objects.filter(action="meeting.create").count() == 1


def test_decisions_land_on_their_items(
    client: Client, meeting: Meeting, org: Org, june_ledger: list[Item]
) -> None:
    late, _done, town = june_ledger
    liaison_of(org.town)  # someone to receive the urge
    # when the meeting moves one deadline and escalates the other
    url = reverse("meetings:decide", args=[meeting.pk, _entry(meeting, late).pk])
    moved = client.post(
        url, {"decision": "new_deadline", "text": "延期至八月底", "new_deadline": "2019-08-31"}
    )
    escalate = reverse("meetings:decide", args=[meeting.pk, _entry(meeting, town).pk])
    raised = client.post(escalate, {"decision": "escalate", "text": "主要领导亲自督办"})
    # then each item carries it: the deadline with the meeting as its reason, the urge with its words
    assert moved.status_code == raised.status_code == 302
    late.refresh_from_db()
    town.refresh_from_db()
    assert late.deadline == dt.date(2019, 8, 31)
    change = DeadlineChange.objects.filter(item=late).latest("at")
    assert change.reason == "【七月督办工作调度会】延期至八月底"
    assert town.priority == "urgent"
    assert Urge.objects.get(item=town).message == "【七月督办工作调度会】主要领导亲自督办"
    # and the item pages show the decision
    page = client.get(reverse("supervision:item_detail", args=[late.pk])).content.decode()
    assert 'data-testid="item-meetings"' in page and "调整完成时限" in page


def test_a_decision_is_taken_once_and_refused_without_its_words(
    client: Client, meeting: Meeting, june_ledger: list[Item]
) -> None:
    url = reverse("meetings:decide", args=[meeting.pk, _entry(meeting, june_ledger[0]).pk])
    refused = client.post(url, {"decision": "requirement", "text": " "})
    assert refused.status_code == 400 and "写明会议" in refused.content.decode()
    assert client.post(url, {"decision": "noted"}).status_code == 302
    again = client.post(url, {"decision": "noted"})
    assert again.status_code == 409


def test_a_new_item_under_the_agenda_item(client: Client, meeting: Meeting, june_ledger: list[Item]) -> None:
    url = reverse("meetings:decide", args=[meeting.pk, _entry(meeting, june_ledger[2]).pk])
    client.post(url, {"decision": "new_item", "text": "完成管网铺设", "new_deadline": "2019-10-31"})
    created = Item.objects.get(title="完成管网铺设")
    assert created.parent_id == june_ledger[2].pk and created.lead_unit_id == june_ledger[2].lead_unit_id
    assert _entry(meeting, june_ledger[2]).new_item_id == created.pk


def test_minutes_are_published_once_with_each_decision(
    client: Client, meeting: Meeting, june_ledger: list[Item]
) -> None:
    url = reverse("meetings:decide", args=[meeting.pk, _entry(meeting, june_ledger[0]).pk])
    client.post(url, {"decision": "new_deadline", "text": "延期", "new_deadline": "2019-08-31"})
    assert client.post(reverse("meetings:publish", args=[meeting.pk])).status_code == 302
    minutes = client.get(reverse("meetings:minutes", args=[meeting.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(minutes.content)).paragraphs)
    assert "七月督办工作调度会纪要" in text and "王明主持召开" in text
    assert "调整完成时限：延期（完成时限：2019年8月31日）。" in text
    late_decision = reverse("meetings:decide", args=[meeting.pk, _entry(meeting, june_ledger[2]).pk])
    assert client.post(late_decision, {"decision": "noted"}).status_code == 409
    pack = client.get(reverse("meetings:pack", args=[meeting.pk]))
    assert pack.status_code == 200 and "编制规划" in "\n".join(
        c.text for t in Document(io.BytesIO(pack.content)).tables for r in t.rows for c in r.cells
    )


def test_a_unit_sees_only_its_items_on_the_agenda_and_cannot_decide(
    client: Client, meeting: Meeting, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(liaison_of(org.town))
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert [e.item_id for e in page.context["agenda"]] == [june_ledger[2].pk]
    entry = _entry(meeting, june_ledger[2])
    assert (
        client.post(
            reverse("meetings:decide", args=[meeting.pk, entry.pk]), {"decision": "noted"}
        ).status_code
        == 404
    )
    assert client.post(reverse("meetings:list"), {"title": "x", "held_on": "2019-07-31"}).status_code == 404


def test_a_filter_that_chooses_nothing_is_refused(
    client: Client, supervisor: User, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    response = client.post(
        reverse("meetings:list"), {"title": "空会", "held_on": "2019-07-31", "selection": "q=不存在的事项"}
    )
    assert response.status_code == 400 and not Meeting.objects.exists()
