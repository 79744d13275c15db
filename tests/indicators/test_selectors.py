"""The read bundles: figures checked against hand computations, scope, and the queries they take."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.indicators.expected import Basis
from duban.indicators.selectors import Month, indicator_detail, month_overview, parse_month
from duban.indicators.warnings import BelowExpected, RankDropped
from duban.org.models import Unit, User
from tests.indicators.scene import hand_scene
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def leader(db: None) -> User:
    return make_user(Role.TOP_LEADER, username="secretary1")


def test_the_overview_of_june_by_hand(unit_a: Unit, leader: User) -> None:
    # given the hand scene
    scene = hand_scene(unit_a)
    # when
    overview = month_overview(user=leader)
    # then the latest month is June 2019, and each figure is the hand computation's
    assert overview.month == Month(2019, 6)
    gdp, new = (row.assessment for row in overview.rows)
    assert gdp is not None and new is not None
    assert gdp.value == D("52.8") and gdp.growth.percent == D("10.0")
    # 序时 from 2018's profile: 150 × 48/120 = 60; 52.8 is 7.2 behind
    assert gdp.expected is not None
    assert (gdp.expected.value, gdp.expected.basis, gdp.expected.years) == (D("60"), Basis.SEASONAL, (2018,))
    # and in May the zone was first (the only one with a growth): its rank dropped
    assert gdp.warnings == (
        BelowExpected(actual=D("52.8"), expected=D("60"), shortfall=D("7.2")),
        RankDropped(previous=1, current=2, places=1),
    )
    # 双过半: 52.8 of 150 is 35.2% — not passed
    assert gdp.half_year is not None and gdp.half_year.assessed and not gdp.half_year.passed
    assert gdp.half_year.target_share == D("0.352")
    # ranks: 乙区 12.0% first; the zone and 甲区 10.0% share the second place (of three)
    assert gdp.growth_rank is not None
    assert (gdp.growth_rank.position, gdp.growth_rank.tied, gdp.growth_rank.of) == (2, True, 3)
    assert gdp.value_rank is not None and gdp.value_rank.position == 3  # 52.8 < 56 < 110
    # no earlier year: linear 100 × 6/12 = 50; 55 of 100 passes 双过半; no growth without a prior
    assert new.expected is not None and (new.expected.value, new.expected.basis) == (D("50"), Basis.LINEAR)
    assert new.half_year is not None and new.half_year.passed
    assert new.growth.percent is None and new.growth_rank is not None and new.growth_rank.position is None
    # the sentences, computed
    assert overview.headline == "上半年，全区实现地区生产总值52.8亿元，比增10.0%"
    assert overview.rows[0].rank_text == "增幅并列全市第二"
    assert overview.summaries == ("2项主要经济指标中，1项指标进入全市前三，1项指标增幅高于年度目标",)
    assert overview.comparison.peer_set == scene.city


def test_an_earlier_month_is_read_as_asked(unit_a: Unit, leader: User) -> None:
    hand_scene(unit_a)
    overview = month_overview(user=leader, month=Month(2019, 5))
    gdp = overview.rows[0].assessment
    assert gdp is not None and gdp.value == D("44")
    # growth rank history: first in May (alone with a growth), second in June
    detail = indicator_detail(user=leader, indicator_id=overview.rows[0].definition.pk)
    may, june = detail.ranks[-2], detail.ranks[-1]
    assert (may.label, may.growth_rank, june.growth_rank) == ("2019年5月", 1, 2)
    assert [p.label for p in detail.trend][-1] == "2019年6月"
    assert detail.trend[-1].expected == D("60") and detail.trend[-1].last_year == D("48")
    assert [(p.subject.name, p.growth_rank, p.tied) for p in detail.peers] == [
        ("乙区", 1, False),
        ("本区", 2, True),
        ("甲区", 2, True),
    ]


def test_a_unit_sees_only_the_indicators_it_leads(unit_a: Unit, unit_b: Unit, liaison_b: User) -> None:
    scene = hand_scene(unit_a)
    assert month_overview(user=liaison_b).rows == ()
    with pytest.raises(NotFound):
        indicator_detail(user=liaison_b, indicator_id=scene.gdp.pk)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2019-06", Month(2019, 6)),
        ("2019-13", None),
        ("x", None),
        ("", None),
        (None, None),
        ("19-6", None),
        ("201²-06", None),
        ("0001-06", None),
        ("1950-06", None),
        ("1951-01", Month(1951, 1)),
        ("2101-01", None),
    ],
)
def test_parse_month(text: str | None, month: Month | None) -> None:
    assert parse_month(text) == month
