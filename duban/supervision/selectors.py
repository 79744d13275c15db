"""Reads of supervision items: scoped, filtered, with what pages need prefetched."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    Expression,
    F,
    Max,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from duban.core import clock
from duban.org import scope
from duban.org.models import LeaderUnit
from duban.org.scope import Viewer
from duban.supervision import policy
from duban.supervision.filters import LIGHT_VALUES, ItemFilters, SortKey
from duban.supervision.lights import ItemFacts, Light, LightPolicy, MilestoneFact, compute_light
from duban.supervision.models import (
    DeadlineChange,
    Instruction,
    Item,
    ItemTransition,
    LightSettings,
    Milestone,
    ProgressReport,
    Tag,
)
from duban.supervision.schedule import missed_report_since
from duban.supervision.workflow import OPEN_STATES, State


def item_list(*, user: Viewer, filters: ItemFilters, today: dt.date | None = None) -> QuerySet[Item]:
    """Items in the user's scope matching ``filters``, in the order they ask for (ledger order by default).

    ``today`` (default ``clock.today()``) is what "overdue" is measured against.
    Stored lights are first brought to the clock's today (one query when they
    are), so the light filter, the sort by light, the rows and the counts all
    read the light the pages show.
    """
    from duban.supervision.services.lights import lights_current  # it reads this module

    lights_current()
    # The states asked for go into the scope's own reads (the (unit, state) index).
    states = filters.states or (OPEN_STATES if filters.overdue_only else ())
    items = policy.items_visible(user, states=states)
    if filters.sources:
        items = items.filter(source_id__in=filters.sources)
    if filters.units:
        # A subquery, not a join: the cooperating-unit join would repeat rows.
        in_units = Q(lead_unit_id__in=filters.units) | Q(cooperating_units__id__in=filters.units)
        items = items.filter(pk__in=Item.objects.filter(in_units).values("pk"))
    if filters.lead_units:
        items = items.filter(lead_unit_id__in=filters.lead_units)
    if filters.leaders:
        items = items.filter(leader_id__in=filters.leaders)
    if filters.states:
        items = items.filter(state__in=filters.states)
    if filters.lights:
        items = items.filter(light__in=filters.lights)
    if filters.deadline_from:
        items = items.filter(deadline__gte=filters.deadline_from)
    if filters.deadline_to:
        items = items.filter(deadline__lte=filters.deadline_to)
    if filters.tag:
        items = items.filter(tags__name=filters.tag)
    if filters.overdue_only:
        items = items.filter(state__in=OPEN_STATES, deadline__lt=today or clock.today())
    if filters.roots_only:
        items = items.filter(parent__isnull=True)
    for word in filters.q.split():
        items = items.filter(Q(title__icontains=word) | Q(content__icontains=word) | Q(number=word))
    return (
        items.select_related("source", "lead_unit", "leader", "responsible")
        .prefetch_related("cooperating_units", "tags")
        .order_by(*item_ordering(filters))
    )


_LEDGER_ORDER = ("source__date", "source_id", "path")
_LIGHT_RANK = Case(
    *(When(light=colour, then=Value(rank)) for rank, colour in enumerate(reversed(LIGHT_VALUES))),
    default=Value(len(LIGHT_VALUES)),
)
_STATE_RANK = Case(
    *(When(state=s.value, then=Value(rank)) for rank, s in enumerate(State)), default=Value(len(State))
)


def item_ordering(filters: ItemFilters) -> list[OrderBy]:
    """The ORDER BY of a sort key: the key (nulls last either way), then ledger order, then id.

    The ledger order and the id make the order total, so pages never overlap or skip rows.
    """
    keys: dict[SortKey, list[Expression | F]] = {
        SortKey.NUMBER: [F(name) for name in _LEDGER_ORDER],
        SortKey.DEADLINE: [F("deadline")],
        SortKey.LIGHT: [_LIGHT_RANK],
        SortKey.UNIT: [F("lead_unit__sort_order"), F("lead_unit__name")],
        SortKey.STATE: [_STATE_RANK],
    }
    first = [
        key.desc(nulls_last=True) if filters.descending else key.asc(nulls_last=True)
        for key in keys[filters.sort]
    ]
    return [*first, *(F(name).asc() for name in _LEDGER_ORDER), F("pk").asc()]


def light_policy() -> LightPolicy:
    s = LightSettings.current()
    return LightPolicy(s.preset, s.near_days, s.behind_margin, s.far_behind_margin, s.escalate_days)


def item_facts(
    item: Item, *, milestones: list[Milestone], last_report: dt.date | None, today: dt.date
) -> ItemFacts:
    start = item.start_day
    return ItemFacts(
        is_open=item.state in OPEN_STATES,
        start=start,
        deadline=item.deadline,
        progress=item.progress_percent,
        milestones=tuple(MilestoneFact(m.due, m.percent, m.done_on) for m in milestones),
        missed_report_since=missed_report_since(item.report_frequency, start, today, last_report),
    )


def lights_for(items: list[Item], *, today: dt.date, policy: LightPolicy | None = None) -> dict[int, Light]:
    """Lights of a set of items in two queries (milestones, last reports).

    A recurring template has none (its occurrences are the tracked work).
    """
    policy = policy or light_policy()
    items = [i for i in items if not i.is_recurrence_template]
    ids = [i.pk for i in items]
    milestones: dict[int, list[Milestone]] = {i: [] for i in ids}
    for m in Milestone.objects.filter(item_id__in=ids):
        milestones[m.item_id].append(m)
    last = last_report_at(ids)
    return {
        i.pk: compute_light(
            item_facts(
                i,
                milestones=milestones[i.pk],
                last_report=timezone.localtime(last[i.pk]).date() if last.get(i.pk) else None,
                today=today,
            ),
            today,
            policy,
        )
        for i in items
    }


def with_parent_in_scope(items: QuerySet[Item], user: Viewer) -> QuerySet[Item]:
    """Annotate ``parent_in_scope``: whether the user may see the parent, so pages name and
    link it (breadcrumb) and the API gives its id (ids are the API's links) only then."""
    return items.annotate(parent_in_scope=Exists(policy.items_visible(user).filter(pk=OuterRef("parent_id"))))


def item_detail_queryset(user: Viewer) -> QuerySet[Item]:
    """Everything the item page, its API answer and its timeline export show, prefetched.

    People come with their person (``User.__str__`` reads it), so the number of
    queries does not grow with the number of reports or steps. Neighbours are
    scoped too: ``children_in_scope`` holds only the sub-items the user may open
    (drafts stay the office's), and ``parent_in_scope`` says whether the parent may
    be named and linked (breadcrumb); likewise ``occurrences_in_scope`` and
    ``template_in_scope`` for a recurring item's occurrences and template.
    """
    visible = policy.items_visible(user)
    return (
        visible
        .select_related("source", "lead_unit", "leader", "responsible", "parent", "occurrence_of")
        .annotate(
            parent_in_scope=Exists(visible.filter(pk=OuterRef("parent_id"))),
            template_in_scope=Exists(visible.filter(pk=OuterRef("occurrence_of_id"))),
        )
        .prefetch_related(
            "cooperating_units",
            "tags",
            "milestones",
            "attachments",
            "approvals",
            Prefetch(
                "children",
                queryset=visible.select_related("lead_unit").order_by("path"),
                to_attr="children_in_scope",
            ),
            Prefetch(
                "occurrences", queryset=visible.order_by("-deadline", "-pk"), to_attr="occurrences_in_scope"
            ),
            Prefetch(
                "reports",
                queryset=ProgressReport.objects.select_related("author__person", "corrects").prefetch_related(
                    "attachments"
                ),
            ),
            Prefetch(
                "transitions",
                queryset=ItemTransition.objects.select_related("actor__person").prefetch_related(
                    "attachments"
                ),
            ),
            Prefetch("deadline_changes", queryset=DeadlineChange.objects.select_related("actor__person")),
            Prefetch("instructions", queryset=Instruction.objects.select_related("author__person")),
        )
    )


def item_after_transition(record: ItemTransition) -> Item:
    """The item as a transition left it, for its actor's answer.

    Deliberately not re-scoped: a liaison who returns an item (退办) sends it back
    to draft, out of their scope, and must still see the result of their own action.
    """
    items = Item.objects.all()
    if record.actor is not None:
        items = with_parent_in_scope(items, record.actor)
    return (
        items
        .select_related("lead_unit", "leader", "responsible")
        .prefetch_related("cooperating_units", "tags")
        .get(pk=record.item_id)
    )


def last_report_at(item_ids: list[int]) -> dict[int, dt.datetime]:
    """When each item's latest progress report was submitted (items without one are absent).

    Call with ids of items already read through scope.
    """
    rows = (
        ProgressReport.objects.filter(item_id__in=item_ids)
        .values("item_id")
        .annotate(at=Max("submitted_at"))
        .values_list("item_id", "at")
    )
    return dict(rows)


@dataclass(frozen=True)
class LedgerChoices:
    """What the ledger's filters offer a viewer (read bundle): (id, name) pairs within their scope only.

    A unit or person out of scope is neither offered nor named; drafts are the
    supervision office's own, so only it is offered the 草稿 state.
    """

    sources: list[tuple[int, str]]
    units: list[tuple[int, str]]
    leaders: list[tuple[int, str]]
    states: list[tuple[str, str]]
    tags: list[str]


def ledger_choices(user: Viewer, *, with_sources: bool = True) -> LedgerChoices:
    """The filter choices in one query each (sources, units, leaders, tags), whatever the data size."""
    units = scope.units_visible(user).select_related(None).filter(is_active=True)
    leaders = scope.people_visible(user).select_related(None).filter(
        pk__in=LeaderUnit.objects.values("leader_id")
    )
    sources = policy.sources_visible(user).values_list("id", "title") if with_sources else []
    office = policy.may_register(user)
    return LedgerChoices(
        sources=list(sources),
        units=list(units.values_list("id", "name")),
        leaders=list(leaders.values_list("id", "name")),
        states=[(value, str(label)) for value, label in State.choices if value != State.DRAFT or office],
        tags=list(Tag.objects.values_list("name", flat=True)),
    )
