"""Project flags (项目预警): pure functions from a project's facts and ``today`` (no ORM).

Flags:

- 低于序时进度 (``BEHIND`` / ``FAR_BEHIND``): the year-to-date investment as a share of
  the annual plan, against the share the plan expects by the end of the month reported
  (time-proportional: ``month / 12`` by default, or the project's monthly profile of
  cumulative percentages). ``BEHIND`` from ``behind_margin`` percentage points below,
  ``FAR_BEHIND`` from ``far_behind_margin``. Without a report of the plan year the
  months already ended count, with nothing completed.
- 未开工 (``NOT_STARTED``): a project not yet under construction whose planned start
  has passed; flagged from the day after the planned start.
- 节点逾期 (``MILESTONE_OVERDUE``): a node not done by its date, from the day after.
- 未按时报送 (``REPORT_MISSING``): a monthly report that fell due and was not made,
  by the supervision reports' rule (``duban.supervision.schedule``: due on the 25th,
  moved to the next working day of the official calendar; a report made after the
  previous due date answers the latest one).

The colour comes from the supervision lights' preset (``traffic``, ``by_cause``,
``ladder``), each flag read as the item condition it resembles, so a project and an
item in the same trouble show the same colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duban.supervision import lights
from duban.supervision.lights import Colour, Condition
from duban.supervision.schedule import missed_report_since

MONTHS = 12
HUNDRED = Decimal(100)
REPORT_FREQUENCY = "monthly"


class Flag(StrEnum):
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"
    NOT_STARTED = "not_started"
    MILESTONE_OVERDUE = "milestone_overdue"
    REPORT_MISSING = "report_missing"


FLAG_LABELS: Mapping[Flag, Promise] = {
    Flag.BEHIND: _("Behind the time-proportional investment"),
    Flag.FAR_BEHIND: _("Far behind the time-proportional investment"),
    Flag.NOT_STARTED: _("Not started by the planned date"),
    Flag.MILESTONE_OVERDUE: _("Milestone overdue"),
    Flag.REPORT_MISSING: _("Monthly report missing"),
}

# Each flag read as the supervision condition it resembles (same presets, same colours).
AS_CONDITION: Mapping[Flag, Condition] = {
    Flag.BEHIND: Condition.BEHIND,
    Flag.FAR_BEHIND: Condition.FAR_BEHIND,
    Flag.NOT_STARTED: Condition.OVERDUE,
    Flag.MILESTONE_OVERDUE: Condition.MILESTONE_MISSED,
    Flag.REPORT_MISSING: Condition.REPORT_MISSED,
}


@dataclass(frozen=True)
class FlagPolicy:
    """Margins in percentage points; ``preset`` and ``escalate_days`` as the supervision lights'."""

    preset: str = "traffic"
    behind_margin: int = 10
    far_behind_margin: int = 25
    escalate_days: int = 5

    def as_light_policy(self) -> lights.LightPolicy:
        return lights.LightPolicy(preset=self.preset, escalate_days=self.escalate_days)


@dataclass(frozen=True)
class MilestoneFact:
    due: dt.date
    done_on: dt.date | None


@dataclass(frozen=True)
class ProjectFacts:
    """What the flags need of a project; built by the selector.

    ``ytd`` and ``ytd_month``: the current report of the plan year with the latest
    month (None without one). ``reporting_start``: reports fall due after this day.
    ``last_report_on``: the (local) day the latest report was submitted.
    """

    year: int
    is_open: bool
    unstarted: bool
    planned_start: dt.date | None = None
    annual_plan: Decimal = Decimal(0)
    ytd: Decimal | None = None
    ytd_month: int | None = None
    profile: tuple[Decimal, ...] = ()
    milestones: tuple[MilestoneFact, ...] = ()
    reporting_start: dt.date | None = None
    last_report_on: dt.date | None = None


@dataclass(frozen=True)
class Gap:
    """Time-proportional check (序时进度) at the end of ``month``: percentages of the annual plan."""

    month: int
    expected: Decimal
    actual: Decimal

    @property
    def points(self) -> Decimal:
        """How many percentage points the project is behind (negative: ahead)."""
        return self.expected - self.actual


@dataclass(frozen=True)
class ProjectLight:
    colour: Colour
    flags: tuple[Flag, ...] = ()
    since: dt.date | None = None
    gap: Gap | None = None

    @property
    def labels(self) -> list[str]:
        return [str(FLAG_LABELS[f]) for f in self.flags]


def expected_share(month: int, profile: Sequence[Decimal] = ()) -> Decimal:
    """Percent of the annual plan expected by the end of ``month`` (1–12; 0 → 0)."""
    if month <= 0:
        return Decimal(0)
    month = min(month, MONTHS)
    if profile:
        return Decimal(profile[month - 1])
    return HUNDRED * month / MONTHS


