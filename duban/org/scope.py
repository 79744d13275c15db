"""Scope: the one place that answers "may this user see / do this?".

Every page, API call, export, download and search goes through these
functions. ``access_*`` return the object or raise :class:`NotFound` alike for
"missing" and "not yours" (SPEC: 404, not a hint that it exists); ``*_visible``
return querysets already filtered to the user's scope.

Rules (SPEC "Users, roles and scope"):
- supervisor, top leader, administrator: everything;
- leader in charge: their own unit and the units they oversee;
- liaison, statistician, project officer: their own unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from duban.core.errors import NotFound, PermissionDenied
from duban.org.models import Person, Unit, User
from duban.org.roles import SEES_EVERYTHING, Role

if TYPE_CHECKING:
    from duban.ingest.models import IngestRun
    from duban.supervision.models import Attachment, Item, Source


def _active_user(user: Any) -> User | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return user  # type: ignore[no-any-return]


def sees_everything(user: Any) -> bool:
    active = _active_user(user)
    return active is not None and bool(active.role_set & SEES_EVERYTHING)


def has_role(user: Any, *roles: Role) -> bool:
    active = _active_user(user)
    return active is not None and bool(active.role_set & set(roles))


def unit_ids_in_scope(user: Any) -> set[int] | None:
    """Unit ids the user's scope covers; ``None`` means all units."""
    active = _active_user(user)
    if active is None:
        return set()
    if sees_everything(active):
        return None
    ids: set[int] = set()
    if active.unit_id is not None:
        ids.add(active.unit_id)
    if Role.LEADER in active.role_set and active.person_id is not None:
        ids.update(Unit.objects.filter(leader_links__leader_id=active.person_id).values_list("id", flat=True))
    return ids


def units_visible(user: Any) -> QuerySet[Unit]:
    ids = unit_ids_in_scope(user)
    units = Unit.objects.select_related("parent")
    return units if ids is None else units.filter(id__in=ids)


def people_visible(user: Any) -> QuerySet[Person]:
    ids = unit_ids_in_scope(user)
    people = Person.objects.select_related("unit")
    return people if ids is None else people.filter(unit_id__in=ids)


def access_unit(user: Any, unit_id: int) -> Unit:
    unit = units_visible(user).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("unit")
    return unit


def access_person(user: Any, person_id: int) -> Person:
    person = people_visible(user).filter(pk=person_id).first()
    if person is None:
        raise NotFound("person")
    return person


def may_manage_org(user: Any) -> bool:
    """Only administrators change units, people and users."""
    return has_role(user, Role.ADMIN)


def check_manage_org(user: Any) -> None:
    if not may_manage_org(user):
        raise PermissionDenied("Only an administrator may change the organisation.")


def may_read_audit(user: Any) -> bool:
    """Supervisors and administrators read the audit trail."""
    return has_role(user, Role.SUPERVISOR, Role.ADMIN)


# --- Supervision items and sources -------------------------------------------------
# An item is in scope for: supervisors, top leaders, administrators (all); a leader
# in charge (items they lead, and items whose lead or cooperating unit they oversee);
# unit users (items where their unit is lead or cooperating unit). Drafts are the
# supervision office's own until assigned.


def _item_scope_filter(user: Any) -> Q | None:
    """The Q that limits items to the user's scope; None means no limit."""
    from duban.supervision.workflow import State

    active = _active_user(user)
    if active is None:
        return Q(pk__in=[])
    if sees_everything(active):
        return None
    unit_ids = unit_ids_in_scope(active) or set()
    scoped = Q(lead_unit_id__in=unit_ids) | Q(cooperating_units__id__in=unit_ids)
    if Role.LEADER in active.role_set and active.person_id is not None:
        scoped |= Q(leader_id=active.person_id)
    return scoped & ~Q(state=State.DRAFT)


def items_visible(user: Any) -> QuerySet[Item]:
    """Items in the user's scope (no duplicates from the cooperating-unit join)."""
    from duban.supervision.models import Item

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
    from duban.supervision.models import Source

    if sees_everything(user):
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
    ids = unit_ids_in_scope(user) or set()
    return item.lead_unit_id in ids


def may_register(user: Any) -> bool:
    """Registering sources and items, and editing them, is the supervision office's."""
    return has_role(user, Role.SUPERVISOR)


def check_register(user: Any) -> None:
    if not may_register(user):
        raise PermissionDenied("Only the supervision office registers and edits items.")


def access_attachment(user: Any, attachment_id: int) -> Attachment:
    """A file, if what it is attached to (item or source) is in scope; NotFound alike otherwise.

    Every download — page or API — goes through here; files are never served by URL.
    """
    from duban.supervision.models import Attachment

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



def ingest_runs_visible(user: Any) -> QuerySet[IngestRun]:
    """Documents read for drafting: the supervision office's working material."""
    from duban.ingest.models import IngestRun

    runs = IngestRun.objects.select_related("created_by")
    return runs if may_register(user) else runs.none()


def access_ingest_run(user: Any, run_id: int) -> IngestRun:
    run = ingest_runs_visible(user).filter(pk=run_id).first()
    if run is None:
        raise NotFound("document")
    return run
