"""The to-do list (待办): what the signed-in user has to act on now.

A liaison: items to acknowledge, reports due or missed, items returned to the
unit, extension decisions received. A leader: extension requests and dual
sign-off approvals waiting for them. A supervisor: extension requests and
completion requests to decide. Every list is read through the user's scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duban.core import clock
from duban.core.roles import Role
from duban.org import scope
from duban.org.models import User
from duban.org.scope import signed_in
from duban.supervision import policy
from duban.supervision.models import Item, ItemTransition
from duban.supervision.models.item import RECURRENCE_TEMPLATE
from duban.supervision.models.source import SignOffMode
from duban.supervision.schedule import missed_report_since, next_report_due
from duban.supervision.selectors import last_report_at
from duban.supervision.workflow import REPORTABLE_STATES, Action, State

REPORT_HORIZON_DAYS = 7  # reports due within this many days are listed
DECISION_DAYS = 14  # extension decisions stay on the list this long
LIMIT = 200  # per section; the ledger's filters go further


@dataclass(frozen=True)
class TodoRow:
    item: Item
    note: str | Promise = ""
    when: dt.date | None = None
    late: bool = False


@dataclass
class TodoSection:
    key: str
    title: str | Promise
    rows: list[TodoRow] = field(default_factory=list)


@dataclass
class TodoList:
    sections: list[TodoSection]

    @property
    def total(self) -> int:
        return sum(len(s.rows) for s in self.sections)

    def counts(self) -> list[tuple[str, str | Promise, int]]:
        return [(s.key, s.title, len(s.rows)) for s in self.sections]


def _base(user: User) -> QuerySet[Item]:
    # A recurring template is no one's work: its occurrences are.
    visible = policy.items_visible(user).exclude(RECURRENCE_TEMPLATE)
    return visible.select_related("source", "lead_unit", "leader")


def _last_transitions(items: QuerySet[Item], actions: list[Action]) -> list[ItemTransition]:
    """The latest transition of each item, where it is one of ``actions`` (ids grow with time)."""
    latest = (ItemTransition.objects.filter(item__in=items.values("pk")).values("item_id")
              .annotate(last=Max("id")).values("last"))
    return list(ItemTransition.objects.filter(pk__in=latest, action__in=actions)
                .select_related("item__source", "item__lead_unit", "item__leader").order_by("-at")[:LIMIT])


def _reports_due(user: User, today: dt.date) -> list[TodoRow]:
    unit = user.unit_id
    items = list(_base(user).filter(Q(lead_unit_id=unit) | Q(cooperating_units__id=unit),
                                    state__in=REPORTABLE_STATES).exclude(report_frequency="none").distinct()[:LIMIT])
    last = last_report_at([i.pk for i in items])
    rows = []
    for item in items:
        start = item.start_day
        last_day = timezone.localdate(last[item.pk]) if last.get(item.pk) else None
        missed = missed_report_since(item.report_frequency, start, today, last_day)
        if missed is not None:
            rows.append(TodoRow(item, _("report missed since"), missed, late=True))
            continue
        due = next_report_due(item.report_frequency, start, today)
        if due is not None and (due - today).days <= REPORT_HORIZON_DAYS:
            rows.append(TodoRow(item, _("report due"), due))
    return sorted(rows, key=lambda r: (not r.late, r.when or today))


def _liaison_sections(user: User, today: dt.date) -> list[TodoSection]:
    own = _base(user).filter(lead_unit_id=user.unit_id)
    recent = clock.now() - dt.timedelta(days=DECISION_DAYS)
    returned = [t for t in _last_transitions(own, [Action.RETURN]) if t.item.state == State.IN_PROGRESS]
    decisions = _last_transitions(own, [Action.GRANT_EXTENSION, Action.REFUSE_EXTENSION])
    decided = [t for t in decisions if t.at >= recent]
    assigned = own.filter(state=State.ASSIGNED)[:LIMIT]
    return [
        TodoSection("acknowledge", _("To acknowledge"),
                    [TodoRow(i, _("deadline"), i.deadline) for i in assigned]),
        TodoSection("reports", _("Reports due"), _reports_due(user, today)),
        TodoSection("returned", _("Returned to your unit"),
                    [TodoRow(t.item, _("returned on"), timezone.localdate(t.at)) for t in returned]),
        TodoSection("extensions", _("Extension decisions"),
                    [TodoRow(t.item, _decision(t.action), timezone.localdate(t.at)) for t in decided]),
    ]


def _decision(action: str) -> Promise:
    return _("extension granted") if action == Action.GRANT_EXTENSION else _("extension refused")


def _decider_sections(user: User) -> list[TodoSection]:
    items = _base(user)
    extension = items.filter(state=State.EXTENSION_REQUESTED)
    completion = items.filter(state=State.COMPLETION_REQUESTED)
    if not scope.has_role(user, Role.SUPERVISOR):
        mine = policy.items_led_by(user)
        extension = extension.filter(mine)
        completion = completion.filter(mine, source__sign_off_mode=SignOffMode.DUAL_LEADER).exclude(
            approvals__is_current=True)
    return [
        TodoSection("extension_requests", _("Extension requests to decide"),
                    [TodoRow(i, _("asks for"), i.pending_deadline) for i in extension[:LIMIT]]),
        TodoSection("completion_requests", _("Completion requests to review"),
                    [TodoRow(i, _("deadline"), i.deadline) for i in completion[:LIMIT]]),
    ]


def todo_for(user: User) -> TodoList:
    """The user's to-do list by role (an empty list for roles without business actions)."""
    today = clock.today()
    sections: list[TodoSection] = []
    if scope.has_role(user, Role.LIAISON) and getattr(user, "unit_id", None):
        sections += _liaison_sections(user, today)
    if scope.has_role(user, Role.SUPERVISOR, Role.LEADER):
        sections += _decider_sections(user)
    return TodoList(sections)


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    todo_list = todo_for(signed_in(request.user))
    return render(request, "supervision/todo.html", {"todo": todo_list, "today": clock.today()})
