"""recurrence_spawn: one occurrence per period, under the template's parent, audited."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.audit.models import AuditEvent
from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.models import Item
from duban.supervision.selectors import lights_for
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.recurrence import period_of, recurrence_spawn
from duban.supervision.services.transition import item_transition
from duban.supervision.services.tree import item_update
from duban.supervision.workflow import Action, State
from tests.supervision.factories import make_item, make_source

D = dt.date.fromisoformat

PERIODS = [
    ("monthly", "2019-08-15", "2019-08-01", "2019-08-31", "2019年8月"),
    ("monthly-december", "2019-12-02", "2019-12-01", "2019-12-31", "2019年12月"),
    ("quarterly", "2019-08-15", "2019-07-01", "2019-09-30", "2019年第3季度"),
    ("weekly", "2019-10-02", "2019-09-30", "2019-10-06", "2019年第40周"),
    ("fortnightly", "2019-01-10", "2018-12-31", "2019-01-13", "2019年第1–2周"),
]


@pytest.mark.parametrize(("case", "day", "start", "end", "label"), PERIODS, ids=[p[0] for p in PERIODS])
def test_period_of(case: str, day: str, start: str, end: str, label: str) -> None:
    period = period_of(case.split("-", maxsplit=1)[0], D(day))
    assert period is not None
    assert (period.start, period.end, period.label) == (D(start), D(end), label)


@pytest.fixture
def template(supervisor: User, unit_a: Unit, unit_b: Unit) -> Item:
    with clock.frozen(D("2019-01-14")):
        source = make_source(supervisor, kind="key_work", title="2019年重点工作")
        parent = make_item(supervisor, source, lead_unit=unit_a, title="稳增长")
        item = make_item(
            supervisor,
            source,
            parent=parent,
            lead_unit=unit_a,
            title="月度经济运行调度",
            recurrence="monthly",
            report_frequency="none",
            start_date=D("2019-01-01"),
            deadline=D("2019-12-31"),
            cooperating_units=[unit_b],
            tags=["经济"],
        )
    return item


@pytest.mark.django_db
def test_spawns_one_occurrence_per_period_idempotently(template: Item, supervisor: User) -> None:
    # given an assigned monthly template
    with clock.frozen(D("2019-01-15")):
        item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
    # when the daily job runs twice in August, then once in September
    with clock.frozen(D("2019-08-01")):
        first = recurrence_spawn(today=D("2019-08-01"))
        again = recurrence_spawn(today=D("2019-08-20"))
        later = recurrence_spawn(today=D("2019-09-02"))
    # then (January's occurrence came with the template, 1.2)
    assert len(first) == 1 and again == [] and len(later) == 1
    august = first[0]
    assert august.occurrence_of_id == template.pk
    assert august.occurrence_label == "2019年8月"
    assert august.deadline == D("2019-08-31") and august.start_date == D("2019-08-01")
    assert august.parent_id == template.parent_id and august.number == "1.3"
    assert august.state == State.ASSIGNED and august.assigned_at is not None
    assert august.lead_unit_id == template.lead_unit_id
    assert list(august.cooperating_units.values_list("name", flat=True)) == ["张坂镇"]
    assert list(august.tags.values_list("name", flat=True)) == ["经济"]
    assert august.recurrence == "none"
    assert later[0].number == "1.4"
    assert AuditEvent.objects.filter(action="item.recur").count() == 3
    assert august.transitions.get().action == Action.ASSIGN


@pytest.mark.django_db
def test_draft_template_spawns_drafts_and_closed_or_ended_ones_nothing(
    template: Item, supervisor: User
) -> None:
    with clock.frozen(D("2019-08-01")):
        [draft] = recurrence_spawn(today=D("2019-08-01"))
        assert draft.state == State.DRAFT
        # past the template's own deadline nothing more is spawned
        assert recurrence_spawn(today=D("2020-01-02")) == []
        Item.objects.filter(pk=template.pk).update(state=State.CANCELLED)
        assert recurrence_spawn(today=D("2019-09-02")) == []


@pytest.mark.django_db
def test_first_occurrence_appears_when_the_template_is_saved(supervisor: User, unit_a: Unit) -> None:
    # given a monthly item registered on 2019-09-10 without a lead unit yet
    with clock.frozen(D("2019-09-10")):
        source = make_source(supervisor)
        template = make_item(supervisor, source, title="月度调度", recurrence="monthly",
                             start_date=D("2019-09-01"), deadline=D("2019-12-31"))
        # then its September occurrence is on the ledger at once, as a draft like the template
        [september] = Item.objects.filter(occurrence_of=template)
        assert (september.occurrence_label, september.state) == ("2019年9月", State.DRAFT)
        assert september.deadline == D("2019-09-30")
        # when the lead unit is set and the template is assigned
        template = item_update(actor=supervisor, item=template, lead_unit=unit_a)
        item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
        # then the occurrence is assigned too, with the template's lead unit, and the nightly job adds nothing
        september.refresh_from_db()
        assert (september.state, september.lead_unit_id) == (State.ASSIGNED, unit_a.pk)
        assert september.transitions.get().actor == supervisor
        assert recurrence_spawn(today=D("2019-09-11")) == []
    assert Item.objects.filter(occurrence_of=template).count() == 1


@pytest.mark.django_db
def test_template_starting_later_shows_its_first_period(supervisor: User, unit_a: Unit) -> None:
    with clock.frozen(D("2019-09-10")):
        template = make_item(supervisor, make_source(supervisor), lead_unit=unit_a, recurrence="quarterly",
                             start_date=D("2019-10-08"), deadline=D("2020-12-31"))
    assert list(Item.objects.filter(occurrence_of=template).values_list("occurrence_label", flat=True)) == [
        "2019年第4季度"
    ]


@pytest.mark.django_db
def test_template_has_no_light_of_its_own(template: Item, supervisor: User) -> None:
    # given an assigned template and its occurrence
    with clock.frozen(D("2019-01-15")):
        item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
        recurrence_spawn(today=D("2019-01-15"))
        # when lights are computed
        lights_refresh(today=D("2019-01-15"))
    # then only the occurrence has one
    template.refresh_from_db()
    occurrence = Item.objects.get(occurrence_of=template)
    assert template.light == "" and occurrence.light != ""
    assert lights_for([template], today=D("2019-01-15")) == {}


@pytest.mark.django_db
def test_template_takes_only_the_offices_series_actions(template: Item, supervisor: User) -> None:
    from duban.core.errors import PermissionDenied
    from duban.core.roles import Role
    from duban.supervision import policy
    from tests.org.factories import make_user

    liaison = make_user(Role.LIAISON, unit=template.lead_unit, username="liaison_t")
    with clock.frozen(D("2019-01-15")):
        item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
        template.refresh_from_db()
        # the unit works on the occurrence: nothing to acknowledge or report on the template
        assert policy.allowed_actions(liaison, template) == []
        assert not policy.may_report(liaison, template)
        with pytest.raises(PermissionDenied):
            item_transition(item=template, action=Action.ACKNOWLEDGE, actor=liaison)
        occurrence = Item.objects.get(occurrence_of=template)
        assert Action.ACKNOWLEDGE in policy.allowed_actions(liaison, occurrence)
        # the office suspends or cancels the series
        assert set(policy.allowed_actions(supervisor, template)) == {Action.SUSPEND, Action.CANCEL}


@pytest.mark.django_db
def test_the_database_refuses_a_second_occurrence_of_one_period(template: Item, supervisor: User) -> None:
    from django.db import IntegrityError, transaction

    # given: August's occurrence
    with clock.frozen(D("2019-08-01")):
        [august] = recurrence_spawn(today=D("2019-08-01"))
        september = recurrence_spawn(today=D("2019-09-02"))[0]
    # when / then: behind the source and template locks, the constraint keeps one per period
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=september.pk).update(occurrence_label=august.occurrence_label)
