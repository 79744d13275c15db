"""The to-do list (待办), the home page counts, and the leader's portfolio (分管事项)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.schedule import missed_report_since
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db


def _sections(client, url: str = reverse("supervision:todo")) -> dict[str, list[str]]:
    todo = client.get(url).context["todo"]
    return {s.key: [r.item.title for r in s.rows] for s in todo.sections}


def test_liaison_sees_what_to_acknowledge_reports_due_and_returned(  # noqa: PLR0917 - fixtures
    supervisor: User,
    liaison_a: User,
    liaison_b: User,
    source: Source,
    unit_a: Unit,
    item_a: Item,
    item_b: Item,
) -> None:
    # given: a second item of unit A acknowledged, asked for completion and returned
    returned = make_item(supervisor, source, lead_unit=unit_a, title="被退回的事项")
    item_transition(item=returned, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=returned, action=Action.ACKNOWLEDGE, actor=liaison_a)
    item_transition(item=returned, action=Action.REQUEST_COMPLETION, actor=liaison_a)
    item_transition(item=returned, action=Action.RETURN, actor=supervisor, comment="佐证材料不全")
    # when
    sections = _sections(client_for(liaison_a))
    # then
    assert sections["acknowledge"] == [item_a.title]
    assert sections["returned"] == ["被退回的事项"]
    assert item_b.title not in str(sections)


def test_monthly_report_missed_is_listed_as_late(supervisor: User, liaison_a: User, item_a: Item) -> None:
    # given: item_a reports monthly from 2019-01-14 and has never reported
    item_transition(item=item_a, action=Action.ACKNOWLEDGE, actor=liaison_a)
    # when
    todo = client_for(liaison_a).get(reverse("supervision:todo")).context["todo"]
    # then
    rows = {s.key: s.rows for s in todo.sections}["reports"]
    since = missed_report_since("monthly", dt.date(2019, 1, 14), clock.today(), None)
    assert since is not None
    assert [(r.item.pk, r.late, r.when) for r in rows] == [(item_a.pk, True, since)]


def test_extension_decision_is_listed_for_the_liaison_and_request_for_the_leader(
    liaison_a: User, leader_a: User, item_a: Item
) -> None:
    item_transition(item=item_a, action=Action.ACKNOWLEDGE, actor=liaison_a)
    item_transition(
        item=item_a,
        action=Action.REQUEST_EXTENSION,
        actor=liaison_a,
        comment="需延期",
        new_deadline=dt.date(2020, 6, 30),
    )
    assert _sections(client_for(leader_a))["extension_requests"] == [item_a.title]
    item_transition(item=item_a, action=Action.GRANT_EXTENSION, actor=leader_a)
    assert _sections(client_for(liaison_a))["extensions"] == [item_a.title]
    assert _sections(client_for(leader_a))["extension_requests"] == []


def test_home_page_shows_the_liaisons_counts(liaison_a: User, item_a: Item) -> None:
    body = client_for(liaison_a).get(reverse("web:home")).content.decode()
    assert 'data-testid="home-todo"' in body
    assert 'data-todo-count="acknowledge"' in body


def test_portfolio_groups_open_items_by_light(
    supervisor: User, leader_a: User, source: Source, unit_a: Unit, unit_b: Unit
) -> None:
    # given: one overdue item of unit A, one on track, one of unit B (not the leader's)
    with clock.frozen(dt.date(2019, 1, 14)):
        late = make_item(supervisor, source, lead_unit=unit_a, title="已逾期", deadline=dt.date(2019, 6, 30))
        fine = make_item(
            supervisor, source, lead_unit=unit_a, title="正常推进", deadline=dt.date(2019, 12, 31)
        )
        other = make_item(supervisor, source, lead_unit=unit_b, title="别人的")
        for item in (late, fine, other):
            item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    # when
    response = client_for(leader_a).get(reverse("supervision:portfolio"))
    # then
    groups = {g.colour: [r.item.title for r in g.rows] for g in response.context["groups"]}
    assert "已逾期" in groups["red"]
    assert sorted(t for titles in groups.values() for t in titles) == sorted(["已逾期", "正常推进"])
    assert response.context["total"] == 2


def test_liaison_acknowledges_the_occurrence_not_the_recurring_template(
    supervisor: User, liaison_a: User, source: Source, unit_a: Unit
) -> None:
    # given an assigned monthly template (its July occurrence came with it)
    template = make_item(supervisor, source, lead_unit=unit_a, title="月度调度", recurrence="monthly",
                         start_date=dt.date(2019, 7, 1), report_frequency="weekly")
    item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
    occurrence = Item.objects.get(occurrence_of=template)
    # then the liaison's to-do has the occurrence only
    sections = _sections(client_for(liaison_a))
    assert sections["acknowledge"] == [occurrence.title]
    assert template.title not in sections["reports"]


def test_portfolio_follows_the_occurrence_not_the_recurring_template(
    supervisor: User, leader_a: User, source: Source, unit_a: Unit
) -> None:
    template = make_item(supervisor, source, lead_unit=unit_a, title="月度调度", recurrence="monthly",
                         start_date=dt.date(2019, 7, 1))
    item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
    occurrence = Item.objects.get(occurrence_of=template)
    body = client_for(leader_a).get(reverse("supervision:portfolio")).content.decode()
    assert reverse("supervision:item_detail", args=[occurrence.pk]) in body
    assert reverse("supervision:item_detail", args=[template.pk]) not in body
