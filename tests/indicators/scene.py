"""Indicator data for the read side's tests: a hand-computed half-year, and a scalable one.

``hand_scene``: 2019 June figures whose standing is worked out by hand in the tests —
地区生产总值 with a 2018 history of a seasonal shape (40% of the year by June) and
ties in growth with a peer; 新兴产业产值 with no earlier year (linear 序时).
``grown_scene``: the same shape with any number of peers, years and indicators, for
query counts that must not grow with the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from duban.indicators.models import IndicatorDefinition, IndicatorValue, PeerSet, Subject, SubjectKind, Target
from duban.org.models import Unit

D = Decimal
# 2018's year-to-date figures of the zone's GDP: 48 of 120 by June (a share of 0.4).
GDP_2018 = ["5", "10", "20", "30", "40", "48", "60", "70", "80", "90", "100", "120"]


@dataclass
class Scene:
    zone: Subject
    peers: list[Subject]
    city: PeerSet
    gdp: IndicatorDefinition
    new: IndicatorDefinition


def _value(definition: IndicatorDefinition, subject: Subject, year: int, month: int, value: str) -> None:
    IndicatorValue.objects.create(
        definition=definition, subject=subject, year=year, month=month, value=D(value)
    )


def hand_scene(unit: Unit) -> Scene:
    """The zone and two peers, June 2019 (see the module docstring for the figures)."""
    zone = Subject.objects.create(name="本区", kind=SubjectKind.ZONE, sort_order=1)
    peer_a = Subject.objects.create(name="甲区", kind=SubjectKind.PEER, sort_order=2)
    peer_b = Subject.objects.create(name="乙区", kind=SubjectKind.PEER, sort_order=3)
    city = PeerSet.objects.create(name="全市各县区", scope_word="全市")
    city.members.set([zone, peer_a, peer_b])
    gdp = IndicatorDefinition.objects.create(
        code="GDP", name="地区生产总值", unit="亿元", lead_unit=unit, category="主要经济指标", sort_order=1
    )
    new = IndicatorDefinition.objects.create(
        code="NEW", name="新兴产业产值", unit="亿元", lead_unit=unit, category="主要经济指标", sort_order=2
    )
    for month, value in enumerate(GDP_2018, start=1):
        _value(gdp, zone, 2018, month, value)
    _value(gdp, zone, 2019, 5, "44")
    _value(gdp, zone, 2019, 6, "52.8")  # +10.0% on 48
    _value(gdp, peer_a, 2018, 6, "100")
    _value(gdp, peer_a, 2019, 6, "110")  # +10.0%: tied with the zone
    _value(gdp, peer_b, 2018, 6, "50")
    _value(gdp, peer_b, 2019, 6, "56")  # +12.0%: first
    _value(new, zone, 2019, 6, "55")
    Target.objects.create(definition=gdp, year=2019, value=D("150"), growth=D("8.0"))
    Target.objects.create(definition=new, year=2019, value=D("100"))
    return Scene(zone, [peer_a, peer_b], city, gdp, new)


def grown_scene(unit: Unit, *, peers: int, years: int, indicators: int) -> Scene:
    """A zone and ``peers`` peers with monthly figures of ``years`` years up to June 2019."""
    zone = Subject.objects.create(name="本区", kind=SubjectKind.ZONE, sort_order=1)
    others = [
        Subject.objects.create(name=f"兄弟区{i}", kind=SubjectKind.PEER, sort_order=10 + i)
        for i in range(peers)
    ]
    city = PeerSet.objects.create(name="全市各县区", scope_word="全市")
    city.members.set([zone, *others])
    definitions = [
        IndicatorDefinition.objects.create(
            code=f"I{i}", name=f"指标{i}", unit="亿元", lead_unit=unit, sort_order=i
        )
        for i in range(indicators)
    ]
    rows = []
    for d_index, definition in enumerate(definitions):
        for s_index, subject in enumerate([zone, *others]):
            for year in range(2019 - years + 1, 2020):
                for month in range(1, 13 if year < 2019 else 7):
                    figure = D(10 + d_index + s_index) * month * (1 + D(year - 2015) / 10)
                    rows.append(
                        IndicatorValue(
                            definition=definition, subject=subject, year=year, month=month, value=figure
                        )
                    )
        Target.objects.create(definition=definition, year=2019, value=D(1000), growth=D("7.5"))
    IndicatorValue.objects.bulk_create(rows)
    return Scene(zone, others, city, definitions[0], definitions[-1])
