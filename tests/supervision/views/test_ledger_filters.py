"""The ledger as a liaison uses it: one parser for page, export and API; multi-choice, presets, sort, size.

Time is frozen on Wednesday 2019-07-31 (views conftest), so "this week" ends on Sunday 2019-08-04.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from duban.org.models import LeaderUnit, Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_person, make_unit
from tests.supervision.api.conftest import ApiClient
from tests.supervision.factories import make_item, make_source
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db

LEDGER = reverse("supervision:ledger")
EXPORT = reverse("reports:ledger_export")
OPEN_FIVE = (
    "state=assigned&state=acknowledged&state=in_progress&state=extension_requested&state=completion_requested"
)


@dataclass(frozen=True)
class Row:
    title: str
    lead: str  # "a" or "b"
    state: str
    deadline: dt.date | None
    light: str
    cooperating_a: bool = False


ROWS = [
    Row("甲-已交办-本周五", "a", "assigned", dt.date(2019, 8, 2), "yellow"),
    Row("甲-已签收-逾期", "a", "acknowledged", dt.date(2019, 7, 20), "red"),
    Row("甲-办理中-年底", "a", "in_progress", dt.date(2019, 12, 31), "green"),
    Row("甲-申请延期", "a", "extension_requested", dt.date(2019, 9, 30), "blue"),
    Row("甲-申请办结-周日", "a", "completion_requested", dt.date(2019, 8, 4), "orange"),
    Row("甲-已办结", "a", "closed", dt.date(2019, 6, 30), ""),
    Row("甲-无时限", "a", "in_progress", None, "green"),
    Row("乙-办理中-逾期", "b", "in_progress", dt.date(2019, 7, 1), "red"),
    Row("乙-甲配合", "b", "assigned", dt.date(2019, 10, 31), "green", cooperating_a=True),
    Row("乙-已办结", "b", "closed", dt.date(2019, 5, 31), ""),
]
OPEN_A = [
    "甲-已交办-本周五",
    "甲-已签收-逾期",
    "甲-办理中-年底",
    "甲-申请延期",
    "甲-申请办结-周日",
    "甲-无时限",
    "乙-甲配合",
]


@pytest.fixture
def ledger(supervisor: User, source: Source, unit_a: Unit, unit_b: Unit) -> dict[str, Item]:
    """The rows above, assigned, then put in their state and light (the stored light is trusted here)."""
    leader_a, leader_b = make_person(unit=unit_a, name="王分管"), make_person(unit=unit_b, name="李分管")
    LeaderUnit.objects.create(leader=leader_a, unit=unit_a)
    LeaderUnit.objects.create(leader=leader_b, unit=unit_b)
    items: dict[str, Item] = {}
    for row in ROWS:
        unit, leader = (unit_a, leader_a) if row.lead == "a" else (unit_b, leader_b)
        item = make_item(
            supervisor,
            source,
            lead_unit=unit,
            leader=leader,
            title=row.title,
            deadline=row.deadline,
            cooperating_units=[unit_a] if row.cooperating_a else [],
        )
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
        items[row.title] = item
    for row in ROWS:
        Item.objects.filter(pk=items[row.title].pk).update(state=row.state, light=row.light)
    return items


def _page_titles(client: Client, query: str) -> list[str]:
    response = client.get(f"{LEDGER}?{query}")
    assert response.status_code == 200, response.content.decode()[:500]
    return [r.item.title for r in response.context["rows"]]


def _export_titles(client: Client, query: str) -> list[str]:
    response = client.get(f"{EXPORT}?{query}")
    assert response.status_code == 200
    content = response.getvalue()  # whole or streamed
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [str(r[1]) for r in list(sheet.iter_rows(values_only=True))[1:]]


def _api_titles(user: User, query: str) -> list[str]:
    response = ApiClient(user).client.get(f"/api/v1/supervision/items?{query}")
    assert response.status_code == 200, response.content
    return [i["title"] for i in response.json()["items"]]


CASES = [
    "",
    OPEN_FIVE,
    "preset=mine",
    "preset=overdue",
    "preset=due_week",
    "sort=deadline",
    "sort=-deadline",
    "sort=light",
    "sort=-light",
    "sort=unit&state=in_progress&state=assigned",
    "sort=-state",
    "sort=-number",
    "light=red&light=orange",
    "preset=mine&sort=deadline&size=20",
    "q=甲&deadline_from=2019-08-01&deadline_to=2019-10-31",
]


@pytest.mark.parametrize("who", ["supervisor", "liaison_a"])
def test_same_query_string_same_rows_on_page_export_and_api(
    who: str, request: pytest.FixtureRequest, ledger: dict[str, Item]
) -> None:
    # given
    user: User = request.getfixturevalue(who)
    client = client_for(user)
    for query in CASES:
        # when
        page = _page_titles(client, query)
        # then: the same rows in the same order, whatever reads the query string
        assert page, f"{query!r} matches something"
        assert _export_titles(client, query) == page, query
        assert _api_titles(user, query) == page, query


def test_unit_and_leader_filters_take_several_values(
    ledger: dict[str, Item], supervisor: User, unit_a: Unit, unit_b: Unit
) -> None:
    client = client_for(supervisor)
    leaders = {ledger["甲-已签收-逾期"].leader_id, ledger["乙-已办结"].leader_id}
    both = _page_titles(client, f"unit={unit_a.pk}&unit={unit_b.pk}")
    by_leaders = _page_titles(client, "&".join(f"leader={p}" for p in leaders))
    assert len(both) == len(ROWS)
    assert len(by_leaders) == len(ROWS)
    assert _page_titles(client, f"unit={unit_b.pk}") == ["乙-办理中-逾期", "乙-甲配合", "乙-已办结"]


class _FormReader(HTMLParser):
    """What a browser submits from the ledger's filter form (check boxes, selects, inputs)."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._in_form = False
        self._select: tuple[str, bool] | None = None
        self._chosen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and a.get("id") == "ledger-filters":
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind not in ("checkbox", "radio") or "checked" in a:
                self.pairs.append((str(a["name"]), a.get("value") or ""))
        elif tag == "select":
            self._select, self._chosen = (str(a.get("name")), "multiple" in a), []
        elif tag == "option" and self._select and "selected" in a:
            self._chosen.append(a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        if tag == "select" and self._select:
            name, multiple = self._select
            # A single-choice select keeps only the last option marked selected.
            for value in self._chosen if multiple else self._chosen[-1:]:
                self.pairs.append((name, value))
            self._select = None


def _resubmit(body: str) -> QueryDict:
    reader = _FormReader()
    reader.feed(body)
    query = QueryDict(mutable=True)
    for name, value in reader.pairs:
        query.appendlist(name, value)
    return query


def test_choosing_the_five_open_states_shows_all_open_items(ledger: dict[str, Item], liaison_a: User) -> None:
    """Issue 7 point 8: the state filter was single-choice; the five states came back as 申请办结中 alone."""
    # given
    client = client_for(liaison_a)
    # when: the five states are asked for, and the form is submitted again as the browser would
    first = client.get(f"{LEDGER}?{OPEN_FIVE}")
    again = client.get(LEDGER, _resubmit(first.content.decode()))
    # then
    titles = [r.item.title for r in first.context["rows"]]
    assert titles == OPEN_A
    assert [r.item.title for r in again.context["rows"]] == OPEN_A
    assert again.context["filters"].states == first.context["filters"].states


def test_my_open_items_preset_for_a_liaison(ledger: dict[str, Item], liaison_a: User) -> None:
    # when
    response = client_for(liaison_a).get(LEDGER, {"preset": "mine"})
    # then: their unit's open items (led or cooperated on), nothing closed, nothing of the town's own
    assert [r.item.title for r in response.context["rows"]] == OPEN_A
    body = response.content.decode()
    assert 'data-testid="preset-mine" aria-current="page"' in body
    # the preset shows as what it is: the five open states ticked, which a new search keeps
    assert _resubmit(body).getlist("state") == list(OPEN_FIVE.replace("state=", "").split("&"))


def test_overdue_and_due_this_week_presets(ledger: dict[str, Item], supervisor: User) -> None:
    client = client_for(supervisor)
    assert _page_titles(client, "preset=overdue") == ["甲-已签收-逾期", "乙-办理中-逾期"]
    assert _page_titles(client, "preset=due_week") == ["甲-已交办-本周五", "甲-申请办结-周日"]


def test_sorting_by_deadline_both_ways_nulls_last(ledger: dict[str, Item], supervisor: User) -> None:
    client = client_for(supervisor)
    ascending = _page_titles(client, "sort=deadline")
    descending = _page_titles(client, "sort=-deadline")
    dated = sorted((r for r in ROWS if r.deadline), key=lambda r: r.deadline or dt.date.min)
    assert ascending == [r.title for r in dated] + ["甲-无时限"]
    assert descending == [r.title for r in reversed(dated)] + ["甲-无时限"]


def test_sorting_by_light_puts_the_worst_first_and_ties_in_ledger_order(
    ledger: dict[str, Item], supervisor: User
) -> None:
    # when
    rows = client_for(supervisor).get(LEDGER, {"sort": "light"}).context["rows"]
    # then: red, orange, yellow, blue, green, none; equal lights in ledger order
    rank = {"red": 0, "orange": 1, "yellow": 2, "blue": 3, "green": 4, "": 5}
    keys = [(rank[r.item.light], r.item.path) for r in rows]
    assert keys == sorted(keys)
    assert len(rows) == len(ROWS) and rows[0].item.light == "red"


def test_sorted_pages_neither_overlap_nor_skip(
    ledger: dict[str, Item], supervisor: User, source: Source, unit_a: Unit
) -> None:
    # given: 45 more items with one and the same deadline, so only the tie-break orders them
    for n in range(45):
        make_item(supervisor, source, lead_unit=unit_a, title=f"同日{n:02d}", deadline=dt.date(2019, 9, 1))
    client = client_for(supervisor)
    # when
    pages = [_page_titles(client, f"sort=deadline&size=20&page={n}") for n in (1, 2, 3)]
    # then
    every = [t for p in pages for t in p]
    assert [len(p) for p in pages] == [20, 20, 15]
    assert len(set(every)) == 55
    assert every == _page_titles(client, "sort=deadline&size=100")


def test_sorted_by_other_than_number_the_tree_is_not_indented(
    supervisor: User, source: Source, unit_a: Unit
) -> None:
    root = make_item(supervisor, source, lead_unit=unit_a, title="问题", deadline=dt.date(2019, 12, 31))
    make_item(supervisor, source, parent=root, lead_unit=unit_a, title="措施", deadline=dt.date(2019, 8, 31))
    client = client_for(supervisor)
    tree = client.get(LEDGER).content.decode()
    flat = client.get(LEDGER, {"sort": "deadline"})
    assert "ledger-title ledger-depth-1" in tree and 'class="source-row"' in tree
    assert [r.item.number for r in flat.context["rows"]] == ["1.1", "1"]
    assert "ledger-title ledger-depth" not in flat.content.decode()
    assert 'class="source-row"' not in flat.content.decode()
    assert 'data-sorted="asc"' in flat.content.decode()


@pytest.mark.parametrize(("size", "expected"), [("20", 20), ("50", 50), ("100", 53), ("", 50)])
def test_page_size_choice(supervisor: User, source: Source, unit_a: Unit, size: str, expected: int) -> None:
    for n in range(53):
        make_item(supervisor, source, lead_unit=unit_a, title=f"事项{n}")
    response = client_for(supervisor).get(LEDGER, {"size": size})
    assert len(response.context["rows"]) == expected
    assert f'<option value="{size or 50}" selected>' in response.content.decode()


def test_a_page_size_not_offered_is_refused_naming_it(supervisor: User) -> None:
    response = client_for(supervisor).get(LEDGER, {"size": "1000"})
    export = client_for(supervisor).get(EXPORT, {"size": "1000"})
    api = ApiClient(supervisor).get("/items", size="1000")
    assert response.status_code == 400 and "size" in response.context["filter_errors"][0]
    assert export.status_code == 400 and "size" in export.content.decode()
    assert api.status_code == 400 and list(api.json()["fields"]) == ["size"]


def _choices(response: Any) -> dict[str, list[object]]:
    return {f.name: [value for value, _label in f.options] for f in response.context["multi_filters"]}


def test_filter_choices_for_a_liaison_stay_within_scope(
    ledger: dict[str, Item], liaison_a: User, supervisor: User, unit_a: Unit, unit_b: Unit
) -> None:
    # given: a third unit nobody here works with
    make_unit(name="财政局")
    # when
    mine = client_for(liaison_a).get(LEDGER)
    office = client_for(supervisor).get(LEDGER)
    # then: the liaison is offered no other unit and no other unit's leader, and none is named
    assert "unit" not in _choices(mine)  # only their own unit: nothing to choose
    assert "draft" not in _choices(mine)["state"] and "draft" in _choices(office)["state"]
    assert "leader" not in _choices(mine)  # only their own unit's leader in charge
    form = _filter_form(mine.content.decode())
    assert "财政局" not in form and "张坂镇" not in form and "李分管" not in form
    assert set(_choices(office)["unit"]) >= {unit_a.pk, unit_b.pk}
    assert "财政局" in _filter_form(office.content.decode())
    assert len(_choices(office)["leader"]) == 2


def _filter_form(body: str) -> str:
    start = body.index('id="ledger-filters"')
    return body[start : body.index("</form>", start)]


def test_filter_choices_for_a_leader_are_the_units_they_oversee(
    leader_a: User, unit_a: Unit, unit_b: Unit
) -> None:
    # given: the leader oversees a second unit
    other = make_unit(name="财政局")
    assert leader_a.person_id is not None
    LeaderUnit.objects.create(leader_id=leader_a.person_id, unit=other)
    # when
    choices = _choices(client_for(leader_a).get(LEDGER))
    # then
    assert {unit_a.pk, other.pk} <= set(choices["unit"])
    assert unit_b.pk not in choices["unit"]


@pytest.mark.parametrize("who", ["supervisor", "liaison_a", "leader_a"])
def test_query_count_is_flat_with_filters_and_sorting(
    who: str,
    request: pytest.FixtureRequest,
    supervisor: User,
    unit_a: Unit,
    django_assert_num_queries: Any,
    django_assert_max_num_queries: Any,
) -> None:
    # given
    user: User = request.getfixturevalue(who)
    client = client_for(user)
    small, large = make_source(supervisor), make_source(supervisor, title="第二批")
    for source, count in ((small, 4), (large, 70)):
        for n in range(count):
            item = make_item(
                supervisor,
                source,
                lead_unit=unit_a,
                title=f"事项{n}",
                tags=["重点"],
                deadline=dt.date(2019, 8, 1) + dt.timedelta(days=n % 9),
            )
            item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    query = f"{OPEN_FIVE}&sort=-deadline&size=50&light=&unit={unit_a.pk}"
    client.get(LEDGER)  # warm the session
    # when / then: the same number of queries for 4 rows and for a full page of 50
    with django_assert_max_num_queries(30) as few:
        client.get(f"{reverse('supervision:source_ledger', args=[small.pk])}?{query}")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(f"{reverse('supervision:source_ledger', args=[large.pk])}?{query}")
    assert len(response.context["rows"]) == 50


def test_next_page_and_sort_links_keep_the_filters(supervisor: User, source: Source, unit_a: Unit) -> None:
    """The links were written ``?{% querystring %}``, which gave ``??page=2``: every "next" led to page 1."""
    # given
    for n in range(25):
        make_item(
            supervisor, source, lead_unit=unit_a, title=f"事项{n:02d}", deadline=dt.date(2019, 8, 1 + n)
        )
    client = client_for(supervisor)
    first = client.get(LEDGER, {"size": "20", "sort": "-deadline", "q": "事项"})
    # when: the links on the page are followed
    body = first.content.decode()
    next_href = re.search(r'class="page-link" href="([^"]*page=2[^"]*)"', body)
    sort_href = re.search(r'href="([^"]*)" data-testid="sort-deadline"', body)
    assert next_href and sort_href
    second = client.get(LEDGER + html.unescape(next_href.group(1)))
    resorted = client.get(LEDGER + html.unescape(sort_href.group(1)))
    # then
    assert [r.item.title for r in second.context["rows"]] == [f"事项{n:02d}" for n in range(4, -1, -1)]
    assert resorted.context["filters"].sort_param == "deadline"
    assert resorted.context["filters"].q == "事项" and resorted.context["filters"].page_size == 20
