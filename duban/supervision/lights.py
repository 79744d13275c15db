"""Status lights (红黄绿灯): one pure function from an item's facts and a policy.

The facts say what is wrong (overdue, deadline near, behind the trajectory,
missed milestone, missed report); the policy's preset turns those conditions
into a colour. Offices name and order colours differently, so colours are
configuration (SPEC B) with three presets:

- ``traffic``: green / yellow / red;
- ``by_cause``: blue = deadline near, yellow = behind schedule, red = overdue;
- ``ladder``: blue → orange → red as a warning stays uncleared for
  ``escalate_days`` working days, then twice that. A warning's age runs from
  the day it began, derived from the facts (the deadline became near; the
  trajectory first passed the present progress by ``behind_margin``), and on
  into "overdue" when the deadline passes: it never restarts from today.

All day counts are working days on the official calendar (core.workdays). A
date outside the years the calendar knows cannot be counted in working days:
the light then counts calendar days instead and carries the
``CALENDAR_UNKNOWN`` condition (``Light.calendar_unknown``), which pages show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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


CONDITION_LABELS: dict[Condition, Promise] = {
    Condition.OVERDUE: _("Overdue"),
    Condition.DEADLINE_NEAR: _("Deadline near"),
    Condition.BEHIND: _("Behind schedule"),
    Condition.FAR_BEHIND: _("Far behind schedule"),
    Condition.MILESTONE_MISSED: _("Milestone missed"),
    Condition.REPORT_MISSED: _("Report missed"),
    Condition.CALENDAR_UNKNOWN: _(
        "The official calendar for this year is not known: days counted as calendar days"
    ),
}


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
    """A computed light. ``details``: ``days_left`` (working days to the deadline,
    negative when overdue) and ``expected`` (序时进度, %), where known."""

    colour: Colour
    conditions: tuple[Condition, ...] = ()
    expected_progress: int | None = None
    warning_since: dt.date | None = None
    details: dict[str, int] = field(default_factory=dict)
    unknown_years: tuple[int, ...] = ()  # with CALENDAR_UNKNOWN: the years the calendar lacks

    @property
    def calendar_unknown(self) -> bool:
        """True when a date lies outside the official calendar's known years."""
        return Condition.CALENDAR_UNKNOWN in self.conditions

    @property
    def labels(self) -> list[str]:
        """The conditions in words, for pages and messages (the unknown calendar names its years)."""
        return [
            calendar_unknown_message(self.unknown_years)
            if c == Condition.CALENDAR_UNKNOWN and self.unknown_years
            else str(CONDITION_LABELS[c])
            for c in self.conditions
        ]


def stored_light(colour: str, reasons: Iterable[str]) -> Light | None:
    """The light as stored on an item (colour and condition codes); None for no light.

    Lists, filters, counts and exports show this one, so that they agree with
    each other; it is computed by :func:`compute_light` for the stored day.
    """
    if not colour:
        return None
    known = {c.value for c in Condition}
    return Light(Colour(colour), tuple(Condition(r) for r in reasons if r in known))


def calendar_knows(*days: dt.date | None) -> bool:
    """True if every given date lies in the years the official calendar covers."""
    return not unknown_years(days)


def unknown_years(days: Iterable[dt.date | None]) -> tuple[int, ...]:
    """The years among ``days`` the official calendar does not know, ascending."""
    known = workdays.known_years()
    return tuple(sorted({day.year for day in days if day is not None and day.year not in known}))


def calendar_unknown_message(years: Iterable[int]) -> str:
    """The warning naming the years (e.g. “2027年”) whose official calendar is not known."""
    separator = "、" if (get_language() or "").startswith("zh") else ", "
    return str(
        _("The official working-day calendar for %(years)s is not known: days are counted as calendar days")
        % {"years": separator.join(str(y) for y in sorted(set(years)))}
    )


