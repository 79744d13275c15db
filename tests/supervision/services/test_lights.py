"""lights_refresh and the refresh right after a change (cached light on the item)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.models import Item
from duban.supervision.services.lights import (
    LightsRefreshed,
    item_light_refresh,
    light_settings_update,
    lights_current,
    lights_refresh,
)
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def items(supervisor: User, unit_a: Unit) -> list[Item]:
    with clock.frozen(D("2019-09-02")):
        source = make_source(supervisor)
        made = [
            make_item(supervisor, source, lead_unit=unit_a, start_date=D("2019-09-02"), deadline=D(d))
            for d in ("2019-09-30", "2019-10-08", "2019-12-31")
        ]
        for item in made[:2]:
            item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    Item.objects.update(progress_percent=95)  # on trajectory: only the deadline matters here
    return made


def test_refresh_stores_colours_and_reasons_and_counts_changes(items: list[Item]) -> None:
    # when: 09-27 — 09-30 is 2 working days away, 10-08 three (National Day), the third item is a draft
    done = lights_refresh(today=D("2019-09-27"))
    # then
    stored = {i.pk: (i.light, i.light_reasons, i.light_on) for i in Item.objects.all()}
    assert stored[items[0].pk] == ("yellow", ["deadline_near"], D("2019-09-27"))
    assert stored[items[1].pk][0] == "yellow"
    assert stored[items[2].pk] == ("", [], D("2019-09-27"))
    assert done == LightsRefreshed(items=3, changed=2)
    assert lights_refresh(today=D("2019-09-27")) == LightsRefreshed(items=3, changed=0)


def test_refresh_runs_in_constant_queries_per_batch(
    items: list[Item], supervisor: User, unit_a: Unit, django_assert_max_num_queries: Any
) -> None:
    # settings (get or create: 4), ids, items, milestones, last reports, then per distinct
    # (colour, reasons) one UPDATE, inside one savepoint (2): here red/overdue, red/far behind
    # and the draft's "no light", stored for the day for the first time.
    with django_assert_max_num_queries(13):
        lights_refresh(today=D("2019-10-08"))
    # given ten times the items in the same situations, when refreshed again: no more queries
    with clock.frozen(D("2019-09-02")):
        for _ in range(20):
            extra = make_item(supervisor, items[0].source, lead_unit=unit_a, start_date=D("2019-09-02"),
                              deadline=D("2019-09-30"))
            item_transition(item=extra, action=Action.ASSIGN, actor=supervisor)
    with django_assert_max_num_queries(12):
        lights_refresh(today=D("2019-10-08"))


def test_light_is_refreshed_after_a_transition_commits(
    items: list[Item], supervisor: User, liaison_a: User, django_capture_on_commit_callbacks: Any
) -> None:
    item = items[0]
    with clock.frozen(D("2019-10-08")), django_capture_on_commit_callbacks(execute=True):
        item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    item.refresh_from_db()
    assert (item.light, item.light_reasons) == ("red", ["overdue"])


def test_item_light_refresh_of_a_missing_item_is_harmless() -> None:
    assert item_light_refresh(item_id=999999, today=D("2019-10-08")) == ""


def test_lights_current_refreshes_only_stale_lights_and_is_one_query_when_none_is(
    items: list[Item], django_assert_num_queries: Any
) -> None:
    # given lights stored for 09-26
    lights_refresh(today=D("2019-09-26"))
    # when read on 09-26: nothing to do, one query
    with django_assert_num_queries(1):
        assert lights_current(today=D("2019-09-26")) == 0
    # when read on 09-27: the two open items are brought to the new day (the draft has no light)
    assert lights_current(today=D("2019-09-27")) == 2
    assert set(Item.objects.values_list("light_on", flat=True)) == {D("2019-09-27"), D("2019-09-26")}
    assert Item.objects.get(pk=items[0].pk).light_reasons == ["deadline_near"]


def test_a_closed_item_still_showing_a_light_is_stale(items: list[Item]) -> None:
    # given a draft that somehow still shows yesterday's red light
    Item.objects.filter(pk=items[2].pk).update(light="red", light_on=D("2019-09-26"))
    # when
    lights_current(today=D("2019-09-27"))
    # then
    assert Item.objects.get(pk=items[2].pk).light == ""


def test_changing_the_colour_preset_recomputes_every_stored_light(
    items: list[Item], supervisor: User, django_capture_on_commit_callbacks: Any
) -> None:
    # given lights stored under the traffic preset on 09-27: the item due 09-30 is yellow
    with clock.frozen(D("2019-09-27")):
        lights_refresh(today=D("2019-09-27"))
        assert Item.objects.get(pk=items[0].pk).light == "yellow"
        # when the office switches to blue/yellow/red
        with django_capture_on_commit_callbacks(execute=True):
            light_settings_update(actor=supervisor, preset="by_cause")
    # then the stored light follows at once: a near deadline is blue
    assert Item.objects.get(pk=items[0].pk).light == "blue"
