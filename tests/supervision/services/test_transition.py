"""item_transition: the workflow table applied with role, scope, reasons and audit."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.audit.models import AuditEvent
from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.org.models import Unit, User
from duban.supervision import policy
from duban.supervision.models import DeadlineChange
from duban.supervision.models.source import SignOffMode
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(supervisor: User, unit_a: Unit):
    source = make_source(supervisor)
    return make_item(supervisor, source, lead_unit=unit_a, start_date=dt.date(2019, 1, 14))


def test_full_life_cycle_single_sign_off(item, supervisor, liaison_a, leader_a) -> None:
    # when
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    item_transition(item=item, action=Action.START, actor=liaison_a)
    item_transition(item=item, action=Action.REQUEST_EXTENSION, actor=liaison_a, comment="征迁未完成",
                    new_deadline=dt.date(2020, 3, 31))
    item_transition(item=item, action=Action.GRANT_EXTENSION, actor=leader_a)
    item_transition(item=item, action=Action.REQUEST_COMPLETION, actor=liaison_a)
    item_transition(item=item, action=Action.SIGN_OFF, actor=supervisor)
    # then
    item.refresh_from_db()
    assert item.state == State.CLOSED
    assert item.deadline == dt.date(2020, 3, 31)
    history = list(DeadlineChange.objects.filter(item=item).values_list("old", "new"))
    assert history == [(None, dt.date(2019, 12, 31)), (dt.date(2019, 12, 31), dt.date(2020, 3, 31))]
    actions = list(AuditEvent.objects.filter(object_id=str(item.pk), object_type="supervision.item")
                   .order_by("seq").values_list("action", flat=True))
    assert actions[-7:] == ["item.assign", "item.acknowledge", "item.start", "item.request_extension",
                            "item.grant_extension", "item.request_completion", "item.sign_off"]


def test_liaison_of_another_unit_gets_not_found(item, supervisor, liaison_b) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    with pytest.raises(NotFound):
        item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_b)


def test_liaison_cannot_sign_off_and_state_is_unchanged(item, supervisor, liaison_a) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    item_transition(item=item, action=Action.REQUEST_COMPLETION, actor=liaison_a)
    with pytest.raises(DomainError) as err:
        item_transition(item=item, action=Action.SIGN_OFF, actor=liaison_a)
    assert err.value.code == ErrorCode.PERMISSION_DENIED
    item.refresh_from_db()
    assert item.state == State.COMPLETION_REQUESTED


def test_return_needs_a_reason(item, supervisor, liaison_a) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    item_transition(item=item, action=Action.REQUEST_COMPLETION, actor=liaison_a)
    with pytest.raises(DomainError) as err:
        item_transition(item=item, action=Action.RETURN, actor=supervisor, comment="  ")
    assert err.value.code == ErrorCode.REASON_REQUIRED
    item_transition(item=item, action=Action.RETURN, actor=supervisor, comment="佐证材料不全")
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS


def test_dual_sign_off_needs_the_leaders_approval_first(supervisor, unit_a, liaison_a, leader_a) -> None:
    source = make_source(supervisor, sign_off_mode=SignOffMode.DUAL_LEADER)
    item = make_item(supervisor, source, lead_unit=unit_a)
    for actor, action in ((supervisor, Action.ASSIGN), (liaison_a, Action.ACKNOWLEDGE),
                          (liaison_a, Action.REQUEST_COMPLETION)):
        item_transition(item=item, action=action, actor=actor)
    item.refresh_from_db()
    assert Action.SIGN_OFF not in policy.allowed_actions(supervisor, item)
    with pytest.raises(DomainError):
        item_transition(item=item, action=Action.SIGN_OFF, actor=supervisor)
    item_transition(item=item, action=Action.APPROVE, actor=leader_a)
    item_transition(item=item, action=Action.SIGN_OFF, actor=supervisor)
    item.refresh_from_db()
    assert item.state == State.CLOSED


def test_suspend_and_resume_return_to_the_previous_state(item, supervisor) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.SUSPEND, actor=supervisor, comment="上级暂缓")
    item_transition(item=item, action=Action.RESUME, actor=supervisor)
    item.refresh_from_db()
    assert item.state == State.ASSIGNED


def test_stale_version_is_a_conflict(item, supervisor) -> None:
    with pytest.raises(DomainError) as err:
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor, expected_version=item.version - 1)
    assert err.value.code == ErrorCode.CONFLICT
