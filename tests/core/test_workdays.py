"""Working days on the official calendar (工作日), pinned around 2019's long holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.core.errors import DomainError, ErrorCode
from duban.core.workdays import add_workdays, is_workday, known_years, workdays_between

D = dt.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Spring Festival 2019: 02-04..10 off; Saturday 02-02 and Sunday 02-03 worked (调休).
        (D(2019, 2, 1), True),
        (D(2019, 2, 2), True),
        (D(2019, 2, 3), True),
        (D(2019, 2, 4), False),
        (D(2019, 2, 5), False),
        (D(2019, 2, 8), False),
        (D(2019, 2, 9), False),
        (D(2019, 2, 10), False),
        (D(2019, 2, 11), True),
        # National Day 2019: 10-01..07 off; Sunday 09-29 and Saturday 10-12 worked.
        (D(2019, 9, 28), False),
        (D(2019, 9, 29), True),
        (D(2019, 9, 30), True),
        (D(2019, 10, 1), False),
        (D(2019, 10, 4), False),
        (D(2019, 10, 7), False),
        (D(2019, 10, 8), True),
        (D(2019, 10, 12), True),
        (D(2019, 10, 13), False),
        # An ordinary week.
        (D(2019, 7, 31), True),
        (D(2019, 8, 3), False),
        (D(2019, 8, 4), False),
    ],
    ids=str,
)
def test_is_workday_follows_the_official_calendar(day: dt.date, expected: bool) -> None:
    assert is_workday(day) is expected


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2019, 2, 1), 0, D(2019, 2, 1)),
        # Friday before the festival: the worked weekend comes first, then the week off.
        (D(2019, 2, 1), 1, D(2019, 2, 2)),
        (D(2019, 2, 1), 2, D(2019, 2, 3)),
        (D(2019, 2, 1), 3, D(2019, 2, 11)),
        (D(2019, 2, 3), 1, D(2019, 2, 11)),
        (D(2019, 2, 11), -1, D(2019, 2, 3)),
        (D(2019, 2, 11), -3, D(2019, 2, 1)),
        # National Day: Friday 09-27 → Sunday 09-29 (worked) → Monday 09-30 → Tuesday 10-08.
        (D(2019, 9, 27), 1, D(2019, 9, 29)),
        (D(2019, 9, 27), 3, D(2019, 10, 8)),
        (D(2019, 9, 30), 5, D(2019, 10, 12)),
        (D(2019, 10, 8), -2, D(2019, 9, 29)),
        # Starting on a holiday counts from the next working day.
        (D(2019, 10, 3), 1, D(2019, 10, 8)),
        # A year boundary with no holiday crossing: 2019-12-31 (Tue) → 2020-01-02 (New Year 01-01 off).
        (D(2019, 12, 31), 1, D(2020, 1, 2)),
    ],
    ids=str,
)
def test_add_workdays_skips_holidays_and_counts_worked_weekends(
    start: dt.date, count: int, expected: dt.date
) -> None:
    assert add_workdays(start, count) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2019, 2, 1), D(2019, 2, 1), 0),
        # (02-01, 02-11]: 02-02, 02-03, 02-11.
        (D(2019, 2, 1), D(2019, 2, 11), 3),
        (D(2019, 2, 3), D(2019, 2, 10), 0),
        # (09-27, 10-12]: 09-29, 09-30, 10-08, 10-09, 10-10, 10-11, 10-12.
        (D(2019, 9, 27), D(2019, 10, 12), 7),
        (D(2019, 10, 12), D(2019, 9, 27), -7),
        # The whole of February 2019: 20 working days minus 5 festival weekdays plus 2 worked days.
        (D(2019, 1, 31), D(2019, 2, 28), 17),
    ],
    ids=str,
)
def test_workdays_between_counts_the_half_open_interval(start: dt.date, end: dt.date, expected: int) -> None:
    assert workdays_between(start, end) == expected


@pytest.mark.parametrize("count", [0, 1, 3, 7, 20])
def test_add_workdays_and_workdays_between_agree(count: int) -> None:
    # given a start inside the festival season
    start = D(2019, 1, 30)
    # when / then
    assert workdays_between(start, add_workdays(start, count)) == count


def test_known_years_cover_the_demo_story() -> None:
    years = known_years()
    assert 2019 in years and 2024 in years
    assert 2099 not in years


@pytest.mark.parametrize(
    "call",
    [
        lambda: is_workday(D(2099, 3, 2)),
        lambda: add_workdays(D(2099, 3, 2), 1),
        lambda: workdays_between(D(2099, 3, 2), D(2099, 3, 9)),
    ],
    ids=["is_workday", "add_workdays", "workdays_between"],
)
def test_an_unknown_year_is_refused_not_guessed(call: object) -> None:
    with pytest.raises(DomainError) as err:
        call()  # type: ignore[operator]
    assert err.value.code == ErrorCode.CALENDAR_UNKNOWN_YEAR
    assert "2099" in err.value.message
