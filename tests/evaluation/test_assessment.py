"""Unit assessment (以实绩论英雄) from tables of supervision facts, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.evaluation.assessment import (
    ACCOUNTABILITY,
    ASSESSMENT_INDICATORS,
    DELIVERY_JUDGEMENT,
    ESCALATIONS,
    ON_TIME_RATE,
    OVERDUE_ITEM_DAYS,
    REPORT_PUNCTUALITY,
    URGINGS,
    ItemFact,
    Period,
    assess_units,
    not_applicable_as_mean,
    on_time,
    overdue_days,
    report_punctuality,
)

D = dt.date
YEAR = Period(D(2019, 1, 1), D(2019, 12, 31))
LATE_YEAR = D(2020, 1, 15)  # the year is over: every day of it counts


@pytest.mark.parametrize(
    ("deadline", "done_on", "today", "expected"),
    [
        (D(2019, 6, 30), D(2019, 6, 30), LATE_YEAR, True),  # on the deadline: on time
        (D(2019, 6, 30), D(2019, 6, 10), LATE_YEAR, True),
        (D(2019, 6, 30), D(2019, 7, 1), LATE_YEAR, False),  # a day late
        (D(2019, 6, 30), None, LATE_YEAR, False),  # never done
        (D(2019, 6, 30), None, D(2019, 6, 30), None),  # due today: the unit still has today
        (D(2019, 6, 30), None, D(2019, 5, 1), None),  # not yet due
        (D(2020, 3, 31), D(2019, 8, 1), LATE_YEAR, None),  # due in another period
        (D(2018, 12, 31), D(2019, 1, 2), LATE_YEAR, None),
        (None, D(2019, 8, 1), LATE_YEAR, None),  # no deadline: not due
    ],
)
def test_on_time_counts_items_due_in_the_period(
    deadline: dt.date | None, done_on: dt.date | None, today: dt.date, expected: bool | None
) -> None:
    fact = ItemFact(unit_id=1, start=D(2019, 1, 1), deadline=deadline, done_on=done_on)
    assert on_time(fact, YEAR, today) is expected


@pytest.mark.parametrize(
    ("deadline", "done_on", "suspended", "today", "expected"),
    [
        (D(2019, 6, 30), D(2019, 6, 30), False, LATE_YEAR, 0),
        (D(2019, 6, 30), D(2019, 7, 1), False, LATE_YEAR, 1),  # done the day after: one day
        (D(2019, 6, 30), D(2019, 7, 10), False, LATE_YEAR, 10),
        (D(2019, 6, 30), None, False, D(2019, 7, 5), 5),  # still open, read on 5 July
        (D(2019, 12, 20), None, False, LATE_YEAR, 11),  # counted up to the period's end
        (D(2018, 12, 1), D(2019, 1, 31), False, LATE_YEAR, 31),  # only the period's days
        (D(2018, 12, 1), None, False, LATE_YEAR, 365),
        (D(2019, 6, 30), None, True, LATE_YEAR, 0),  # suspended now: an agreed pause
        (D(2019, 6, 30), D(2019, 7, 3), True, LATE_YEAR, 3),  # done, then the state is history
        (None, None, False, LATE_YEAR, 0),
    ],
)
def test_overdue_days_are_calendar_days_inside_the_period(
    deadline: dt.date | None, done_on: dt.date | None, suspended: bool, today: dt.date, expected: int
) -> None:
    fact = ItemFact(unit_id=1, start=D(2018, 6, 1), deadline=deadline, done_on=done_on, suspended=suspended)
    assert overdue_days(fact, YEAR, today) == expected


# Monthly reports fall due on the 25th, moved to the next working day:
# 2019-01-25 (Fri), 02-25 (Mon), 03-25 (Mon), 04-25 (Thu).
SPRING = Period(D(2019, 1, 1), D(2019, 4, 30))


@pytest.mark.parametrize(
    ("reports", "today", "done_on", "expected"),
    [
        ((), LATE_YEAR, None, (4, 0)),
        ((D(2019, 1, 25), D(2019, 2, 20), D(2019, 3, 1), D(2019, 4, 25)), LATE_YEAR, None, (4, 4)),
        # March missed: a report on 26 March answers April, and April had one anyway.
        ((D(2019, 1, 25), D(2019, 2, 20), D(2019, 3, 26), D(2019, 4, 25)), LATE_YEAR, None, (4, 3)),
        # Two reports for January make up nothing for February.
        ((D(2019, 1, 10), D(2019, 1, 20)), LATE_YEAR, None, (4, 1)),
        # A late report (26 Jan) answers February's date, not January's.
        ((D(2019, 1, 26),), LATE_YEAR, None, (4, 1)),
        # Read on 25 March: that date is not yet due.
        ((D(2019, 1, 25),), D(2019, 3, 25), None, (2, 1)),
        # Done on 1 March: nothing more falls due.
        ((D(2019, 1, 25), D(2019, 2, 25)), LATE_YEAR, D(2019, 3, 1), (2, 2)),
    ],
)
def test_report_punctuality_follows_the_due_dates(
    reports: tuple[dt.date, ...], today: dt.date, done_on: dt.date | None, expected: tuple[int, int]
) -> None:
    fact = ItemFact(
        unit_id=1,
        start=D(2019, 1, 1),
        deadline=D(2019, 12, 31),
        done_on=done_on,
        report_frequency="monthly",
        report_days=reports,
    )
    assert report_punctuality(fact, SPRING, today) == expected


def test_a_report_before_the_period_answers_its_first_due_date() -> None:
    # given an item started in December with a report on 10 January for the 25 January date
    fact = ItemFact(
        unit_id=1,
        start=D(2018, 12, 1),
        deadline=None,
        report_frequency="monthly",
        report_days=(D(2018, 12, 20), D(2019, 1, 10)),
    )
    # then only the period's own dates count (25 Jan … 25 Apr), January's answered
    assert report_punctuality(fact, SPRING, LATE_YEAR) == (4, 1)


def test_no_frequency_or_no_start_means_no_report_is_due() -> None:
    assert report_punctuality(ItemFact(1, D(2019, 1, 1), None), SPRING, LATE_YEAR) == (0, 0)
    fact = ItemFact(1, None, None, report_frequency="monthly")
    assert report_punctuality(fact, SPRING, LATE_YEAR) == (0, 0)


def test_units_records_from_a_table_of_items() -> None:
    # given two units: A with three items, B with one, C with none
    facts = [
        ItemFact(1, D(2019, 1, 1), D(2019, 3, 31), done_on=D(2019, 3, 20), delivery_grade="green"),
        ItemFact(1, D(2019, 1, 1), D(2019, 6, 30), done_on=D(2019, 7, 9), delivery_grade="amber_red"),
        ItemFact(1, D(2019, 1, 1), D(2019, 9, 30), delivery_grade=""),
        ItemFact(2, D(2019, 1, 1), D(2019, 6, 30), done_on=D(2019, 6, 1), delivery_grade="amber_green"),
    ]
    events = {1: {ESCALATIONS: 2, URGINGS: 5}, 2: {URGINGS: 1, ACCOUNTABILITY: 1}}
    # when assessed for 2019, read on 15 October
    records = assess_units(facts, period=YEAR, today=D(2019, 10, 15), unit_ids=[1, 2, 3], events=events)
    # then A: 1 of 3 due items on time; 9 + 15 overdue days; two judged (100 + 40) / 2
    a, b, c = records[1], records[2], records[3]
    assert a.values() == {
        ON_TIME_RATE: 33.33,
        OVERDUE_ITEM_DAYS: 24.0,
        REPORT_PUNCTUALITY: None,
        DELIVERY_JUDGEMENT: 70.0,
        ESCALATIONS: 2.0,
        URGINGS: 5.0,
        ACCOUNTABILITY: 0.0,
    }
    assert (a.due, a.on_time, a.items) == (3, 1, 3)
    assert b.values()[ON_TIME_RATE] == 100.0
    assert b.values()[DELIVERY_JUDGEMENT] == 70.0
    assert (b.urgings, b.accountability) == (1, 1)
    # C has nothing to count: rates are not applicable, counts are zero
    assert c.values() == {
        ON_TIME_RATE: None,
        OVERDUE_ITEM_DAYS: 0.0,
        REPORT_PUNCTUALITY: None,
        DELIVERY_JUDGEMENT: None,
        ESCALATIONS: 0.0,
        URGINGS: 0.0,
        ACCOUNTABILITY: 0.0,
    }


def test_records_do_not_depend_on_the_order_of_facts() -> None:
    facts = [
        ItemFact(unit, D(2019, 1, 1), D(2019, month, 20), done_on=D(2019, month, 15 + unit * 4))
        for unit in (1, 2)
        for month in (2, 5, 8)
    ]
    forward = assess_units(facts, period=YEAR, today=LATE_YEAR)
    backward = assess_units(list(reversed(facts)), period=YEAR, today=LATE_YEAR)
    assert forward == backward
    assert forward[1].on_time_rate == 100.0
    assert forward[2].on_time_rate == 0.0  # done on the 23rd, due on the 20th
    assert forward[2].overdue_item_days == 9


def test_every_computed_indicator_has_a_value_and_a_direction() -> None:
    record = assess_units([], period=YEAR, today=LATE_YEAR, unit_ids=[7])[7]
    assert set(record.values()) == {ind.code for ind in ASSESSMENT_INDICATORS}
    assert {ind.code for ind in ASSESSMENT_INDICATORS if not ind.higher_is_better} == {
        OVERDUE_ITEM_DAYS,
        ESCALATIONS,
        URGINGS,
        ACCOUNTABILITY,
    }


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Period(D(2019, 2, 1), D(2019, 1, 1))


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ({1: 80.0, 2: None, 3: 100.0}, {1: 80.0, 2: 90.0, 3: 100.0}),
        ({1: None, 2: None}, {1: None, 2: None}),
        ({1: 50.0}, {1: 50.0}),
        ({1: 1.0, 2: 2.0, 3: 2.0, 4: None}, {1: 1.0, 2: 2.0, 3: 2.0, 4: 1.67}),
    ],
)
def test_a_unit_with_nothing_to_count_gets_the_mean(
    column: dict[int, float | None], expected: dict[int, float | None]
) -> None:
    assert not_applicable_as_mean(column) == expected
