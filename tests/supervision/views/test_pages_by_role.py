"""Every supervision page for every role: 200 where in scope, 404 where not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.org.models import User
from duban.supervision.models import Item, Source
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db

ROLES = ["supervisor", "admin", "leader_a", "liaison_a", "liaison_b"]


@pytest.mark.parametrize("who", ROLES)
def test_lists_render_for_every_role(who: str, request: pytest.FixtureRequest, item_a: Item) -> None:
    # given
    client = client_for(request.getfixturevalue(who))
    # when / then
    for name in ("supervision:ledger", "supervision:source_list", "supervision:todo"):
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize(
    ("who", "sees_a"),
    [("supervisor", True), ("admin", True), ("leader_a", True), ("liaison_a", True), ("liaison_b", False)],
)
def test_item_page_only_in_scope(
    who: str, sees_a: bool, request: pytest.FixtureRequest, item_a: Item
) -> None:
    # given
    client = client_for(request.getfixturevalue(who))
    # when
    response = client.get(reverse("supervision:item_detail", args=[item_a.pk]))
    # then
    assert response.status_code == (200 if sees_a else 404)


def test_liaison_of_b_gets_404_on_every_page_of_a_s_item(liaison_b: User, item_a: Item, item_b: Item) -> None:
    client = client_for(liaison_b)
    urls = [
        reverse("supervision:item_detail", args=[item_a.pk]),
        reverse("supervision:item_action", args=[item_a.pk, "acknowledge"]),
        reverse("supervision:report_new", args=[item_a.pk]),
        reverse("supervision:instruction_new", args=[item_a.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert (
            client.post(url, {"comment": "x", "version": item_a.version, "text": "x"}).status_code == 404
        ), url
    # and the ledger does not list it
    body = client.get(reverse("supervision:ledger")).content.decode()
    assert item_a.title not in body
    assert item_b.title in body


def test_registering_pages_are_the_supervisors(
    liaison_a: User, leader_a: User, supervisor: User, source: Source, item_a: Item
) -> None:
    urls = [
        reverse("supervision:source_new"),
        reverse("supervision:source_edit", args=[source.pk]),
        reverse("supervision:item_new", args=[source.pk]),
        reverse("supervision:item_edit", args=[item_a.pk]),
        reverse("supervision:item_move", args=[item_a.pk]),
        reverse("supervision:judgement_edit", args=[item_a.pk]),
        reverse("supervision:milestone_new", args=[item_a.pk]),
    ]
    for user in (liaison_a, leader_a):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
    sup = client_for(supervisor)
    for url in urls:
        assert sup.get(url).status_code == 200, url


def test_portfolio_is_for_leaders(leader_a: User, liaison_a: User, supervisor: User, item_a: Item) -> None:
    assert client_for(leader_a).get(reverse("supervision:portfolio")).status_code == 200
    assert client_for(liaison_a).get(reverse("supervision:portfolio")).status_code == 404
    assert client_for(supervisor).get(reverse("supervision:portfolio")).status_code == 404


def test_anonymous_users_are_sent_to_login(item_a: Item) -> None:
    from django.test import Client

    response = Client().get(reverse("supervision:item_detail", args=[item_a.pk]))
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]
