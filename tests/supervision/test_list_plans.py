"""The list queries' plans on PostgreSQL: a scoped list reads the items table through an index.

With sequential scans priced out (``enable_seqscan = off``), a query that no index
can answer still reads the whole items table — by a Seq Scan, or by walking an
index end to end without a condition. The scope filter's old OR across the
cooperating-unit join did, for every liaison's list (all open items read and
sorted for a unit that leads a hundred). Plans, not timings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict

from duban.org.models import Unit, User
from duban.supervision import policy
from duban.supervision.filters import parse_item_filters
from duban.supervision.models import Item
from duban.supervision.selectors import item_list, ledger_choices
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State
from tests.supervision.factories import make_item, make_source

pytestmark = [
    pytest.mark.postgres_only(reason="PostgreSQL: EXPLAIN of the list queries"),
    pytest.mark.django_db,
]

ITEMS = "supervision_item"
INDEXED = {"Index Scan", "Index Only Scan", "Bitmap Heap Scan"}


def full_reads(queryset: QuerySet[Any]) -> list[str]:
    """The plan's reads of the items table that no index condition bounds (a Seq Scan, or an
    index walked end to end), with sequential scans priced out so that any usable index is used."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        (tree,) = cursor.fetchone()[0]
    found: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        if node.get("Relation Name") == ITEMS:
            kind = node["Node Type"]
            bounded = kind == "Bitmap Heap Scan" or "Index Cond" in node
            if kind not in INDEXED or not bounded:
                found.append(f"{kind} on {ITEMS} ({node.get('Index Name', 'no index')})")
        for child in node.get("Plans", []):
            walk(child)

    walk(tree["Plan"])
    return found


@pytest.fixture
def ledger(supervisor: User, unit_a: Unit, unit_b: Unit) -> None:
    """Six items of the two units (through the services) among 4,000 of forty others, analysed:
    a planner facing a handful of rows rightly reads them all, so the plan is asked at a size."""
    source = make_source(supervisor)
    for n in range(6):
        lead, helping = (unit_a, [unit_b]) if n % 2 else (unit_b, [unit_a])
        deadline = dt.date(2019, 1, 1) + dt.timedelta(days=30 * n)
        item = make_item(
            supervisor, source, lead_unit=lead, cooperating_units=helping, title=f"事项{n}", deadline=deadline
        )
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    others = Unit.objects.bulk_create(Unit(name=f"其他单位{n}", kind="department") for n in range(40))
    states = [State.ASSIGNED, State.IN_PROGRESS, State.CLOSED, State.CLOSED, State.DRAFT]
    Item.objects.bulk_create(
        Item(
            source=source, number=str(100 + n), path=f"{100 + n:05d}", position=100 + n, title=f"其他{n}",
            lead_unit=others[n % 40], state=states[n % 5],
            deadline=dt.date(2018, 1, 1) + dt.timedelta(days=n % 900),
        )
        for n in range(4000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@pytest.mark.parametrize("query", ["preset=mine&sort=deadline", "", "overdue=1", "state=assigned&size=20"])
@pytest.mark.usefixtures("ledger")
def test_a_liaisons_list_and_count_read_the_items_by_index(liaison_a: User, query: str) -> None:
    # given a liaison's ledger query (the page's, the API's)
    filters = parse_item_filters(QueryDict(query), today=dt.date(2019, 9, 16))
    items = item_list(user=liaison_a, filters=filters, today=dt.date(2019, 9, 16))
    # then neither the page's rows nor its count scan the items table
    assert full_reads(items[:50]) == []
    assert full_reads(items.order_by().values("pk")) == []


@pytest.mark.usefixtures("ledger")
def test_a_leaders_and_a_liaisons_scope_reads_the_items_by_index(leader_a: User, liaison_a: User) -> None:
    for user in (leader_a, liaison_a):
        assert full_reads(policy.items_visible(user).order_by("deadline", "pk")[:50]) == []


@pytest.mark.usefixtures("ledger")
def test_the_filter_choices_do_not_scan_the_items(liaison_a: User) -> None:
    # the source filter's choices repeat the scope: as a subquery, through the index too
    sources = policy.sources_visible(liaison_a)
    assert ledger_choices(liaison_a).sources
    assert full_reads(sources) == []
