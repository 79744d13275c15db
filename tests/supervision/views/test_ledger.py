"""The ledger page: tree numbering, lights, filters, keyword search, paging, bulk actions, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State
from tests.org.factories import PersonFactory
from tests.supervision.factories import make_item, make_source
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db

LEDGER = reverse("supervision:ledger")


def _tree(supervisor: User, source: Source, unit: Unit, count: int) -> list[Item]:
    """``count`` items: roots with two children each, every one assigned to ``unit``."""
    items: list[Item] = []
    leader = PersonFactory(unit=unit)
    while len(items) < count:
        root = make_item(
            supervisor,
            source,
            lead_unit=unit,
            leader=leader,
            title=f"整改问题{len(items)}",
            start_date=dt.date(2019, 1, 14),
        )
        items.append(root)
        for _ in range(2):
            if len(items) < count:
                items.append(
                    make_item(
                        supervisor,
                        source,
                        parent=root,
                        lead_unit=unit,
                        title=f"整改措施{len(items)}",
                        start_date=dt.date(2019, 1, 14),
                        deadline=dt.date(2019, 6, 30),
                    )
                )
    for item in items:
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return items


def test_tree_is_numbered_and_indented_with_lights(supervisor: User, source: Source, unit_a: Unit) -> None:
    # given
    _tree(supervisor, source, unit_a, 3)
    # when
    response = client_for(supervisor).get(reverse("supervision:source_ledger", args=[source.pk]))
    # then
    rows = response.context["rows"]
    assert [(r.item.number, r.depth) for r in rows] == [("1", 0), ("1.1", 1), ("1.2", 1)]
    body = response.content.decode()
    assert "ledger-depth-1" in body
    # 1.1 and 1.2 are past their deadline on 2019-07-31: red, and the deadline shows red
    assert [r.colour for r in rows][1:] == ["red", "red"]
    assert body.count('data-overdue="1"') == 2


def test_filters_by_unit_state_and_chinese_keyword(
    supervisor: User, source: Source, unit_a: Unit, unit_b: Unit
) -> None:
    # given
    make_item(supervisor, source, lead_unit=unit_a, title="加快推进污水处理厂提标改造")
    make_item(supervisor, source, lead_unit=unit_b, title="开展河道清淤")
    client = client_for(supervisor)
    # when: a substring of a longer word, no segmentation needed
    by_keyword = client.get(LEDGER, {"q": "污水处理"}).context["rows"]
    by_unit = client.get(LEDGER, {"unit": unit_b.pk}).context["rows"]
    by_state = client.get(LEDGER, {"state": State.ASSIGNED}).context["rows"]
    bad = client.get(LEDGER, {"deadline_from": "2019-13-45", "unit": "x"})
    # then
    assert [r.item.title for r in by_keyword] == ["加快推进污水处理厂提标改造"]
    assert [r.item.title for r in by_unit] == ["开展河道清淤"]
    assert by_state == []
    # an unreadable filter is refused, naming each parameter, instead of silently widening the list
    assert bad.status_code == 400 and bad.context["rows"] == []
    assert [e for e in bad.context["filter_errors"] if "deadline_from" in e and "2019-13-45" in e]
    assert [e for e in bad.context["filter_errors"] if "(unit)" in e or "（unit）" in e]


def test_deadline_range_and_tag_filters(supervisor: User, source: Source, unit_a: Unit) -> None:
    make_item(
        supervisor, source, lead_unit=unit_a, title="甲", deadline=dt.date(2019, 8, 31), tags=["营商环境"]
    )
    make_item(supervisor, source, lead_unit=unit_a, title="乙", deadline=dt.date(2019, 12, 31))
    client = client_for(supervisor)
    ranged = client.get(LEDGER, {"deadline_from": "2019-08-01", "deadline_to": "2019-09-30"}).context["rows"]
    tagged = client.get(LEDGER, {"tag": "营商环境"}).context["rows"]
    assert [r.item.title for r in ranged] == ["甲"]
    assert [r.item.title for r in tagged] == ["甲"]


def test_pages_of_fifty(supervisor: User, source: Source, unit_a: Unit) -> None:
    for i in range(53):
        make_item(supervisor, source, lead_unit=unit_a, title=f"事项{i}")
    client = client_for(supervisor)
    assert len(client.get(LEDGER).context["rows"]) == 50
    assert len(client.get(LEDGER, {"page": 2}).context["rows"]) == 3


@pytest.mark.parametrize("who", ["supervisor", "liaison_a", "leader_a"])
def test_query_count_does_not_grow(
    who: str, request: pytest.FixtureRequest, supervisor: User, unit_a: Unit, django_assert_max_num_queries
) -> None:
    # given
    user: User = request.getfixturevalue(who)
    client = client_for(user)
    small, large = make_source(supervisor), make_source(supervisor, title="第二批")
    _tree(supervisor, small, unit_a, 5)
    _tree(supervisor, large, unit_a, 60)
    client.get(LEDGER)  # warm the session
    # when / then
    with django_assert_max_num_queries(24) as small_ctx:
        client.get(reverse("supervision:source_ledger", args=[small.pk]))
    with django_assert_max_num_queries(len(small_ctx.captured_queries)):
        response = client.get(reverse("supervision:source_ledger", args=[large.pk]))
    assert len(response.context["rows"]) == 50


def test_title_markup_is_escaped(supervisor: User, source: Source, unit_a: Unit) -> None:
    item = make_item(supervisor, source, lead_unit=unit_a, title="<script>alert(1)</script>")
    for url in (LEDGER, reverse("supervision:item_detail", args=[item.pk])):
        body = client_for(supervisor).get(url).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_bulk_assign_assigns_every_draft(supervisor: User, source: Source, unit_a: Unit) -> None:
    # given
    items = [make_item(supervisor, source, lead_unit=unit_a, title=f"草稿{i}") for i in range(3)]
    # when
    response = client_for(supervisor).post(
        reverse("supervision:ledger_bulk"), {"op": "assign", "ids": [i.pk for i in items], "next": LEDGER}
    )
    # then
    assert response.status_code == 302
    assert set(Item.objects.values_list("state", flat=True)) == {State.ASSIGNED}


def test_bulk_assign_is_all_or_nothing_and_names_the_bad_row(
    supervisor: User, source: Source, unit_a: Unit
) -> None:
    # given: the second item has no lead unit, so it cannot be assigned
    good = make_item(supervisor, source, lead_unit=unit_a, title="可交办")
    bad = make_item(supervisor, source, lead_unit=None, title="缺牵头单位")
    # when
    response = client_for(supervisor).post(
        reverse("supervision:ledger_bulk"),
        {"op": "assign", "ids": [good.pk, bad.pk], "next": LEDGER},
        follow=True,
    )
    # then
    body = response.content.decode()
    assert "缺牵头单位" in body and "交办前请先指定牵头单位" in body
    assert set(Item.objects.values_list("state", flat=True)) == {State.DRAFT}


def test_bulk_actions_are_the_supervisors(liaison_a: User, item_a: Item) -> None:
    response = client_for(liaison_a).post(
        reverse("supervision:ledger_bulk"), {"op": "assign", "ids": [item_a.pk]}
    )
    assert response.status_code == 404


def test_liaison_sees_only_own_units_rows(liaison_a: User, item_a: Item, item_b: Item) -> None:
    rows = client_for(liaison_a).get(LEDGER).context["rows"]
    assert [r.item.pk for r in rows] == [item_a.pk]


def test_bulk_urge_reports_rows_that_cannot_be_urged(
    supervisor: User, source: Source, unit_a: Unit, item_a: Item
) -> None:
    # given: a draft cannot be urged, an assigned item can
    draft = make_item(supervisor, source, lead_unit=unit_a, title="尚未交办")
    # when
    response = client_for(supervisor).post(
        reverse("supervision:ledger_bulk"),
        {"op": "urge", "ids": [item_a.pk, draft.pk], "next": LEDGER},
        follow=True,
    )
    # then
    body = response.content.decode()
    assert "尚未交办" in body and "不能催办" in body
    assert "已催办 1 项" in body


def test_export_link_carries_the_filters(supervisor: User, item_a: Item) -> None:
    body = client_for(supervisor).get(LEDGER, {"q": "污水"}).content.decode()
    assert 'data-testid="export"' in body
    assert "ledger.xlsx?q=" in body
