"""Recurring items (周期性事项): each period's occurrence is an item of its own.

A template item with ``recurrence`` weekly / fortnightly / monthly / quarterly
spawns, once per period, an occurrence: a new item under the same parent with
the template's fields, ``occurrence_of`` = the template, a label such as
"2019年8月" and the period's last day as deadline. Spawning happens on the
first daily run inside the period (no back-filling of periods the job missed:
an office tracks the current period, and a catch-up flood would bury it), and
the first occurrence as soon as the template is saved (``recurrence_first``).

The template is the schedule, not work of its own: it has no light and gets
no reminders (``Item.is_recurrence_template``). Its state says whether
occurrences are live: assigning the template assigns its draft occurrences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from duban.audit.services import audit_record
from duban.core import clock
from duban.org.models import User
from duban.supervision.models import DeadlineChange, Item, ItemTransition
from duban.supervision.services.lights import light_refresh_on_commit
from duban.supervision.services.tree import ledger_append, tree_lock
from duban.supervision.workflow import OPEN_STATES, Action, State

COPIED_FIELDS = ("kind", "title", "content", "lead_unit_id", "leader_id", "responsible_id", "target_value",
                 "target_unit", "priority", "report_frequency")
FORTNIGHT_ANCHOR = dt.date(2018, 12, 31)  # a Monday: fortnights are counted from it


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str


def period_of(recurrence: str, day: dt.date) -> Period | None:
    """The period of ``recurrence`` that contains ``day`` (None for no recurrence)."""
    if recurrence == "weekly":
        start = day - dt.timedelta(days=day.weekday())
        year, week, _ = start.isocalendar()
        return Period(start, start + dt.timedelta(days=6), f"{year}年第{week}周")
    if recurrence == "fortnightly":
        start = day - dt.timedelta(days=(day - FORTNIGHT_ANCHOR).days % 14)
        end = start + dt.timedelta(days=13)
        year, week, _ = start.isocalendar()
        return Period(start, end, f"{year}年第{week}–{week + 1}周")
    if recurrence == "monthly":
        start = day.replace(day=1)
        return Period(start, _month_end(start), f"{day.year}年{day.month}月")
    if recurrence == "quarterly":
        quarter = (day.month - 1) // 3 + 1
        start = dt.date(day.year, 3 * quarter - 2, 1)
        return Period(start, _month_end(dt.date(day.year, 3 * quarter, 1)), f"{day.year}年第{quarter}季度")
    return None


def _month_end(first: dt.date) -> dt.date:
    if first.month == 12:
        return dt.date(first.year, 12, 31)
    following = first.replace(month=first.month + 1)
    return following - dt.timedelta(days=1)


def recurrence_spawn(*, today: dt.date) -> list[Item]:
    """Create this period's occurrence of every recurring item that lacks one; return them.

    Idempotent per period: the source and the template are locked while checking, so two
    runs cannot both create it. Templates that are closed, cancelled or
    suspended, not yet started (start date after today) or past their own
    deadline spawn nothing. Each occurrence is audited (``item.recur``).
    """
    templates = Item.objects.filter(occurrence_of__isnull=True).exclude(recurrence="none").exclude(
        state__in=(State.CLOSED, State.CANCELLED, State.SUSPENDED)
    ).order_by("pk").values_list("pk", flat=True)
    return [item for pk in templates if (item := _spawn_one(pk, today)) is not None]


def recurrence_first(*, actor: User, template: Item) -> Item | None:
    """Create the template's current (or, if it starts later, first) occurrence now.

    Called when a recurring item is saved, so that the occurrence is on the
    ledger at once rather than after the nightly job. Call inside the save's
    transaction; idempotent like the daily job.
    """
    if not template.is_recurrence_template:
        return None
    today = clock.today()
    day = max(today, template.start_date) if template.start_date else today
    return _spawn_one(template.pk, day, actor=actor)


@transaction.atomic
def _spawn_one(template_id: int, today: dt.date, *, actor: User | None = None) -> Item | None:
    # The source's tree first (the occurrence takes a number there), then the template (lock order).
    tree_lock(Item.objects.values_list("source_id", flat=True).get(pk=template_id))
    template = Item.objects.select_for_update().get(pk=template_id)
    if template.state in (State.CLOSED, State.CANCELLED, State.SUSPENDED):
        return None
    period = period_of(template.recurrence, today)
    if period is None or (template.start_date and template.start_date > period.end):
        return None
    if template.deadline and template.deadline < period.start:
        return None
    if Item.objects.filter(occurrence_of=template, occurrence_label=period.label).exists():
        return None
    occurrence = _occurrence_create(template, period, actor=actor)
    audit_record(actor=actor, action="item.recur", obj=occurrence,
                 after={"template": template.pk, "label": period.label, "deadline": period.end.isoformat(),
                        "state": occurrence.state, "number": occurrence.number})
    return occurrence


def occurrences_assign(*, actor: User, template: Item) -> list[Item]:
    """Assign the template's draft occurrences along with the template (call in its transaction).

    A draft occurrence was made when the template was saved; it takes the
    template's fields as they are now (the lead unit may have been set since).
    Drafts of periods already over stay drafts; the current period's
    occurrence is created if it is missing.
    """
    now = clock.now()
    assigned = []
    drafts = Item.objects.select_for_update().filter(occurrence_of=template, state=State.DRAFT,
                                                     deadline__gte=clock.today()).order_by("deadline", "pk")
    for occurrence in drafts:
        for name in COPIED_FIELDS:
            setattr(occurrence, name, getattr(template, name))
        occurrence.title = f"{template.title}（{occurrence.occurrence_label}）"[:500]
        occurrence.state, occurrence.assigned_at = State.ASSIGNED, now
        occurrence.version += 1
        occurrence.save()
        occurrence.cooperating_units.set(template.cooperating_units.all())
        occurrence.tags.set(template.tags.all())
        data = {"recurrence_of": template.pk, "label": occurrence.occurrence_label}
        ItemTransition.objects.create(item=occurrence, action=Action.ASSIGN, from_state=State.DRAFT,
                                      to_state=State.ASSIGNED, actor=actor, at=now, data=data)
        audit_record(actor=actor, action="item.assign", obj=occurrence,
                     before={"state": State.DRAFT},
                     after={"state": State.ASSIGNED, "recurrence_of": template.pk})
        light_refresh_on_commit(occurrence)
        assigned.append(occurrence)
    first = recurrence_first(actor=actor, template=template)
    return [*assigned, first] if first is not None else assigned


def _occurrence_create(template: Item, period: Period, *, actor: User | None) -> Item:
    """Call under ``tree_lock(template.source_id)``."""
    now = clock.now()
    assigned = template.state in OPEN_STATES
    occurrence = Item(
        source_id=template.source_id, parent=template.parent,
        start_date=period.start, deadline=period.end, occurrence_of=template,
        occurrence_label=period.label, created_by=template.created_by,
        state=State.ASSIGNED if assigned else State.DRAFT, assigned_at=now if assigned else None,
        **{name: getattr(template, name) for name in COPIED_FIELDS},
    )
    occurrence.title = f"{template.title}（{period.label}）"[:500]
    ledger_append(occurrence, template.parent)
    occurrence.save()
    occurrence.cooperating_units.set(template.cooperating_units.all())
    occurrence.tags.set(template.tags.all())
    DeadlineChange.objects.create(item=occurrence, old=None, new=period.end, reason=period.label, actor=actor,
                                  at=now)
    if assigned:
        ItemTransition.objects.create(item=occurrence, action=Action.ASSIGN, from_state=State.DRAFT,
                                      to_state=State.ASSIGNED, actor=actor, at=now,
                                      data={"recurrence_of": template.pk, "label": period.label})
    return occurrence
