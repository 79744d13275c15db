"""Supervision policy: who sees which items, sources and files, and who may do what to them.

``access_*`` return the object or raise :class:`NotFound` alike for "missing" and
"not yours" (SPEC: 404, not a hint); ``*_visible`` return querysets already limited
to the user's scope; ``may_*`` answer "may this user do X (to this item)?" and are
what services check and what pages and the API consult to offer buttons and forms,
so both always agree. The viewer's reach (roles, units, portfolio) comes from
:mod:`duban.org.scope`; the workflow's roles and parties from
:data:`duban.supervision.workflow.TRANSITIONS`.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from duban.core.errors import NotFound, PermissionDenied
from duban.core.roles import Role, roles_of
from duban.org import scope
from duban.org.scope import Viewer
from duban.supervision.models import Attachment, Item, Source
from duban.supervision.models.source import SignOffMode
from duban.supervision.workflow import (
    DONE_STATES,
    REPORTABLE_STATES,
    TRANSITIONS,
    Action,
    Party,
    State,
    Transition,
)

# An item is in scope for: supervisors, top leaders, administrators (all); a leader
# in charge (items they lead, and items whose lead or cooperating unit they oversee);
# unit users (items where their unit is lead or cooperating unit). Drafts are the
# supervision office's own until assigned.


def _item_scope_filter(user: Viewer, states: Collection[str] = ()) -> Q | None:
    """The Q that limits items to the user's scope; None means no limit.

    ``states`` (optional) narrows each read to those states, so the (unit, state)
    and (leader, state) indexes answer a list of open items directly.
    """
    active = scope.active_user(user)
    if active is None:
        return Q(pk__in=[])
    if scope.sees_everything(active):
        return None
    unit_ids = scope.unit_ids_in_scope(active) or set()
    in_states = {"state__in": sorted(states)} if states else {}
    # One IN over a UNION ALL of indexed reads (lead unit, cooperating unit, the leader's
    # own), not an OR across the cooperating-unit join: that OR can use no index, so
    # every open item was read and sorted for a unit that leads a hundred.
    # (The cooperating units' read stays on its own table: a unit helps with few items, and
    # a join to read their state would cost more than the rows it drops.)
    coop = Item.cooperating_units.through.objects.filter(unit_id__in=unit_ids)
    branches = [
        Item.objects.filter(lead_unit_id__in=unit_ids, **in_states).order_by().values("pk"),
        coop.order_by().values("item_id"),
    ]
    if Role.LEADER in active.role_set and active.person_id is not None:
        branches.append(Item.objects.filter(leader_id=active.person_id, **in_states).order_by().values("pk"))
    return Q(pk__in=branches[0].union(*branches[1:], all=True)) & ~Q(state=State.DRAFT)


def items_visible(user: Viewer, *, states: Collection[str] = ()) -> QuerySet[Item]:
    """Items in the user's scope (a condition on the item alone: no join, no duplicates).

    ``states``: only items in these states (the same rows as filtering after, read faster).
    """
    condition = _item_scope_filter(user, states)
    items = Item.objects.all() if condition is None else Item.objects.filter(condition)
    return items.filter(state__in=states) if states else items


def access_item(user: Viewer, item_id: int, *, for_update: bool = False) -> Item:
    """The item, if in the user's scope; NotFound alike for missing and out of scope."""
    items = items_visible(user).select_related("source", "lead_unit", "leader", "responsible", "parent")
    if for_update:
        items = items.select_for_update(of=("self",))
    item = items.filter(pk=item_id).first()
    if item is None:
        raise NotFound("item")
    return item


def sources_visible(user: Viewer) -> QuerySet[Source]:
    """Sources with at least one item in scope (all for those who see everything)."""
    if scope.sees_everything(user):
        return Source.objects.all()
    return Source.objects.filter(pk__in=items_visible(user).values("source_id"))


def access_source(user: Viewer, source_id: int) -> Source:
    source = sources_visible(user).filter(pk=source_id).first()
    if source is None:
        raise NotFound("source")
    return source


def attachments_visible(user: Viewer) -> QuerySet[Attachment]:
    """Files attached to an item or a source in the user's scope."""
    if scope.sees_everything(user):
        return Attachment.objects.filter(Q(item__isnull=False) | Q(source__isnull=False))
    return Attachment.objects.filter(
        Q(item_id__in=items_visible(user).values("pk")) | Q(source_id__in=sources_visible(user).values("pk"))
    )


def access_attachment(user: Viewer, attachment_id: int) -> Attachment:
    """A file, if what it is attached to (item or source) is in scope; NotFound alike otherwise.

    Every download — page or API — goes through here; files are never served by URL.
    A file of a hidden item answers exactly as a missing file does.
    """
    attachment = attachments_visible(user).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound("attachment")
    return attachment


# --- who the user is to an item -------------------------------------------------------


def is_lead_unit_user(user: Viewer, item: Item) -> bool:
    """The user belongs to the item's lead unit."""
    active = scope.active_user(user)
    return active is not None and active.unit_id is not None and active.unit_id == item.lead_unit_id


def is_items_leader(user: Viewer, item: Item) -> bool:
    """The user is the item's leader in charge, or oversees its lead unit."""
    active = scope.active_user(user)
    if active is None or active.person_id is None or Role.LEADER not in active.role_set:
        return False
    if item.leader_id == active.person_id:
        return True
    return item.lead_unit_id in scope.overseen_unit_ids(active)


def items_led_by(user: Viewer) -> Q:
    """The items :func:`is_items_leader` holds true for, as a filter (to-do lists of decisions)."""
    active = scope.active_user(user)
    if active is None or active.person_id is None or Role.LEADER not in active.role_set:
        return Q(pk__in=[])
    return Q(leader_id=active.person_id) | Q(lead_unit_id__in=scope.overseen_unit_ids(active))


