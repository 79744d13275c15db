"""The leaders' cockpit (领导驾驶舱): what is late, where, and who answers for it, in one read.

Every count is taken from the ledger's own selector (``supervision.selectors.item_list``)
with the filters of the list it links to, so following a figure shows a list with the
same count. The scope is the viewer's (a top leader the zone, a leader in charge their
portfolio, a unit its own). A fixed number of queries, whatever the size of the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from duban.core import workdays
from duban.core.errors import DomainError
from duban.org.models import Person, Unit
from duban.org.scope import Viewer
from duban.supervision import policy
from duban.supervision.filters import OPEN_STATE_VALUES, ItemFilters
from duban.supervision.models import Instruction
from duban.supervision.selectors import item_list
from duban.supervision.workflow import State

# Items due within this many working days are "due soon" (临近到期).
DUE_SOON_WORKDAYS = 5
TOP_GROUPS = 10
RECENT_INSTRUCTIONS = 5


def ledger_link(**params: object) -> str:
    """The ledger filtered by ``params`` (lists repeat the parameter, as the ledger's form sends)."""
    return f"{reverse('supervision:ledger')}?{urlencode(params, doseq=True)}"


@dataclass(frozen=True)
class Figure:
    """A count and the ledger list that shows the same items."""

    key: str
    label: str
    count: int
    link: str


@dataclass(frozen=True)
class Recent:
    item_id: int
    item_title: str
    author: str
    at: dt.datetime
    text: str


@dataclass
class SupervisionFigures:
    open_items: Figure
    overdue: Figure
    due_soon: Figure
    due_soon_until: dt.date
    by_state: list[Figure]
    by_light: list[Figure]
    overdue_by_unit: list[Figure]
    overdue_by_leader: list[Figure]
    instructions: list[Recent] = field(default_factory=list)


def due_soon_until(today: dt.date) -> dt.date:
    """The last day of "due soon": ``DUE_SOON_WORKDAYS`` working days on (calendar days where unknown)."""
    try:
        return workdays.add_workdays(today, DUE_SOON_WORKDAYS)
    except DomainError:
        return today + dt.timedelta(days=DUE_SOON_WORKDAYS + 2)


def _grouped(user: Viewer, filters: ItemFilters, today: dt.date, column: str) -> Mapping[object, int]:
    rows = (
        item_list(user=user, filters=filters, today=today)
        .order_by()
        .values_list(column)
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def _named(counts: Mapping[object, int], names: Mapping[int, str], param: str) -> list[Figure]:
    figures = [
        Figure(str(key), names.get(key, ""), n, ledger_link(**{param: key, "overdue": 1}))
        for key, n in counts.items()
        if isinstance(key, int)
    ]
    figures.sort(key=lambda f: (-f.count, f.label))
    return figures[:TOP_GROUPS]


def supervision_figures(
    *, user: Viewer, today: dt.date, state_labels: Mapping[str, str], light_labels: Mapping[str, str]
) -> SupervisionFigures:
    """Counts by state and light, overdue by unit and leader, due soon, recent instructions (9 queries)."""
    open_filters = ItemFilters(states=OPEN_STATE_VALUES)
    by_state = _grouped(user, open_filters, today, "state")
    by_light = _grouped(user, open_filters, today, "light")
    overdue = ItemFilters(overdue_only=True)
    by_unit = _grouped(user, overdue, today, "lead_unit_id")
    by_leader = _grouped(user, overdue, today, "leader_id")
    until = due_soon_until(today)
    soon = ItemFilters(states=OPEN_STATE_VALUES, deadline_from=today, deadline_to=until)
    soon_count = item_list(user=user, filters=soon, today=today).count()
    units = dict(
        Unit.objects.filter(pk__in=[k for k in by_unit if isinstance(k, int)]).values_list("pk", "name")
    )
    people = dict(
        Person.objects.filter(pk__in=[k for k in by_leader if isinstance(k, int)]).values_list("pk", "name")
    )
    state_param = {"state": list(OPEN_STATE_VALUES)}
    return SupervisionFigures(
        open_items=Figure("open", "", sum(by_state.values()), ledger_link(**state_param)),
        overdue=Figure("overdue", "", sum(by_unit.values()), ledger_link(overdue=1)),
        due_soon=Figure(
            "due_soon",
            "",
            soon_count,
            ledger_link(**state_param, deadline_from=today.isoformat(), deadline_to=until.isoformat()),
        ),
        due_soon_until=until,
        by_state=[
            Figure(s, state_labels[s], by_state[s], ledger_link(state=s))
            for s in OPEN_STATE_VALUES
            if by_state.get(s)
        ],
        by_light=[
            Figure(c, light_labels[c], by_light[c], ledger_link(**state_param, light=c))
            for c in light_labels
            if by_light.get(c)
        ],
        overdue_by_unit=_named(by_unit, units, "lead"),
        overdue_by_leader=_named(by_leader, people, "leader"),
        instructions=_recent_instructions(user),
    )


def _recent_instructions(user: Viewer) -> list[Recent]:
    rows = (
        Instruction.objects.filter(
            item_id__in=policy.items_visible(user).exclude(state=State.DRAFT).values("pk")
        )
        .select_related("item", "author", "author__person")
        .order_by("-at", "-id")[:RECENT_INSTRUCTIONS]
    )
    return [
        Recent(
            r.item_id,
            r.item.title,
            r.author.person.name if r.author.person else r.author.username,
            r.at,
            r.text,
        )
        for r in rows
    ]
