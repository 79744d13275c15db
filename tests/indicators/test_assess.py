"""An indicator's standing in a period, from plain figures: checked against hand computations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.indicators.assess import (
    Figure,
    IndicatorFacts,
    Light,
    Series,
    assess,
    growth_at,
    growth_rank_history,
    light_for,
    target_figures,
)
from duban.indicators.expected import Basis, Frequency
from duban.indicators.growth import Growth
from duban.indicators.ranking import Direction
from duban.indicators.reporting_periods import Period
from duban.indicators.warnings import BelowExpected, RankDropped, WarningKind

D = Decimal
ZONE = "zone"
JUNE = Period(2019, 6, 0)


def monthly(year: int, values: list[str]) -> dict[Period, Figure]:
    return {Period(year, m, 0): Figure(value=D(v)) for m, v in enumerate(values, start=1)}


# Two earlier years with a seasonal shape: half the year's total by June in 2017, 40% in 2018.
Y2017 = monthly(2017, ["5", "10", "20", "30", "40", "60", "70", "80", "90", "100", "110", "120"])
Y2018 = monthly(2018, ["4", "8", "16", "24", "32", "40", "50", "60", "70", "80", "90", "100"])


def facts(
    zone: Series,
    *,
    peers: dict[str, Series] | None = None,
    value: str | None = None,
    growth: str | None = None,
    frequency: Frequency = Frequency.MONTHLY,
) -> IndicatorFacts[str]:
    return IndicatorFacts(
        frequency=frequency,
        cumulative=True,
        direction=Direction.HIGHER,
        subject=ZONE,
        peers={ZONE: zone, **(peers or {})},
        target_value=D(value) if value is not None else None,
        target_growth=D(growth) if growth is not None else None,
    )


@pytest.mark.parametrize(
    ("series", "growth"),
    [
        ({JUNE: Figure(D("110"))}, Growth(None, False)),  # no prior figure, none stored
        ({JUNE: Figure(D("110"), D("3.0"))}, Growth(D("3.0"), False)),  # stored (imported) growth
        ({JUNE: Figure(D("110")), Period(2018, 6, 0): Figure(D("100"))}, Growth(D("10.0"), False)),
        (
            {JUNE: Figure(D("110"), D("9.7"), True), Period(2018, 6, 0): Figure(D("100"))},
            Growth(D("9.7"), True),
        ),  # published growth wins over the computed 10.0
    ],
)
def test_growth_at(series: Series, growth: Growth) -> None:
    assert growth_at(series, JUNE) == growth


def test_expected_by_june_from_the_seasonal_profile_of_earlier_years() -> None:
    # given shares by June of 60/120 = 0.5 (2017) and 40/100 = 0.4 (2018): profile 0.45
    zone = {**Y2017, **Y2018, JUNE: Figure(D("95"))}
    # when the annual target is 200
    standing = assess(facts(zone, value="200"), JUNE)
    # then 200 × 0.45 = 90 is expected by June, and 95 is ahead of it
    assert standing.expected is not None
    assert standing.expected.basis is Basis.SEASONAL and standing.expected.years == (2017, 2018)
    assert standing.expected.value == D("90")
    assert standing.warnings == ()
    assert standing.light is Light.GREEN
    assert standing.progress == D("0.475")


def test_expected_by_june_is_linear_without_earlier_years() -> None:
    # 200 × 6/12 = 100 expected; 95 is 5 short
    standing = assess(facts({JUNE: Figure(D("95"))}, value="200"), JUNE)
    assert standing.expected is not None and standing.expected.basis is Basis.LINEAR
    assert standing.expected.value == D("100")
    assert standing.warnings == (BelowExpected(actual=D("95"), expected=D("100"), shortfall=D("5")),)
    assert standing.light is Light.YELLOW


def test_an_incomplete_earlier_year_does_not_count_in_the_profile() -> None:
    partial = {p: f for p, f in Y2018.items() if p.month <= 11}  # December missing
    standing = assess(facts({**Y2017, **partial, JUNE: Figure(D("95"))}, value="200"), JUNE)
    assert standing.expected is not None and standing.expected.years == (2017,)
    assert standing.expected.value == D("100")  # 200 × 60/120


def test_a_quarterly_target_is_linear_by_quarter() -> None:
    q2 = Period(2019, 0, 2)
    standing = assess(facts({q2: Figure(D("40"))}, value="100", frequency=Frequency.QUARTERLY), q2)
    assert standing.expected is not None and standing.expected.value == D("50")  # 100 × 2/4


@pytest.mark.parametrize(
    ("month", "value", "assessed", "passed"),
    [
        (6, "100", True, True),  # half the year, exactly half the target
        (6, "99.99", True, False),
        (5, "120", False, False),  # before half the year it is not assessed
        (7, "101", True, True),
    ],
)
def test_half_year_check(month: int, value: str, assessed: bool, passed: bool) -> None:
    period = Period(2019, month, 0)
    standing = assess(facts({period: Figure(D(value))}, value="200"), period)
    assert standing.half_year is not None
    assert (standing.half_year.assessed, standing.half_year.passed) == (assessed, passed)


def test_a_growth_target_alone_gives_a_target_value_from_last_years_total() -> None:
    # 2018's total 100, target growth 8% → 108, expected by June seasonally 108 × 0.45 = 48.6
    target = target_figures(value=None, growth=D("8"), series=Y2018, year=2019, frequency=Frequency.MONTHLY)
    assert (target.value, target.derived) == (D("108"), True)
    standing = assess(facts({**Y2017, **Y2018, JUNE: Figure(D("50"))}, growth="8"), JUNE)
    assert standing.expected is not None and standing.expected.value == D("48.6")
    # without last year's total there is no value to expect
    assert (
        target_figures(value=None, growth=D("8"), series={}, year=2019, frequency=Frequency.MONTHLY).value
        is None
    )


def _peer(june_growth: str, may_growth: str) -> Series:
    may = Period(2019, 5, 0)
    return {JUNE: Figure(D("1"), D(june_growth), True), may: Figure(D("1"), D(may_growth), True)}


def test_ranks_with_ties_share_the_better_place_and_the_next_skips() -> None:
    # given growths 9.7, 8.1 (zone), 8.1, 7.0 in June; in May the zone was first
    peers = {"a": _peer("9.7", "5.0"), "b": _peer("8.1", "5.0"), "c": _peer("7.0", "5.0")}
    zone = _peer("8.1", "9.0")
    # when
    standing = assess(facts(zone, peers=peers, growth="8.0"), JUNE)
    # then the zone is second, tied, of four (the 7.0 is fourth); it dropped from first
    assert standing.growth_rank is not None
    assert (standing.growth_rank.position, standing.growth_rank.tied, standing.growth_rank.of) == (2, True, 4)
    assert standing.warnings == (RankDropped(previous=1, current=2, places=1),)
    c_rank = growth_rank_history({ZONE: zone, **peers}, [JUNE], subject="c", direction=Direction.HIGHER)
    assert c_rank[0].rank.position == 4


def test_a_rank_drop_across_the_turn_of_the_year() -> None:
    january, december = Period(2019, 1, 0), Period(2018, 12, 0)
    zone = {january: Figure(D("1"), D("5.0"), True), december: Figure(D("1"), D("9.0"), True)}
    peer = {january: Figure(D("1"), D("6.0"), True), december: Figure(D("1"), D("8.0"), True)}
    standing = assess(facts(zone, peers={"a": peer}), january)
    assert [w.kind for w in standing.warnings] == [WarningKind.RANK_DROPPED]


def test_behind_both_targets_is_red_and_growth_falling_three_times_is_a_warning() -> None:
    zone = {
        Period(2019, m, 0): Figure(D(str(10 * m)), D(g), True)
        for m, g in [(3, "9.0"), (4, "8.0"), (5, "7.0"), (6, "6.0")]
    }
    standing = assess(facts(zone, value="200", growth="8.0"), JUNE)  # 60 < 100 expected; 6.0 < 8.0
    assert [w.kind for w in standing.warnings] == [
        WarningKind.BELOW_EXPECTED,
        WarningKind.BELOW_GROWTH_TARGET,
        WarningKind.REPEATED_DECLINE,
    ]
    assert standing.light is Light.RED


def test_no_figure_no_light() -> None:
    standing = assess(facts({}, value="200", growth="8"), JUNE)
    assert (standing.value, standing.light, standing.warnings) == (None, Light.NONE, ())
    assert standing.half_year is None
    assert light_for(has_value=True, warnings=()) is Light.GREEN
