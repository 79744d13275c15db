"""Periods as monthly reports read them (统计期): the latest period by a month, the periods around one.

The period itself is ``reporting_periods.Period`` (a year with a month, a
quarter, or neither). The same calendar month maps to a different period per
indicator: the overview of June shows monthly figures for June, quarterly ones
for the second quarter, and in May still the first quarter (the latest quarter
ended by then, as monthly reports quote it); annual ones only in December.

Cumulative figures are named as releases name them (期别用语): 1—5月, 一季度,
上半年, 前三季度, 全年; a point value by its month or quarter (5月, 二季度).
Pure: no ORM.
"""

from __future__ import annotations

from duban.indicators.expected import PERIODS_PER_YEAR, Frequency
from duban.indicators.reporting_periods import Period

CUMULATIVE_MONTH_WORDS = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
QUARTER_WORDS = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}


def period_in_month(frequency: Frequency, *, year: int, month: int) -> Period | None:
    """The latest period of an indicator of ``frequency`` ended by the end of ``month``; None if none yet."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} outside 1..12")
    if frequency is Frequency.MONTHLY:
        return Period(year, month, 0)
    if frequency is Frequency.QUARTERLY:
        return Period(year, 0, month // 3) if month >= 3 else None
    return Period(year) if month == 12 else None


def period_at(frequency: Frequency, *, year: int, index: int) -> Period:
    """The period with ``index`` (the month, the quarter, 1 for the year) of ``year``."""
    if frequency is Frequency.MONTHLY:
        return Period(year, index, 0)
    if frequency is Frequency.QUARTERLY:
        return Period(year, 0, index)
    return Period(year)


def last_month(period: Period) -> int:
    """The calendar month a period ends with (June for the second quarter, December for the year)."""
    return period.index * 12 // PERIODS_PER_YEAR[period.frequency]


def previous_period(period: Period) -> Period:
    """The period before, across the turn of the year (December of last year before January)."""
    frequency = period.frequency
    if period.index > 1:
        return period_at(frequency, year=period.year, index=period.index - 1)
    return period_at(frequency, year=period.year - 1, index=PERIODS_PER_YEAR[frequency])


def recent_periods(period: Period, count: int) -> list[Period]:
    """The ``count`` periods ending with ``period``, oldest first."""
    found = [period]
    while len(found) < count:
        found.append(previous_period(found[-1]))
    return found[::-1]


def year_periods(year: int, frequency: Frequency, *, upto: int | None = None) -> list[Period]:
    """The periods of ``year`` from the first up to index ``upto`` (all of them without it)."""
    last = PERIODS_PER_YEAR[frequency] if upto is None else upto
    return [period_at(frequency, year=year, index=index) for index in range(1, last + 1)]


def period_phrase(period: Period, *, cumulative: bool) -> str:
    """How a report names the span of a figure: 上半年, 1—5月, 前三季度 (cumulative), 5月, 二季度 (point)."""
    month = last_month(period)
    if cumulative:
        if month in CUMULATIVE_MONTH_WORDS:
            return CUMULATIVE_MONTH_WORDS[month]
        return "1月" if month == 1 else f"1—{month}月"
    if period.frequency is Frequency.QUARTERLY:
        return QUARTER_WORDS[period.quarter]
    if period.frequency is Frequency.ANNUAL:
        return "全年"
    return f"{month}月"
