"""Status lights (红黄绿灯): one pure function from an item's facts and a policy.

The facts say what is wrong (overdue, deadline near, behind the trajectory,
missed milestone, missed report); the policy's preset turns those conditions
into a colour. Offices name and order colours differently, so colours are
configuration (SPEC B) with three presets:

- ``traffic``: green / yellow / red;
- ``by_cause``: blue = deadline near, yellow = behind schedule, red = overdue;
- ``ladder``: blue → orange → red as a warning stays uncleared for
  ``escalate_days`` working days, then twice that.

All day counts are working days on the official calendar (core.workdays).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from duban.core import workdays
from duban.core.errors import DomainError


class Condition(StrEnum):
    OVERDUE = "overdue"
    DEADLINE_NEAR = "deadline_near"
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"
    MILESTONE_MISSED = "milestone_missed"
    REPORT_MISSED = "report_missed"
    CALENDAR_UNKNOWN = "calendar_unknown"


class Colour(StrEnum):
    NONE = ""
    GREEN = "green"
    BLUE = "blue"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"


@dataclass(frozen=True)
class LightPolicy:
    """Thresholds (working days, percentage points) and the colour preset."""

    preset: str = "traffic"
    near_days: int = 3
    behind_margin: int = 10  # points below the trajectory → behind
    far_behind_margin: int = 25  # points below → far behind
    escalate_days: int = 5  # ladder: working days before blue turns orange


@dataclass(frozen=True)
class MilestoneFact:
    due: dt.date
    percent: int | None
    done_on: dt.date | None


@dataclass(frozen=True)
class ItemFacts:
    """What lights need of an item; built by the selector, no ORM here."""

    is_open: bool
    start: dt.date | None
    deadline: dt.date | None
    progress: int = 0
    milestones: tuple[MilestoneFact, ...] = ()
    missed_report_since: dt.date | None = None  # first report date missed and not made up


@dataclass(frozen=True)
class Light:
    colour: Colour
    conditions: tuple[Condition, ...] = ()
    expected_progress: int | None = None
    warning_since: dt.date | None = None
    details: dict[str, int] = field(default_factory=dict)


def expected_progress(facts: ItemFacts, today: dt.date) -> int | None:
    """Progress expected by today (序时进度), in percent.

    From milestones that carry a percentage (piecewise linear between them),
    else linear in working time from start to deadline. None without dates.
    """
    if facts.start is None or facts.deadline is None or facts.deadline <= facts.start:
        return None
    points = [(facts.start, 0)]
    points += sorted((m.due, m.percent) for m in facts.milestones if m.percent is not None)
    points.append((facts.deadline, 100))
    if today <= facts.start:
        return 0
    if today >= facts.deadline:
        return 100
    for (d0, p0), (d1, p1) in zip(points, points[1:], strict=False):
        if d0 <= today <= d1:
            span = _days(d0, d1)
            return p0 if span <= 0 else round(p0 + (p1 - p0) * _days(d0, today) / span)
    return 100


def _days(start: dt.date, end: dt.date) -> int:
    try:
        return workdays.workdays_between(start, end)
    except DomainError:
        return (end - start).days


def conditions(facts: ItemFacts, today: dt.date, policy: LightPolicy) -> tuple[list[Condition], dt.date | None]:
    """What is wrong with the item today, and since when (the oldest warning)."""
    found: list[tuple[Condition, dt.date]] = []
    if facts.deadline is not None:
        try:
            left = workdays.workdays_between(today, facts.deadline)
        except DomainError:
            left = (facts.deadline - today).days
            found.append((Condition.CALENDAR_UNKNOWN, today))
        if facts.deadline < today:
            found.append((Condition.OVERDUE, facts.deadline + dt.timedelta(days=1)))
        elif left <= policy.near_days:
            found.append((Condition.DEADLINE_NEAR, today))
    expected = expected_progress(facts, today)
    if expected is not None and facts.deadline is not None and facts.deadline >= today:
        gap = expected - facts.progress
        if gap >= policy.far_behind_margin:
            found.append((Condition.FAR_BEHIND, today))
        elif gap >= policy.behind_margin:
            found.append((Condition.BEHIND, today))
    missed = [m.due for m in facts.milestones if m.done_on is None and m.due < today]
    if missed and facts.progress < 100:
        found.append((Condition.MILESTONE_MISSED, min(missed) + dt.timedelta(days=1)))
    if facts.missed_report_since is not None:
        found.append((Condition.REPORT_MISSED, facts.missed_report_since))
    since = min((d for c, d in found if c != Condition.CALENDAR_UNKNOWN), default=None)
    return [c for c, _ in found], since


RED_TRAFFIC = {Condition.OVERDUE, Condition.FAR_BEHIND, Condition.MILESTONE_MISSED}
YELLOW_TRAFFIC = {Condition.DEADLINE_NEAR, Condition.BEHIND, Condition.REPORT_MISSED}


def compute_light(facts: ItemFacts, today: dt.date, policy: LightPolicy) -> Light:
    """The light of one item today under ``policy``."""
    if not facts.is_open:
        return Light(Colour.NONE)
    found, since = conditions(facts, today, policy)
    expected = expected_progress(facts, today)
    colour = _colour(set(found), since, today, policy)
    return Light(colour, tuple(found), expected, since)


def _colour(found: set[Condition], since: dt.date | None, today: dt.date, policy: LightPolicy) -> Colour:
    warnings = found - {Condition.CALENDAR_UNKNOWN}
    if policy.preset == "by_cause":
        if Condition.OVERDUE in warnings:
            return Colour.RED
        if warnings & {Condition.BEHIND, Condition.FAR_BEHIND, Condition.MILESTONE_MISSED, Condition.REPORT_MISSED}:
            return Colour.YELLOW
        return Colour.BLUE if Condition.DEADLINE_NEAR in warnings else Colour.GREEN
    if policy.preset == "ladder":
        if not warnings or since is None:
            return Colour.GREEN
        age = _days(since, today)
        if age >= 2 * policy.escalate_days:
            return Colour.RED
        return Colour.ORANGE if age >= policy.escalate_days else Colour.BLUE
    if warnings & RED_TRAFFIC:
        return Colour.RED
    return Colour.YELLOW if warnings & YELLOW_TRAFFIC else Colour.GREEN
