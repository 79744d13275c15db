"""Supervision policy: who sees which items, sources and files, and who may register them.

``access_*`` return the object or raise :class:`NotFound` alike for "missing" and
"not yours" (SPEC: 404, not a hint); ``*_visible`` return querysets already limited
to the user's scope. The viewer's reach (roles, units, portfolio) comes from
:mod:`duban.org.scope`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from duban.core.errors import NotFound, PermissionDenied
from duban.org import scope
from duban.org.roles import Role
from duban.supervision.models import Attachment, Item, Source
from duban.supervision.workflow import State

# An item is in scope for: supervisors, top leaders, administrators (all); a leader
# in charge (items they lead, and items whose lead or cooperating unit they oversee);
# unit users (items where their unit is lead or cooperating unit). Drafts are the
# supervision office's own until assigned.


def _item_scope_filter(user: Any) -> Q | None:
    """The Q that limits items to the user's scope; None means no limit."""
    active = scope.active_user(user)
    if active is None:
        return Q(pk__in=[])
    if scope.sees_everything(active):
        return None
    unit_ids = scope.unit_ids_in_scope(active) or set()
    scoped = Q(lead_unit_id__in=unit_ids) | Q(cooperating_units__id__in=unit_ids)
    if Role.LEADER in active.role_set and active.person_id is not None:
        scoped |= Q(leader_id=active.person_id)
    return scoped & ~Q(state=State.DRAFT)


def items_visible(user: Any) -> QuerySet[Item]:
    """Items in the user's scope (no duplicates from the cooperating-unit join)."""
    condition = _item_scope_filter(user)
    if condition is None:
        return Item.objects.all()
    return Item.objects.filter(pk__in=Item.objects.filter(condition).values("pk"))


def access_item(user: Any, item_id: int, *, for_update: bool = False) -> Item:
    """The item, if in the user's scope; NotFound alike for missing and out of scope."""
    items = items_visible(user).select_related("source", "lead_unit", "leader", "responsible", "parent")
    if for_update:
        items = items.select_for_update(of=("self",))
    item = items.filter(pk=item_id).first()
    if item is None:
        raise NotFound("item")
    return item


def sources_visible(user: Any) -> QuerySet[Source]:
    """Sources with at least one item in scope (all for those who see everything)."""
    if scope.sees_everything(user):
        return Source.objects.all()
    return Source.objects.filter(pk__in=items_visible(user).values("source_id"))


def access_source(user: Any, source_id: int) -> Source:
    source = sources_visible(user).filter(pk=source_id).first()
    if source is None:
        raise NotFound("source")
    return source


def is_lead_unit_user(user: Any, item: Item) -> bool:
    """The user belongs to the item's lead unit."""
    return getattr(user, "unit_id", None) is not None and user.unit_id == item.lead_unit_id


def is_items_leader(user: Any, item: Item) -> bool:
    """The user is the item's leader in charge, or oversees its lead unit."""
    person_id = getattr(user, "person_id", None)
    if person_id is None or Role.LEADER not in user.role_set:
        return False
    if item.leader_id == person_id:
        return True
    ids = scope.unit_ids_in_scope(user) or set()
    return item.lead_unit_id in ids


def may_register(user: Any) -> bool:
    """Registering sources and items, and editing them, is the supervision office's."""
    return scope.has_role(user, Role.SUPERVISOR)


def check_register(user: Any) -> None:
    if not may_register(user):
        raise PermissionDenied("Only the supervision office registers and edits items.")


def access_attachment(user: Any, attachment_id: int) -> Attachment:
    """A file, if what it is attached to (item or source) is in scope; NotFound alike otherwise.

    Every download — page or API — goes through here; files are never served by URL.
    """
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound("attachment")
    if attachment.item_id is not None:
        access_item(user, attachment.item_id)
    elif attachment.source_id is not None:
        access_source(user, attachment.source_id)
    else:
        raise NotFound("attachment")
    return attachment
