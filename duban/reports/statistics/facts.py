"""The reads behind the statistics (督办统计): one row of facts per item in the viewer's scope.

Four queries whatever the size of the ledger: the items, the reports that can
answer a due date of the period, and the names of the groups. What an item's
state was on a past day is taken from its dates: an item closed (办结) after
``as_of`` was open on it; cancelled and suspended items are not counted as open
(the ledger does not keep when they stopped). Deadlines are the current ones
(an extension granted later moves an item out of "late").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import QuerySet

from duban.core import clock
from duban.org.models import Person, Unit
from duban.org.scope import Viewer
from duban.reports.statistics.figures import ItemFacts, Period, Tally, tally, total
from duban.supervision import policy
from duban.supervision.models import Item, ProgressReport
from duban.supervision.models.item import RECURRENCE_TEMPLATE
from duban.supervision.schedule import report_due_dates
from duban.supervision.workflow import OPEN_STATES, State

# The longest gap between two due dates (quarterly): a report this long before the
# period can still answer its first due date.
LONGEST_REPORT_GAP = dt.timedelta(days=100)


class GroupBy(StrEnum):
    UNIT = "unit"
    LEADER = "leader"
    SOURCE = "source"


@dataclass(frozen=True)
class StatRow:
    """One group's line: its id (None: no unit / no leader), name and counts."""

    key: int | None
    name: str
    tally: Tally


@dataclass(frozen=True)
class Statistics:
    period: Period
    group_by: GroupBy
    rows: list[StatRow]
    total: Tally
    items: int = 0  # assigned items in scope
    open_items: int = 0  # of them, open on ``period.as_of``


def _start(item: tuple[object, ...]) -> dt.date | None:
    start_date, assigned_at = item[6], item[7]
    if isinstance(start_date, dt.date):
        return start_date
    return clock.local_date(assigned_at) if isinstance(assigned_at, dt.datetime) else None


@dataclass(frozen=True)
class Within:
    """A narrower scope inside the viewer's: one lead unit, or one leader's items (None: no limit)."""

    lead_unit: int | None = None
    leader: int | None = None


def _items(user: Viewer, within: Within) -> QuerySet[Item]:
    items = policy.items_visible(user)
    if within.lead_unit is not None:
        items = items.filter(lead_unit_id=within.lead_unit)
    if within.leader is not None:
        items = items.filter(leader_id=within.leader)
    return items


def item_facts(*, user: Viewer, period: Period, within: Within | None = None) -> list[ItemFacts]:
    """Facts of every assigned item in the user's scope (drafts and recurrence templates left out)."""
    within = within or Within()
    rows = list(
        _items(user, within)
        .exclude(state=State.DRAFT)
        .exclude(RECURRENCE_TEMPLATE)
        .filter(assigned_at__isnull=False)
        .values_list(
            "pk",
            "lead_unit_id",
            "leader_id",
            "source_id",
            "deadline",
            "state",
            "start_date",
            "assigned_at",
            "closed_at",
            "report_frequency",
        )
    )
    reported: dict[int, list[dt.date]] = defaultdict(list)
    if rows:
        window = ProgressReport.objects.filter(  # scoped: reports of the viewer's items (below)
            item_id__in=_items(user, within).values("pk"),
            submitted_at__date__gte=period.start - LONGEST_REPORT_GAP,
            submitted_at__date__lte=period.as_of,
        ).values_list("item_id", "submitted_at")
        for item_id, at in window:
            reported[item_id].append(clock.local_date(at))
    return [_facts(row, period, reported.get(int(row[0]), [])) for row in rows]


def _facts(row: tuple[object, ...], period: Period, reports: list[dt.date]) -> ItemFacts:
    pk, unit_id, leader_id, source_id, deadline, state, _sd, assigned_at, closed_at, frequency = row
    assert isinstance(assigned_at, dt.datetime)
    assigned_on = clock.local_date(assigned_at)
    closed = state == State.CLOSED and isinstance(closed_at, dt.datetime)
    closed_on = clock.local_date(closed_at) if closed and isinstance(closed_at, dt.datetime) else None
    was_open_after = closed_on is not None and closed_on > period.as_of
    is_open = assigned_on <= period.as_of and (state in OPEN_STATES or was_open_after)
    start = _start(row)
    until = min(period.as_of, closed_on) if closed_on else period.as_of
    due = tuple(report_due_dates(str(frequency), start, until)) if start and start < until else ()
    return ItemFacts(
        item_id=int(pk),  # type: ignore[call-overload]
        unit_id=unit_id if isinstance(unit_id, int) else None,
        leader_id=leader_id if isinstance(leader_id, int) else None,
        source_id=int(source_id),  # type: ignore[call-overload]
        deadline=deadline if isinstance(deadline, dt.date) else None,
        assigned_on=assigned_on,
        closed_on=closed_on if not was_open_after else None,
        is_open=is_open,
        report_due=due,
        reports_at=tuple(sorted(reports)),
    )


_KEYS = {
    GroupBy.UNIT: lambda f: f.unit_id,
    GroupBy.LEADER: lambda f: f.leader_id,
    GroupBy.SOURCE: lambda f: f.source_id,
}


def _names(user: Viewer, group_by: GroupBy, keys: set[Hashable]) -> dict[Hashable, str]:
    ids = [k for k in keys if isinstance(k, int)]
    if group_by == GroupBy.UNIT:
        return dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    if group_by == GroupBy.LEADER:
        return dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))
    return dict(policy.sources_visible(user).filter(pk__in=ids).values_list("pk", "title"))


def statistics(
    *, user: Viewer, period: Period, group_by: GroupBy, within: Within | None = None
) -> Statistics:
    """Counts per unit, leader or source for ``period`` in the user's scope, sorted by name."""
    facts = item_facts(user=user, period=period, within=within)
    groups = tally(facts, period, _KEYS[group_by])
    names = _names(user, group_by, set(groups))
    rows = [
        StatRow(key=key if isinstance(key, int) else None, name=names.get(key, ""), tally=counts)
        for key, counts in groups.items()
    ]
    rows.sort(key=lambda r: (r.key is None, r.name))
    return Statistics(
        period=period,
        group_by=group_by,
        rows=rows,
        total=total(r.tally for r in rows),
        items=len(facts),
        open_items=sum(f.is_open for f in facts),
    )
