"""items_assign: what item_transition(ASSIGN) writes, item for item, in a constant number of statements."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.audit.models import AuditEvent
from duban.audit.verify import verify_chain
from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.models import Item, ItemTransition, Source
from duban.supervision.services.bulk_actions import items_assign
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2019, 3, 1)


@pytest.fixture
def source(supervisor: User) -> Source:
    return make_source(supervisor)


def _drafts(supervisor: User, source: Source, unit: Unit | None, n: int) -> list[Item]:
    return [make_item(supervisor, source, lead_unit=unit, title=f"事项{k}") for k in range(n)]


def _written(item: Item) -> dict[str, Any]:
    """What an assignment leaves behind for one item, without ids and instants."""
    item.refresh_from_db()
    record = ItemTransition.objects.get(item=item)
    event = AuditEvent.objects.filter(object_id=str(item.pk), action="item.assign").get()
    return {
        "state": item.state,
        "version": item.version,
        "assigned": item.assigned_at is not None,
        "record": (
            record.action,
            record.from_state,
            record.to_state,
            record.actor_id,
            record.comment,
            record.data,
        ),
        "event": (event.actor_id, event.object_type, event.object_repr, event.before, event.after),
    }


def test_writes_what_item_transition_writes(supervisor: User, source: Source, unit_a: Unit) -> None:
    # given
    one, many = _drafts(supervisor, source, unit_a, 1)[0], _drafts(supervisor, source, unit_a, 3)
    item_transition(item=one, action=Action.ASSIGN, actor=supervisor)
    # when
    result = items_assign(actor=supervisor, item_ids=[i.pk for i in many])
    # then
    assert (result.done, result.errors) == (3, [])
    expected = _written(one)
    for item in many:
        assert _written(item) == {
            **expected,
            "event": (*expected["event"][:2], str(item), *expected["event"][3:]),
        }
    assert verify_chain().ok


def test_refused_rows_are_all_named_and_nothing_is_written(
    supervisor: User, source: Source, unit_a: Unit
) -> None:
    # given: a draft without a lead unit, one already assigned, a good one, an unknown id
    no_unit = make_item(supervisor, source, lead_unit=None, title="无牵头单位")
    assigned = make_item(supervisor, source, lead_unit=unit_a, title="已交办")
    item_transition(item=assigned, action=Action.ASSIGN, actor=supervisor)
    good = make_item(supervisor, source, lead_unit=unit_a, title="可交办")
    events = AuditEvent.objects.count()
    # when
    result = items_assign(actor=supervisor, item_ids=[good.pk, no_unit.pk, assigned.pk, 999_999])
    # then
    assert result.done == 0
    assert sorted(e.item_id for e in result.errors) == sorted([no_unit.pk, assigned.pk, 999_999])
    assert all(e.message for e in result.errors)
    good.refresh_from_db()
    assert good.state == State.DRAFT and good.version == 1
    assert not ItemTransition.objects.filter(item=good).exists()
    assert AuditEvent.objects.count() == events


def test_a_liaison_assigns_nothing(liaison_a: User, supervisor: User, source: Source, unit_a: Unit) -> None:
    # given: drafts are the office's own, outside a liaison's scope
    drafts = _drafts(supervisor, source, unit_a, 2)
    # when
    result = items_assign(actor=liaison_a, item_ids=[i.pk for i in drafts])
    # then
    assert result.done == 0
    assert [e.item for e in result.errors] == [None, None]  # not found, as for a missing id
    assert not Item.objects.filter(state=State.ASSIGNED).exists()


def test_lights_are_stored_when_it_commits(
    supervisor: User, source: Source, unit_a: Unit, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    drafts = _drafts(supervisor, source, unit_a, 2)
    # when
    with clock.frozen(AS_OF), django_capture_on_commit_callbacks(execute=True):
        items_assign(actor=supervisor, item_ids=[i.pk for i in drafts])
    # then
    assert {i.light for i in Item.objects.filter(pk__in=[d.pk for d in drafts])} != {""}


def _statements(supervisor: User, ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert items_assign(actor=supervisor, item_ids=ids).done == len(ids)
    return len(queries)


def test_statements_do_not_grow_with_the_items(supervisor: User, unit_a: Unit) -> None:
    # given: two ledgers, of 2 and of 20 drafts
    small = _drafts(supervisor, make_source(supervisor, title="小"), unit_a, 2)
    large = _drafts(supervisor, make_source(supervisor, title="大"), unit_a, 20)
    # when / then
    assert _statements(supervisor, [i.pk for i in small]) == _statements(supervisor, [i.pk for i in large])


def test_a_template_chosen_with_its_occurrence_assigns_it_as_the_single_action_does(
    supervisor: User, unit_a: Unit
) -> None:
    # given a monthly template and its September occurrence, both chosen on the ledger
    with clock.frozen(dt.date(2019, 9, 10)):
        template = make_item(
            supervisor,
            make_source(supervisor),
            lead_unit=unit_a,
            title="月度调度",
            recurrence="monthly",
            start_date=dt.date(2019, 9, 1),
            deadline=dt.date(2019, 12, 31),
        )
        [september] = Item.objects.filter(occurrence_of=template)
        # when
        result = items_assign(actor=supervisor, item_ids=[template.pk, september.pk])
    # then both are assigned, the occurrence once, with the template's title
    assert (result.done, result.errors) == (2, [])
    september.refresh_from_db()
    assert (september.state, september.lead_unit_id) == (State.ASSIGNED, unit_a.pk)
    assert september.transitions.count() == 1
    assert september.title.startswith("月度调度")
