"""Calendars (日历): month arithmetic, festivals and official working days.

Lunar festivals and solar terms come from ``lunar_python``; working days from
``chinese_calendar`` (the State Council's holiday schedule), which only knows
the years it ships data for — outside them ``CalendarRangeError`` is raised
instead of silently counting Monday–Friday.
"""

from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta
from functools import lru_cache

from duban_extract.timex.lexicon import FESTIVALS, Festival


class CalendarRangeError(ValueError):
    """The official working-day calendar has no data for this year (``self.year``)."""

    def __init__(self, message: str, year: int) -> None:
        super().__init__(message)
        self.year = year


def month_end(year: int, month: int) -> date:
    return date(year, month, _stdcal.monthrange(year, month)[1])


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later, clipped to the month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, _stdcal.monthrange(year, month)[1]))


def add_years(start: date, years: int) -> date:
    return add_months(start, 12 * years)


@lru_cache(maxsize=256)
def _solar_term(name: str, year: int) -> date:
    from lunar_python import Solar

    table = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()
    for key, solar in table.items():
        if key in (name, _TERM_KEYS.get(name, "")) and solar.getYear() == year:
            return date(solar.getYear(), solar.getMonth(), solar.getDay())
    raise KeyError(name)


_TERM_KEYS = {"冬至": "DONG_ZHI", "小寒": "XIAO_HAN", "大寒": "DA_HAN", "立春": "LI_CHUN"}


@lru_cache(maxsize=256)
def _lunar_day(year: int, month: int, day: int) -> date:
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def festival_date(name: str, year: int) -> date:
    """Gregorian date of festival ``name`` (a key of ``FESTIVALS``) in ``year``."""
    festival: Festival = FESTIVALS[name]
    if festival.calendar == "solar":
        return date(year, festival.month, festival.day)
    if festival.calendar == "term":
        return _solar_term(festival.term, year)
    return _lunar_day(year, festival.month, festival.day) + timedelta(days=festival.offset)


def next_festival(name: str, ref: date) -> date:
    """The festival on or after ``ref``."""
    this_year = festival_date(name, ref.year)
    return this_year if this_year >= ref else festival_date(name, ref.year + 1)


def add_workdays(start: date, count: int) -> date:
    """The ``count``-th official working day after ``start`` (``start`` itself not counted)."""
    import chinese_calendar

    day = start
    done = 0
    while done < count:
        day += timedelta(days=1)
        try:
            working = chinese_calendar.is_workday(day)
        except NotImplementedError as error:
            raise CalendarRangeError(f"no official working-day data for {day.year}", day.year) from error
        if working:
            done += 1
    return day
