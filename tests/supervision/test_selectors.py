"""selectors: the light filter reads the light as shown today; 序时 starts on the local day of assignment."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.filters import ItemFilters
from duban.supervision.lights import Condition
from duban.supervision.models import Item
from duban.supervision.selectors import item_list, lights_for
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
BEIJING = ZoneInfo("Asia/Shanghai")


def _assigned(supervisor: User, unit: Unit, **fields: object) -> Item:
    item = make_item(supervisor, make_source(supervisor), lead_unit=unit, **fields)
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return Item.objects.get(pk=item.pk)


def _ids(user: User, *lights: str) -> list[int]:
    return [i.pk for i in item_list(user=user, filters=ItemFilters(lights=lights))]


def test_light_filter_returns_the_item_under_its_new_light_after_the_clock_moves_a_day(
    supervisor: User, unit_a: Unit
) -> None:
    # given an item due Mon 09-30 (on trajectory), its light stored on Wed 09-25: four
    # working days left (26, 27, worked Sunday 29, 30), green
    with clock.frozen(D("2019-09-02")):
        item = _assigned(supervisor, unit_a, start_date=D("2019-09-02"), deadline=D("2019-09-30"))
    Item.objects.filter(pk=item.pk).update(progress_percent=95)
    lights_refresh(today=D("2019-09-25"))
    assert Item.objects.get(pk=item.pk).light == "green"
    # when the clock moves to Thu 09-26 (three working days left: near) and no job has run
    with clock.frozen(D("2019-09-26")):
        yellow, green = _ids(supervisor, "yellow"), _ids(supervisor, "green")
    # then the filter finds it under the light it shows today, and the stored light says so
    assert (yellow, green) == ([item.pk], [])
    stored = Item.objects.get(pk=item.pk)
    assert (stored.light, stored.light_reasons) == ("yellow", ["deadline_near"])
    assert stored.light_on == D("2019-09-26")


def test_trajectory_starts_on_the_day_of_assignment_in_beijing_time(supervisor: User, unit_a: Unit) -> None:
    # given an item due Fri 09-27 (ten working days from Sun 09-15), assigned on Mon 09-16
    # at 03:52 Beijing time, which is still Sunday 09-15 in UTC
    with clock.frozen(dt.datetime(2019, 9, 16, 3, 52, tzinfo=BEIJING)):
        item = _assigned(supervisor, unit_a, deadline=D("2019-09-27"))
    assert item.assigned_at is not None and item.assigned_at.astimezone(dt.UTC).date() == D("2019-09-15")
    # when its light is computed on its first day
    light = lights_for([item], today=D("2019-09-16"))[item.pk]
    # then nothing is expected yet (not 10%), and it is not behind
    assert item.start_day == D("2019-09-16")
    assert light.expected_progress == 0
    assert Condition.BEHIND not in light.conditions
    assert light.colour == "green"
