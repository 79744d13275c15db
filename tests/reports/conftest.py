"""A small organisation and ledger for the report tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.utils import translation

from duban.org.models import LeaderUnit, Person, Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_person
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
