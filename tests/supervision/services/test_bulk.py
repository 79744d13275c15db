"""Bulk import of items: what item_create / item_update guarantee, row for row, in a few statements."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.audit.models import AuditEvent
from duban.audit.verify import verify_chain
from duban.core import clock
from duban.core.errors import DomainError, PermissionDenied
from duban.supervision.models import DeadlineChange, Item, Tag
from duban.supervision.services.bulk import ItemRow, items_import
from duban.supervision.services.transition import item_transition
from duban.supervision.services.tree import _picture, item_create, item_update, ledger_renumber
from duban.supervision.workflow import Action
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db

# Fields that differ between two equal ledgers in two sources.
_IDENTITY = {"id", "source_id", "parent_id", "created_at", "updated_at"}


def _items(source) -> dict[str, Item]:
    return {i.number: i for i in Item.objects.filter(source=source)}


def _fields(item: Item) -> dict[str, Any]:
    data = {
        f.attname: getattr(item, f.attname) for f in Item._meta.concrete_fields if f.attname not in _IDENTITY
    }
    data["cooperating"] = sorted(item.cooperating_units.values_list("id", flat=True))
    data["tags"] = sorted(item.tags.values_list("name", flat=True))
    return data


def _events(source, action: str) -> list[AuditEvent]:
    ids = [str(pk) for pk in Item.objects.filter(source=source).values_list("pk", flat=True)]
    return list(AuditEvent.objects.filter(action=action, object_id__in=ids).order_by("seq"))


def _comparable(picture: Any) -> dict[str, Any]:
    """An audit picture without what differs between two equal ledgers (ids)."""
    assert isinstance(picture, dict)
    return {k: v for k, v in picture.items() if k not in {"id", "parent_id"}}


def test_creates_the_tree_as_item_create_would(supervisor, unit_a, unit_b) -> None:
    # given: the same ledger, once through item_create, once through the bulk import
    by_service, by_bulk = make_source(supervisor, title="逐条"), make_source(supervisor, title="批量")
    one = item_create(actor=supervisor, source=by_service, title="问题一", lead_unit=unit_a, tags=["巡视"])
    item_create(
        actor=supervisor,
        source=by_service,
        parent=one,
        title="措施一",
        lead_unit=unit_b,
        cooperating_units=[unit_a, unit_b],
        deadline=dt.date(2019, 12, 31),
        tags=[" 整改 ", "巡视"],
    )
    item_create(actor=supervisor, source=by_service, title="问题二", start_date=dt.date(2019, 3, 1))
    rows = [
        ItemRow(number="2", fields={"title": "问题二", "start_date": dt.date(2019, 3, 1)}),
        ItemRow(
            number="1.1",
            fields={"title": "措施一", "lead_unit": unit_b, "deadline": dt.date(2019, 12, 31)},
            cooperating_units=[unit_a, unit_b],
            tags=[" 整改 ", "巡视"],
        ),
        ItemRow(number="1", fields={"title": "问题一", "lead_unit": unit_a}, tags=["巡视"]),
    ]
    # when
    result = items_import(actor=supervisor, source=by_bulk, rows=rows)
    # then: same items, numbers, paths, relations
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    expected, got = _items(by_service), _items(by_bulk)
    assert sorted(got) == ["1", "1.1", "2"]
    assert {n: _fields(i) for n, i in got.items()} == {n: _fields(i) for n, i in expected.items()}
    assert got["1.1"].parent_id == got["1"].pk and got["1.1"].path == "0001.0001"
    assert ledger_renumber(source_id=by_bulk.pk) == 0
    assert Tag.objects.filter(name__in=["整改", "巡视"]).count() == 2
    # and the same deadline history
    history = DeadlineChange.objects.filter(item__source=by_bulk).values_list(
        "item__number", "old", "new", "reason"
    )
    assert list(history) == [("1.1", None, dt.date(2019, 12, 31), "")]
    # and one chained audit event per item, with the picture item_create records
    events = _events(by_bulk, "item.create")
    assert [e.object_id for e in events] == [str(got[n].pk) for n in ("1", "1.1", "2")]
    for event in events:
        item = Item.objects.get(pk=int(event.object_id))
        assert event.after == _picture(item)
        assert event.object_repr == str(item) and event.actor_id == supervisor.pk
    assert [_comparable(e.after) for e in events] == [
        _comparable(e.after) for e in _events(by_service, "item.create")
    ]
    assert verify_chain().ok


def test_updates_changed_rows_only_as_item_update_would(supervisor, unit_a, unit_b) -> None:
    # given
    source = make_source(supervisor)
    one = item_create(actor=supervisor, source=source, title="问题一", lead_unit=unit_a)
    first = item_create(
        actor=supervisor, source=source, parent=one, title="措施一", deadline=dt.date(2019, 6, 30)
    )
    second = item_create(
        actor=supervisor, source=source, parent=one, title="措施二", cooperating_units=[unit_b]
    )
    before_first, before_second = _picture(first), _picture(second)
    rows = [
        ItemRow(number="1", fields={"title": "问题一", "lead_unit": unit_a}),  # unchanged
        ItemRow(number="1.1", fields={"title": "措施一（修订）", "deadline": dt.date(2019, 9, 30)}),
        ItemRow(number="1.2", fields={"title": "措施二"}, cooperating_units=[unit_a]),  # relations only
        ItemRow(number="1.3", fields={"title": "措施三"}),
    ]
    # when
    result = items_import(actor=supervisor, source=source, rows=rows, deadline_reason="会议调整")
    # then
    assert (result.created, result.updated, result.unchanged) == (1, 2, 1)
    first.refresh_from_db()
    second.refresh_from_db()
    one.refresh_from_db()
    assert (first.title, first.deadline, first.version) == ("措施一（修订）", dt.date(2019, 9, 30), 2)
    assert list(second.cooperating_units.all()) == [unit_a] and second.version == 2
    assert one.version == 1
    assert list(DeadlineChange.objects.filter(item=first).values_list("old", "new", "reason")) == [
        (None, dt.date(2019, 6, 30), ""),
        (dt.date(2019, 6, 30), dt.date(2019, 9, 30), "会议调整"),
    ]
    updates = {e.object_id: e for e in AuditEvent.objects.filter(action="item.update")}
    assert set(updates) == {str(first.pk), str(second.pk)}
    assert updates[str(first.pk)].before == before_first
    assert updates[str(first.pk)].after == _picture(first)
    assert updates[str(second.pk)].before == before_second
    assert updates[str(second.pk)].after == _picture(second)
    assert _items(source)["1.3"].number == "1.3"
    assert verify_chain().ok


def test_an_update_matches_item_update(supervisor, unit_a, unit_b) -> None:
    # given: two equal ledgers
    a, b = make_source(supervisor, title="甲"), make_source(supervisor, title="乙")
    for source in (a, b):
        item_create(
            actor=supervisor, source=source, title="事项", lead_unit=unit_a, cooperating_units=[unit_b]
        )
    # when: the same change by each path (the new lead unit was a cooperating unit)
    item_update(actor=supervisor, item=_items(a)["1"], lead_unit=unit_b, cooperating_units=[unit_a, unit_b])
    items_import(
        actor=supervisor,
        source=b,
        rows=[ItemRow(number="1", fields={"lead_unit": unit_b}, cooperating_units=[unit_a, unit_b])],
    )
    # then
    assert _fields(_items(b)["1"]) == _fields(_items(a)["1"])
    by_service, by_bulk = _events(a, "item.update")[0], _events(b, "item.update")[0]
    assert _comparable(by_bulk.after) == _comparable(by_service.after)
    assert _comparable(by_bulk.before) == _comparable(by_service.before)


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (
            [ItemRow(number="2", fields={"title": "跳号"}, label="Row 9")],
            "Row 9：“2”跳号；此处下一个序号应为“1”",
        ),
        ([ItemRow(number="1.1", fields={"title": "孤儿"})], "序号 1.1：其上级“1”既不在导入的行中"),
        ([ItemRow(number="1.x", fields={"title": "坏"})], "“1.x”不是台账序号"),
        (
            [ItemRow(number="1", fields={"title": "甲"}), ItemRow(number="1", fields={"title": "乙"})],
            "“1”重复出现",
        ),
        ([ItemRow(number="1", fields={"title": ""})], "标题：此字段不能为空。"),
        ([ItemRow(number="1", fields={"title": "长" * 501})], "标题：确保该变量包含不超过 500 字符"),
        (
            [ItemRow(number="1", fields={"title": "甲", "priority": "soon"})],
            "优先级：值 'soon' 不是有效选项。",
        ),
        (
            [
                ItemRow(number="1", fields={"title": "好"}),
                ItemRow(
                    number="1.1",
                    fields={
                        "title": "错",
                        "start_date": dt.date(2019, 5, 1),
                        "deadline": dt.date(2019, 4, 1),
                    },
                ),
            ],
            "序号 1.1：完成时限：完成时限早于开始日期。",
        ),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(supervisor, rows, problem) -> None:
    # given
    source = make_source(supervisor)
    events = AuditEvent.objects.count()
    # when
    with pytest.raises(DomainError) as excinfo:
        items_import(actor=supervisor, source=source, rows=rows)
    # then
    assert problem in excinfo.value.message
    assert not Item.objects.filter(source=source).exists()
    assert AuditEvent.objects.count() == events


def test_an_update_is_checked_against_the_stored_values(supervisor) -> None:
    # given: an item that starts in May
    source = make_source(supervisor)
    item = item_create(actor=supervisor, source=source, title="甲", start_date=dt.date(2019, 5, 1))
    # when: the row only moves the deadline, before the stored start
    with pytest.raises(DomainError) as excinfo:
        items_import(
            actor=supervisor,
            source=source,
            rows=[ItemRow(number="1", fields={"deadline": dt.date(2019, 4, 1)}, label="Row 2")],
        )
    # then
    assert excinfo.value.fields == {"Row 2": "完成时限：完成时限早于开始日期。"}
    item.refresh_from_db()
    assert item.deadline is None and item.version == 1


def test_only_the_supervision_office_imports(liaison_a, supervisor) -> None:
    source = make_source(supervisor)
    with pytest.raises(PermissionDenied):
        items_import(actor=liaison_a, source=source, rows=[ItemRow(number="1", fields={"title": "甲"})])


def test_lights_are_refreshed_after_commit(supervisor, unit_a, django_capture_on_commit_callbacks) -> None:
    # given: an assigned item, due in the future
    with clock.frozen(dt.date(2019, 7, 31)):
        source = make_source(supervisor)
        item = item_create(
            actor=supervisor, source=source, title="甲", lead_unit=unit_a, deadline=dt.date(2019, 12, 31)
        )
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
        # when: the import moves the deadline into the past
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            items_import(
                actor=supervisor,
                source=source,
                rows=[ItemRow(number="1", fields={"deadline": dt.date(2019, 7, 1)})],
            )
    # then
    assert len(callbacks) == 1
    item.refresh_from_db()
    assert item.light == "red"


def test_queries_do_not_grow_with_the_rows(supervisor, unit_a, unit_b) -> None:
    def run(count: int) -> int:
        source = make_source(supervisor, title=f"{count}")
        rows = [ItemRow(number="1", fields={"title": "问题"})] + [
            ItemRow(
                number=f"1.{n}",
                fields={"title": f"措施{n}", "lead_unit": unit_a, "deadline": dt.date(2019, 12, 31)},
                cooperating_units=[unit_b],
                tags=["整改"],
            )
            for n in range(1, count)
        ]
        with CaptureQueriesContext(connection) as queries:
            items_import(actor=supervisor, source=source, rows=rows)
        return len(queries)

    run(2)  # creates the tag: two more statements, once
    # (both sizes fit one INSERT batch; larger imports add one statement per batch)
    assert run(5) == run(20)
