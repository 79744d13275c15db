"""Report due dates from an item's reporting frequency (pure).

Convention of the office (configurable later): weekly reports fall due on
Fridays, fortnightly every second Friday from the start, monthly on the 25th,
quarterly on the 25th of the quarter's last month.
"""

from __future__ import annotations

import datetime as dt

MONTHLY_DAY = 25
FRIDAY = 4


def report_due_dates(frequency: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """Due dates in (start, end], in order."""
    if frequency in ("weekly", "fortnightly"):
        step = 7 if frequency == "weekly" else 14
        first = start + dt.timedelta(days=(FRIDAY - start.weekday()) % 7 or 7)
        return [first + dt.timedelta(days=step * k) for k in range(((end - first).days // step) + 1)
                if first + dt.timedelta(days=step * k) <= end] if first <= end else []
    if frequency in ("monthly", "quarterly"):
        months = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) if frequency == "monthly" else (3, 6, 9, 12)
        dates = []
        year, month = start.year, start.month
        while dt.date(year, month, 1) <= end:
            day = dt.date(year, month, MONTHLY_DAY)
            if month in months and start < day <= end:
                dates.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return dates
    return []


def missed_report_since(
    frequency: str, start: dt.date | None, today: dt.date, last_report: dt.date | None
) -> dt.date | None:
    """The day a report became overdue, if the latest due report was not made.

    The report for a due date counts as made when any report came after the
    previous due date (a late report clears it).
    """
    if start is None or frequency == "none":
        return None
    dues = report_due_dates(frequency, start, today - dt.timedelta(days=1))
    if not dues:
        return None
    window_start = dues[-2] if len(dues) > 1 else start
    if last_report is not None and last_report > window_start:
        return None
    return dues[-1] + dt.timedelta(days=1)


def next_report_due(frequency: str, start: dt.date | None, today: dt.date) -> dt.date | None:
    """The next due date on or after today."""
    if start is None or frequency == "none":
        return None
    dues = report_due_dates(frequency, start, today + dt.timedelta(days=100))
    return next((d for d in dues if d >= today), None)
