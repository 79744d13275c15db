"""Pagination links on the supervision pages lead to the next page, keeping the query string.

``{% querystring %}`` already starts with "?": written as ``href="?{% querystring … %}"`` it
gave ``??page=2``, which the server reads as a parameter named "?page" — every "next" led
back to page 1.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db


def _follow_next(client: Client, url: str, query: dict[str, str]) -> tuple[list[int], list[int]]:
    first = client.get(url, query)
    found = re.search(r'class="page-link" href="([^"]*)">[^<]*</a></li>\s*</ul>', first.content.decode())
    assert found, "a link to the next page"
    href = html.unescape(found.group(1))
    assert not href.startswith("??"), href
    second = client.get(url + href)
    return _ids(first), _ids(second)


def _ids(response: Any) -> list[int]:
    return [item.pk for item in response.context["page"].object_list]


def test_ledger_next_page(supervisor: User, source: Source, unit_a: Unit) -> None:
    for n in range(22):
        make_item(supervisor, source, lead_unit=unit_a, title=f"事项{n}")
    first, second = _follow_next(client_for(supervisor), reverse("supervision:ledger"), {"size": "20"})
    assert len(first) == 20 and len(second) == 2 and not set(first) & set(second)


def test_portfolio_next_page(supervisor: User, leader_a: User, source: Source, unit_a: Unit) -> None:
    for n in range(101):
        item = make_item(supervisor, source, lead_unit=unit_a, title=f"事项{n}")
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    assert Item.objects.count() == 101
    first, second = _follow_next(client_for(leader_a), reverse("supervision:portfolio"), {})
    assert len(first) == 100 and len(second) == 1 and not set(first) & set(second)
