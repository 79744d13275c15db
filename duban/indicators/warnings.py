"""Indicator warnings (预警): typed, each with the figures that caused it.

Four kinds, each checked from plain figures (no ORM):

- ``below_expected``: the year-to-date value is behind the value expected by
  the period (序时, see ``expected.py``);
- ``below_growth_target``: the growth is behind the annual growth target;
- ``rank_dropped``: the rank is worse than in the previous period;
- ``repeated_decline``: the growth fell in each of the last ``N`` periods
  (N + 1 growth figures, each lower than the one before; default N = 3).

"Behind" follows the indicator's direction: for a lower-is-better indicator
(energy use per unit of output) being above the expected value or growth
target is behind, and a repeated decline is a repeated rise of its growth.
A missing figure raises no warning: it cannot show a shortfall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from duban.indicators.ranking import Direction

DEFAULT_DECLINE_PERIODS = 3


class WarningKind(StrEnum):
    BELOW_EXPECTED = "below_expected"
    BELOW_GROWTH_TARGET = "below_growth_target"
    RANK_DROPPED = "rank_dropped"
    REPEATED_DECLINE = "repeated_decline"


@dataclass(frozen=True)
class BelowExpected:
    """低于序时: ``actual`` is ``shortfall`` behind ``expected`` (same unit as the value)."""

    kind: ClassVar[WarningKind] = WarningKind.BELOW_EXPECTED
    actual: Decimal
    expected: Decimal
    shortfall: Decimal


@dataclass(frozen=True)
class BelowGrowthTarget:
    """增幅低于目标: ``growth`` is ``shortfall`` percentage points behind ``target`` (both in %)."""

    kind: ClassVar[WarningKind] = WarningKind.BELOW_GROWTH_TARGET
    growth: Decimal
    target: Decimal
    shortfall: Decimal


@dataclass(frozen=True)
class RankDropped:
    """排名下降: from ``previous`` to ``current`` (``places`` lower)."""

    kind: ClassVar[WarningKind] = WarningKind.RANK_DROPPED
    previous: int
    current: int
    places: int


@dataclass(frozen=True)
class RepeatedDecline:
    """增幅连续回落: ``growths`` (oldest first, in %) fell at each of ``periods`` steps."""

    kind: ClassVar[WarningKind] = WarningKind.REPEATED_DECLINE
    growths: tuple[Decimal, ...]
    periods: int


IndicatorWarning = BelowExpected | BelowGrowthTarget | RankDropped | RepeatedDecline


@dataclass(frozen=True)
class WarningFacts:
    """The figures of one indicator, subject and period that warnings are checked from.

    ``ranks`` and ``growths`` are histories, oldest first, ending with the current period.
    """

    direction: Direction
    actual: Decimal | None = None
    expected: Decimal | None = None
    growth: Decimal | None = None
    growth_target: Decimal | None = None
    ranks: Sequence[int | None] = ()
    growths: Sequence[Decimal | None] = ()


def _behind(figure: Decimal, mark: Decimal, direction: Direction) -> Decimal:
    """How far ``figure`` is behind ``mark`` (positive when behind)."""
    return mark - figure if direction is Direction.HIGHER else figure - mark


def below_expected(facts: WarningFacts) -> BelowExpected | None:
    if facts.actual is None or facts.expected is None:
        return None
    shortfall = _behind(facts.actual, facts.expected, facts.direction)
    if shortfall <= 0:
        return None
    return BelowExpected(actual=facts.actual, expected=facts.expected, shortfall=shortfall)


def below_growth_target(facts: WarningFacts) -> BelowGrowthTarget | None:
    if facts.growth is None or facts.growth_target is None:
        return None
    shortfall = _behind(facts.growth, facts.growth_target, facts.direction)
    if shortfall <= 0:
        return None
    return BelowGrowthTarget(growth=facts.growth, target=facts.growth_target, shortfall=shortfall)


def rank_dropped(facts: WarningFacts) -> RankDropped | None:
    if len(facts.ranks) < 2:
        return None
    previous, current = facts.ranks[-2], facts.ranks[-1]
    if previous is None or current is None or current <= previous:
        return None
    return RankDropped(previous=previous, current=current, places=current - previous)


def repeated_decline(
    facts: WarningFacts, *, periods: int = DEFAULT_DECLINE_PERIODS
) -> RepeatedDecline | None:
    if periods < 1:
        raise ValueError("periods must be at least 1")
    window = facts.growths[-(periods + 1) :]
    if len(window) < periods + 1 or any(g is None for g in window):
        return None
    figures = tuple(g for g in window if g is not None)
    if all(
        _behind(later, earlier, facts.direction) > 0
        for earlier, later in zip(figures, figures[1:], strict=False)
    ):
        return RepeatedDecline(growths=figures, periods=periods)
    return None


def warnings_for(
    facts: WarningFacts, *, decline_periods: int = DEFAULT_DECLINE_PERIODS
) -> list[IndicatorWarning]:
    """Every warning the facts raise, in the order of ``WarningKind``."""
    found: list[IndicatorWarning | None] = [
        below_expected(facts),
        below_growth_target(facts),
        rank_dropped(facts),
        repeated_decline(facts, periods=decline_periods),
    ]
    return [w for w in found if w is not None]
