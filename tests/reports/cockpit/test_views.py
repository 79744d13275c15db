"""The cockpit: every figure links to a ledger list with the same count; scope per role; flat queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from duban.core import clock
from duban.org.models import User
from duban.reports.cockpit.figures import Figure
from duban.supervision.models import Item, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.reports.conftest import Org, liaison_of
from tests.supervision.factories import make_item


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The cockpit is read in Chinese, as leaders see it."""
    with translation.override("zh-hans"):
        yield


def _ledger_count(client: Client, link: str) -> int:
    response = client.get(link)
    assert response.status_code == 200
    return int(response.context["page"].paginator.count)


def _all_figures(context: Any) -> list[Figure]:
    figures = context["figures"]
    found = [figures.open_items, figures.overdue, figures.due_soon]
    for group in ("by_state", "by_light", "overdue_by_unit", "overdue_by_leader"):
        found += getattr(figures, group)
    return found


def test_every_figure_opens_a_list_with_the_same_count(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    response = client.get(reverse("reports:cockpit"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.open_items.count, figures.overdue.count) == (2, 2)
    assert [(f.label, f.count) for f in figures.overdue_by_unit] == [("张坂镇", 1), ("经济发展局", 1)]
    assert [(f.label, f.count) for f in figures.overdue_by_leader] == [("王明", 1)]
    for figure in _all_figures(response.context):
        assert _ledger_count(client, figure.link) == figure.count, figure
    html = response.content.decode()
    assert "领导驾驶舱" in html and 'data-chart="chart-units"' in html


def test_a_unit_sees_only_its_own_items(client: Client, org: Org, june_ledger: list[Item]) -> None:
    client.force_login(liaison_of(org.town))
    response = client.get(reverse("reports:cockpit"))
    figures = response.context["figures"]
    assert figures.overdue.count == 1
    assert [f.label for f in figures.overdue_by_unit] == ["张坂镇"]
    for figure in _all_figures(response.context):
        assert _ledger_count(client, figure.link) == figure.count, figure


def test_items_due_soon_count_working_days(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    # given an item due on Monday 5 August (five working days after Wednesday 31 July are 7 August)
    source = Source.objects.get()
    item = make_item(supervisor, source, lead_unit=org.town, title="八月到期", deadline=dt.date(2019, 8, 5))
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    client.force_login(supervisor)
    figures = client.get(reverse("reports:cockpit")).context["figures"]
    assert figures.due_soon_until == dt.date(2019, 8, 7)
    assert figures.due_soon.count == 1


def test_the_query_count_does_not_grow_with_the_ledger(
    client: Client,
    supervisor: User,
    org: Org,
    june_ledger: list[Item],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client.force_login(supervisor)
    client.get(reverse("reports:cockpit"))
    with django_assert_max_num_queries(40) as first:
        client.get(reverse("reports:cockpit"))
    few = len(first.captured_queries)  # now: the next request resets the connection's query log
    assert few > 0
    source = Source.objects.get()
    with clock.frozen(dt.date(2019, 6, 3)):
        for n in range(12):
            item = make_item(
                supervisor,
                source,
                lead_unit=org.town if n % 2 else org.economy,
                title=f"事项{n}",
                deadline=dt.date(2019, 7, 1 + n),
            )
            item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    client.get(reverse("reports:cockpit"))  # the new items' lights are computed once, on the first read
    with django_assert_max_num_queries(few):
        client.get(reverse("reports:cockpit"))


def test_people_who_do_not_work_with_items_get_404(client: Client, db: None) -> None:
    from duban.core.roles import Role
    from tests.org.factories import make_user

    client.force_login(make_user(Role.STATISTICIAN, username="stat"))
    assert client.get(reverse("reports:cockpit")).status_code == 404
