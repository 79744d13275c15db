"""Unit assessment by results (以实绩论英雄): indicator values from supervision facts (pure).

The annual assessment of the zone's own units scores each unit on how it did
its supervised work. This module turns plain facts about a unit's items (built
by ``assessment_facts``, no ORM here) into per-unit records and then into the
values of an evaluation scheme's indicators, next to indicators that are entered.

Conventions, for one period ``[start, end]`` (both inclusive) read on ``today``:

- A unit answers for the items it **leads** (牵头); cooperating units are not scored.
  Draft and cancelled items do not count; recurrence templates never reach here.
- An item is **done** on the day its last completion request was made (申请办结),
  when the supervisor then signed it off; a sign-off without a request counts
  from the sign-off. The unit is not held to the days the office took to review.
- **On-time completion rate** (按期完成率, %): of the items whose deadline fell in the
  period (and has passed by ``today``), the share done on or before the deadline.
  The deadline is the current one: an extension the office granted is agreed.
- **Overdue item-days** (逾期天数, calendar days): for every item, the days after its
  deadline and before it was done, counted inside the period.
  An item suspended now (暂停) is not counted as overdue: the pause was agreed.
- **Report punctuality** (反馈及时率, %): of the report dates that fell due in the
  period while the item was open, the share answered by a report made after the
  previous due date and on or before this one (the convention of
  ``supervision.schedule.missed_report_since``).
- **Delivery judgement** (研判得分, 0–100): the mean over the unit's judged items of
  the supervisor's current four-grade judgement (on track 100, manageable 70,
  serious 40, unlikely 0).
- **Escalations** (督办次数), **urgings** (催办次数) and **accountability measures**
  (问责, against the unit or one of its people): counted events in the period, for
  deductions (扣分) per event.

A rate with nothing to count is ``None`` (not applicable), never 0 or 100. A
scheme scores a missing figure 0, so before the values go into a scheme
:func:`not_applicable_as_mean` gives such a unit the mean of the units that have
a figure (无此项任务的单位按平均值计): having nothing due neither helps nor hurts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from duban.supervision.schedule import report_due_dates

# The supervisor's four grades (DeliveryGrade values) as points out of 100.
GRADE_POINTS: Mapping[str, float] = {"green": 100.0, "amber_green": 70.0, "amber_red": 40.0, "red": 0.0}

ON_TIME_RATE = "on_time_rate"
OVERDUE_ITEM_DAYS = "overdue_item_days"
REPORT_PUNCTUALITY = "report_punctuality"
DELIVERY_JUDGEMENT = "delivery_judgement"
ESCALATIONS = "escalations"
URGINGS = "urgings"
ACCOUNTABILITY = "accountability"
EVENTS = (ESCALATIONS, URGINGS, ACCOUNTABILITY)


@dataclass(frozen=True)
class AssessmentIndicator:
    """An indicator computed from supervision data (由督办数据计算的考核指标)."""

    code: str
    name: str  # Chinese, as the scheme shows it
    unit: str
    higher_is_better: bool


# The computed indicators, in the order a scheme lists them.
ASSESSMENT_INDICATORS: tuple[AssessmentIndicator, ...] = (
    AssessmentIndicator(ON_TIME_RATE, "督办事项按期完成率", "%", higher_is_better=True),
    AssessmentIndicator(OVERDUE_ITEM_DAYS, "督办事项逾期天数", "天", higher_is_better=False),
    AssessmentIndicator(REPORT_PUNCTUALITY, "进展反馈及时率", "%", higher_is_better=True),
    AssessmentIndicator(DELIVERY_JUDGEMENT, "督查研判得分", "分", higher_is_better=True),
    AssessmentIndicator(ESCALATIONS, "被督办次数", "次", higher_is_better=False),
    AssessmentIndicator(URGINGS, "被催办次数", "次", higher_is_better=False),
    AssessmentIndicator(ACCOUNTABILITY, "被问责次数", "次", higher_is_better=False),
)


@dataclass(frozen=True)
class Period:
    """An assessment period (考核期), both ends inclusive."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends {self.end} before it starts {self.start}")

    def read_on(self, today: dt.date) -> dt.date:
        """The last day that counts: the period's end, or today while the period runs."""
        return min(self.end, today)


@dataclass(frozen=True)
class ItemFact:
    """What the assessment needs of one item (督办事项); built by ``assessment_facts``."""

    unit_id: int
    start: dt.date | None
    deadline: dt.date | None
    done_on: dt.date | None = None  # see the module doc: the accepted completion request
    suspended: bool = False
    report_frequency: str = "none"
    delivery_grade: str = ""
    report_days: tuple[dt.date, ...] = ()  # local days reports were submitted, any order


