"""Follow-up check (回头看): schedule on a closed item; a relapse reopens it."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.audit.models import AuditEvent
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.org.models import Unit, User
from duban.supervision.models import Item
from duban.supervision.services.followup import followup_record, followup_schedule
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def closed(supervisor: User, unit_a: Unit, liaison_a: User) -> Item:
    with clock.frozen(D("2019-06-03")):
        item = make_item(supervisor, make_source(supervisor), lead_unit=unit_a)
        for actor, action in (
            (supervisor, Action.ASSIGN),
            (liaison_a, Action.ACKNOWLEDGE),
            (liaison_a, Action.REQUEST_COMPLETION),
            (supervisor, Action.SIGN_OFF),
        ):
            item_transition(item=item, action=action, actor=actor)
    item.refresh_from_db()
    return item


def test_schedule_then_no_relapse_keeps_it_closed(closed: Item, supervisor: User) -> None:
    with clock.frozen(D("2019-07-01")):
        followup_schedule(actor=supervisor, item=closed, date=D("2019-10-08"))
        closed.refresh_from_db()
        assert closed.follow_up_date == D("2019-10-08")
        item = followup_record(actor=supervisor, item=closed, relapsed=False, comment="整改成果巩固")
    assert item.state == State.CLOSED and item.follow_up_date is None
    event = AuditEvent.objects.get(action="item.followup")
    assert event.after is not None
    assert event.after["relapsed"] is False and event.after["comment"] == "整改成果巩固"
    assert AuditEvent.objects.filter(action="item.followup_schedule").count() == 1


def test_relapse_reopens_through_the_workflow(closed: Item, supervisor: User) -> None:
    with clock.frozen(D("2019-10-08")):
        item = followup_record(actor=supervisor, item=closed, relapsed=True, comment="问题反弹，需重新整改")
    assert item.state == State.IN_PROGRESS and item.closed_at is None
    reopen = item.transitions.last()
    assert reopen is not None and reopen.action == Action.REOPEN and reopen.comment == "问题反弹，需重新整改"


def test_relapse_needs_a_comment_and_changes_nothing(closed: Item, supervisor: User) -> None:
    with pytest.raises(DomainError) as err:
        followup_record(actor=supervisor, item=closed, relapsed=True, comment=" ")
    assert err.value.code == ErrorCode.REASON_REQUIRED
    closed.refresh_from_db()
    assert closed.state == State.CLOSED


def test_only_closed_items_future_dates_and_supervisors(
    closed: Item, supervisor: User, liaison_a: User, unit_a: Unit
) -> None:
    with clock.frozen(D("2019-07-01")):
        with pytest.raises(DomainError, match="回头看日期已过"):
            followup_schedule(actor=supervisor, item=closed, date=D("2019-06-30"))
        with pytest.raises(DomainError) as err:
            followup_schedule(actor=liaison_a, item=closed, date=D("2019-10-08"))
        assert err.value.code == ErrorCode.PERMISSION_DENIED
        open_item = make_item(supervisor, closed.source, lead_unit=unit_a)
        with pytest.raises(DomainError) as err:
            followup_schedule(actor=supervisor, item=open_item, date=D("2019-10-08"))
        assert err.value.code == ErrorCode.TRANSITION_NOT_ALLOWED
