"""Item scope (org/scope.py): who sees which item; drafts stay with the office."""

from __future__ import annotations

import pytest

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.supervision import policy
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(supervisor, unit_a, unit_b):
    unit_c = make_unit(name="财政局")
    source = make_source(supervisor)
    led_by_a = make_item(supervisor, source, lead_unit=unit_a, title="甲局牵头")
    a_helps_c = make_item(
        supervisor, source, lead_unit=unit_c, title="丙局牵头甲局配合", cooperating_units=[unit_a]
    )
    led_by_b = make_item(supervisor, source, lead_unit=unit_b, title="乙镇牵头")
    draft_a = make_item(supervisor, source, lead_unit=unit_a, title="草稿")
    for item in (led_by_a, a_helps_c, led_by_b):
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return {
        "led_by_a": led_by_a,
        "a_helps_c": a_helps_c,
        "led_by_b": led_by_b,
        "draft_a": draft_a,
        "unit_c": unit_c,
    }


CASES = [
    # (who, item, visible)
    ("supervisor", "led_by_a", True),
    ("supervisor", "draft_a", True),
    ("supervisor", "led_by_b", True),
    ("top", "led_by_b", True),
    ("top", "draft_a", True),
    ("liaison_a", "led_by_a", True),
    ("liaison_a", "a_helps_c", True),
    ("liaison_a", "led_by_b", False),
    ("liaison_a", "draft_a", False),
    ("liaison_b", "led_by_a", False),
    ("liaison_b", "led_by_b", True),
    ("liaison_b", "a_helps_c", False),
    ("leader_a", "led_by_a", True),
    ("leader_a", "a_helps_c", True),
    ("leader_a", "led_by_b", False),
    ("statistician", "led_by_a", False),
]


@pytest.mark.parametrize(("who", "which", "visible"), CASES, ids=[f"{w}-{i}" for w, i, _ in CASES])
def test_item_scope(world, who, which, visible, supervisor, liaison_a, liaison_b, leader_a) -> None:
    users = {
        "supervisor": supervisor,
        "liaison_a": liaison_a,
        "liaison_b": liaison_b,
        "leader_a": leader_a,
        "top": make_user(Role.TOP_LEADER),
        "statistician": make_user(Role.STATISTICIAN),
    }
    user, item = users[who], world[which]
    assert (item in policy.items_visible(user)) is visible
    if visible:
        assert policy.access_item(user, item.pk) == item
    else:
        with pytest.raises(NotFound):
            policy.access_item(user, item.pk)


def test_missing_and_out_of_scope_look_alike(world, liaison_a) -> None:
    with pytest.raises(NotFound) as missing:
        policy.access_item(liaison_a, 999_999)
    with pytest.raises(NotFound) as hidden:
        policy.access_item(liaison_a, world["led_by_b"].pk)
    assert str(missing.value) == str(hidden.value)


def test_cooperating_join_gives_no_duplicates(world, supervisor, liaison_a, unit_a, unit_b) -> None:
    make_item(
        supervisor, world["led_by_a"].source, lead_unit=unit_a, cooperating_units=[unit_b, world["unit_c"]]
    )
    ids = list(policy.items_visible(liaison_a).values_list("pk", flat=True))
    assert len(ids) == len(set(ids))
