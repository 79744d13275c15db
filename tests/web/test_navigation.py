"""The frame's navigation: work pages in the main navigation, the API documentation in the user menu."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from duban.core.roles import Role
from tests.org.factories import make_unit, make_user

pytestmark = pytest.mark.django_db

API_DOCS = reverse("api-1.0.0:openapi-view")


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_api_documentation_is_in_the_user_menu_only(role: Role) -> None:
    # given a user holding only this role
    unit = make_unit(name="经济发展局")
    user = make_user(role, unit=unit, oversees=(unit,) if role == Role.LEADER else ())
    client = Client()
    client.force_login(user)
    # when
    page = BeautifulSoup(client.get(reverse("web:home")).content, "html.parser")
    # then
    nav = page.find(None, {"data-testid": "nav"})
    menu = page.find(None, {"data-testid": "user-menu"})
    assert nav is not None and menu is not None
    assert API_DOCS not in [a.get("href") for a in nav.find_all("a")]
    menu_item = menu.find_parent("li")
    assert menu_item is not None
    menu_links = [a.get("href") for a in menu_item.find_all("a")]
    assert API_DOCS in menu_links