def _is_party(user: Viewer, item: Item, rule: Transition) -> bool:
    """The table's role and party (lead unit, leader in charge) for this rule."""
    roles = roles_of(user) & rule.roles
    if not roles:
        return False
    if Role.SUPERVISOR in roles:
        return True
    if rule.party == Party.LEAD_UNIT:
        return is_lead_unit_user(user, item)
    if rule.party == Party.LEADER:
        return is_items_leader(user, item)
    return True


def _sign_off_order_allows(user: Viewer, item: Item, action: Action) -> bool:
    """What the table cannot say: dual sign-off's order and who approves (uses ``item.approvals``)."""
    mode = item.source.sign_off_mode
    approvals = [a for a in item.approvals.all() if a.is_current]
    if action == Action.APPROVE:
        if mode == SignOffMode.SINGLE or approvals:
            return False
        if mode == SignOffMode.DUAL_LEADER:
            return is_items_leader(user, item)
        return scope.has_role(user, Role.SUPERVISOR)
    if action == Action.SIGN_OFF and mode != SignOffMode.SINGLE:
        if not approvals:
            return False
        return not (mode == SignOffMode.DUAL_SUPERVISOR and approvals[0].actor_id == user.pk)
    return True


# --- may: the one answer for services, buttons and the API ---------------------------


# A recurring template is the schedule: the office assigns, suspends, resumes or cancels the
# series; the unit acknowledges, reports and asks for completion on each period's occurrence.
TEMPLATE_ACTIONS = frozenset({Action.ASSIGN, Action.SUSPEND, Action.RESUME, Action.CANCEL})


def may_act(user: Viewer, item: Item, action: Action) -> bool:
    """May ``user`` take workflow ``action`` on ``item`` in its current state?

    The item is one the user can access; the table gives state, roles and party.
    """
    if item.is_recurrence_template and action not in TEMPLATE_ACTIONS:
        return False
    rule = TRANSITIONS.get((State(item.state), action))
    return rule is not None and _is_party(user, item, rule) and _sign_off_order_allows(user, item, action)


def allowed_actions(user: Viewer, item: Item) -> list[Action]:
    """The workflow actions ``user`` may take on ``item`` now (buttons, API, services)."""
    return [action for (state, action) in TRANSITIONS if state == item.state and may_act(user, item, action)]


def may_register(user: Viewer) -> bool:
    """Registering sources and items, and editing them, is the supervision office's."""
    return scope.has_role(user, Role.SUPERVISOR)


def check_register(user: Viewer) -> None:
    if not may_register(user):
        raise PermissionDenied(_("Only the supervision office registers and edits items."))


def may_report(user: Viewer, item: Item) -> bool:
    """Liaisons of the lead or a cooperating unit report on open items (reads ``item.cooperating_units``)."""
    active = scope.active_user(user)
    if active is None or Role.LIAISON not in active.role_set or item.state not in REPORTABLE_STATES:
        return False
    if item.is_recurrence_template:  # reports go to the period's occurrence
        return False
    unit_ids = {item.lead_unit_id, *(u.pk for u in item.cooperating_units.all())}
    return active.unit_id in unit_ids


def may_instruct(user: Viewer, item: Item) -> bool:
    """Leaders write instructions (批示) on items in their scope."""
    return scope.has_role(user, Role.TOP_LEADER, Role.LEADER)


def may_judge(user: Viewer, item: Item) -> bool:
    """The supervision office judges the likelihood of delivery."""
    return scope.has_role(user, Role.SUPERVISOR)


def may_edit(user: Viewer, item: Item) -> bool:
    """The office edits an item (fields, time nodes) until it is closed or cancelled.

    A closed item is reopened (重新打开) before it is edited again.
    """
    return may_register(user) and item.state not in DONE_STATES


def may_add_milestone(user: Viewer, item: Item) -> bool:
    """Time nodes are set by the supervision office, on items still editable."""
    return may_edit(user, item)


def may_mark_milestone(user: Viewer, item: Item) -> bool:
    """The supervision office or the lead unit's liaison marks a time node reached (not on a closed item)."""
    if item.state in DONE_STATES:
        return False
    return may_register(user) or (scope.has_role(user, Role.LIAISON) and is_lead_unit_user(user, item))


# Urging (催办) reaches items whose unit is at work or waits for review.
URGEABLE_STATES = frozenset({State.ASSIGNED, State.ACKNOWLEDGED, State.IN_PROGRESS, State.EXTENSION_REQUESTED,
                             State.COMPLETION_REQUESTED})


def may_urge(user: Viewer, item: Item | None = None) -> bool:
    """The supervision office urges (催办) open items; ``item`` None asks about urging at all (bulk)."""
    if not scope.has_role(user, Role.SUPERVISOR):
        return False
    return item is None or item.state in URGEABLE_STATES


def may_follow_up(user: Viewer, item: Item) -> bool:
    """The supervision office schedules and records follow-up checks (回头看)."""
    return scope.has_role(user, Role.SUPERVISOR)


def may_configure(user: Viewer) -> bool:
    """Lights, reminders and robot channels are set by the supervision office or an administrator."""
    return scope.has_role(user, Role.SUPERVISOR, Role.ADMIN)


def may_follow_portfolio(user: Viewer) -> bool:
    """Leaders (分管领导, 书记/主任) bound to a person follow a portfolio."""
    active = scope.active_user(user)
    return active is not None and active.person_id is not None and scope.has_role(
        active, Role.LEADER, Role.TOP_LEADER
    )


def may_see_statistics(user: Viewer) -> bool:
    """The statistics by unit, leader and source: everyone who works with items, over their own scope."""
    return scope.has_role(user, Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.LIAISON, Role.ADMIN)
