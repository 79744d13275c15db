"""Report due dates from an item's reporting frequency (pure).

Convention of the office: weekly reports fall due on Fridays, fortnightly every
second Friday from the start, monthly on the 25th, quarterly on the 25th of the
quarter's last month. A nominal date that is not a working day on the official
calendar (a weekend, a public holiday) moves to the next working day; where
the calendar does not know the year, the nominal date stands (the light says
the calendar is unknown).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from duban.core import workdays
from duban.core.errors import DomainError

MONTHLY_DAY = 25
FRIDAY = 4
QUARTER_MONTHS = (3, 6, 9, 12)


def next_workday_on_or_after(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the next one (nominal date if unknown)."""
    try:
        while not workdays.is_workday(day):
            day += dt.timedelta(days=1)
    except DomainError:
        return day
    return day


def _nominal_dates(frequency: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """Nominal due dates in (start, end + margin], before moving off non-working days."""
    if frequency in ("weekly", "fortnightly"):
        step = 7 if frequency == "weekly" else 14
        day = start + dt.timedelta(days=(FRIDAY - start.weekday()) % 7 or 7)
        dates = []
        while day <= end:
            dates.append(day)
            day += dt.timedelta(days=step)
        return dates
    if frequency in ("monthly", "quarterly"):
        dates = []
        year, month = start.year, start.month
        while dt.date(year, month, 1) <= end:
            day = dt.date(year, month, MONTHLY_DAY)
            if (frequency == "monthly" or month in QUARTER_MONTHS) and start < day:
                dates.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return dates
    return []


def report_due_dates(frequency: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """Due dates in (start, end], in order, each on a working day (see module doc).

    A nominal date just before ``end`` may move past it and is then left out.
    """
    return list(_due_dates(frequency, start, end))


@lru_cache(maxsize=8192)
def _due_dates(frequency: str, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    # Cached: the daily light refresh asks the same (frequency, start, today) for
    # many items (items of one source share their start). Moving is only ever
    # forward, so nominal dates after ``end`` never qualify.
    moved = (next_workday_on_or_after(d) for d in _nominal_dates(frequency, start, end))
    return tuple(d for d in moved if start < d <= end)


def missed_report_since(
    frequency: str, start: dt.date | None, today: dt.date, last_report: dt.date | None
) -> dt.date | None:
    """The day reporting became overdue, if reports are missing; else None.

    The report for a due date counts as made when a report came after the
    previous due date (a late report clears the latest date). When several
    dates in a row were missed, the answer is the day after the first of them.
    A report due today is not yet missed.
    """
    if start is None or frequency == "none":
        return None
    dues = _due_dates(frequency, start, today - dt.timedelta(days=1))
    if not dues:
        return None
    previous = [start, *dues[:-1]]
    missed = [due for due, prev in zip(dues, previous, strict=True)
              if last_report is None or last_report <= prev]
    if not missed or missed[-1] != dues[-1]:
        return None
    return missed[0] + dt.timedelta(days=1)


def next_report_due(frequency: str, start: dt.date | None, today: dt.date) -> dt.date | None:
    """The next due date on or after today."""
    if start is None or frequency == "none":
        return None
    dues = report_due_dates(frequency, start, today + dt.timedelta(days=100))
    return next((d for d in dues if d >= today), None)
