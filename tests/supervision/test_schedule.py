"""schedule: report due dates on the working calendar and missed reports — pure, no DB."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.supervision.schedule import missed_report_since, next_report_due, report_due_dates

D = dt.date.fromisoformat

DUE_DATES = [
    # Friday 02-08 is in the Spring Festival holiday: due the next working day, Monday 02-11.
    (
        "weekly-spring-festival",
        "weekly",
        "2019-01-28",
        "2019-02-28",
        ["2019-02-01", "2019-02-11", "2019-02-15", "2019-02-22"],
    ),
    # Friday 10-04 is in the National Day holiday: due Tuesday 10-08 (Monday 10-07 is off too).
    (
        "weekly-national-day",
        "weekly",
        "2019-09-23",
        "2019-10-20",
        ["2019-09-27", "2019-10-08", "2019-10-11", "2019-10-18"],
    ),
    ("weekly-start-on-friday-skips-it", "weekly", "2019-09-27", "2019-10-12", ["2019-10-08", "2019-10-11"]),
    (
        "fortnightly-national-day",
        "fortnightly",
        "2019-09-16",
        "2019-10-31",
        ["2019-09-20", "2019-10-08", "2019-10-18"],
    ),
    # 05-25 is a Saturday and 08-25 a Sunday: due the Monday after.
    (
        "monthly-weekends",
        "monthly",
        "2019-04-30",
        "2019-08-31",
        ["2019-05-27", "2019-06-25", "2019-07-25", "2019-08-26"],
    ),
    ("monthly-start-after-the-25th", "monthly", "2019-09-26", "2019-11-30", ["2019-10-25", "2019-11-25"]),
    (
        "quarterly",
        "quarterly",
        "2019-01-01",
        "2019-12-31",
        ["2019-03-25", "2019-06-25", "2019-09-25", "2019-12-25"],
    ),
    ("end-inclusive", "monthly", "2019-06-01", "2019-06-25", ["2019-06-25"]),
    ("moved-past-end-left-out", "monthly", "2019-05-01", "2019-05-26", []),
    ("none", "none", "2019-01-01", "2019-12-31", []),
    # Unknown year: the nominal date stands (2027-09-25 is a Saturday).
    ("unknown-year-nominal", "monthly", "2027-09-01", "2027-09-30", ["2027-09-25"]),
]


@pytest.mark.parametrize(
    ("case", "frequency", "start", "end", "expected"), DUE_DATES, ids=[c[0] for c in DUE_DATES]
)
def test_report_due_dates(case: str, frequency: str, start: str, end: str, expected: list[str]) -> None:
    assert report_due_dates(frequency, D(start), D(end)) == [D(d) for d in expected]


# Monthly from 03-01: due 03-25, 04-25, 05-27 (moved), 06-25.
MISSED = [
    ("never-reported-since-first-due", "2019-07-01", None, "2019-03-26"),
    ("first-missed-after-last-report", "2019-07-01", "2019-03-20", "2019-04-26"),
    ("latest-covered", "2019-07-01", "2019-06-20", None),
    ("late-report-clears", "2019-07-01", "2019-06-26", None),
    ("report-on-previous-due-day-does-not-cover", "2019-07-01", "2019-05-27", "2019-06-26"),
    ("due-today-not-yet-missed", "2019-06-25", "2019-05-01", None),
    ("missed-the-day-after", "2019-06-26", "2019-05-01", "2019-06-26"),
    ("before-first-due", "2019-03-20", None, None),
]


@pytest.mark.parametrize(("case", "today", "last", "expected"), MISSED, ids=[c[0] for c in MISSED])
def test_missed_report_since(case: str, today: str, last: str | None, expected: str | None) -> None:
    result = missed_report_since("monthly", D("2019-03-01"), D(today), D(last) if last else None)
    assert result == (D(expected) if expected else None)


def test_missed_report_needs_a_start_and_a_frequency() -> None:
    assert missed_report_since("none", D("2019-03-01"), D("2019-07-01"), None) is None
    assert missed_report_since("monthly", None, D("2019-07-01"), None) is None


def test_next_report_due_moves_off_the_holiday() -> None:
    assert next_report_due("weekly", D("2019-09-23"), D("2019-09-28")) == D("2019-10-08")
    assert next_report_due("weekly", D("2019-09-23"), D("2019-10-08")) == D("2019-10-08")
    assert next_report_due("none", D("2019-09-23"), D("2019-09-28")) is None
