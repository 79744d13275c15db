"""Shared set-up for the supervision pages: a source with one item per unit, assigned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client

from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item, make_source

TODAY = dt.date(2019, 7, 31)


def client_for(user: User) -> Client:
    """A signed-in client reading the English UI (assertions name the msgids)."""
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with clock.frozen(TODAY):
        yield


@pytest.fixture
def source(supervisor: User) -> Source:
    return make_source(supervisor)


@pytest.fixture
def item_a(supervisor: User, source: Source, unit_a: Unit) -> Item:
    item = make_item(
        supervisor,
        source,
        lead_unit=unit_a,
        title="推进园区污水管网建设",
        start_date=dt.date(2019, 1, 14),
        report_frequency="monthly",
    )
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item.refresh_from_db()
    return item


@pytest.fixture
def item_b(supervisor: User, source: Source, unit_b: Unit) -> Item:
    item = make_item(supervisor, source, lead_unit=unit_b, title="张坂镇河道整治")
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item.refresh_from_db()
    return item
