"""Working days on the official Chinese calendar (工作日).

Backed by the ``chinese_calendar`` package, which follows the State Council's
yearly holiday notices, including the weekend days worked instead (调休). A
date in a year the package does not know yet cannot be judged: we raise
:class:`DomainError` (``CALENDAR_UNKNOWN_YEAR``) rather than silently falling
back to Monday-to-Friday, so that the page can say so.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from duban.core.errors import DomainError, ErrorCode


def known_years() -> range:
    """The years the installed calendar data covers."""
    years = sorted({d.year for d in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


def is_workday(day: dt.date) -> bool:
    """True if ``day`` is a working day (调休 Saturdays count as working days)."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as exc:
        raise DomainError(
            ErrorCode.CALENDAR_UNKNOWN_YEAR,
            f"The official calendar for {day.year} is not known yet; update chinese-calendar.",
        ) from exc


def add_workdays(start: dt.date, count: int) -> dt.date:
    """The date ``count`` working days after ``start`` (``count`` may be negative)."""
    step = 1 if count >= 0 else -1
    day, left = start, abs(count)
    while left:
        day += dt.timedelta(days=step)
        if is_workday(day):
            left -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when ``end`` is before ``start``."""
    if end < start:
        return -workdays_between(end, start)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_workday(day):
            count += 1
    return count
