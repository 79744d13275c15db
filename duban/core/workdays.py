"""Working days on the official Chinese calendar (工作日).

Backed by the ``chinese_calendar`` package, which follows the State Council's
yearly holiday notices, including the weekend days worked instead (调休). A
date in a year the package does not know cannot be judged: we raise
:class:`DomainError` (``CALENDAR_UNKNOWN_YEAR``) rather than silently falling
back to Monday-to-Friday, so that pages can say so.

Counting uses a table of cumulative working days built once, so that lights
for tens of thousands of items cost O(1) per item.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode


@lru_cache(maxsize=1)
def known_years() -> range:
    """The years the installed calendar data covers."""
    years = sorted({d.year for d in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


@lru_cache(maxsize=1)
def _table() -> tuple[dt.date, list[int]]:
    """Cumulative count of working days up to and including each day of the known years."""
    years = known_years()
    first = dt.date(years.start, 1, 1)
    last = dt.date(years.stop - 1, 12, 31)
    counts, total = [], 0
    for offset in range((last - first).days + 1):
        if chinese_calendar.is_workday(first + dt.timedelta(days=offset)):
            total += 1
        counts.append(total)
    return first, counts


def _index(day: dt.date) -> int:
    first, counts = _table()
    offset = (day - first).days
    if not 0 <= offset < len(counts):
        years = known_years()
        raise DomainError(
            ErrorCode.CALENDAR_UNKNOWN_YEAR,
            _(
                "The official calendar for %(year)s is not known (known: %(first)s–%(last)s); "
                "update the chinese-calendar package."
            )
            % {"year": day.year, "first": years.start, "last": years.stop - 1},
        )
    return offset


def is_workday(day: dt.date) -> bool:
    """True if ``day`` is a working day (调休 Saturdays count as working days)."""
    offset = _index(day)
    counts = _table()[1]
    return counts[offset] != (counts[offset - 1] if offset else 0)


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when ``end`` is before ``start``."""
    if end < start:
        return -workdays_between(end, start)
    counts = _table()[1]
    return counts[_index(end)] - counts[_index(start)]


def add_workdays(start: dt.date, count: int) -> dt.date:
    """The date ``count`` working days after ``start`` (``count`` may be negative)."""
    step = 1 if count >= 0 else -1
    day, left = start, abs(count)
    while left:
        day += dt.timedelta(days=step)
        if is_workday(day):
            left -= 1
    return day
