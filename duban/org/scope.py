"""The viewer's reach (roles, units in scope, portfolio) and org's own access rules.

Each domain keeps its own ``access_*`` / ``may_*`` in its policy module
(``duban.audit.policy``, ``duban.supervision.policy``, ``duban.ingest.policy``);
they build on the reach computed here. ``access_*`` return the object or raise
:class:`NotFound` alike for "missing" and "not yours" (SPEC: 404, not a hint that
it exists); ``*_visible`` return querysets already filtered to the user's scope.

Reach (SPEC "Users, roles and scope"):
- supervisor, top leader, administrator: everything;
- leader in charge: the units they oversee (their account's own unit does not
  widen it: SPEC gives them "items they lead, units they oversee");
- liaison, statistician, project officer: their own unit.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from duban.core.errors import NotFound, PermissionDenied
from duban.core.roles import SEES_EVERYTHING, Role, roles_of
from duban.org.models import Person, Unit, User

# Whoever asks: a signed-in user, or the anonymous one a page may be shown to.
Viewer: TypeAlias = User | AnonymousUser

# Roles whose reach is the user's own unit.
UNIT_BOUND = frozenset({Role.LIAISON, Role.STATISTICIAN, Role.PROJECT_OFFICER})


def active_user(user: Viewer) -> User | None:
    """The user if signed in and active; None otherwise (who then sees nothing)."""
    if not isinstance(user, User) or not user.is_active:
        return None
    return user


def signed_in(user: Viewer) -> User:
    """The signed-in user behind a page or API call that requires one (``login_required``, API auth).

    Services take this typed user as their ``actor``; a deactivated or anonymous
    caller never gets this far, and is refused if it does.
    """
    active = active_user(user)
    if active is None:
        raise PermissionDenied(_("Sign in first."))
    return active


def sees_everything(user: Viewer) -> bool:
    return bool(roles_of(user) & SEES_EVERYTHING)


def has_role(user: Viewer, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


def unit_ids_in_scope(user: Viewer) -> set[int] | None:
    """Unit ids the user's scope covers; ``None`` means all units."""
    active = active_user(user)
    if active is None:
        return set()
    if sees_everything(active):
        return None
    ids: set[int] = set()
    if active.unit_id is not None and active.role_set & UNIT_BOUND:
        ids.add(active.unit_id)
    ids.update(overseen_unit_ids(active))
    return ids


def overseen_unit_ids(user: Viewer) -> set[int]:
    """The units a leader in charge oversees (分管单位); empty for everyone else."""
    active = active_user(user)
    if active is None or Role.LEADER not in active.role_set or active.person_id is None:
        return set()
    return set(Unit.objects.filter(leader_links__leader_id=active.person_id).values_list("id", flat=True))


def units_visible(user: Viewer) -> QuerySet[Unit]:
    ids = unit_ids_in_scope(user)
    units = Unit.objects.select_related("parent")
    return units if ids is None else units.filter(id__in=ids)


def people_visible(user: Viewer) -> QuerySet[Person]:
    ids = unit_ids_in_scope(user)
    people = Person.objects.select_related("unit")
    return people if ids is None else people.filter(unit_id__in=ids)


def access_unit(user: Viewer, unit_id: int) -> Unit:
    unit = units_visible(user).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("unit")
    return unit


def access_person(user: Viewer, person_id: int) -> Person:
    person = people_visible(user).filter(pk=person_id).first()
    if person is None:
        raise NotFound("person")
    return person


def may_manage_org(user: Viewer) -> bool:
    """Only administrators change units, people and users."""
    return has_role(user, Role.ADMIN)


def check_manage_org(user: Viewer) -> None:
    if not may_manage_org(user):
        raise PermissionDenied(_("Only an administrator may change the organisation."))
