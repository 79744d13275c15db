"""The ledger tree: numbering 1, 1.2, 1.2.3; moving re-numbers; edits are locked optimistically."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.core.errors import DomainError, ErrorCode
from duban.supervision.models import DeadlineChange, Item
from duban.supervision.services.tree import item_create, item_move, item_update
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db


def numbers(source) -> list[tuple[str, str]]:
    return list(Item.objects.filter(source=source).order_by("path").values_list("number", "title"))


def test_numbering_follows_the_tree(supervisor) -> None:
    source = make_source(supervisor)
    one = item_create(actor=supervisor, source=source, title="一")
    two = item_create(actor=supervisor, source=source, title="二")
    item_create(actor=supervisor, source=source, parent=one, title="一之一")
    one_two = item_create(actor=supervisor, source=source, parent=one, title="一之二")
    item_create(actor=supervisor, source=source, parent=one_two, title="一之二之一")
    assert numbers(source) == [
        ("1", "一"),
        ("1.1", "一之一"),
        ("1.2", "一之二"),
        ("1.2.1", "一之二之一"),
        ("2", "二"),
    ]
    assert two.number == "2"


def test_moving_an_item_renumbers_its_old_and_new_siblings_and_its_subtree(supervisor) -> None:
    source = make_source(supervisor)
    one = item_create(actor=supervisor, source=source, title="一")
    two = item_create(actor=supervisor, source=source, title="二")
    three = item_create(actor=supervisor, source=source, title="三")
    item_create(actor=supervisor, source=source, parent=three, title="三之一")
    # when: 三 moves under 一, before nothing else
    item_move(actor=supervisor, item=three, parent=one, position=1)
    # then
    assert numbers(source) == [("1", "一"), ("1.1", "三"), ("1.1.1", "三之一"), ("2", "二")]
    # and back to the top, first
    three.refresh_from_db()
    item_move(actor=supervisor, item=three, parent=None, position=1)
    assert numbers(source) == [("1", "三"), ("1.1", "三之一"), ("2", "一"), ("3", "二")]
    assert two.pk


def test_an_item_cannot_move_under_its_own_descendant(supervisor) -> None:
    source = make_source(supervisor)
    one = item_create(actor=supervisor, source=source, title="一")
    child = item_create(actor=supervisor, source=source, parent=one, title="一之一")
    with pytest.raises(DomainError):
        item_move(actor=supervisor, item=one, parent=child, position=1)
    assert numbers(source) == [("1", "一"), ("1.1", "一之一")]


def test_deadline_before_start_is_refused_and_nothing_written(supervisor) -> None:
    source = make_source(supervisor)
    with pytest.raises(DomainError) as err:
        item_create(
            actor=supervisor,
            source=source,
            title="错",
            start_date=dt.date(2019, 5, 1),
            deadline=dt.date(2019, 4, 1),
        )
    assert "deadline" in err.value.fields
    assert not Item.objects.exists()


def test_update_keeps_deadline_history_and_detects_stale_versions(supervisor) -> None:
    source = make_source(supervisor)
    item = item_create(actor=supervisor, source=source, title="甲", deadline=dt.date(2019, 6, 30))
    seen = item.version
    item_update(
        actor=supervisor,
        item=item,
        expected_version=seen,
        deadline=dt.date(2019, 9, 30),
        deadline_reason="会议调整",
    )
    assert list(DeadlineChange.objects.filter(item=item).values_list("old", "new", "reason")) == [
        (None, dt.date(2019, 6, 30), ""),
        (dt.date(2019, 6, 30), dt.date(2019, 9, 30), "会议调整"),
    ]
    with pytest.raises(DomainError) as err:
        item_update(actor=supervisor, item=item, expected_version=seen, title="乙")
    assert err.value.code == ErrorCode.CONFLICT
    item.refresh_from_db()
    assert item.title == "甲"


def test_only_the_supervision_office_registers(liaison_a) -> None:
    from duban.supervision.services.source import source_create

    with pytest.raises(DomainError) as err:
        source_create(actor=liaison_a, kind="meeting", title="会", date=dt.date(2019, 1, 1))
    assert err.value.code == ErrorCode.PERMISSION_DENIED


# --- deadline changes outside the extension workflow; closed items --------------------------


def _closed(supervisor, liaison, unit):
    """An item taken through the workflow to 已销号."""
    from duban.supervision.services.transition import item_transition
    from duban.supervision.workflow import Action

    item = item_create(actor=supervisor, source=make_source(supervisor), title="甲", lead_unit=unit,
                       deadline=dt.date(2019, 6, 30))
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison)
    item_transition(item=item, action=Action.REQUEST_COMPLETION, actor=liaison)
    item_transition(item=item, action=Action.SIGN_OFF, actor=supervisor)
    item.refresh_from_db()
    return item


def test_moving_an_assigned_items_deadline_needs_a_reason(supervisor, unit_a) -> None:
    from duban.supervision.services.transition import item_transition
    from duban.supervision.workflow import Action

    # given an assigned item
    item = item_create(actor=supervisor, source=make_source(supervisor), title="甲", lead_unit=unit_a,
                       deadline=dt.date(2019, 6, 30))
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    # when its deadline is edited without a reason
    with pytest.raises(DomainError) as err:
        item_update(actor=supervisor, item=item, deadline=dt.date(2019, 9, 30), deadline_reason="  ")
    # then it is refused on the reason field, in Chinese, and nothing changes
    assert err.value.code == ErrorCode.REASON_REQUIRED
    assert err.value.fields == {"deadline_reason": "请填写变更完成时限的理由。"}
    item.refresh_from_db()
    assert item.deadline == dt.date(2019, 6, 30)
    # and with a reason it lands in the deadline history
    item_update(actor=supervisor, item=item, deadline=dt.date(2019, 9, 30), deadline_reason="会议调整")
    assert list(item.deadline_changes.values_list("old", "new", "reason"))[-1] == (
        dt.date(2019, 6, 30), dt.date(2019, 9, 30), "会议调整"
    )


def test_a_drafts_deadline_moves_without_a_reason(supervisor) -> None:
    source = make_source(supervisor)
    item = item_create(actor=supervisor, source=source, title="甲", deadline=dt.date(2019, 6, 30))
    item_update(actor=supervisor, item=item, deadline=dt.date(2019, 7, 31))
    assert item.deadline_changes.count() == 2


def test_a_closed_item_is_edited_only_after_reopening(supervisor, liaison_a, unit_a) -> None:
    from duban.supervision.services.transition import item_transition
    from duban.supervision.workflow import Action

    item = _closed(supervisor, liaison_a, unit_a)
    with pytest.raises(DomainError) as err:
        item_update(actor=supervisor, item=item, title="乙")
    assert err.value.code == ErrorCode.TRANSITION_NOT_ALLOWED
    assert "请先重新打开" in err.value.message
    item_transition(item=item, action=Action.REOPEN, actor=supervisor, comment="回头看发现反弹")
    item_update(actor=supervisor, item=item, title="乙")
    item.refresh_from_db()
    assert item.title == "乙"


def test_a_closed_item_gets_no_milestones_and_none_marked(supervisor, liaison_a, unit_a) -> None:
    from duban.supervision.services.milestone import milestone_add, milestone_done

    item = _closed(supervisor, liaison_a, unit_a)
    milestone = item.milestones.create(due=dt.date(2019, 6, 1), title="节点")
    with pytest.raises(DomainError, match="请先重新打开"):
        milestone_add(actor=supervisor, item=item, due=dt.date(2019, 6, 1), title="新节点")
    with pytest.raises(DomainError, match="请先重新打开"):
        milestone_done(actor=liaison_a, milestone=milestone, done_on=dt.date(2019, 7, 1))


def test_an_import_does_not_edit_a_closed_item(supervisor, liaison_a, unit_a) -> None:
    from duban.supervision.services.bulk import ItemRow, items_import

    item = _closed(supervisor, liaison_a, unit_a)
    with pytest.raises(DomainError) as err:
        items_import(actor=supervisor, source=item.source,
                     rows=[ItemRow(number="1", fields={"title": "乙"}, label="第2行")])
    assert err.value.fields == {"第2行": "该事项“已销号”，不能修改，请先重新打开"}


# --- numbers under concurrent writers (the threads themselves: test_tree_concurrency.py) -------


def test_a_create_under_a_parent_that_moved_meanwhile_takes_its_current_number(supervisor) -> None:
    # given: the caller read 二 as "2"; another writer then moved it to the top
    source = make_source(supervisor)
    item_create(actor=supervisor, source=source, title="一")
    two = item_create(actor=supervisor, source=source, title="二")
    item_move(actor=supervisor, item=Item.objects.get(pk=two.pk), parent=None, position=1)
    assert two.number == "2"  # the caller's copy is stale
    # when
    child = item_create(actor=supervisor, source=source, parent=two, title="二之一")
    # then: numbered under 二 as it is now
    assert child.number == "1.1"
    assert numbers(source) == [("1", "二"), ("1.1", "二之一"), ("2", "一")]


def test_a_move_of_a_stale_copy_moves_the_item_as_it_is_now(supervisor) -> None:
    # given: the caller's copy of 三 still says it is at the top, but it is under 一
    source = make_source(supervisor)
    one = item_create(actor=supervisor, source=source, title="一")
    item_create(actor=supervisor, source=source, title="二")
    three = item_create(actor=supervisor, source=source, title="三")
    item_move(actor=supervisor, item=Item.objects.get(pk=three.pk), parent=one, position=1)
    # when: the stale copy moves back to the top, last
    moved = item_move(actor=supervisor, item=three, parent=None, position=9)
    # then
    assert moved.number == "3"
    assert numbers(source) == [("1", "一"), ("2", "二"), ("3", "三")]


def test_the_database_refuses_a_second_item_with_the_same_number_in_a_source(supervisor) -> None:
    from django.db import IntegrityError, transaction

    # given
    source, other = make_source(supervisor), make_source(supervisor)
    item_create(actor=supervisor, source=source, title="一")
    two = item_create(actor=supervisor, source=source, title="二")
    elsewhere = item_create(actor=supervisor, source=other, title="别处")
    # when / then: the unique constraint is the last line of defence behind the tree lock
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=two.pk).update(number="1")
    # and another source has its own "1"
    assert elsewhere.number == "1"
