"""Importing the ledger sheet: by 序号, names and dates; errors by row and column; all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from duban.audit.models import AuditEvent
from duban.core.errors import DomainError, PermissionDenied
from duban.reports.ledger_import import ledger_import
from duban.reports.ledger_xlsx import rows_workbook
from duban.supervision.models import DeadlineChange, Item
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db

HEADERS = ["序号", "事项", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限"]


def _import(actor, source, rows, headers=HEADERS, filename="台账.xlsx"):
    return ledger_import(actor=actor, source=source, data=rows_workbook(headers, rows), filename=filename)


def _errors(excinfo) -> dict[str, str]:
    fields: dict[str, str] = excinfo.value.fields
    return fields


def test_creates_the_tree_from_the_numbers(supervisor, org) -> None:
    # given
    source = make_source(supervisor)
    rows = [
        ("1", "产业发展质量不高", "经济发展局", None, "王明", None, None),
        ("1.1", "编制产业发展规划", "经发局", "张坂镇", "王明（管委会副主任）", "李华", "2019年12月31日"),
        ("1.2", "推进污水处理厂建设", "张坂镇", None, None, None, dt.datetime(2020, 3, 31)),  # noqa: DTZ001 - Excel cells hold naive datetimes
        ("2", "营商环境问题", "经济发展局", "张坂镇、经发局", None, None, "2019/9/30"),
        ("2.1", "压缩审批时限", "经济发展局", None, None, None, "2019-09-30"),
    ]
    # when
    result = _import(supervisor, source, rows)
    # then
    assert (result.created, result.updated) == (5, 0)
    items = {i.number: i for i in Item.objects.filter(source=source)}
    assert items["1.1"].parent == items["1"]
    assert items["1.1"].lead_unit == org.economy
    assert list(items["1.1"].cooperating_units.all()) == [org.town]
    assert items["1.1"].leader == org.leader
    assert items["1.1"].responsible == org.staff
    assert items["1.1"].deadline == dt.date(2019, 12, 31)
    assert items["1.2"].deadline == dt.date(2020, 3, 31)
    assert items["2.1"].parent == items["2"]
    assert AuditEvent.objects.filter(action="item.create").count() == 5


def test_updates_rows_matched_by_number_and_keeps_deadline_history(ledger, supervisor, org) -> None:
    source, (_problem, first, _second) = ledger
    rows = [
        ("1.1", "编制产业发展规划（修订）", "经济发展局", "张坂镇", "王明", "李华", "2019-09-30"),
        ("1.3", "新增措施", "张坂镇", None, None, None, "2019-12-31"),
    ]
    # when
    result = _import(supervisor, source, rows)
    # then
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    first.refresh_from_db()
    assert first.title == "编制产业发展规划（修订）"
    assert first.deadline == dt.date(2019, 9, 30)
    change = DeadlineChange.objects.filter(item=first).last()
    assert change is not None and change.reason == "Imported from 台账.xlsx"
    parent = Item.objects.get(source=source, number="1.3").parent
    assert parent is not None and parent.number == "1"


def test_every_error_names_row_and_column_and_nothing_is_written(supervisor, org) -> None:
    # given
    source = make_source(supervisor)
    rows = [
        ("1", "好的一行", "经济发展局", None, None, None, "2019-12-31"),
        ("2", "日期不对", "经济发展局", None, None, None, "下月"),
        ("3", "", "不存在局", "张坂镇、火星局", "赵六", "王明、李华", None),
        ("3.2", "跳号", "经济发展局", None, None, None, None),
        ("x", "坏序号", "经济发展局", None, None, None, None),
        ("2", "重复", "经济发展局", None, None, None, None),
    ]
    # when
    with pytest.raises(DomainError) as excinfo:
        _import(supervisor, source, rows)
    # then
    errors = _errors(excinfo)
    print(errors)
    assert (
        errors["Row 3, 完成时限"]
        == "Row 3, 完成时限: unrecognised date “下月” (write e.g. 2019-12-31 or 2019年12月31日)"
    )
    assert "Row 4, 事项" in errors
    assert "unknown unit “不存在局”" in errors["Row 4, 牵头单位"]
    assert "火星局" in errors["Row 4, 配合单位"]
    assert "unknown person “赵六”" in errors["Row 4, 责任领导"]
    assert "several" in errors["Row 4, 责任人"]
    assert "“3.2” leaves a gap; the next number here is “3.1”" in errors["Row 5, 序号"]
    assert "Row 6, 序号" in errors
    assert "also in row 3" in errors["Row 7, 序号"]
    assert "台账.xlsx" in excinfo.value.message
    assert not Item.objects.filter(source=source).exists()


def test_missing_parent_is_an_error(supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(DomainError) as excinfo:
        _import(supervisor, source, [("1.1", "孤儿", "经济发展局", None, None, None, None)])
    assert "parent “1”" in _errors(excinfo)["Row 2, 序号"]


def test_deadline_before_start(supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(DomainError) as excinfo:
        _import(
            supervisor,
            source,
            [("1", "事项", "经济发展局", "2019-12-31", "2020-01-01")],
            headers=["序号", "事项", "牵头单位", "完成时限", "开始时间"],
        )
    assert "before the start date" in _errors(excinfo)["Row 2, 完成时限"]


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("台账.xls", b"\xd0\xcf\x11\xe0", "台账.xls: the old .xls format"),
        ("台账.csv", b"a,b", "台账.csv: not an Excel file"),
        ("台账.xlsx", b"PK\x03\x04 broken", "台账.xlsx: the file is damaged"),
        ("台账.xlsx", b"not a zip at all", "台账.xlsx: the file is damaged"),
    ],
)
def test_wrong_or_corrupt_file(supervisor, org, filename, data, expected) -> None:
    source = make_source(supervisor)
    with pytest.raises(DomainError) as excinfo:
        ledger_import(actor=supervisor, source=source, data=data, filename=filename)
    assert excinfo.value.message.startswith(expected)


def test_missing_header_columns_are_named(supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(DomainError) as excinfo:
        _import(supervisor, source, [("1", "事项")], headers=["序号", "事项"])
    assert "牵头单位、完成时限" in excinfo.value.message


def test_no_header_row(supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(DomainError) as excinfo:
        _import(supervisor, source, [("a", "b")], headers=["名称", "说明"])
    assert "no header row" in excinfo.value.message


def test_header_below_a_title_row(supervisor, org) -> None:
    source = make_source(supervisor)
    data = rows_workbook(
        ["省委巡视反馈问题整改台账"], [HEADERS, ("1", "事项", "经济发展局", None, None, None, None)]
    )
    result = ledger_import(actor=supervisor, source=source, data=data, filename="t.xlsx")
    assert result.created == 1


def test_liaison_may_not_import(liaison_a, supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(PermissionDenied):
        _import(liaison_a, source, [("1", "事项", "经济发展局", None, None, None, None)])


@pytest.mark.parametrize(
    "problems",
    [
        5,
        pytest.param(
            100,
            marks=pytest.mark.skipif(
                not os.environ.get("DUBAN_SLOW_TESTS"),
                reason="10,000 rows take a few seconds more; set DUBAN_SLOW_TESTS=1",
            ),
        ),
    ],
)
def test_large_sheet(supervisor, org, capsys, problems) -> None:
    """Speed check (no timed assertion): problems × 99 measures (100 problems = 10,000 rows)."""
    source = make_source(supervisor)
    rows: list[tuple[str | None, ...]] = []
    for p in range(1, problems + 1):
        rows.append((str(p), f"问题{p}", "经济发展局", None, "王明", None, None))
        rows.extend(
            (f"{p}.{m}", f"措施{p}.{m}", "张坂镇", "经发局", "王明", "李华", "2019-12-31")
            for m in range(1, 100)
        )
    data = rows_workbook(HEADERS, rows)
    # when
    started = time.perf_counter()
    result = ledger_import(actor=supervisor, source=source, data=data, filename="big.xlsx")
    elapsed = time.perf_counter() - started
    # then
    assert result.created == problems * 100
    with capsys.disabled():
        print(f"\n{problems * 100}-row ledger import: {elapsed:.1f} s")
