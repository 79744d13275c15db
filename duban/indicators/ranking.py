"""Ranks among a peer set (排名), by value or by growth, and rank history.

Ties share the better rank and the next rank skips ("competition ranking",
1224): with values 9.7, 8.1, 8.1, 7.0 the ranks are 1, 2, 2, 4, which is how
statistical bulletins print "并列第二". A subject without a figure is not
ranked (rank None) and does not count among the ranked (``of``).

Direction says which end is better: ``higher`` (GDP, revenue) or ``lower``
(energy use per unit of output). Growth ranks use the indicator's direction
too: a falling energy intensity is the better growth.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
P = TypeVar("P", bound=Hashable)


class Direction(StrEnum):
    """Which end of an indicator is better (越高越好 / 越低越好)."""

    HIGHER = "higher"
    LOWER = "lower"


class RankBy(StrEnum):
    """What a rank orders: the value (总量) or the growth (增幅)."""

    VALUE = "value"
    GROWTH = "growth"


@dataclass(frozen=True)
class Rank:
    """A subject's ``position`` (1 = best; None when it has no figure) among ``of`` ranked subjects."""

    position: int | None
    of: int
    tied: bool  # another subject shares the position (并列)


def rank(values: Mapping[K, Decimal | None], *, direction: Direction) -> dict[K, Rank]:
    """Competition ranks (1224) of every subject in ``values``; None values are unranked."""
    known = {key: value for key, value in values.items() if value is not None}
    ordered = sorted(known.values(), reverse=direction is Direction.HIGHER)
    first_at: dict[Decimal, int] = {}
    counts: dict[Decimal, int] = {}
    for index, figure in enumerate(ordered):
        first_at.setdefault(figure, index + 1)
        counts[figure] = counts.get(figure, 0) + 1
    result: dict[K, Rank] = {}
    for key, value in values.items():
        if value is None:
            result[key] = Rank(position=None, of=len(known), tied=False)
        else:
            result[key] = Rank(position=first_at[value], of=len(known), tied=counts[value] > 1)
    return result


@dataclass(frozen=True)
class PeerFigure(Generic[K]):
    """One peer's figures for a period: the value and its growth in %."""

    subject: K
    value: Decimal | None
    growth: Decimal | None


def rank_peers(figures: Sequence[PeerFigure[K]], *, by: RankBy, direction: Direction) -> dict[K, Rank]:
    """Ranks of the peers by value or by growth."""
    if by is RankBy.VALUE:
        return rank({f.subject: f.value for f in figures}, direction=direction)
    return rank({f.subject: f.growth for f in figures}, direction=direction)


@dataclass(frozen=True)
class RankPoint(Generic[P]):
    """A subject's rank in one period and its change from the previous period of the history.

    ``change`` is positive when the subject moved up (3rd → 1st is +2), None when either
    period leaves it unranked.
    """

    period: P
    rank: Rank
    change: int | None


def rank_history(
    periods: Sequence[tuple[P, Mapping[K, Decimal | None]]], *, subject: K, direction: Direction
) -> list[RankPoint[P]]:
    """The subject's rank in each period (in the order given, oldest first), with its change.

    A subject absent from a period's figures is unranked there.
    """
    points: list[RankPoint[P]] = []
    previous: int | None = None
    for period, values in periods:
        ranks = rank({**values, subject: values.get(subject)}, direction=direction)
        current = ranks[subject]
        change = None
        if previous is not None and current.position is not None:
            change = previous - current.position
        points.append(RankPoint(period=period, rank=current, change=change))
        previous = current.position
    return points
