"""Reporting periods of indicator values (报告期): a month, a quarter or a year, and how sheets name them.

A value's period is stored as (year, month, quarter) with 0 for "not this
grain" (see ``models.IndicatorValue``). :class:`Period` is that triple, checked
against the indicator's frequency, with the label statisticians write
(2019年6月, 2019年第二季度, 2019年) and the same period of the prior year that
growth (比增) is computed against.

:func:`parse_period_name` reads the names statistics sheets carry: "2019年6月",
"2019年1-6月", "2019.6", "1—6月", "6月", "2019年上半年", "2019年一季度"; a name
without a year takes ``default_year``. Pure: no ORM.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.indicators.expected import Frequency

QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
QUARTER_LABELS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
YEAR_MIN, YEAR_MAX = 1949, 2100

_DASH = r"[-—–~－〜至]"
_MONTH = re.compile(
    rf"^\s*(?:(?P<year>\d{{4}})\s*年?)?\s*(?:1\s*{_DASH}+\s*)?(?P<month>\d{{1,2}})\s*月份?\s*(?:累计)?\s*$"
)
_DOTTED = re.compile(r"^\s*(?P<year>\d{4})\s*[.\-/]\s*(?P<month>\d{1,2})\s*$")
_QUARTER = re.compile(r"^\s*(?:(?P<year>\d{4})\s*年)?\s*(?:第)?(?P<q>[一二三四1-4])\s*季度?\s*$")
_HALF = re.compile(r"^\s*(?:(?P<year>\d{4})\s*年)?\s*(?P<half>上半年|全年)\s*$")
# A period inside a longer title: "2019年1-6月主要经济指标完成情况".
_IN_TITLE = re.compile(rf"(?P<year>\d{{4}})\s*年\s*(?:1\s*{_DASH}+\s*)?(?P<month>\d{{1,2}})\s*月")


@dataclass(frozen=True, order=True)
class Period:
    """A year with a month (1–12) or a quarter (1–4), or the year alone (both 0)."""

    year: int
    month: int = 0
    quarter: int = 0

    def __post_init__(self) -> None:
        if not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ValueError(f"year {self.year} outside {YEAR_MIN}..{YEAR_MAX}")
        if not 0 <= self.month <= 12 or not 0 <= self.quarter <= 4 or (self.month and self.quarter):
            raise ValueError(f"not a period: month {self.month}, quarter {self.quarter}")

    @property
    def frequency(self) -> Frequency:
        if self.month:
            return Frequency.MONTHLY
        if self.quarter:
            return Frequency.QUARTERLY
        return Frequency.ANNUAL

    @property
    def label(self) -> str:
        """2019年6月, 2019年第二季度, 2019年."""
        if self.month:
            return f"{self.year}年{self.month}月"
        if self.quarter:
            return f"{self.year}年{QUARTER_LABELS[self.quarter]}"
        return f"{self.year}年"

    @property
    def index(self) -> int:
        """The period within its year (month, quarter, or 1 for a year), as ``expected`` counts it."""
        return self.month or self.quarter or 1

    def prior_year(self) -> Period:
        """The same period one year earlier, which growth is computed against."""
        return Period(self.year - 1, self.month, self.quarter)

    def previous(self) -> Period | None:
        """The period before within the same year (None for the first): rank changes, 本月 from 累计."""
        if self.index == 1:
            return None
        if self.month:
            return Period(self.year, self.month - 1, 0)
        return Period(self.year, 0, self.quarter - 1)


def period_of(frequency: Frequency | str, *, year: int, month: int = 0, quarter: int = 0) -> Period:
    """The period of an indicator of ``frequency``; ValueError saying why when the grain does not fit."""
    frequency = Frequency(frequency)
    period = Period(year, month, quarter)
    if period.frequency is not frequency:
        raise ValueError(f"a {frequency} indicator needs a {frequency} period, not {period.label}")
    return period


def month_to(frequency: Frequency | str, *, year: int, month: int) -> Period | None:
    """The period a month sheet gives an indicator of ``frequency``: the month, the quarter it ends, the year.

    None when the month does not end one of its periods (a quarterly figure in May).
    """
    frequency = Frequency(frequency)
    if frequency is Frequency.MONTHLY:
        return Period(year, month, 0)
    if frequency is Frequency.QUARTERLY:
        return Period(year, 0, month // 3) if month % 3 == 0 else None
    return Period(year) if month == 12 else None


def parse_period_name(text: str, *, default_year: int | None = None) -> Period | None:
    """The month (or quarter) a sheet name or title names; None when it names none or no year is known."""
    text = text.strip()
    for pattern in (_MONTH, _DOTTED):
        match = pattern.match(text)
        if match:
            return _period(match["year"], default_year, month=int(match["month"]))
    match = _QUARTER.match(text)
    if match:
        return _period(match["year"], default_year, quarter=QUARTER_WORDS[match["q"]])
    match = _HALF.match(text)
    if match:
        return _period(match["year"], default_year, month=6 if match["half"] == "上半年" else 12)
    return None


def period_in_title(text: str) -> Period | None:
    """The month a longer title names with its year ("2019年1-6月主要经济指标"), or None."""
    match = _IN_TITLE.search(text)
    return _period(match["year"], None, month=int(match["month"])) if match else None


def _period(
    year_text: str | None, default_year: int | None, *, month: int = 0, quarter: int = 0
) -> Period | None:
    year = int(year_text) if year_text else default_year
    if year is None or not YEAR_MIN <= year <= YEAR_MAX or not 0 <= month <= 12:
        return None
    if month == 0 and quarter == 0:
        return None
    return Period(year, month, quarter)
