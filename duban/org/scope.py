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

from typing import Any

from django.db.models import QuerySet

from duban.core.errors import NotFound, PermissionDenied
from duban.org.models import Person, Unit, User
from duban.org.roles import SEES_EVERYTHING, Role


def active_user(user: Any) -> User | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return user  # type: ignore[no-any-return]


def sees_everything(user: Any) -> bool:
    active = active_user(user)
    return active is not None and bool(active.role_set & SEES_EVERYTHING)


def has_role(user: Any, *roles: Role) -> bool:
    active = active_user(user)
    return active is not None and bool(active.role_set & set(roles))


def unit_ids_in_scope(user: Any) -> set[int] | None:
    """Unit ids the user's scope covers; ``None`` means all units."""
    active = active_user(user)
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
