"""The demo's indicators: the overview's sentences are seed-004's, computed from the figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duban.demo.load_indicators import demo_load_indicators
from duban.demo.load_org import demo_load_org
from duban.indicators.assess import Light
from duban.indicators.models import IndicatorDefinition, IndicatorValue, PeerSet
from duban.indicators.selectors import Month, month_overview
from duban.indicators.warnings import WarningKind
from duban.org.models import User

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev" / "docs" / "seed-004.txt"
# seed-004, as the page prints it (the web copy mixes ASCII and full-width commas).
HEADLINE = "上半年，全区实现地区生产总值149.75亿元，比增9.7%"
SUMMARY = (
    "9项主要经济指标中，地区生产总值、第三产业增加值、一般公共预算总收入、一般公共预算收入"
    "4个指标增幅排名全市第一，6项指标进入全市前三，8项指标增幅高于年度目标"
)


def _normalise(text: str) -> str:
    return re.sub(r"[,，]", "，", text)


@pytest.fixture
def demo() -> None:
    """The demo's organisation and indicators (the rest of the demo is tests/demo/test_demo.py's)."""
    demo_load_org(say=lambda _line: None)
    demo_load_indicators(say=lambda _line: None)


@pytest.mark.skipif(not SEED.exists(), reason="the shared corpus is not mounted")
def test_the_expected_sentences_are_the_seeds_words() -> None:
    seed = _normalise(SEED.read_text(encoding="utf-8"))
    assert HEADLINE in seed
    assert SUMMARY in seed


def test_the_overview_of_june_2019_says_what_seed_004_says(demo: None) -> None:
    # given the demo, read by a top leader
    leader = User.objects.get(username="secretary")
    # when the overview opens (on the latest month: the half-year)
    overview = month_overview(user=leader)
    # then the sentences are the seed's, computed from the figures
    assert overview.month == Month(2019, 6)
    assert overview.headline == HEADLINE
    assert overview.summaries == (SUMMARY,)
    by_name = {row.definition.name: row for row in overview.rows}
    assert by_name["地区生产总值"].rank_text == "增幅排名全市第一"
    assert by_name["地区生产总值"].value_text == "地区生产总值149.75亿元，比增9.7%"


def test_the_demo_shows_every_warning_and_light(demo: None) -> None:
    overview = month_overview(user=User.objects.get(username="secretary"))
    rows = {row.definition.code: row.assessment for row in overview.rows}
    industry, foreign = rows["IND"], rows["FDI"]
    assert industry is not None and foreign is not None
    # industry: behind its growth target and 序时, its growth falling month after month, its rank too
    assert {w.kind for w in industry.warnings} == set(WarningKind)
    assert industry.light is Light.RED
    # foreign investment: above target, but its rank dropped from May
    assert [w.kind for w in foreign.warnings] == [WarningKind.RANK_DROPPED]
    assert foreign.light is Light.YELLOW
    assert foreign.target.derived  # only a growth target was set
    lights = {a.light for a in rows.values() if a is not None}
    assert lights == {Light.GREEN, Light.YELLOW, Light.RED}
    # 基本完成双过半: most of the indicators with a value target passed it
    checks = [a.half_year.passed for a in rows.values() if a is not None and a.half_year is not None]
    assert sum(checks) >= len(checks) - 2
    # seasonal profiles exist: the expected values come from 2017 and 2018
    assert all(
        a.expected is not None and a.expected.years == (2017, 2018) for a in rows.values() if a is not None
    )


def test_the_demo_loads_its_indicators_once_and_labels_the_invented_peers(demo: None) -> None:
    counts = (IndicatorDefinition.objects.count(), IndicatorValue.objects.count())
    demo_load_indicators(say=lambda _line: None)
    assert counts == (IndicatorDefinition.objects.count(), IndicatorValue.objects.count())
    assert counts[0] == 9
    assert "虚构" in PeerSet.objects.get().name
