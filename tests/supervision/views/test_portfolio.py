"""The leader's portfolio (分管事项): paged, most urgent light first, counts over all pages, flat queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.bulk import ItemRow, items_import
from duban.supervision.services.bulk_actions import items_assign
from duban.supervision.views.portfolio import PER_PAGE
from tests.supervision.factories import make_source
from tests.supervision.views.conftest import TODAY, client_for

pytestmark = pytest.mark.django_db


def _assigned(supervisor: User, source: Source, unit: Unit, n: int) -> list[Item]:
    """``n`` assigned root items of ``unit``, through the bulk paths (quick at any size)."""
    rows = [
        ItemRow(str(k), {"title": f"事项{k}", "lead_unit": unit, "deadline": dt.date(2019, 12, 31)})
        for k in range(1, n + 1)
    ]
    items_import(actor=supervisor, source=source, rows=rows)
    items = list(Item.objects.filter(source=source).order_by("path"))
    assert items_assign(actor=supervisor, item_ids=[i.pk for i in items]).done == n
    return items


def _numbers(response) -> list[str]:
    return [row.item.number for g in response.context["groups"] for row in g.rows]


def test_pages_keep_the_most_urgent_first_and_count_every_page(
    supervisor: User, leader_a: User, unit_a: Unit
) -> None:
    # given: PER_PAGE + 20 open items, the last five red
    items = _assigned(supervisor, make_source(supervisor), unit_a, PER_PAGE + 20)
    Item.objects.filter(pk__in=[i.pk for i in items]).update(light="green", light_on=TODAY)
    red = [i.number for i in items[-5:]]
    Item.objects.filter(pk__in=[i.pk for i in items[-5:]]).update(light="red")
    client = client_for(leader_a)
    # when
    first = client.get(reverse("supervision:portfolio"))
    second = client.get(reverse("supervision:portfolio"), {"page": 2})
    # then: the red ones open page 1; the counts and total cover both pages
    assert first.status_code == 200
    assert _numbers(first)[:5] == red
    assert len(_numbers(first)) == PER_PAGE
    assert len(_numbers(second)) == 20
    assert set(_numbers(first)).isdisjoint(_numbers(second))
    assert first.context["total"] == PER_PAGE + 20
    assert {c.colour: c.count for c in first.context["counts"]} == {"red": 5, "green": PER_PAGE + 15}
    assert 'data-testid="portfolio-pages"' in first.content.decode()


def test_one_light_at_a_time(supervisor: User, leader_a: User, unit_a: Unit) -> None:
    # given
    items = _assigned(supervisor, make_source(supervisor), unit_a, 6)
    # (stored as today's lights, so that the page does not recompute them)
    Item.objects.filter(pk__in=[i.pk for i in items[:2]]).update(light="red", light_on=TODAY)
    Item.objects.filter(pk__in=[i.pk for i in items[2:]]).update(light="", light_on=TODAY)
    client = client_for(leader_a)
    # when
    red = client.get(reverse("supervision:portfolio"), {"light": "red"})
    unlit = client.get(reverse("supervision:portfolio"), {"light": "none"})
    # then
    assert sorted(_numbers(red)) == ["1", "2"]
    assert sorted(_numbers(unlit)) == ["3", "4", "5", "6"]
    assert red.context["total"] == 6


@pytest.mark.parametrize("n", [3, PER_PAGE + 30])
def test_queries_do_not_grow_with_the_portfolio(
    supervisor: User, leader_a: User, unit_a: Unit, n: int, django_assert_num_queries
) -> None:
    # given
    _assigned(supervisor, make_source(supervisor), unit_a, n)
    client = client_for(leader_a)
    client.get(reverse("supervision:portfolio"))  # the light settings row exists from now on
    # then: session, user, roles, stale lights (none), overseen units, counts, page count, page,
    # and the frame's (notifications, person); the session is not written (saved within the minute)
    with django_assert_num_queries(PORTFOLIO_QUERIES):
        assert client.get(reverse("supervision:portfolio")).status_code == 200


PORTFOLIO_QUERIES = 11
