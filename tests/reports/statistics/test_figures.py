"""Statistics tallies (督办统计), from tables of hand-counted cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duban.reports.statistics.figures import (
    ItemFacts,
    Period,
    Tally,
    item_tally,
    overdue_days,
    percent,
    reports_answered,
    tally,
    total,
)

D = dt.date
JUNE = Period(start=D(2019, 6, 1), end=D(2019, 6, 30), as_of=D(2019, 6, 30))


def facts(**kw: object) -> ItemFacts:
    base: dict[str, object] = {
        "item_id": 1,
        "unit_id": 1,
        "leader_id": 9,
        "source_id": 5,
        "deadline": D(2019, 6, 20),
        "assigned_on": D(2019, 5, 1),
        "closed_on": None,
        "is_open": True,
    }
    base.update(kw)
    return ItemFacts(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # open, deadline 20 June, looked at on 30 June: 21..30 June = 10 days
        (facts(), 10),
        # deadline before the period: every day of June
        (facts(deadline=D(2019, 5, 10)), 30),
        # closed the day after its deadline: one day late
        (facts(is_open=False, closed_on=D(2019, 6, 21)), 1),
        # closed on its deadline: not late
        (facts(is_open=False, closed_on=D(2019, 6, 20)), 0),
        # no deadline: never late
        (facts(deadline=None), 0),
        # cancelled (neither open nor closed): not counted
        (facts(is_open=False), 0),
        # deadline after the period
        (facts(deadline=D(2019, 7, 5)), 0),
    ],
)
def test_overdue_days(case: ItemFacts, expected: int) -> None:
    assert overdue_days(case, JUNE) == expected


def test_overdue_days_stop_at_as_of_inside_the_period() -> None:
    # given the period looked at on 25 June
    period = Period.ending(D(2019, 6, 1), D(2019, 6, 30), today=D(2019, 6, 25))
    # then the open item counts 21..25 June
    assert period.as_of == D(2019, 6, 25)
    assert overdue_days(facts(), period) == 5


@pytest.mark.parametrize(
    ("case", "assigned", "completed", "on_time", "overdue_now"),
    [
        (facts(assigned_on=D(2019, 6, 3)), 1, 0, 0, 1),
        (facts(is_open=False, closed_on=D(2019, 6, 10)), 0, 1, 1, 0),
        (facts(is_open=False, closed_on=D(2019, 6, 25)), 0, 1, 0, 0),
        (facts(is_open=False, closed_on=D(2019, 5, 25)), 0, 0, 0, 0),  # closed before the period
        (facts(deadline=None), 0, 0, 0, 0),
        (facts(deadline=D(2019, 6, 30)), 0, 0, 0, 0),  # due on as_of: not yet overdue
    ],
)
def test_item_tally(case: ItemFacts, assigned: int, completed: int, on_time: int, overdue_now: int) -> None:
    counts = item_tally(case, JUNE)
    assert (counts.assigned, counts.completed, counts.completed_on_time, counts.overdue_now) == (
        assigned,
        completed,
        on_time,
        overdue_now,
    )


@pytest.mark.parametrize(
    ("due", "reported", "expected"),
    [
        ([D(2019, 6, 25)], [D(2019, 6, 24)], (1, 1)),
        ([D(2019, 6, 25)], [D(2019, 6, 26)], (1, 0)),  # late
        ([D(2019, 5, 27), D(2019, 6, 25)], [D(2019, 5, 27)], (1, 0)),  # May's report does not answer June
        ([D(2019, 5, 27), D(2019, 6, 25)], [D(2019, 5, 28)], (1, 1)),  # after May's date: answers June's
        (
            [D(2019, 6, 7), D(2019, 6, 14), D(2019, 6, 21), D(2019, 6, 28)],
            [D(2019, 6, 7), D(2019, 6, 20)],
            (4, 2),
        ),
        ([], [D(2019, 6, 1)], (0, 0)),
    ],
)
def test_reports_answered(due: list[dt.date], reported: list[dt.date], expected: tuple[int, int]) -> None:
    assert reports_answered(due, reported, JUNE) == expected


def test_tally_groups_and_total() -> None:
    # given two units, one with a late item and one with an item closed on time
    rows = [
        facts(item_id=1, unit_id=1),
        facts(item_id=2, unit_id=2, is_open=False, closed_on=D(2019, 6, 1)),
        facts(item_id=3, unit_id=None, deadline=D(2019, 6, 28)),
    ]
    # when
    groups = tally(rows, JUNE, key=lambda f: f.unit_id)
    # then
    assert groups[1].overdue_now == 1 and groups[1].overdue_days == 10 and groups[1].item_ids_overdue == [1]
    assert groups[2].completed == groups[2].completed_on_time == 1 and groups[2].on_time_rate == Decimal(
        "100.0"
    )
    assert groups[None].overdue_days == 2
    whole = total(groups.values())
    assert (whole.overdue_now, whole.overdue_days, whole.completed) == (2, 12, 1)


def test_rates_are_none_without_a_denominator() -> None:
    assert Tally().on_time_rate is None and Tally().report_rate is None
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 8) == Decimal("12.5")


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends before"):
        Period(start=D(2019, 6, 2), end=D(2019, 6, 1), as_of=D(2019, 6, 1))
