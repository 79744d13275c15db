"""Importing the ledger sheet: by 序号, names and dates; errors by row and column; all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from collections.abc import Iterator

import pytest
from django.utils import translation

from duban.audit.models import AuditEvent
from duban.core.errors import PermissionDenied
from duban.core.sheets import SheetError
from duban.reports import sheet_format as fmt
from duban.reports.ledger_import import ledger_import, ledger_import_preview
from duban.reports.ledger_xlsx import rows_workbook
from duban.supervision.models import DeadlineChange, Item
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    """The import's messages as a Chinese user reads them (inside the package's English default)."""
    with translation.override("zh-hans"):
        yield


HEADERS = ["序号", "事项", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限"]


def _import(actor, source, rows, headers=HEADERS, filename="台账.xlsx"):
    return ledger_import(actor=actor, source=source, data=rows_workbook(headers, rows), filename=filename)


def _issues(excinfo) -> dict[tuple[int | None, str | None], str]:
    """The problems of the refused sheet by (row, column)."""
    return {(i.row, i.column): i.message for i in excinfo.value.issues}


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
    assert change is not None and change.reason == "从 台账.xlsx 导入"
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
    with pytest.raises(SheetError) as excinfo:
        _import(supervisor, source, rows)
    # then every problem is placed by sheet, row and column, in Chinese
    errors = _issues(excinfo)
    assert set(errors) == {
        (3, "完成时限"),
        (4, "事项"),
        (4, "牵头单位"),
        (4, "配合单位"),
        (4, fmt.LEADER),
        (4, "责任人"),
        (5, "序号"),
        (6, "序号"),
        (7, "序号"),
    }
    assert errors[3, "完成时限"].startswith("无法识别的日期“下月”")
    assert errors[4, "牵头单位"] == "未知单位“不存在局”"
    assert "火星局" in errors[4, "配合单位"]
    assert errors[4, fmt.LEADER] == "未知人员“赵六”"
    assert errors[5, "序号"] == "“3.2”跳号；此处下一个序号应为“3.1”"
    assert errors[7, "序号"] == "“2”在第 3 行重复出现"
    assert "Sheet 第 3 行，完成时限" in excinfo.value.message
    assert excinfo.value.message.startswith("台账.xlsx：发现 9 处问题，未导入任何数据。")
    assert not Item.objects.filter(source=source).exists()


def test_missing_parent_is_an_error(supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(SheetError) as excinfo:
        _import(supervisor, source, [("1.1", "孤儿", "经济发展局", None, None, None, None)])
    assert _issues(excinfo) == {(2, "序号"): "其上级“1”既不在表中，也不在台账中"}


def test_deadline_before_start(supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(SheetError) as excinfo:
        _import(
            supervisor,
            source,
            [("1", "事项", "经济发展局", "2019-12-31", "2020-01-01")],
            headers=["序号", "事项", "牵头单位", "完成时限", "开始时间"],
        )
    assert _issues(excinfo) == {(2, "完成时限"): "完成时限早于开始日期"}


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("台账.xls", b"\xd0\xcf\x11\xe0", "台账.xls：不支持旧版 .xls 格式"),
        ("台账.csv", b"a,b", "台账.csv：不接受此类文件"),
        ("台账.xlsx", b"PK\x03\x04 broken", "台账.xlsx：文件内容不是 .xlsx 格式"),
        ("台账.xlsx", b"not a zip at all", "台账.xlsx：文件内容不是 .xlsx 格式"),
    ],
)
def test_wrong_or_corrupt_file(supervisor, org, filename, data, expected) -> None:
    source = make_source(supervisor)
    with pytest.raises(SheetError) as excinfo:
        ledger_import(actor=supervisor, source=source, data=data, filename=filename)
    assert excinfo.value.issues[0].message.startswith(expected)
    assert excinfo.value.issues[0].sheet == filename


def test_missing_header_columns_are_named(supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(SheetError) as excinfo:
        _import(supervisor, source, [("1", "事项")], headers=["序号", "事项"])
    assert set(_issues(excinfo)) == {(1, "牵头单位"), (1, "完成时限")}


def test_no_header_row(supervisor, org) -> None:
    source = make_source(supervisor)
    with pytest.raises(SheetError) as excinfo:
        _import(supervisor, source, [("a", "b")], headers=["名称", "说明"])
    assert "前 10 行中未找到包含 序号、事项、牵头单位、完成时限 列的表头行" in excinfo.value.message


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


def _with_merge(data: bytes, cells: str) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    assert book.active is not None
    book.active.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_merged_cells_are_reported_instead_of_items_without_lead_unit_or_deadline(supervisor, org) -> None:
    # given a problem's two measures sharing one merged 牵头单位 and 完成时限 (C3:C4, G3:G4)
    rows = [
        ("1", "产业发展质量不高", "经济发展局", None, None, None, "2019-12-31"),
        ("1.1", "编制规划", "经济发展局", None, None, None, "2019-12-31"),
        ("1.2", "推进建设", None, None, None, None, None),
    ]
    data = _with_merge(_with_merge(rows_workbook(HEADERS, rows), "C3:C4"), "G3:G4")
    source = make_source(supervisor)
    # when
    with pytest.raises(SheetError) as excinfo:
        ledger_import(actor=supervisor, source=source, data=data, filename="台账.xlsx")
    # then each merge is named at its first cell, and nothing is created
    assert _issues(excinfo) == {
        (3, "牵头单位"): "单元格 C3:C4 为合并单元格：请取消合并并逐行填写（合并单元格会使下方各行为空）。",
        (3, "完成时限"): "单元格 G3:G4 为合并单元格：请取消合并并逐行填写（合并单元格会使下方各行为空）。",
    }
    assert not Item.objects.filter(source=source).exists()


def test_a_formula_without_a_computed_value_is_reported(supervisor, org) -> None:
    source = make_source(supervisor)
    rows = [("1", "事项", "经济发展局", None, None, None, "=DATE(2019,12,31)")]
    with pytest.raises(SheetError) as excinfo:
        _import(supervisor, source, rows)
    assert _issues(excinfo)[2, "完成时限"].startswith("单元格 G2 中的公式没有计算结果")
    assert not Item.objects.filter(source=source).exists()


def test_an_empty_workbook_is_refused(supervisor, org) -> None:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    source = make_source(supervisor)
    with pytest.raises(SheetError) as excinfo:
        ledger_import(actor=supervisor, source=source, data=out.getvalue(), filename="e.xlsx")
    assert excinfo.value.issues[0].message.startswith("工作簿为空")


def test_a_header_without_rows_is_refused(supervisor, org) -> None:
    with pytest.raises(SheetError) as excinfo:
        _import(supervisor, make_source(supervisor), [])
    assert excinfo.value.issues[0].message == "没有可导入的数据：工作表 Sheet 的表头下没有数据行。"


def test_preview_says_what_would_change_and_writes_nothing(ledger, supervisor, org) -> None:
    # given
    source, (_problem, first, _second) = ledger
    events = AuditEvent.objects.count()
    rows = [
        ("1.1", "编制产业发展规划（修订）", "经济发展局", "张坂镇", "王明", "李华", "2019-09-30"),
        ("1.2", "推进污水处理厂建设", "张坂镇", None, None, None, "2019-12-31"),
        ("1.3", "新增措施", "张坂镇", None, None, None, "2019-12-31"),
    ]
    # when
    preview = ledger_import_preview(
        actor=supervisor, source=source, data=rows_workbook(HEADERS, rows), filename="台账.xlsx"
    )
    # then
    assert [(c.row, c.kind, c.fields) for c in preview.changes] == [
        (2, "update", ("事项", "完成时限")),
        (3, "unchanged", ()),
        (4, "create", ()),
    ]
    first.refresh_from_db()
    assert first.title == "编制产业发展规划" and not Item.objects.filter(source=source, number="1.3").exists()
    assert AuditEvent.objects.count() == events


def test_a_failing_write_leaves_nothing_behind(supervisor, org, monkeypatch) -> None:
    # given the audit failing after the items were inserted
    from duban.supervision.services import bulk

    def failing(**_kwargs: object) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(bulk, "audit_record_many", failing)
    source = make_source(supervisor)
    # when
    with pytest.raises(RuntimeError):
        _import(supervisor, source, [("1", "事项", "经济发展局", None, None, None, "2019-12-31")])
    # then
    assert not Item.objects.filter(source=source).exists()


def _reimport_queries(supervisor, rows: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    source = make_source(supervisor)
    numbers = range(1, rows + 1)
    first = [(str(n), f"事项{n}", "经济发展局", None, None, None, "2019-12-31") for n in numbers]
    _import(supervisor, source, first)
    changed = [(str(n), f"事项{n}（修订）", "张坂镇", None, None, None, "2020-06-30") for n in numbers]
    with CaptureQueriesContext(connection) as queries:
        result = _import(supervisor, source, changed)
    assert result.updated == rows
    return len(queries)


def test_reimport_query_count_does_not_grow_with_the_rows(supervisor, org) -> None:
    # a deferred field read back per row once cost one query per existing item
    assert _reimport_queries(supervisor, 3) == _reimport_queries(supervisor, 30)
