"""Statistics by unit, leader and source (督办统计): pure tallies over a period.

One row of facts per item; :func:`tally` groups them and counts, for a period
``[start, end]`` looked at on ``as_of`` (the period's end, or today if that is
earlier — what is overdue is only known up to today):

- ``assigned``: items assigned (交办) on a day of the period;
- ``completed``: items closed (办结) on a day of the period;
- ``completed_on_time``: of those, closed on or before their deadline (no deadline counts as on time);
- ``overdue_now``: items open on ``as_of`` whose deadline is before it — the ledger's "overdue"
  filter on that day, so the two agree;
- ``overdue_days`` (逾期事项·天): for every item, the calendar days of the period on which it was
  open and past its deadline, summed — an item closed late counts up to the day it closed;
- ``reports_due`` / ``reports_on_time``: report due dates (by the item's reporting frequency) that
  fell in the period while the item was open, and how many of them a report answered in time
  (a report submitted after the previous due date and on or before this one).

Rates are ``None`` where there is nothing to divide by, never 0 % or 100 % by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Period:
    """A closed range of days; ``as_of`` is the day the period is looked at (≤ ``end``)."""

    start: dt.date
    end: dt.date
    as_of: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    @classmethod
    def ending(cls, start: dt.date, end: dt.date, *, today: dt.date) -> Period:
        return cls(start=start, end=end, as_of=max(start, min(end, today)))


@dataclass(frozen=True)
class ItemFacts:
    """What the statistics need of one item; ``is_open`` is its state on ``as_of``."""

    item_id: int
    unit_id: int | None
    leader_id: int | None
    source_id: int
    deadline: dt.date | None
    assigned_on: dt.date | None
    closed_on: dt.date | None
    is_open: bool
    report_due: tuple[dt.date, ...] = ()
    reports_at: tuple[dt.date, ...] = ()


@dataclass
class Tally:
    """The counts of one group (a unit, a leader or a source)."""

    assigned: int = 0
    completed: int = 0
    completed_on_time: int = 0
    overdue_now: int = 0
    overdue_days: int = 0
    reports_due: int = 0
    reports_on_time: int = 0
    item_ids_overdue: list[int] = field(default_factory=list)
    item_ids_completed: list[int] = field(default_factory=list)

    @property
    def on_time_rate(self) -> Decimal | None:
        """Completed on time / completed, in %."""
        return percent(self.completed_on_time, self.completed)

    @property
    def report_rate(self) -> Decimal | None:
        """Reports on time / reports due, in %."""
        return percent(self.reports_on_time, self.reports_due)

    def add(self, other: Tally) -> None:
        self.assigned += other.assigned
        self.completed += other.completed
        self.completed_on_time += other.completed_on_time
        self.overdue_now += other.overdue_now
        self.overdue_days += other.overdue_days
        self.reports_due += other.reports_due
        self.reports_on_time += other.reports_on_time
        self.item_ids_overdue += other.item_ids_overdue
        self.item_ids_completed += other.item_ids_completed


def percent(part: int, whole: int) -> Decimal | None:
    """``part / whole`` in % to one decimal (half up), ``None`` when ``whole`` is 0."""
    if whole == 0:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _within(day: dt.date | None, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end


def overdue_days(facts: ItemFacts, period: Period) -> int:
    """Calendar days of the period on which the item was open and past its deadline."""
    if facts.deadline is None:
        return 0
    first = max(facts.deadline + dt.timedelta(days=1), period.start)
    if facts.is_open:
        last = period.as_of
    elif facts.closed_on is not None:
        # Closed late: overdue up to the day it closed (closed the day after the deadline: one day late).
        last = min(facts.closed_on, period.as_of)
    else:
        return 0  # cancelled or suspended items do not run late
    return max(0, (last - first).days + 1)


def reports_answered(due: Sequence[dt.date], reported: Sequence[dt.date], period: Period) -> tuple[int, int]:
    """(due in the period, answered in time).

    A due date is answered in time by a report made after the previous due date and on or before it.
    """
    in_period = [d for d in due if period.start <= d <= period.as_of]
    answered = 0
    previous = dt.date.min
    for day in sorted(due):
        if day > period.as_of:
            break
        made = any(previous < r <= day for r in reported)
        if made and day >= period.start:
            answered += 1
        previous = day
    return len(in_period), answered


def item_tally(facts: ItemFacts, period: Period) -> Tally:
    """The counts one item contributes to its groups."""
    tally = Tally()
    tally.assigned = int(_within(facts.assigned_on, period))
    if not facts.is_open and _within(facts.closed_on, period):
        tally.completed = 1
        tally.item_ids_completed = [facts.item_id]
        late = facts.deadline is not None and facts.closed_on is not None and facts.closed_on > facts.deadline
        tally.completed_on_time = int(not late)
    if facts.is_open and facts.deadline is not None and facts.deadline < period.as_of:
        tally.overdue_now = 1
        tally.item_ids_overdue = [facts.item_id]
    tally.overdue_days = overdue_days(facts, period)
    tally.reports_due, tally.reports_on_time = reports_answered(facts.report_due, facts.reports_at, period)
    return tally


def tally(
    items: Iterable[ItemFacts], period: Period, key: Callable[[ItemFacts], Hashable]
) -> dict[Hashable, Tally]:
    """Counts per group, the group of an item being ``key(item)`` (e.g. its lead unit)."""
    groups: dict[Hashable, Tally] = {}
    for facts in items:
        groups.setdefault(key(facts), Tally()).add(item_tally(facts, period))
    return groups


def total(groups: Iterable[Tally]) -> Tally:
    whole = Tally()
    for group in groups:
        whole.add(group)
    return whole
