"""One indicator's standing in one period (指标研判), from plain figures (no ORM).

Puts the other pure modules together the way a monthly report reads an
indicator: the figure and its growth (``growth``), the annual target and the
value expected by the period (``expected``, 序时) with the 双过半 check, the
ranks among the peers by growth and by value (``ranking``), the warnings
(``warnings``) and a light.

Figures come as series ``{Period: Figure}`` per subject. The growth of a
figure is the published one when entered, else computed from the same period
a year before when that figure is there, else the growth stored with it
(imported or computed elsewhere from a prior value this series lacks).

A target given only as a growth (年度目标增长8.5%) becomes a value from last
year's annual total: ``total × (1 + growth/100)``, marked as derived. Only
cumulative (year-to-date) figures have an expected value and a 双过半 check.

Lights (指标灯): no figure for the period → none; behind both the expected
value and the growth target → red; any other warning → yellow; else green.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Generic, TypeVar

from duban.indicators.expected import (
    PERIODS_PER_YEAR,
    Expected,
    Frequency,
    HalfYearCheck,
    expected_value,
    half_year_check,
)
from duban.indicators.growth import HUNDRED, Growth, growth_resolve
from duban.indicators.period_windows import period_at, previous_period, recent_periods
from duban.indicators.ranking import Direction, Rank, RankPoint, rank, rank_history
from duban.indicators.reporting_periods import Period
from duban.indicators.warnings import (
    DEFAULT_DECLINE_PERIODS,
    IndicatorWarning,
    WarningFacts,
    WarningKind,
    warnings_for,
)

K = TypeVar("K", bound=Hashable)

# Earlier years a seasonal profile is drawn from (the selectors read no more).
PROFILE_YEARS = 3


@dataclass(frozen=True)
class Figure:
    """A stored figure: the value, the growth stored with it (%), whether that growth was published."""

    value: Decimal
    growth: Decimal | None = None
    growth_entered: bool = False


Series = Mapping[Period, Figure]


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"


def growth_at(series: Series, period: Period) -> Growth:
    """The growth of the figure for ``period`` (see the module docstring for which one)."""
    figure = series.get(period)
    if figure is None:
        return Growth(percent=None, entered=False)
    prior = series.get(period.prior_year())
    if figure.growth_entered or prior is None:
        return Growth(percent=figure.growth, entered=figure.growth_entered)
    return growth_resolve(current=figure.value, prior=prior.value, entered=None)


def value_at(series: Series, period: Period) -> Decimal | None:
    figure = series.get(period)
    return figure.value if figure is not None else None


def growth_ranks(peers: Mapping[K, Series], period: Period, *, direction: Direction) -> dict[K, Rank]:
    """Every peer's rank by growth (增幅排名) in ``period``."""
    return rank({key: growth_at(s, period).percent for key, s in peers.items()}, direction=direction)


def value_ranks(peers: Mapping[K, Series], period: Period, *, direction: Direction) -> dict[K, Rank]:
    """Every peer's rank by value (总量排名) in ``period``."""
    return rank({key: value_at(s, period) for key, s in peers.items()}, direction=direction)


def growth_rank_history(
    peers: Mapping[K, Series], periods: Sequence[Period], *, subject: K, direction: Direction
) -> list[RankPoint[Period]]:
    """The subject's growth rank in each of ``periods`` (oldest first), with its change."""
    table = [(p, {key: growth_at(series, p).percent for key, series in peers.items()}) for p in periods]
    return rank_history(table, subject=subject, direction=direction)


def value_rank_history(
    peers: Mapping[K, Series], periods: Sequence[Period], *, subject: K, direction: Direction
) -> list[RankPoint[Period]]:
    """The subject's value rank in each of ``periods`` (oldest first), with its change."""
    table = [(p, {key: value_at(s, p) for key, s in peers.items()}) for p in periods]
    return rank_history(table, subject=subject, direction=direction)


def profile_history(series: Series, *, year: int) -> dict[int, dict[int, Decimal]]:
    """The earlier years' figures by period, as ``expected.seasonal_profile`` reads them."""
    history: dict[int, dict[int, Decimal]] = {}
    for period, figure in series.items():
        if year - PROFILE_YEARS <= period.year < year:
            history.setdefault(period.year, {})[period.index] = figure.value
    return history


@dataclass(frozen=True)
class TargetFigures:
    """The annual target: ``value`` (given or derived from the growth target), ``growth`` in %."""

    value: Decimal | None
    growth: Decimal | None
    derived: bool  # the value comes from last year's total and the growth target


