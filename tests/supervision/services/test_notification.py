"""Notifications: marking one's own read, and who hears of a leader's instruction (批示)."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.audit.models import AuditEvent
from duban.core import clock
from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.channels import Message
from duban.supervision.channels.in_app import notify
from duban.supervision.models import Item, Notification, NotificationKind
from duban.supervision.services.notification import notification_mark_all_read, notification_mark_read
from duban.supervision.services.report import instruction_add
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
AT = dt.datetime(2019, 7, 30, 9, tzinfo=dt.UTC)


def _note(user: User, title: str = "催办") -> Notification:
    return notify(user_id=user.pk, item_id=None, kind="overdue", message=Message(title, "正文"), at=AT)


def test_mark_read_marks_once_and_only_ones_own(liaison_a: User, liaison_b: User) -> None:
    # given
    mine, theirs = _note(liaison_a), _note(liaison_b)
    # when
    with clock.frozen(dt.date(2019, 7, 31)):
        first = notification_mark_read(actor=liaison_a, notification_id=mine.pk)
    again = notification_mark_read(actor=liaison_a, notification_id=mine.pk)
    # then: read once, the second call changes nothing; someone else's looks missing
    assert first.read_at is not None and again.read_at == first.read_at
    with pytest.raises(NotFound):
        notification_mark_read(actor=liaison_a, notification_id=theirs.pk)
    with pytest.raises(NotFound):
        notification_mark_read(actor=liaison_a, notification_id=theirs.pk + 1000)
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_all_read_counts_the_unread_of_the_actor_only(liaison_a: User, liaison_b: User) -> None:
    # given two unread and one read of A's, one of B's
    _note(liaison_a)
    _note(liaison_a)
    notification_mark_read(actor=liaison_a, notification_id=_note(liaison_a).pk)
    _note(liaison_b)
    # when
    marked = notification_mark_all_read(actor=liaison_a)
    # then
    assert marked == 2
    assert not Notification.objects.filter(user=liaison_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=liaison_b, read_at__isnull=True).count() == 1


@pytest.fixture
def instructed(supervisor: User, unit_a: Unit, unit_b: Unit, liaison_a: User, liaison_b: User) -> Item:
    """An assigned item led by unit A with unit B cooperating."""
    item = make_item(
        supervisor,
        make_source(supervisor),
        lead_unit=unit_a,
        title="推进园区污水管网建设",
        cooperating_units=[unit_b],
    )
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return item


def test_instruction_notifies_lead_and_cooperating_units_and_responsible_person(
    instructed: Item, leader_a: User, liaison_a: User, liaison_b: User, unit_a: Unit, supervisor: User
) -> None:
    # given: a responsible person with a login, a statistician of unit A, a liaison elsewhere, an inactive one
    responsible = make_user(Role.STATISTICIAN, unit=unit_a, username="resp")
    instructed.responsible = responsible.person
    instructed.save(update_fields=["responsible"])
    bystander = make_user(Role.STATISTICIAN, unit=unit_a, username="stat")
    elsewhere = make_user(Role.LIAISON, unit=make_unit(name="财政局"), username="elsewhere")
    gone = make_user(Role.LIAISON, unit=unit_a, username="gone", is_active=False)
    # when
    instruction = instruction_add(actor=leader_a, item=instructed, text="请加快进度，月底前报结果。")
    # then: the lead unit's and the cooperating unit's liaisons, and the responsible person
    notes = Notification.objects.filter(kind=NotificationKind.INSTRUCTION)
    reached = set(notes.values_list("user_id", flat=True))
    assert reached == {liaison_a.pk, liaison_b.pk, responsible.pk}
    assert not reached & {bystander.pk, elsewhere.pk, gone.pk, leader_a.pk, supervisor.pk}
    note = notes.get(user=liaison_a)
    assert note.item_id == instructed.pk and note.created_at == instruction.at and note.read_at is None
    assert "批示" in note.title and "推进园区污水管网建设" in note.title
    assert "请加快进度，月底前报结果。" in note.body
    # and the audit row says who was told
    event = AuditEvent.objects.get(action="item.instruction")
    assert event.after is not None
    assert sorted(event.after["notified"]) == sorted(reached)


def test_instruction_author_in_the_unit_is_not_told_of_their_own(
    instructed: Item, unit_a: Unit, liaison_a: User
) -> None:
    # given a leader who is also a liaison of the lead unit
    both = make_user(Role.LEADER, Role.LIAISON, unit=unit_a, oversees=(unit_a,), username="both")
    # when
    instruction_add(actor=both, item=instructed, text="抓紧办理")
    # then
    assert set(Notification.objects.values_list("user_id", flat=True)) >= {liaison_a.pk}
    assert not Notification.objects.filter(user=both).exists()
