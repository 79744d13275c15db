"""Reads of the organisation, already scoped (org/scope.py) and joined.

Each list selector issues a fixed number of queries whatever the data size,
so list pages keep a flat query count (tests/org/test_views_queries.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org import scope
from duban.org.models import LeaderUnit, Person, Unit, User, UserRole
from duban.org.scope import Viewer


@dataclass(frozen=True)
class UnitFilters:
    kind: str = ""
    active: bool | None = None
    q: str = ""


@dataclass(frozen=True)
class TreeRow:
    """One line of the unit tree: the unit and how deep it sits under its visible ancestors."""

    unit: Unit
    depth: int


def unit_list(*, user: Viewer, filters: UnitFilters | None = None) -> QuerySet[Unit]:
    """Units in the user's scope with their parent and the count of people in them."""
    filters = filters or UnitFilters()
    units = scope.units_visible(user).annotate(people_count=Count("people"))
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.active is not None:
        units = units.filter(is_active=filters.active)
    if filters.q:
        units = units.filter(Q(name__icontains=filters.q) | Q(short_name__icontains=filters.q))
    return units.order_by("sort_order", "name")


def unit_tree(*, user: Viewer, filters: UnitFilters | None = None) -> list[TreeRow]:
    """The visible units in tree order (parent before children, siblings by order).

    A unit whose parent is out of scope or filtered out is shown as a root, so
    nothing in scope is ever hidden by the shape of the tree. One query.
    """
    units = list(unit_list(user=user, filters=filters))
    by_id = {u.pk: u for u in units}
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        parent_id = unit.parent_id if unit.parent_id in by_id else None
        children.setdefault(parent_id, []).append(unit)
    rows: list[TreeRow] = []
    # Iterative depth-first walk: deep hierarchies must not hit the recursion limit.
    stack: list[tuple[Unit, int]] = [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        rows.append(TreeRow(unit=unit, depth=depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return rows


@dataclass(frozen=True)
class UnitDetail:
    """A unit's page: the unit, its visible sub-units, its people and its leaders in charge."""

    unit: Unit
    children: list[Unit]
    people: list[Person]
    leaders: list[Person] = field(default_factory=list)


def unit_detail(*, user: Viewer, unit_id: int) -> UnitDetail:
    """The unit if in scope (NotFound otherwise), with what its page shows."""
    unit = scope.access_unit(user, unit_id)
    return UnitDetail(
        unit=unit,
        children=list(scope.units_visible(user).filter(parent_id=unit.pk)),
        people=list(scope.people_visible(user).filter(unit_id=unit.pk)),
        leaders=list(Person.objects.select_related("unit").filter(leader_units__unit_id=unit.pk)),
    )


@dataclass(frozen=True)
class PersonFilters:
    unit_id: int | None = None
    q: str = ""


def person_list(*, user: Viewer, filters: PersonFilters | None = None) -> QuerySet[Person]:
    """People in the user's scope with their unit and the units they oversee (one prefetch)."""
    filters = filters or PersonFilters()
    people = scope.people_visible(user).prefetch_related(
        Prefetch(
            "leader_units", queryset=LeaderUnit.objects.select_related("unit").order_by("unit__sort_order")
        )
    )
    if filters.unit_id is not None:
        people = people.filter(unit_id=filters.unit_id)
    if filters.q:
        people = people.filter(Q(name__icontains=filters.q) | Q(position__icontains=filters.q))
    return people.order_by("unit__sort_order", "unit__name", "sort_order", "name")


def person_oversees(person: Person) -> list[Unit]:
    """Units a leader oversees, from the prefetch of :func:`person_list` when present."""
    return [link.unit for link in person.leader_units.all()]


@dataclass(frozen=True)
class UserFilters:
    q: str = ""
    role: str = ""


def user_list(*, actor: Viewer, filters: UserFilters | None = None) -> QuerySet[User]:
    """Every login, for the administrator (PermissionDenied for anyone else)."""
    scope.check_manage_org(actor)
    filters = filters or UserFilters()
    users = User.objects.select_related("person", "unit").prefetch_related(
        Prefetch("roles", queryset=UserRole.objects.order_by("role"))
    )
    if filters.q:
        users = users.filter(Q(username__icontains=filters.q) | Q(person__name__icontains=filters.q))
    if filters.role in Role.values:
        users = users.filter(roles__role=filters.role)
    return users.order_by("username")


def access_user(*, actor: Viewer, user_id: int) -> User:
    """A login the administrator manages; NotFound when missing."""
    scope.check_manage_org(actor)
    user = User.objects.select_related("person", "unit").filter(pk=user_id).first()
    if user is None:
        raise NotFound("user")
    return user
