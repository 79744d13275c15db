"""Scope (duban/org/scope.py): roles × objects, through the functions, the pages and the API.

The matrix: which of unit A, unit B, a person in A and a person in B each role
sees. Everyone else gets 404, exactly as for a missing object.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org import scope
from duban.org.models import Person, Unit, User
from tests.org.factories import make_person, make_unit, make_user

pytestmark = pytest.mark.django_db

OBJECTS = ("unit_a", "unit_b", "person_a", "person_b")

# role name → the objects it sees (statistician in unit A; project officer in a third unit C)
MATRIX: dict[str, set[str]] = {
    "admin": {"unit_a", "unit_b", "person_a", "person_b"},
    "supervisor": {"unit_a", "unit_b", "person_a", "person_b"},
    "top_leader": {"unit_a", "unit_b", "person_a", "person_b"},
    "leader_a": {"unit_a", "person_a"},
    "liaison_a": {"unit_a", "person_a"},
    "liaison_b": {"unit_b", "person_b"},
    "statistician": {"unit_a", "person_a"},
    "project_officer": set(),
}
CASES = [(role, obj) for role in MATRIX for obj in OBJECTS]
IDS = [f"{role}-{obj}" for role, obj in CASES]


@dataclass
class World:
    unit_a: Unit
    unit_b: Unit
    person_a: Person
    person_b: Person
    users: dict[str, User]

    def obj(self, name: str) -> Unit | Person:
        return getattr(self, name)  # type: ignore[no-any-return]


@pytest.fixture
def world(unit_a: Unit, unit_b: Unit) -> World:
    unit_c = make_unit(name="项目办")
    users = {
        "admin": make_user(Role.ADMIN),
        "supervisor": make_user(Role.SUPERVISOR),
        "top_leader": make_user(Role.TOP_LEADER),
        "leader_a": make_user(Role.LEADER, oversees=(unit_a,)),
        "liaison_a": make_user(Role.LIAISON, unit=unit_a),
        "liaison_b": make_user(Role.LIAISON, unit=unit_b),
        "statistician": make_user(Role.STATISTICIAN, unit=unit_a),
        "project_officer": make_user(Role.PROJECT_OFFICER, unit=unit_c),
    }
    return World(unit_a, unit_b, make_person(unit=unit_a), make_person(unit=unit_b), users)


def _access(user: User, obj: Unit | Person) -> Unit | Person:
    if isinstance(obj, Unit):
        return scope.access_unit(user, obj.pk)
    return scope.access_person(user, obj.pk)


def _visible(user: User, obj: Unit | Person) -> bool:
    if isinstance(obj, Unit):
        return scope.units_visible(user).filter(pk=obj.pk).exists()
    return scope.people_visible(user).filter(pk=obj.pk).exists()


@pytest.mark.parametrize(("role", "name"), CASES, ids=IDS)
def test_scope_functions(world: World, role: str, name: str) -> None:
    # given
    user, obj = world.users[role], world.obj(name)
    expected = name in MATRIX[role]
    # when / then
    assert _visible(user, obj) is expected
    if expected:
        assert _access(user, obj) == obj
    else:
        with pytest.raises(NotFound):
            _access(user, obj)


@pytest.mark.parametrize(("role", "name"), CASES, ids=IDS)
def test_scope_through_pages(world: World, role: str, name: str) -> None:
    # given
    client = Client()
    client.force_login(world.users[role])
    obj = world.obj(name)
    url_name = "org:unit_detail" if isinstance(obj, Unit) else "org:person_detail"
    # when
    response = client.get(reverse(url_name, args=[obj.pk]))
    # then
    assert response.status_code == (200 if name in MATRIX[role] else 404)


@pytest.mark.parametrize(("role", "name"), CASES, ids=IDS)
def test_scope_through_the_api(world: World, role: str, name: str) -> None:
    # given
    client = Client()
    client.force_login(world.users[role])
    obj = world.obj(name)
    path = f"/api/v1/org/units/{obj.pk}" if isinstance(obj, Unit) else f"/api/v1/org/people/{obj.pk}"
    # when
    response = client.get(path)
    # then
    if name in MATRIX[role]:
        assert response.status_code == 200 and response.json()["id"] == obj.pk
    else:
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": response.json()["message"], "fields": {}}


@pytest.mark.parametrize("role", list(MATRIX))
def test_lists_hold_exactly_the_objects_in_scope(world: World, role: str) -> None:
    # given
    client = Client()
    client.force_login(world.users[role])
    in_scope = MATRIX[role]
    # when
    unit_ids = {u["id"] for u in client.get("/api/v1/org/units?limit=200").json()["items"]}
    person_ids = {p["id"] for p in client.get("/api/v1/org/people?limit=200").json()["items"]}
    page_units = {r.unit.pk for r in client.get(reverse("org:unit_list")).context["page"]}
    page_people = {p.pk for p in client.get(reverse("org:person_list")).context["page"]}
    # then
    for name, ids in (
        ("unit_a", unit_ids),
        ("unit_b", unit_ids),
        ("unit_a", page_units),
        ("unit_b", page_units),
        ("person_a", person_ids),
        ("person_b", person_ids),
        ("person_a", page_people),
        ("person_b", page_people),
    ):
        assert (world.obj(name).pk in ids) is (name in in_scope), name


def test_missing_looks_like_out_of_scope(world: World) -> None:
    client = Client()
    client.force_login(world.users["liaison_a"])
    missing = client.get("/api/v1/org/units/999999")
    hidden = client.get(f"/api/v1/org/units/{world.unit_b.pk}")
    assert missing.status_code == hidden.status_code == 404
    assert missing.json()["code"] == hidden.json()["code"]


def test_an_inactive_or_anonymous_user_sees_nothing(world: World) -> None:
    user = world.users["supervisor"]
    user.is_active = False
    assert not scope.units_visible(user).exists() and not scope.people_visible(user).exists()
    from django.contrib.auth.models import AnonymousUser

    assert scope.unit_ids_in_scope(AnonymousUser()) == set()
    with pytest.raises(NotFound):
        scope.access_unit(AnonymousUser(), world.unit_a.pk)


def test_a_leader_sees_a_newly_overseen_unit(world: World) -> None:
    from duban.org import services

    leader = world.users["leader_a"]
    assert leader.person is not None
    services.leader_units_set(actor=world.users["admin"], person=leader.person, units=[world.unit_b])
    fresh = User.objects.get(pk=leader.pk)
    assert _visible(fresh, world.unit_b) and not _visible(fresh, world.unit_a)
