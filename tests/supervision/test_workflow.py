"""Walk every (state, action) pair of the workflow table: allowed ones move, others refuse."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from duban.core.errors import DomainError, ErrorCode
from duban.core.roles import Role
from duban.org.models import User
from duban.supervision.models import Item, ItemApproval, ItemTransition
from duban.supervision.models.source import SignOffMode
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import TRANSITIONS, Action, State
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

PAIRS = list(itertools.product(State, Action))


def _actor_for(action: Action, state: State, *, supervisor: User, liaison: User, leader: User) -> User:
    rule = TRANSITIONS.get((state, action))
    if rule is None or Role.SUPERVISOR in rule.roles:
        return supervisor
    return liaison if Role.LIAISON in rule.roles else leader


@pytest.mark.parametrize(("state", "action"), PAIRS, ids=[f"{s.value}-{a.value}" for s, a in PAIRS])
def test_every_pair(state: State, action: Action, supervisor, liaison_a, leader_a, unit_a) -> None:
    # given: an item in `state` (set directly: the subject here is the table, not how it got there)
    source = make_source(supervisor, sign_off_mode=SignOffMode.SINGLE)
    item = make_item(supervisor, source, lead_unit=unit_a, deadline=dt.date(2019, 12, 31))
    Item.objects.filter(pk=item.pk).update(state=state, pending_deadline=dt.date(2020, 1, 31))
    item.refresh_from_db()
    actor = _actor_for(action, state, supervisor=supervisor, liaison=liaison_a, leader=leader_a)
    comment, new_deadline = "理由", dt.date(2020, 6, 30)
    rule = TRANSITIONS.get((state, action))
    # when / then
    if rule is None or action == Action.APPROVE:  # approve is refused on single sign-off sources
        with pytest.raises(DomainError) as err:
            item_transition(item=item, action=action, actor=actor, comment=comment, new_deadline=new_deadline)
        assert err.value.code in (ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.PERMISSION_DENIED)
        item.refresh_from_db()
        assert item.state == state
        assert not ItemTransition.objects.filter(item=item).exists()
        return
    item_transition(item=item, action=action, actor=actor, comment=comment, new_deadline=new_deadline)
    item.refresh_from_db()
    expected = rule.to if not rule.back_to_previous else State.IN_PROGRESS
    assert item.state == expected
    record = ItemTransition.objects.get(item=item)
    assert (record.from_state, record.to_state, record.actor_id) == (state, expected, actor.pk)


def test_approve_on_dual_source_records_approval_without_moving(
    supervisor, liaison_a, leader_a, unit_a
) -> None:
    source = make_source(supervisor, sign_off_mode=SignOffMode.DUAL_SUPERVISOR)
    item = make_item(supervisor, source, lead_unit=unit_a)
    Item.objects.filter(pk=item.pk).update(state=State.COMPLETION_REQUESTED)
    item_transition(item=item, action=Action.APPROVE, actor=supervisor)
    item.refresh_from_db()
    assert item.state == State.COMPLETION_REQUESTED
    assert ItemApproval.objects.filter(item=item, is_current=True).count() == 1
    # the same supervisor may not give the second approval
    with pytest.raises(DomainError):
        item_transition(item=item, action=Action.SIGN_OFF, actor=supervisor)