def target_figures(
    *, value: Decimal | None, growth: Decimal | None, series: Series, year: int, frequency: Frequency
) -> TargetFigures:
    """The target's value, derived from the growth target and last year's total when not given."""
    if value is not None or growth is None:
        return TargetFigures(value=value, growth=growth, derived=False)
    last_year = series.get(period_at(frequency, year=year - 1, index=PERIODS_PER_YEAR[frequency]))
    if last_year is None:
        return TargetFigures(value=None, growth=growth, derived=False)
    return TargetFigures(value=last_year.value * (1 + growth / HUNDRED), growth=growth, derived=True)


@dataclass(frozen=True)
class IndicatorFacts(Generic[K]):
    """What an indicator's standing is judged from: its kind, target and every peer's series.

    ``peers`` holds the zone too, under ``subject``.
    """

    frequency: Frequency
    cumulative: bool
    direction: Direction
    subject: K
    peers: Mapping[K, Series]
    target_value: Decimal | None = None
    target_growth: Decimal | None = None


@dataclass(frozen=True)
class Assessment:
    """An indicator's standing in a period (see the module docstring)."""

    period: Period
    value: Decimal | None
    growth: Growth
    target: TargetFigures
    expected: Expected | None
    progress: Decimal | None  # value / target value (完成年度目标的比例), 0–1+
    half_year: HalfYearCheck | None
    growth_rank: Rank | None
    value_rank: Rank | None
    warnings: tuple[IndicatorWarning, ...]
    light: Light


def light_for(*, has_value: bool, warnings: Sequence[IndicatorWarning]) -> Light:
    """The indicator's light from its warnings (see the module docstring)."""
    if not has_value:
        return Light.NONE
    kinds = {w.kind for w in warnings}
    if {WarningKind.BELOW_EXPECTED, WarningKind.BELOW_GROWTH_TARGET} <= kinds:
        return Light.RED
    return Light.YELLOW if kinds else Light.GREEN


def _expected(facts: IndicatorFacts[K], period: Period, target: TargetFigures) -> Expected | None:
    if not facts.cumulative or target.value is None or facts.frequency is Frequency.ANNUAL:
        return None
    history = profile_history(facts.peers.get(facts.subject, {}), year=period.year)
    return expected_value(
        target=target.value, period=period.index, frequency=facts.frequency, history=history
    )


def _half_year(
    facts: IndicatorFacts[K], value: Decimal | None, target: TargetFigures, period: Period
) -> HalfYearCheck | None:
    if not facts.cumulative or value is None or target.value is None or facts.frequency is Frequency.ANNUAL:
        return None
    return half_year_check(actual=value, target=target.value, period=period.index, frequency=facts.frequency)


def assess(facts: IndicatorFacts[K], period: Period) -> Assessment:
    """The indicator's standing for ``facts.subject`` in ``period``."""
    own = facts.peers.get(facts.subject, {})
    figure = own.get(period)
    value = figure.value if figure is not None else None
    growth = growth_at(own, period)
    target = target_figures(
        value=facts.target_value,
        growth=facts.target_growth,
        series=own,
        year=period.year,
        frequency=facts.frequency,
    )
    expected = _expected(facts, period, target)
    growth_rank = value_rank = None
    if len(facts.peers) > 1:
        growth_rank = growth_ranks(facts.peers, period, direction=facts.direction)[facts.subject]
        value_rank = value_ranks(facts.peers, period, direction=facts.direction)[facts.subject]
    warnings = tuple(
        warnings_for(
            _warning_facts(facts, period, value=value, growth=growth, expected=expected, target=target)
        )
    )
    return Assessment(
        period=period,
        value=value,
        growth=growth,
        target=target,
        expected=expected,
        progress=value / target.value if value is not None and target.value else None,
        half_year=_half_year(facts, value, target, period),
        growth_rank=growth_rank,
        value_rank=value_rank,
        warnings=warnings,
        light=light_for(has_value=value is not None, warnings=warnings),
    )


def _warning_facts(
    facts: IndicatorFacts[K],
    period: Period,
    *,
    value: Decimal | None,
    growth: Growth,
    expected: Expected | None,
    target: TargetFigures,
) -> WarningFacts:
    own = facts.peers.get(facts.subject, {})
    ranks: list[int | None] = []
    if len(facts.peers) > 1:
        before = previous_period(period)
        history = growth_rank_history(
            facts.peers, [before, period], subject=facts.subject, direction=facts.direction
        )
        ranks = [point.rank.position for point in history]
    window = recent_periods(period, DEFAULT_DECLINE_PERIODS + 1)
    return WarningFacts(
        direction=facts.direction,
        actual=value,
        expected=expected.value if expected is not None else None,
        growth=growth.percent,
        growth_target=target.growth,
        ranks=ranks,
        growths=[growth_at(own, p).percent for p in window],
    )
