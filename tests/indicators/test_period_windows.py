"""Periods as monthly reports read them: the latest period by a month, the ones around it, their names."""

from __future__ import annotations

import pytest

from duban.indicators.expected import Frequency
from duban.indicators.period_windows import (
    last_month,
    period_in_month,
    period_phrase,
    previous_period,
    recent_periods,
    year_periods,
)
from duban.indicators.reporting_periods import Period

M, Q, A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL


@pytest.mark.parametrize(
    ("frequency", "month", "period"),
    [
        (M, 6, Period(2019, 6, 0)),
        (Q, 2, None),  # no quarter has ended in February
        (Q, 3, Period(2019, 0, 1)),
        (Q, 5, Period(2019, 0, 1)),  # May still quotes the first quarter
        (Q, 6, Period(2019, 0, 2)),
        (A, 11, None),
        (A, 12, Period(2019)),
    ],
)
def test_period_in_month(frequency: Frequency, month: int, period: Period | None) -> None:
    assert period_in_month(frequency, year=2019, month=month) == period


def test_period_in_month_refuses_a_month_13() -> None:
    with pytest.raises(ValueError, match="month 13"):
        period_in_month(M, year=2019, month=13)


@pytest.mark.parametrize(
    ("period", "before"),
    [
        (Period(2019, 6, 0), Period(2019, 5, 0)),
        (Period(2019, 1, 0), Period(2018, 12, 0)),  # across the turn of the year
        (Period(2019, 0, 1), Period(2018, 0, 4)),
        (Period(2019), Period(2018)),
    ],
)
def test_previous_period(period: Period, before: Period) -> None:
    assert previous_period(period) == before


def test_recent_and_year_periods() -> None:
    assert recent_periods(Period(2019, 2, 0), 4) == [
        Period(2018, 11, 0),
        Period(2018, 12, 0),
        Period(2019, 1, 0),
        Period(2019, 2, 0),
    ]
    assert year_periods(2019, Q) == [Period(2019, 0, q) for q in range(1, 5)]
    assert year_periods(2019, M, upto=3) == [Period(2019, m, 0) for m in (1, 2, 3)]
    assert last_month(Period(2019, 0, 3)) == 9


@pytest.mark.parametrize(
    ("period", "cumulative", "phrase"),
    [
        (Period(2019, 6, 0), True, "上半年"),
        (Period(2019, 0, 2), True, "上半年"),
        (Period(2019, 5, 0), True, "1—5月"),
        (Period(2019, 1, 0), True, "1月"),
        (Period(2019, 9, 0), True, "前三季度"),
        (Period(2019, 0, 1), True, "一季度"),
        (Period(2019, 12, 0), True, "全年"),
        (Period(2019, 5, 0), False, "5月"),
        (Period(2019, 0, 2), False, "二季度"),
        (Period(2019), False, "全年"),
    ],
)
def test_period_phrase(period: Period, cumulative: bool, phrase: str) -> None:
    assert period_phrase(period, cumulative=cumulative) == phrase
