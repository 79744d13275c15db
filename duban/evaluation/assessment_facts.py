"""The reads behind unit assessment (以实绩论英雄): supervision facts for ``assessment``.

Five queries whatever the number of units, items and reports: the units' items
(with the time of each one's last completion request as a subquery), the
reports that can answer a due date of the period, and the escalations, urgings
and accountability measures (问责) per unit as aggregates. No per-item query.

The assessment is the office's view of every unit (configured by the supervisor),
so it reads all of the listed units' items; who may *see* the results is the
evaluation policy's business, not this loader's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from duban.accountability.models import Measure as AccountabilityMeasure
from duban.core import clock
from duban.evaluation.assessment import (
    ACCOUNTABILITY,
    ESCALATIONS,
    URGINGS,
    ItemFact,
    Period,
    UnitRecord,
    assess_units,
)
from duban.supervision.models import Item, ItemTransition, ProgressReport, ReminderLog, Urge
from duban.supervision.models.item import RECURRENCE_TEMPLATE
from duban.supervision.models.reminder import ReminderKind
from duban.supervision.workflow import Action, State

# The longest gap between two report due dates (quarterly): a report this long
# before the period can still answer its first due date.
LONGEST_REPORT_GAP = dt.timedelta(days=100)
ESCALATION_KINDS = (ReminderKind.ESCALATE_LEADER, ReminderKind.ESCALATE_TOP)
NOT_COUNTED = (State.DRAFT, State.CANCELLED)


@dataclass(frozen=True)
class AssessmentFacts:
    """The facts of a set of units over a period: items and counted events per unit."""

    items: list[ItemFact]
    events: dict[int, dict[str, int]]


def _instant(day: dt.date) -> dt.datetime:
    """The first instant of ``day`` in the office's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _items(unit_ids: list[int], period: Period) -> QuerySet[Item]:
    # Items closed before the period have nothing left to count in it.
    closed_before = _instant(period.start)
    return (
        Item.objects.filter(lead_unit_id__in=unit_ids, assigned_at__isnull=False)
        .exclude(state__in=NOT_COUNTED)
        .exclude(RECURRENCE_TEMPLATE)
        .exclude(state=State.CLOSED, closed_at__lt=closed_before)
    )


def _done_on(state: object, closed_at: object, requested_at: object) -> dt.date | None:
    """The day a closed item counts as done: its accepted completion request, else its sign-off."""
    if state != State.CLOSED or not isinstance(closed_at, dt.datetime):
        return None
    if isinstance(requested_at, dt.datetime) and requested_at <= closed_at:
        return clock.local_date(requested_at)
    return clock.local_date(closed_at)


def _report_days(items: QuerySet[Item], period: Period) -> dict[int, list[dt.date]]:
    found: dict[int, list[dt.date]] = defaultdict(list)
    window = ProgressReport.objects.filter(
        item_id__in=items.values("pk"),
        submitted_at__gte=_instant(period.start - LONGEST_REPORT_GAP),
        submitted_at__lt=_instant(period.end + dt.timedelta(days=1)),
    ).values_list("item_id", "submitted_at")
    for item_id, at in window:
        found[item_id].append(clock.local_date(at))
    return found


def _events(unit_ids: list[int], period: Period) -> dict[int, dict[str, int]]:
    """Escalations (one per reminder key, whatever its recipients) and urgings per unit."""
    start, stop = _instant(period.start), _instant(period.end + dt.timedelta(days=1))
    events: dict[int, dict[str, int]] = defaultdict(dict)
    escalated = (
        ReminderLog.objects.filter(
            item__lead_unit_id__in=unit_ids, kind__in=ESCALATION_KINDS, sent_at__gte=start, sent_at__lt=stop
        )
        .values("item__lead_unit_id")
        .annotate(n=Count("key", distinct=True))
        .values_list("item__lead_unit_id", "n")
    )
    for unit_id, n in escalated:
        events[unit_id][ESCALATIONS] = n
    urged = (
        Urge.objects.filter(item__lead_unit_id__in=unit_ids, at__gte=start, at__lt=stop)
        .values("item__lead_unit_id")
        .annotate(n=Count("pk"))
        .values_list("item__lead_unit_id", "n")
    )
    for unit_id, n in urged:
        events[unit_id][URGINGS] = n
    for unit_id, n in _accountability(unit_ids, period):
        events[unit_id][ACCOUNTABILITY] = n
    return dict(events)


def _accountability(unit_ids: list[int], period: Period) -> list[tuple[int, int]]:
    """Accountability measures taken in the period against a unit or a person of it, per unit."""
    measures = (
        AccountabilityMeasure.objects.filter(taken_on__gte=period.start, taken_on__lte=period.end)
        .annotate(against=Coalesce("unit_id", "person__unit_id"))
        .filter(against__in=unit_ids)
        .values("against")
        .annotate(n=Count("pk"))
        .values_list("against", "n")
    )
    return list(measures)


FIELDS = (
    "pk", "lead_unit_id", "state", "start_date", "assigned_at", "deadline",
    "closed_at", "report_frequency", "delivery_grade",
)  # fmt: skip


def _fact(row: dict[str, Any], report_days: list[dt.date]) -> ItemFact:
    assigned_at = row["assigned_at"]
    return ItemFact(
        unit_id=row["lead_unit_id"],
        start=row["start_date"] or (clock.local_date(assigned_at) if assigned_at else None),
        deadline=row["deadline"],
        done_on=_done_on(row["state"], row["closed_at"], row["requested_at"]),
        suspended=row["state"] == State.SUSPENDED,
        report_frequency=row["report_frequency"],
        delivery_grade=row["delivery_grade"],
        report_days=tuple(sorted(report_days)),
    )


def assessment_facts(*, unit_ids: Iterable[int], period: Period) -> AssessmentFacts:
    """The supervision facts of ``unit_ids`` for the period (five queries)."""
    ids = sorted(set(unit_ids))
    items = _items(ids, period)
    last_request = (
        ItemTransition.objects.filter(item_id=OuterRef("pk"), action=Action.REQUEST_COMPLETION)
        .order_by("-at")
        .values("at")[:1]
    )
    rows = list(items.annotate(requested_at=Subquery(last_request)).values(*FIELDS, "requested_at"))
    reports = _report_days(items, period) if rows else {}
    facts = [_fact(row, reports.get(row["pk"], [])) for row in rows]
    return AssessmentFacts(items=facts, events=_events(ids, period))


def unit_assessment(*, unit_ids: Iterable[int], period: Period, today: dt.date) -> dict[int, UnitRecord]:
    """Every listed unit's record (单位实绩) over the period, read on ``today``."""
    ids = sorted(set(unit_ids))
    facts = assessment_facts(unit_ids=ids, period=period)
    return assess_units(facts.items, period=period, today=today, unit_ids=ids, events=facts.events)