def profile_problem(profile: Sequence[object]) -> str | None:
    """Why a monthly profile is unusable (12 cumulative percentages, rising, ending at 100); None if fine."""
    if not profile:
        return None
    try:
        values = [Decimal(str(v)) for v in profile]
    except ArithmeticError:
        return str(_("The monthly profile holds a value that is not a number."))
    if len(values) != MONTHS:
        return str(_("The monthly profile has twelve values, one per month."))
    if any(not 0 <= v <= HUNDRED for v in values) or values != sorted(values):
        return str(_("The monthly profile's percentages rise from month to month, between 0 and 100."))
    if values[-1] != HUNDRED:
        return str(_("The monthly profile reaches 100 in December."))
    return None


def months_ended(year: int, today: dt.date) -> int:
    """Months of ``year`` that have ended before ``today`` (0–12)."""
    if today.year < year:
        return 0
    if today.year > year:
        return MONTHS
    return today.month - 1


def investment_gap(facts: ProjectFacts, today: dt.date) -> Gap | None:
    """Year-to-date investment against the time-proportional plan; None without a plan or a month to judge."""
    if facts.annual_plan <= 0:
        return None
    if facts.ytd_month is not None and facts.ytd is not None:
        month, ytd = facts.ytd_month, facts.ytd
    else:
        month, ytd = months_ended(facts.year, today), Decimal(0)
    if month <= 0:
        return None
    return Gap(month, expected_share(month, facts.profile), HUNDRED * ytd / facts.annual_plan)


def _month_closed(year: int, month: int) -> dt.date:
    """The first day after ``month``: the day its figure is complete (the ladder counts from it)."""
    return dt.date(year + 1, 1, 1) if month == MONTHS else dt.date(year, month + 1, 1)


def flags(
    facts: ProjectFacts, today: dt.date, policy: FlagPolicy
) -> tuple[list[tuple[Flag, dt.date]], Gap | None]:
    """The flags raised today, each with the day it began, and the investment check."""
    found: list[tuple[Flag, dt.date]] = []
    if not facts.is_open:
        return found, None
    gap = investment_gap(facts, today)
    if gap is not None:
        since = min(today, _month_closed(facts.year, gap.month))
        if gap.points >= policy.far_behind_margin:
            found.append((Flag.FAR_BEHIND, since))
        elif gap.points >= policy.behind_margin:
            found.append((Flag.BEHIND, since))
    if facts.unstarted and facts.planned_start is not None and facts.planned_start < today:
        found.append((Flag.NOT_STARTED, facts.planned_start + dt.timedelta(days=1)))
    overdue = [m.due for m in facts.milestones if m.done_on is None and m.due < today]
    if overdue:
        found.append((Flag.MILESTONE_OVERDUE, min(overdue) + dt.timedelta(days=1)))
    missed = missed_report_since(REPORT_FREQUENCY, facts.reporting_start, today, facts.last_report_on)
    if missed is not None:
        found.append((Flag.REPORT_MISSING, missed))
    return found, gap


def project_light(facts: ProjectFacts, today: dt.date, policy: FlagPolicy) -> ProjectLight:
    """The project's flags and colour today (no colour for a completed or producing project)."""
    if not facts.is_open:
        return ProjectLight(Colour.NONE)
    found, gap = flags(facts, today, policy)
    since = min((day for _flag, day in found), default=None)
    conditions = {AS_CONDITION[flag] for flag, _day in found}
    # The supervision lights' own preset rule, so both domains colour alike.
    colour = lights._colour(conditions, since, today, policy.as_light_policy())  # noqa: SLF001
    return ProjectLight(colour, tuple(flag for flag, _day in found), since, gap)


def planned_series(annual_plan: Decimal, profile: Sequence[Decimal] = ()) -> list[Decimal]:
    """Cumulative planned investment (万元) at each month's end, January to December."""
    return [
        (annual_plan * expected_share(m, profile) / HUNDRED).quantize(Decimal("0.01"))
        for m in range(1, MONTHS + 1)
    ]


def actual_series(ytd_by_month: Mapping[int, Decimal], *, through: int) -> list[Decimal | None]:
    """Cumulative completed investment (万元) per month up to ``through``; None for a month unreported."""
    return [ytd_by_month.get(m) for m in range(1, min(through, MONTHS) + 1)]


def flagged(found: Iterable[Flag], wanted: str) -> bool:
    """The ledger filter: ``behind`` matches both margins; any other flag matches itself."""
    names = {str(f) for f in found}
    if wanted == Flag.BEHIND:
        return bool(names & {Flag.BEHIND, Flag.FAR_BEHIND})
    return wanted in names
