"""Follow-up check (回头看) pages: schedule on a closed item; a relapse reopens it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.supervision.models import Item
from duban.supervision.workflow import State
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(item_a: Item) -> Item:
    Item.objects.filter(pk=item_a.pk).update(state=State.CLOSED)
    item_a.refresh_from_db()
    return item_a


def test_schedule_then_relapse_reopens(closed, supervisor) -> None:
    client = client_for(supervisor)
    page = client.get(reverse("supervision:item_detail", args=[closed.pk])).content.decode()
    assert 'data-testid="followup-schedule"' in page
    response = client.post(reverse("supervision:followup_schedule", args=[closed.pk]), {"date": "2019-10-15"})
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.follow_up_date.isoformat() == "2019-10-15"
    # a relapse without a word is refused and changes nothing
    refused = client.post(reverse("supervision:followup_record", args=[closed.pk]), {"relapsed": "yes"})
    assert refused.status_code == 400
    closed.refresh_from_db()
    assert closed.state == State.CLOSED
    client.post(reverse("supervision:followup_record", args=[closed.pk]),
                {"relapsed": "yes", "comment": "整改问题反弹"})
    closed.refresh_from_db()
    assert closed.state == State.IN_PROGRESS and closed.follow_up_date is None
    assert closed.transitions.last().comment == "整改问题反弹"


def test_no_relapse_keeps_it_closed(closed, supervisor) -> None:
    client = client_for(supervisor)
    client.post(reverse("supervision:followup_schedule", args=[closed.pk]), {"date": "2019-10-15"})
    record = reverse("supervision:followup_record", args=[closed.pk])
    client.post(record, {"relapsed": "no", "comment": "巩固良好"})
    closed.refresh_from_db()
    assert closed.state == State.CLOSED and closed.follow_up_date is None


def test_liaison_cannot_schedule(closed, liaison_a) -> None:
    response = client_for(liaison_a).post(reverse("supervision:followup_schedule", args=[closed.pk]),
                                          {"date": "2019-10-15"})
    assert response.status_code in (403, 404)
    closed.refresh_from_db()
    assert closed.follow_up_date is None
