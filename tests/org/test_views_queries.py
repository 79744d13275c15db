"""Query counts of the organisation list pages stay flat as data grows.

Each page is measured at two data sizes with the same expected count: the
count is the page's budget, and an N+1 shows up as a failure at the larger size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from duban.core.roles import Role
from duban.org.models import Person, Unit, User
from tests.org.factories import make_person, make_unit, make_user

pytestmark = pytest.mark.django_db
SIZES = (3, 40)


def grow(n: int, tag: str) -> None:
    """n more units, each with a sub-unit, a person leading both, and a user of that person."""
    for i in range(n):
        top = make_unit(name=f"{tag}单位{i}")
        sub = make_unit(name=f"{tag}科室{i}", parent=top)
        leader = make_person(unit=top)
        leader.oversees.add(top, sub)
        make_user(Role.LIAISON, Role.STATISTICIAN, unit=sub)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def check_flat(client: Client, url: str, expected: int, assert_num: Callable[..., Any]) -> None:
    for size in SIZES:
        grow(size, f"规模{size}-")
        with assert_num(expected):
            response = client.get(url)
        assert response.status_code == 200


# Every page: session, user, the user's roles, the user's person (page header) and the bell's
# unread count = 5 (the session is not written again within a minute of its last save,
# duban/accounts/sessions.py); then the page's own:
# units: the tree (1); people: count, rows, units overseen, the unit filter (4);
# users: count, rows, roles (3).
@pytest.mark.parametrize(
    ("url_name", "expected"),
    [("org:unit_list", 6), ("org:person_list", 9), ("org:user_list", 8)],
)
def test_admin_list_pages_have_flat_query_counts(
    admin: User, django_assert_num_queries: Any, url_name: str, expected: int
) -> None:
    check_flat(client_for(admin), reverse(url_name), expected, django_assert_num_queries)


@pytest.mark.parametrize(("url_name", "expected"), [("org:unit_list", 7), ("org:person_list", 9)])
def test_leader_list_pages_have_flat_query_counts(
    unit_a: Unit, django_assert_num_queries: Any, url_name: str, expected: int
) -> None:
    # A leader's scope needs the units they oversee: once per scoped queryset
    # (the people page scopes both its rows and its unit filter).
    leader = make_user(Role.LEADER, oversees=(unit_a,))
    check_flat(client_for(leader), reverse(url_name), expected, django_assert_num_queries)


def test_filtered_person_list_is_flat(admin: User, unit_a: Unit, django_assert_num_queries: Any) -> None:
    client = client_for(admin)
    url = reverse("org:person_list") + f"?unit={unit_a.pk}&q=张"
    for size in SIZES:
        for _ in range(size):
            make_person(unit=unit_a).oversees.add(make_unit())
        with django_assert_num_queries(9):
            response = client.get(url)
        assert len(response.context["page"]) == Person.objects.filter(unit=unit_a).count()
