"""Supervision policy: the ``may_*`` answers that buttons and the API show are the ones services enforce."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import transaction

from duban.core.errors import DomainError, NotFound
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision import policy
from duban.supervision.models import Item
from duban.supervision.services.report import delivery_judge, instruction_add, report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State
from tests.org.factories import make_user
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db



@pytest.fixture
def people(
    supervisor: User, liaison_a: User, liaison_b: User, leader_a: User, unit_b: Unit
) -> dict[str, User]:
    return {
        "supervisor": supervisor,
        "liaison_a": liaison_a,  # the lead unit's
        "liaison_b": liaison_b,  # another unit's
        "leader_a": leader_a,  # oversees the lead unit
        "leader_in_b": make_user(Role.LEADER, unit=unit_b, username="leader_in_b"),  # own unit only
        "top": make_user(Role.TOP_LEADER, username="top"),
        "admin": make_user(Role.ADMIN, username="admin_p"),
    }


@pytest.fixture
def item(supervisor: User, unit_a: Unit) -> Item:
    source = make_source(supervisor)
    return make_item(supervisor, source, lead_unit=unit_a, deadline=dt.date(2019, 12, 31))


def _succeeds(call: object) -> bool:
    """Run ``call`` in a savepoint that is always rolled back; True if the service let it through."""
    try:
        with transaction.atomic():
            call()  # type: ignore[operator]
            raise _RolledBack
    except _RolledBack:
        return True
    except (DomainError, NotFound):
        return False


class _RolledBack(Exception):
    pass


@pytest.mark.parametrize("state", list(State), ids=[s.value for s in State])
def test_may_act_is_what_the_transition_service_allows(
    item: Item, people: dict[str, User], state: State
) -> None:
    # given the item in ``state``
    Item.objects.filter(pk=item.pk).update(state=state)
    for action, (who, user) in itertools.product(Action, people.items()):
        fresh = Item.objects.select_related("source").get(pk=item.pk)
        in_scope = policy.items_visible(user).filter(pk=item.pk).exists()
        # when the policy is asked and the service is tried
        offered = in_scope and action in policy.allowed_actions(user, fresh)
        done = _succeeds(lambda u=user, i=fresh, a=action: item_transition(
            item=i, action=a, actor=u, comment="理由", new_deadline=dt.date(2020, 1, 31)))
        # then the button is offered exactly when the service lets it through
        assert offered is done, (action, who)


@pytest.mark.parametrize("state", [State.ASSIGNED, State.ACKNOWLEDGED, State.IN_PROGRESS, State.CLOSED])
def test_report_instruct_and_judge_answers_match_the_services(
    item: Item, people: dict[str, User], state: State
) -> None:
    Item.objects.filter(pk=item.pk).update(state=state)
    for who, user in people.items():
        fresh = Item.objects.select_related("source").get(pk=item.pk)
        in_scope = policy.items_visible(user).filter(pk=item.pk).exists()
        assert (in_scope and policy.may_report(user, fresh)) is _succeeds(
            lambda u=user, i=fresh: report_submit(actor=u, item=i, text="进展")), (who, "report")
        assert (in_scope and policy.may_instruct(user, fresh)) is _succeeds(
            lambda u=user, i=fresh: instruction_add(actor=u, item=i, text="抓紧办理")), (who, "instruct")
        assert (in_scope and policy.may_judge(user, fresh)) is _succeeds(
            lambda u=user, i=fresh: delivery_judge(actor=u, item=i, grade="", reason="")), (who, "judge")


def test_a_leaders_own_account_unit_does_not_make_them_the_items_leader(item: Item, people: dict[str, User],
                                                                          unit_a: Unit) -> None:
    # given a leader whose account belongs to the lead unit but who oversees nothing
    insider = make_user(Role.LEADER, unit=unit_a, username="leader_inside_a")
    Item.objects.filter(pk=item.pk).update(state=State.EXTENSION_REQUESTED)
    fresh = Item.objects.select_related("source").get(pk=item.pk)
    # then they neither see the item nor decide its extension (SPEC: items they lead, units they oversee)
    assert not policy.items_visible(insider).filter(pk=item.pk).exists()
    assert not policy.is_items_leader(insider, fresh)
    assert policy.is_items_leader(people["leader_a"], fresh)
