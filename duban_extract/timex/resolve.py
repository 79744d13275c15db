"""Resolution helpers (时间归一): turn matched groups into ``TimeValue``s.

Conventions follow corpus/README: a deadline is the last day it allows; a
period is inclusive on both ends; ``alt`` carries defensible readings.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from duban_extract.numerals import NumeralError, to_int
from duban_extract.timex.calendar import month_end
from duban_extract.timex.lexicon import RELATIVE_YEARS
from duban_extract.timex.types import Context
from duban_extract.types import TimeValue


def num(text: str | None) -> int | None:
    """A small whole number from Arabic or Chinese digits (None when absent/unreadable)."""
    if not text:
        return None
    try:
        return to_int(text)
    except (NumeralError, ValueError):
        return None


def group(match: re.Match[str], name: str) -> str | None:
    """A named group that may not exist in this rule's pattern."""
    return match.groupdict().get(name)


def year_of(match: re.Match[str], ctx: Context, *, key: str = "y") -> int:
    """Explicit year, else relative year (今/明/去年), else the year spoken about."""
    explicit = num(group(match, key))
    if explicit is not None:
        return explicit
    relative = group(match, "r" + key)
    if relative:
        base = ctx.subject if ctx.subject is not None else ctx.ref.year
        return base + RELATIVE_YEARS[relative]
    return ctx.year


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_value(day: date) -> TimeValue:
    return TimeValue(day, day, "day", "day")


def deadline(day: date, grain: str, *alts: TimeValue) -> TimeValue:
    return TimeValue(day, day, grain, "deadline", tuple(alts))


def period(start: date, end: date, grain: str, kind: str = "period") -> TimeValue:
    return TimeValue(start, end, grain, kind)


def year_period(year: int) -> TimeValue:
    return period(date(year, 1, 1), date(year, 12, 31), "year")


def month_period(year: int, month: int) -> TimeValue:
    return period(date(year, month, 1), month_end(year, month), "month")


def before_day(day: date, grain: str) -> TimeValue:
    """X日前: the day itself, alt the day before (corpus convention)."""
    previous = day - timedelta(days=1)
    return deadline(day, grain, deadline(previous, grain))


def cutoff(day: date, grain: str) -> TimeValue:
    """截至X: the cut-off day, alt the period from the start of its year."""
    return TimeValue(day, day, grain, "cutoff", (period(date(day.year, 1, 1), day, grain),))
