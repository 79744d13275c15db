"""Expected value by period (序时) and the half-year check (双过半) for cumulative indicators.

For a cumulative year-to-date indicator with an annual target, the value
expected by period ``p`` of the year (month 1–12 or quarter 1–4) is the target
times the share of the annual total normally reached by then:

- the **seasonal profile** when earlier years give one: for each earlier year
  that has every period and a positive annual total, the share is
  ``ytd[p] / ytd[last]``; the profile is the mean of those shares over the
  years (each year counts once, whatever its size);
- else **linear**: ``p / 12`` for monthly, ``q / 4`` for quarterly figures.

The half-year check (双过半, "half the time gone, half the target reached") is
assessed at half the year (month 6, quarter 2) or later: it passes when the
year-to-date value reaches at least half the annual target. The check carries
its figures so a page can say why.

Shares are exact ``Decimal`` quotients (28 significant digits); rounding is
left to presentation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

HALF = Decimal("0.5")


class Frequency(StrEnum):
    """How often an indicator is reported (月度 / 季度 / 年度)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


PERIODS_PER_YEAR: dict[Frequency, int] = {
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.ANNUAL: 1,
}


class Basis(StrEnum):
    """Where an expected share comes from."""

    SEASONAL = "seasonal"
    LINEAR = "linear"


@dataclass(frozen=True)
class Profile:
    """A seasonal profile: ``shares[p - 1]`` is the mean share reached by period ``p``; from ``years``."""

    shares: tuple[Decimal, ...]
    years: tuple[int, ...]


@dataclass(frozen=True)
class Expected:
    """The expected year-to-date value by a period, its share of the target, and its basis."""

    value: Decimal
    share: Decimal
    basis: Basis
    years: tuple[int, ...]  # the earlier years of the seasonal profile; empty when linear


def _check_period(period: int, frequency: Frequency) -> int:
    count = PERIODS_PER_YEAR[frequency]
    if not 1 <= period <= count:
        raise ValueError(f"period {period} outside 1..{count} for {frequency}")
    return count


def seasonal_profile(history: Mapping[int, Mapping[int, Decimal]], *, frequency: Frequency) -> Profile | None:
    """The mean share of the annual total by period over the complete earlier years, or None.

    ``history`` maps a year to its cumulative year-to-date values by period. A year counts
    only if it has every period and a positive annual total (the last period's value).
    """
    count = PERIODS_PER_YEAR[frequency]
    periods = range(1, count + 1)
    complete = sorted(
        year
        for year, values in history.items()
        if all(values.get(p) is not None for p in periods) and values[count] > 0
    )
    if not complete:
        return None
    shares = tuple(
        sum((history[year][p] / history[year][count] for year in complete), Decimal(0)) / len(complete)
        for p in periods
    )
    return Profile(shares=shares, years=tuple(complete))


def expected_share(*, period: int, frequency: Frequency, profile: Profile | None) -> tuple[Decimal, Basis]:
    """The share of the annual total expected by ``period``: seasonal if a profile exists, else linear."""
    count = _check_period(period, frequency)
    if profile is not None:
        return profile.shares[period - 1], Basis.SEASONAL
    return Decimal(period) / count, Basis.LINEAR


def expected_value(
    *,
    target: Decimal,
    period: int,
    frequency: Frequency,
    history: Mapping[int, Mapping[int, Decimal]] | None = None,
) -> Expected:
    """The year-to-date value expected by ``period`` for an annual ``target`` (序时目标).

    ``history`` holds the earlier years' cumulative values (see ``seasonal_profile``);
    only years before the target's year belong in it.
    """
    profile = seasonal_profile(history, frequency=frequency) if history else None
    share, basis = expected_share(period=period, frequency=frequency, profile=profile)
    years = profile.years if profile is not None else ()
    return Expected(value=target * share, share=share, basis=basis, years=years)


@dataclass(frozen=True)
class HalfYearCheck:
    """双过半: ``assessed`` once half the year is gone; ``passed`` if ``actual`` ≥ half the ``target``."""

    assessed: bool
    passed: bool
    actual: Decimal
    target: Decimal
    time_share: Decimal  # share of the year gone (0.5 at month 6)
    target_share: Decimal | None  # actual / target; None for a target that is not positive


def half_year_check(*, actual: Decimal, target: Decimal, period: int, frequency: Frequency) -> HalfYearCheck:
    """The half-year check of a year-to-date ``actual`` against the annual ``target`` at ``period``.

    Before half the year it is not assessed (``assessed`` False, ``passed`` False). A target
    at or below zero cannot be halved meaningfully: the check then passes when ``actual``
    reaches the target itself.
    """
    count = _check_period(period, frequency)
    time_share = Decimal(period) / count
    assessed = time_share >= HALF
    target_share = actual / target if target > 0 else None
    reached = target_share >= HALF if target_share is not None else actual >= target
    return HalfYearCheck(
        assessed=assessed,
        passed=assessed and reached,
        actual=actual,
        target=target,
        time_share=time_share,
        target_share=target_share,
    )
