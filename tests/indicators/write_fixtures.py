"""Fixtures of the indicators' write side: a statistician, the zone and peers, two indicators.

The test modules import ``world_fixture`` (the fixture is named ``world``), so a test's
``world`` argument does not shadow an imported name.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from duban.core.roles import Role
from duban.indicators.expected import Frequency
from duban.indicators.models import IndicatorDefinition, PeerSet, Subject, SubjectKind, ValueKind
from duban.org.models import Unit, User
from tests.org.factories import make_user


@dataclass
class World:
    statistician: User
    gdp: IndicatorDefinition  # cumulative, monthly, led by unit A
    cpi: IndicatorDefinition  # point value, monthly, led by unit B
    revenue: IndicatorDefinition  # quarterly, cumulative
    zone: Subject
    peers: list[Subject]
    city: PeerSet


@pytest.fixture(name="world")
def world_fixture(unit_a: Unit, unit_b: Unit) -> World:
    statistician = make_user(Role.STATISTICIAN, username="stat1")
    gdp = IndicatorDefinition.objects.create(code="GDP", name="地区生产总值", unit="亿元", lead_unit=unit_a)
    cpi = IndicatorDefinition.objects.create(
        code="CPI", name="居民消费价格指数", unit="%", value_kind=ValueKind.POINT, lead_unit=unit_b
    )
    revenue = IndicatorDefinition.objects.create(
        code="REV", name="一般公共预算收入", unit="亿元", frequency=Frequency.QUARTERLY, lead_unit=unit_a
    )
    zone = Subject.objects.create(name="本区", kind=SubjectKind.ZONE, sort_order=1)
    peers = [Subject.objects.create(name=n, kind=SubjectKind.PEER) for n in ("思明区", "湖里区")]
    city = PeerSet.objects.create(name="全市各县区", scope_word="全市")
    city.members.set([zone, *peers])
    return World(statistician, gdp, cpi, revenue, zone, peers, city)


def d(text: str) -> Decimal:
    return Decimal(text)
