"""The statistics page and its export: figures per unit agree with the ledger's lists, scope holds."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_user
from tests.reports.conftest import Org
from tests.supervision.factories import make_item, make_source

TODAY = dt.date(2019, 7, 31)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Unlike the other report tests, these read the page as users do: in Chinese."""
    with translation.override("zh-hans"):
        yield


PERIOD = {"start": "2019-01-01", "end": "2019-07-31", "by": "unit"}


@pytest.fixture
def june_ledger(supervisor: User, org: Org) -> Iterator[list[Item]]:
    """Assigned on 3 June: economy has one item due 30 June (open) and one closed on time; town one late."""
    with clock.frozen(dt.date(2019, 6, 3)):
        source = make_source(supervisor)
        late = make_item(
            supervisor, source, lead_unit=org.economy, title="编制规划", deadline=dt.date(2019, 6, 30)
        )
        done = make_item(
            supervisor, source, lead_unit=org.economy, title="完成调研", deadline=dt.date(2019, 7, 20)
        )
        town = make_item(
            supervisor, source, lead_unit=org.town, title="污水处理", deadline=dt.date(2019, 7, 1)
        )
        for item in (late, done, town):
            item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    with clock.frozen(dt.date(2019, 7, 10)):
        for action in (Action.ACKNOWLEDGE, Action.START, Action.REQUEST_COMPLETION, Action.SIGN_OFF):
            actor = supervisor if action == Action.SIGN_OFF else _liaison(org.economy)
            item_transition(item=Item.objects.get(pk=done.pk), action=action, actor=actor)
    with clock.frozen(TODAY):
        yield [late, done, town]


def _liaison(unit: Unit) -> User:
    found = User.objects.filter(username=f"l{unit.pk}").first()
    return found or make_user(Role.LIAISON, unit=unit, username=f"l{unit.pk}")


def test_the_page_counts_by_lead_unit_and_links_to_the_same_list(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    # given the supervision office
    client.force_login(supervisor)
    # when it opens the statistics of the year so far by unit
    response = client.get(reverse("reports:statistics"), PERIOD)
    # then each unit has its counts
    assert response.status_code == 200
    stats = response.context["stats"]
    by_unit = {row.key: row.tally for row in stats.rows}
    economy, town = by_unit[org.economy.pk], by_unit[org.town.pk]
    assert (economy.assigned, economy.completed, economy.completed_on_time, economy.overdue_now) == (
        2,
        1,
        1,
        1,
    )
    assert economy.overdue_days == 31  # 1..31 July
    assert (town.overdue_now, town.overdue_days) == (1, 30)  # 2..31 July
    assert stats.total.overdue_now == 2
    # and the overdue figure links to the ledger list with the same count
    links = dict((row.key, link) for row, link in response.context["rows"])
    ledger = client.get(links[org.economy.pk])
    assert ledger.status_code == 200
    assert [row.item.pk for row in ledger.context["rows"]] == [june_ledger[0].pk]
    assert "统计" in response.content.decode()


def test_a_liaison_sees_only_its_unit(client: Client, org: Org, june_ledger: list[Item]) -> None:
    client.force_login(_liaison(org.town))
    response = client.get(reverse("reports:statistics"), PERIOD)
    assert [row.key for row in response.context["stats"].rows] == [org.town.pk]


def test_sorting_by_overdue_days_puts_the_worst_first(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    response = client.get(reverse("reports:statistics"), {**PERIOD, "sort": "overdue_days"})
    assert [row.key for row, _link in response.context["rows"]] == [org.economy.pk, org.town.pk]


def test_a_period_that_ends_before_it_starts_is_refused_in_chinese(client: Client, supervisor: User) -> None:
    client.force_login(supervisor)
    response = client.get(reverse("reports:statistics"), {"start": "2019-07-01", "end": "2019-06-01"})
    assert response.status_code == 400
    assert "结束" in response.content.decode()


def test_the_export_holds_the_same_figures(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    response = client.get(reverse("reports:statistics_export"), PERIOD)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows[org.economy.name][1:7] == (2, 1, 1, 1.0, 1, 31)
    assert rows["合计"][5] == 2


def test_statistics_need_a_role_that_works_with_items(client: Client, db: None) -> None:
    statistician = make_user(Role.STATISTICIAN, username="stat")
    client.force_login(statistician)
    assert client.get(reverse("reports:statistics"), PERIOD).status_code == 404


def test_the_query_count_does_not_grow_with_the_ledger(
    client: Client,
    supervisor: User,
    org: Org,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    june_ledger: list[Item],
) -> None:
    client.force_login(supervisor)
    client.get(reverse("reports:statistics"), PERIOD)  # warm the session, lights
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("reports:statistics"), PERIOD)
    few = len(first.captured_queries)  # now: a later request resets the connection's query log
    assert few > 0
    source = Source.objects.first()
    assert source is not None
    with clock.frozen(dt.date(2019, 6, 3)):
        for n in range(15):
            item = make_item(
                supervisor,
                source,
                lead_unit=org.town if n % 2 else org.economy,
                title=f"事项{n}",
                deadline=dt.date(2019, 6, 20),
            )
            item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    with django_assert_max_num_queries(few):
        client.get(reverse("reports:statistics"), PERIOD)