@dataclass(frozen=True)
class UnitRecord:
    """A unit's results over the period (单位实绩); rates in %, days in calendar days."""

    unit_id: int
    due: int = 0
    on_time: int = 0
    overdue_item_days: int = 0
    reports_due: int = 0
    reports_punctual: int = 0
    judged: int = 0
    judgement_points: float = 0.0
    escalations: int = 0
    urgings: int = 0
    accountability: int = 0
    items: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return _percent(self.on_time, self.due)

    @property
    def report_punctuality(self) -> float | None:
        return _percent(self.reports_punctual, self.reports_due)

    @property
    def delivery_judgement(self) -> float | None:
        return round(self.judgement_points / self.judged, 2) if self.judged else None

    def values(self) -> dict[str, float | None]:
        """The computed indicators' values by code (``None``: nothing to count)."""
        return {
            ON_TIME_RATE: self.on_time_rate,
            OVERDUE_ITEM_DAYS: float(self.overdue_item_days),
            REPORT_PUNCTUALITY: self.report_punctuality,
            DELIVERY_JUDGEMENT: self.delivery_judgement,
            ESCALATIONS: float(self.escalations),
            URGINGS: float(self.urgings),
            ACCOUNTABILITY: float(self.accountability),
        }


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=dict)
    points: float = 0.0

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def _percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


def on_time(fact: ItemFact, period: Period, today: dt.date) -> bool | None:
    """Whether an item due in the period was done by its deadline; None if not due in it."""
    last = period.read_on(today)
    if fact.deadline is None or not period.start <= fact.deadline <= last or fact.deadline >= today:
        # Not due in the period, or due today: the unit still has today.
        return None
    return fact.done_on is not None and fact.done_on <= fact.deadline


def overdue_days(fact: ItemFact, period: Period, today: dt.date) -> int:
    """Calendar days in the period after the deadline and up to the day the item was done."""
    if fact.deadline is None or fact.suspended and fact.done_on is None:
        return 0
    first = max(fact.deadline + dt.timedelta(days=1), period.start)
    last = period.read_on(today)
    if fact.done_on is not None:
        last = min(last, fact.done_on)
    return max(0, (last - first).days + 1)


def report_punctuality(fact: ItemFact, period: Period, today: dt.date) -> tuple[int, int]:
    """(report dates due in the period, of them answered on time) for one item."""
    if fact.start is None or fact.report_frequency == "none":
        return 0, 0
    # Due today is not yet late; after the item was done nothing more is due.
    last = period.read_on(today - dt.timedelta(days=1))
    if fact.done_on is not None:
        last = min(last, fact.done_on)
    if last <= fact.start:
        return 0, 0
    dues = report_due_dates(fact.report_frequency, fact.start, last)
    previous = [fact.start, *dues[:-1]]
    due = punctual = 0
    for day, prev in zip(dues, previous, strict=True):
        if day < period.start:
            continue
        due += 1
        punctual += any(prev < made <= day for made in fact.report_days)
    return due, punctual


def _counts(fact: ItemFact, period: Period, today: dt.date) -> _Tally:
    tally = _Tally()
    tally.add("items")
    kept = on_time(fact, period, today)
    if kept is not None:
        tally.add("due")
        tally.add("on_time", int(kept))
    tally.add("overdue_item_days", overdue_days(fact, period, today))
    due, punctual = report_punctuality(fact, period, today)
    tally.add("reports_due", due)
    tally.add("reports_punctual", punctual)
    if fact.delivery_grade in GRADE_POINTS:
        tally.add("judged")
        tally.points += GRADE_POINTS[fact.delivery_grade]
    return tally


def assess_units(
    facts: Iterable[ItemFact],
    *,
    period: Period,
    today: dt.date,
    unit_ids: Iterable[int] = (),
    events: Mapping[int, Mapping[str, int]] | None = None,
) -> dict[int, UnitRecord]:
    """Every unit's record (单位实绩) over the period.

    ``unit_ids`` lists units to report even without items (they get empty
    records, so a scheme sees every unit); ``events`` gives counted events per
    unit (``{"escalations": n, "urgings": m, "accountability": k}``).
    """
    tallies: dict[int, _Tally] = {uid: _Tally() for uid in unit_ids}
    for fact in facts:
        merged = tallies.setdefault(fact.unit_id, _Tally())
        one = _counts(fact, period, today)
        for name, n in one.counts.items():
            merged.add(name, n)
        merged.points += one.points
    for uid, counted in (events or {}).items():
        for name in EVENTS:
            tallies.setdefault(uid, _Tally()).add(name, counted.get(name, 0))
    return {uid: _record(uid, tally) for uid, tally in sorted(tallies.items())}


def _record(unit_id: int, tally: _Tally) -> UnitRecord:
    c = tally.counts
    return UnitRecord(
        unit_id=unit_id,
        due=c.get("due", 0),
        on_time=c.get("on_time", 0),
        overdue_item_days=c.get("overdue_item_days", 0),
        reports_due=c.get("reports_due", 0),
        reports_punctual=c.get("reports_punctual", 0),
        judged=c.get("judged", 0),
        judgement_points=tally.points,
        escalations=c.get(ESCALATIONS, 0),
        urgings=c.get(URGINGS, 0),
        accountability=c.get(ACCOUNTABILITY, 0),
        items=c.get("items", 0),
    )


def not_applicable_as_mean(column: Mapping[int, float | None]) -> dict[int, float | None]:
    """The column with each ``None`` replaced by the mean of the known values (all None stay None)."""
    known = [value for value in column.values() if value is not None]
    if not known:
        return dict(column)
    mean = round(math.fsum(known) / len(known), 2)
    return {key: mean if value is None else value for key, value in column.items()}
