"""A June ledger for the bulletin tests: two units, one item closed on time, two overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import translation

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.models import Item
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_user
from tests.reports.conftest import Org
from tests.supervision.factories import make_item, make_source

TODAY = dt.date(2019, 7, 31)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The bulletin is read in Chinese, as it is sent."""
    with translation.override("zh-hans"):
        yield


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
