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