@lru_cache(maxsize=65536)
def _days(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; calendar days where the calendar is unknown.

    Cached: a refresh asks the same (today, deadline) pairs over and over.
    """
    try:
        return workdays.workdays_between(start, end)
    except DomainError:
        return (end - start).days


def expected_progress(facts: ItemFacts, today: dt.date) -> int | None:
    """Progress expected by today (序时进度), in percent.

    From milestones that carry a percentage (piecewise linear in working time
    between them), else linear in working time from start to deadline. None
    without both dates. Milestones outside (start, deadline) are ignored.
    """
    start, deadline = facts.start, facts.deadline
    if start is None or deadline is None or deadline <= start:
        return None
    if today <= start:
        return 0
    if today >= deadline:
        return 100
    inner = sorted((m.due, m.percent) for m in facts.milestones
                   if m.percent is not None and start < m.due < deadline)
    points = [(start, 0), *inner, (deadline, 100)]
    for (d0, p0), (d1, p1) in zip(points, points[1:], strict=False):
        if d0 <= today <= d1:
            span = _days(d0, d1)
            return p1 if span <= 0 else round(p0 + (p1 - p0) * _days(d0, today) / span)
    return 100


def conditions(
    facts: ItemFacts, today: dt.date, policy: LightPolicy, *, expected: int | None | bool = False
) -> tuple[list[Condition], dt.date | None]:
    """What is wrong with the item today, and since when (the oldest warning).

    ``expected`` may pass the already computed expected progress (False: compute it).
    """
    found: list[tuple[Condition, dt.date]] = []
    if not calendar_knows(today, facts.deadline, facts.start):
        found.append((Condition.CALENDAR_UNKNOWN, today))
    if facts.deadline is not None:
        if facts.deadline < today:
            found.append((Condition.OVERDUE, _overdue_since(facts, policy)))
        elif _days(today, facts.deadline) <= policy.near_days:
            found.append((Condition.DEADLINE_NEAR, _near_since(facts, today, policy)))
    if expected is False:
        expected = expected_progress(facts, today)
    if expected is not None and facts.deadline is not None and facts.deadline >= today:
        gap = expected - facts.progress
        if gap >= policy.far_behind_margin:
            found.append((Condition.FAR_BEHIND, _behind_since(facts, today, policy)))
        elif gap >= policy.behind_margin:
            found.append((Condition.BEHIND, _behind_since(facts, today, policy)))
    missed = [m.due for m in facts.milestones if m.done_on is None and m.due < today]
    if missed and facts.progress < 100:
        found.append((Condition.MILESTONE_MISSED, min(missed) + dt.timedelta(days=1)))
    if facts.missed_report_since is not None:
        found.append((Condition.REPORT_MISSED, facts.missed_report_since))
    since = min((d for c, d in found if c != Condition.CALENDAR_UNKNOWN), default=None)
    return [c for c, _ in found], since


def _first_day(lo: dt.date, hi: dt.date, holds: Callable[[dt.date], bool]) -> dt.date:
    """The first day in [lo, hi] from which ``holds`` is true (it is true on ``hi``).

    ``holds`` must be monotone over the range (false, then true): a deadline
    only comes nearer and the trajectory only rises. Binary search: about
    nine evaluations for a year.
    """
    if holds(lo):
        return lo
    while (hi - lo).days > 1:
        mid = lo + dt.timedelta(days=(hi - lo).days // 2)
        if holds(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _near_since(facts: ItemFacts, today: dt.date, policy: LightPolicy) -> dt.date:
    """Since when the deadline has been near (not before the item's start).

    Derived from the dates, not from "today": the ladder counts a warning's age
    from it, so it must not restart every day.
    """
    assert facts.deadline is not None
    deadline = facts.deadline
    lo = facts.start if facts.start is not None and facts.start <= today else today - dt.timedelta(days=366)
    return _first_day(lo, today, lambda day: _days(day, deadline) <= policy.near_days)


def _overdue_since(facts: ItemFacts, policy: LightPolicy) -> dt.date:
    """Since when an overdue item has been warned about without a break.

    The warnings of the days up to the deadline (deadline near; behind, as the
    trajectory reaches 100% on the deadline) run on into "overdue" the day
    after: the ladder must not start again from blue when a deadline passes.
    """
    assert facts.deadline is not None
    deadline = facts.deadline
    since = min(deadline + dt.timedelta(days=1), _near_since(facts, deadline, policy))
    if facts.start is not None and facts.start < deadline and 100 - facts.progress >= policy.behind_margin:
        since = min(since, _behind_since(facts, deadline, policy))
    return since


def _behind_since(facts: ItemFacts, today: dt.date, policy: LightPolicy) -> dt.date:
    """Since when the item, at its present progress, has been behind its trajectory.

    The first day the expected progress (序时) exceeded the present progress by
    ``behind_margin`` points (far behind implies it was behind before): a report
    that raises progress moves the day later, a day passing does not.
    """
    assert facts.start is not None
    return _first_day(
        facts.start,
        today,
        lambda day: (expected_progress(facts, day) or 0) - facts.progress >= policy.behind_margin,
    )


RED_TRAFFIC = {Condition.OVERDUE, Condition.FAR_BEHIND, Condition.MILESTONE_MISSED}
YELLOW_TRAFFIC = {Condition.DEADLINE_NEAR, Condition.BEHIND, Condition.REPORT_MISSED}
BEHIND_CAUSES = {Condition.BEHIND, Condition.FAR_BEHIND, Condition.MILESTONE_MISSED, Condition.REPORT_MISSED}


def compute_light(facts: ItemFacts, today: dt.date, policy: LightPolicy) -> Light:
    """The light of one item today under ``policy`` (no light for closed items)."""
    if not facts.is_open:
        return Light(Colour.NONE)
    expected = expected_progress(facts, today)
    found, since = conditions(facts, today, policy, expected=expected)
    details: dict[str, int] = {}
    if facts.deadline is not None:
        details["days_left"] = _days(today, facts.deadline)
    if expected is not None:
        details["expected"] = expected
    colour = _colour(set(found), since, today, policy)
    years = unknown_years((today, facts.start, facts.deadline))
    return Light(colour, tuple(found), expected, since, details, years)


def _colour(found: set[Condition], since: dt.date | None, today: dt.date, policy: LightPolicy) -> Colour:
    warnings = found - {Condition.CALENDAR_UNKNOWN}
    if policy.preset == "by_cause":
        return _by_cause(warnings)
    if policy.preset == "ladder":
        return _ladder(warnings, since, today, policy.escalate_days)
    if warnings & RED_TRAFFIC:
        return Colour.RED
    return Colour.YELLOW if warnings & YELLOW_TRAFFIC else Colour.GREEN


def _by_cause(warnings: set[Condition]) -> Colour:
    if Condition.OVERDUE in warnings:
        return Colour.RED
    if warnings & BEHIND_CAUSES:
        return Colour.YELLOW
    return Colour.BLUE if Condition.DEADLINE_NEAR in warnings else Colour.GREEN


def _ladder(warnings: set[Condition], since: dt.date | None, today: dt.date, step: int) -> Colour:
    """Blue when a warning appears, orange after ``step`` working days uncleared, red after twice that."""
    if not warnings or since is None:
        return Colour.GREEN
    age = _days(since, today)
    if age >= 2 * step:
        return Colour.RED
    return Colour.ORANGE if age >= step else Colour.BLUE
