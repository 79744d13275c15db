"""item_urge (services/reminders.py): the office's urge is kept with who, when and its message.

(The reminder job's own tests are in test_reminders.py.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.org.models import Unit, User
from duban.supervision.models import Item, Notification, NotificationKind, Urge
from duban.supervision.services.reminders import item_urge
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_unit
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def item(supervisor: User, unit_a: Unit, liaison_a: User) -> Item:
    with clock.frozen(D("2019-09-02")):
        item = make_item(supervisor, make_source(supervisor), lead_unit=unit_a, deadline=D("2019-09-30"))
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return item


def test_urge_with_a_message_is_kept_and_reaches_the_liaison(
    item: Item, supervisor: User, liaison_a: User, django_capture_on_commit_callbacks: Any
) -> None:
    # when the office urges with its own words
    with clock.frozen(D("2019-09-10")), django_capture_on_commit_callbacks(execute=True):
        sent = item_urge(actor=supervisor, item=item, message="  请于本周五前报送整改进展。 ")
    # then the urge is kept (who, when, message) and the liaison's notification carries the words
    urge = Urge.objects.get()
    assert (urge.item_id, urge.actor_id, urge.message, urge.deliveries) == (
        item.pk,
        supervisor.pk,
        "请于本周五前报送整改进展。",
        sent,
    )
    assert urge.at.date() == D("2019-09-10")
    note = Notification.objects.get(user=liaison_a)
    assert note.kind == NotificationKind.MANUAL and note.item_id == item.pk
    assert "请于本周五前报送整改进展。" in note.body


def test_a_second_urge_the_same_day_sends_and_keeps_nothing(
    item: Item, supervisor: User, liaison_a: User
) -> None:
    with clock.frozen(D("2019-09-10")):
        first = item_urge(actor=supervisor, item=item, message="第一次")
        again = item_urge(actor=supervisor, item=item, message="第二次")
    assert first >= 1 and again == 0
    assert list(Urge.objects.values_list("message", flat=True)) == ["第一次"]


def test_an_urge_that_reaches_no_one_is_not_kept(supervisor: User) -> None:
    # given an item whose unit has no liaison
    with clock.frozen(D("2019-09-02")):
        lonely = make_item(supervisor, make_source(supervisor), lead_unit=make_unit(name="无人单位"))
        item_transition(item=lonely, action=Action.ASSIGN, actor=supervisor)
    # when / then
    assert item_urge(actor=supervisor, item=lonely) == 0
    assert not Urge.objects.exists()


def test_closed_to_urging_is_refused_in_chinese(supervisor: User, unit_a: Unit) -> None:
    draft = make_item(supervisor, make_source(supervisor), lead_unit=unit_a)
    with pytest.raises(DomainError) as err:
        item_urge(actor=supervisor, item=draft)
    assert err.value.code == ErrorCode.TRANSITION_NOT_ALLOWED
    assert "不能催办" in err.value.message
