"""Unit assessment read from supervision data: the figures, and a query count that stays flat."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_django import DjangoAssertNumQueries

from duban.accountability.services import measure_record
from duban.core import clock
from duban.core.roles import Role
from duban.evaluation.assessment import Period
from duban.evaluation.assessment_facts import unit_assessment
from duban.org.models import Unit, User
from duban.supervision.models import Item, ReminderLog
from duban.supervision.models.reminder import ReminderKind
from duban.supervision.services.report import delivery_judge, report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = Period(D(2019, 1, 1), D(2019, 12, 31))


def _assigned(supervisor: User, unit: Unit, *, deadline: dt.date, frequency: str = "none") -> Item:
    with clock.frozen(D(2019, 1, 7)):
        item = make_item(
            supervisor,
            make_source(supervisor, title=f"{unit.name}重点工作"),
            lead_unit=unit,
            title=f"{unit.name}：完成{deadline:%m月%d日}节点",
            deadline=deadline,
            start_date=D(2019, 1, 7),
            report_frequency=frequency,
        )
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return item


def _finish(item: Item, liaison: User, supervisor: User, *, requested: dt.date, signed: dt.date) -> None:
    with clock.frozen(requested):
        item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison)
        item_transition(item=item, action=Action.REQUEST_COMPLETION, actor=liaison)
    with clock.frozen(signed):
        item_transition(item=item, action=Action.SIGN_OFF, actor=supervisor)


def _unit_with_items(supervisor: User, name: str) -> Unit:
    """A unit with an item done on time, one done late, one open past its deadline, reports and events."""
    unit = make_unit(name=name)
    liaison = make_user(Role.LIAISON, unit=unit, username=f"liaison-{unit.pk}")
    # asked to close two days before the deadline; the office signed off after it: on time
    _finish(
        _assigned(supervisor, unit, deadline=D(2019, 3, 29)),
        liaison,
        supervisor,
        requested=D(2019, 3, 27),
        signed=D(2019, 4, 3),
    )
    # asked to close five days late
    _finish(
        _assigned(supervisor, unit, deadline=D(2019, 4, 30)),
        liaison,
        supervisor,
        requested=D(2019, 5, 5),
        signed=D(2019, 5, 6),
    )
    # open, monthly reports: January and February answered, March missed; overdue since 1 July
    open_item = _assigned(supervisor, unit, deadline=D(2019, 6, 28), frequency="monthly")
    with clock.frozen(D(2019, 1, 20)):
        item_transition(item=open_item, action=Action.ACKNOWLEDGE, actor=liaison)
        report_submit(actor=liaison, item=open_item, text="已完成方案编制", percent=10)
    with clock.frozen(D(2019, 2, 22)):
        report_submit(actor=liaison, item=open_item, text="已完成招标", percent=30)
    with clock.frozen(D(2019, 7, 1)):
        delivery_judge(actor=supervisor, item=open_item, grade="amber_red", reason="进度滞后")
        for recipient in ("leader@example.cn", "top@example.cn"):  # one escalation, two deliveries
            ReminderLog.objects.create(
                item=open_item,
                kind=ReminderKind.ESCALATE_LEADER,
                key=f"esc:{open_item.pk}:1",
                channel="email",
                recipient=recipient,
                sent_at=clock.now(),
            )
    # an interview (约谈) of the unit, and an admonition of one of its people, for the open item
    with clock.frozen(D(2019, 7, 8)):
        for kind, against, person in (("interview", unit, None), ("admonition", None, liaison.person)):
            measure_record(actor=supervisor, kind=kind, unit=against, person=person, items=[open_item],
                           taken_on=D(2019, 7, 8), reason="逾期未完成")  # fmt: skip
    return unit


def test_a_units_record_from_its_items_reports_and_events() -> None:
    # given a unit with three items (see _unit_with_items), read on 10 July
    supervisor = make_user(Role.SUPERVISOR, username="office")
    unit = _unit_with_items(supervisor, "经济发展局")
    idle = make_unit(name="张坂镇")
    # when assessed over 2019
    records = unit_assessment(unit_ids=[unit.pk, idle.pk], period=YEAR, today=D(2019, 7, 10))
    record = records[unit.pk]
    # then one of three due items was done on time (the request counts, not the sign-off)
    assert (record.due, record.on_time) == (3, 1)
    assert record.on_time_rate == 33.33
    # 5 days late (1–5 May) + 12 days open past 28 June (29 June – 10 July)
    assert record.overdue_item_days == 5 + 12
    # monthly dates 25 Jan, 25 Feb, 25 Mar, 25 Apr, 27 May, 25 Jun: two answered
    assert (record.reports_due, record.reports_punctual) == (6, 2)
    assert record.delivery_judgement == 40.0
    assert (record.escalations, record.urgings, record.accountability) == (1, 0, 2)
    # and a unit without items gets an empty record, not a missing one
    assert records[idle.pk].on_time_rate is None
    assert records[idle.pk].items == 0


def test_the_query_count_does_not_grow_with_units_items_and_reports(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # given one unit, then four units with three times the items
    supervisor = make_user(Role.SUPERVISOR, username="office")
    units = [_unit_with_items(supervisor, "经济发展局")]
    with django_assert_num_queries(5):
        small = unit_assessment(unit_ids=[u.pk for u in units], period=YEAR, today=D(2019, 7, 10))
    units += [_unit_with_items(supervisor, name) for name in ("财政局", "张坂镇", "自然资源局")]
    # then the same five queries read them all
    with django_assert_num_queries(5):
        large = unit_assessment(unit_ids=[u.pk for u in units], period=YEAR, today=D(2019, 7, 10))
    assert len(small) == 1
    assert len(large) == 4
    assert {r.overdue_item_days for r in large.values()} == {17}
