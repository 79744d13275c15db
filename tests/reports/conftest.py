"""A small organisation and ledger for the report tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.utils import translation

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import LeaderUnit, Person, Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_person, make_user
from tests.supervision.factories import make_item, make_source


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are asserted by their English msgids, whatever translations exist."""
    with translation.override("en"):
        yield


@dataclass
class Org:
    economy: Unit  # 经济发展局 (unit_a)
    town: Unit  # 张坂镇 (unit_b)
    leader: Person
    staff: Person


@pytest.fixture
def org(unit_a: Unit, unit_b: Unit) -> Org:
    unit_a.short_name = "经发局"
    unit_a.save()
    leader = make_person(name="王明", position="管委会副主任", unit=unit_a)
    LeaderUnit.objects.create(leader=leader, unit=unit_a)
    return Org(economy=unit_a, town=unit_b, leader=leader, staff=make_person(name="李华", unit=unit_a))


@pytest.fixture
def ledger(supervisor: User, org: Org) -> tuple[Source, list[Item]]:
    """A source with a problem (1) and two measures (1.1, 1.2), assigned."""
    source = make_source(supervisor)
    problem = make_item(
        supervisor, source, lead_unit=org.economy, title="产业发展质量不高", kind="problem", leader=org.leader
    )
    first = make_item(
        supervisor,
        source,
        parent=problem,
        lead_unit=org.economy,
        title="编制产业发展规划",
        cooperating_units=[org.town],
        leader=org.leader,
        responsible=org.staff,
        deadline=dt.date(2019, 6, 30),
    )
    second = make_item(
        supervisor,
        source,
        parent=problem,
        lead_unit=org.town,
        title="推进污水处理厂建设",
        deadline=dt.date(2019, 12, 31),
    )
    for item in (problem, first, second):
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return source, [problem, first, second]


TODAY = dt.date(2019, 7, 31)


def liaison_of(unit: Unit) -> User:
    found = User.objects.filter(username=f"l{unit.pk}").first()
    return found or make_user(Role.LIAISON, unit=unit, username=f"l{unit.pk}")


@pytest.fixture
def june_ledger(supervisor: User, org: Org) -> Iterator[list[Item]]:
    """Assigned 3 June: 编制规划 (经济发展局, due 30 June, open), 完成调研 (经济发展局, closed 10 July on
    time), 污水处理 (张坂镇, due 1 July, open). Looked at on 31 July."""
    with clock.frozen(dt.date(2019, 6, 3)):
        source = make_source(supervisor)
        late = make_item(
            supervisor,
            source,
            lead_unit=org.economy,
            title="编制规划",
            leader=org.leader,
            deadline=dt.date(2019, 6, 30),
        )
        done = make_item(
            supervisor, source, lead_unit=org.economy, title="完成调研", deadline=dt.date(2019, 7, 20)
        )
        town = make_item(
            supervisor, source, lead_unit=org.town, title="污水处理", deadline=dt.date(2019, 7, 1)
        )
        for item in (late, done, town):
            item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    with clock.frozen(dt.date(2019, 7, 10)):
        for action in (Action.ACKNOWLEDGE, Action.START, Action.REQUEST_COMPLETION, Action.SIGN_OFF):
            actor = supervisor if action == Action.SIGN_OFF else liaison_of(org.economy)
            item_transition(item=Item.objects.get(pk=done.pk), action=action, actor=actor)
    with clock.frozen(TODAY):
        yield [late, done, town]
