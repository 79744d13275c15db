"""The spreadsheet-import framework (duban/core/sheets.py): safe opening, rows by header, reported cells."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from openpyxl import Workbook

from duban.core import sheets
from duban.core.sheets import Column, Issues, SheetError

COLUMNS = [Column("序号", ("编号",)), Column("事项"), Column("牵头单位"), Column("备注", required=False)]


def book_bytes(build: Callable[[Workbook], None]) -> bytes:
    book = Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ledger(rows: list[tuple[object, ...]], *, title: bool = False) -> Callable[[Workbook], None]:
    def build(book: Workbook) -> None:
        sheet = book.active
        assert sheet is not None
        sheet.title = "台账"
        if title:
            sheet.append(["督办事项台账"])
            sheet.merge_cells("A1:C1")  # a title merged across the columns, above the header
        sheet.append(["编号", "事项", "牵头单位"])
        for row in rows:
            sheet.append(list(row))

    return build


def read(data: bytes, *, search_rows: int = 1) -> tuple[list[sheets.Record], Issues]:
    issues = Issues("t.xlsx")
    with sheets.open_book(data, "t.xlsx") as book:
        sheet = book.sheet(book.names[0])
    header = sheets.find_header(sheet, COLUMNS, issues, search_rows=search_rows)
    found = list(sheets.records(sheet, header, issues)) if header else []
    return found, issues


def refusal(data: bytes, filename: str = "t.xlsx") -> str:
    with pytest.raises(SheetError) as caught:
        sheets.open_book(data, filename)
    assert [(i.sheet, i.row, i.column) for i in caught.value.issues] == [(filename, None, None)]
    return caught.value.issues[0].message


def test_rows_by_header_name_or_alias_blank_rows_skipped() -> None:
    # given a header with an alias (编号 for 序号), no optional column, and a blank row
    data = book_bytes(ledger([("1", "建立台账", "经济发展局"), (None, None, None), (1.0, "整改", "张坂镇")]))
    # when
    found, issues = read(data)
    # then
    assert not issues
    assert [(r.row, r["序号"], r["事项"], r["备注"]) for r in found] == [
        (2, "1", "建立台账", None),
        (4, 1, "整改", None),
    ]


def test_merged_cells_in_the_data_are_reported_at_sheet_row_and_column() -> None:
    # given a lead unit merged over rows 3-4: row 4 would silently have none
    def build(book: Workbook) -> None:
        ledger([("1", "甲", "经济发展局"), ("2", "乙", "张坂镇"), ("3", "丙", None)], title=True)(book)
        assert book.active is not None
        book.active.merge_cells("C4:C5")

    # when
    _found, issues = read(book_bytes(build), search_rows=3)
    # then only the merge in the data is a problem (the title merged above the header is not)
    with pytest.raises(SheetError) as caught:
        issues.raise_if_any()
    [issue] = caught.value.issues
    assert (issue.sheet, issue.row, issue.column) == ("台账", 4, "牵头单位")
    assert issue.message.startswith("单元格 C4:C5 为合并单元格")
    assert str(issue).startswith("台账 第 4 行，牵头单位: 单元格 C4:C5")


def test_a_formula_without_a_computed_value_is_reported() -> None:
    # given a formula written by a program (openpyxl stores no cached value)
    data = book_bytes(ledger([("1", "甲", "经济发展局"), ("2", '=CONCAT("乙","丙")', "张坂镇")]))
    # when
    found, issues = read(data)
    # then the row is read, and the cell is named as holding no value
    assert [r.row for r in found] == [2, 3]
    with pytest.raises(SheetError) as caught:
        issues.raise_if_any()
    [issue] = caught.value.issues
    assert (issue.sheet, issue.row, issue.column) == ("台账", 3, "事项")
    assert "单元格 B3 中的公式没有计算结果" in issue.message


def test_a_formula_with_its_cached_value_is_read_as_that_value() -> None:
    # given a sheet whose formula cell carries the value Excel computed
    data = book_bytes(ledger([("1", "甲", "经济发展局")]))
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        members = {name: original.read(name) for name in original.namelist()}
    xml = members[part].decode()
    start = xml.index('<c r="B2"')
    end = xml.index("</c>", start) + len("</c>")
    members[part] = (
        xml[:start] + '<c r="B2" t="str"><f>CONCAT("甲","乙")</f><v>甲乙</v></c>' + xml[end:]
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name, content in members.items():
            rebuilt.writestr(name, content)
    # when
    found, issues = read(out.getvalue())
    # then
    assert not issues and found[0]["事项"] == "甲乙"


def test_missing_columns_are_named_at_the_header_row() -> None:
    data = book_bytes(lambda book: book.active.append(["编号", "说明"]) if book.active else None)
    found, issues = read(data)
    with pytest.raises(SheetError) as caught:
        issues.raise_if_any()
    assert found == []
    assert [(i.row, i.column) for i in caught.value.issues] == [(1, "事项"), (1, "牵头单位")]


def test_an_empty_workbook_is_refused_with_a_clear_message() -> None:
    message = refusal(book_bytes(lambda _book: None))
    assert message == "工作簿为空：没有任何工作表包含数据。请填写模板后重新上传。"


def test_a_zip_bomb_is_refused_before_it_is_parsed(settings: object, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a real workbook padded with a member that inflates far past the limit
    settings.UPLOAD_MAX_BYTES = 64 * 1024  # type: ignore[attr-defined]
    out = io.BytesIO(book_bytes(ledger([("1", "甲", "经济发展局")])))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/pad.bin", b"\0" * (2 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 64 * 1024
    parsed: list[object] = []
    monkeypatch.setattr(sheets, "load_workbook", lambda *a, **k: parsed.append(a))
    # when
    message = refusal(data)
    # then
    assert "文件解压后达 2.02 MB" in message and "已拒绝且未读取" in message
    assert not parsed


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("t.xlsx", b"name,unit\n", "t.xlsx：文件内容不是 .xlsx 格式"),
        ("t.xlsx", b"PK\x03\x04 not really a zip", "t.xlsx：文件内容不是 .xlsx 格式"),
        ("t.csv", b"name,unit\n", "t.csv：不接受此类文件（可上传 .xlsx）"),
        ("t.xls", b"\xd0\xcf\x11\xe0", "t.xls：不支持旧版 .xls 格式"),
        ("t.xlsx", b"", "t.xlsx：文件为空"),
    ],
    ids=["csv-renamed", "broken-zip", "csv", "old-xls", "empty-file"],
)
def test_a_file_that_is_not_a_workbook_is_refused_naming_it(
    filename: str, data: bytes, expected: str
) -> None:
    assert refusal(data, filename).startswith(expected)


def test_an_oversize_file_is_refused_by_the_configured_limit(settings: object) -> None:
    settings.UPLOAD_MAX_BYTES = 1024  # type: ignore[attr-defined]
    data = book_bytes(ledger([("1", "甲" * 400, "经济发展局")]))
    assert refusal(data) == "t.xlsx：文件超过 1 KB。"


def test_the_refusal_lists_problems_by_sheet_row_and_column_in_chinese() -> None:
    issues = Issues("名单.xlsx")
    issues.add("人员", 3, "邮箱", "格式不对")
    issues.add("单位", 5, "类型", "未知类型")
    issues.add("单位", 2, "排序", "不是整数")
    issues.add("单位", 2, "排序", "第二条同位置的问题不重复")
    with pytest.raises(SheetError) as caught:
        issues.raise_if_any(order=("单位", "人员"))
    assert caught.value.message.splitlines() == [
        "名单.xlsx：发现 3 处问题，未导入任何数据。",
        "单位 第 2 行，排序: 不是整数",
        "单位 第 5 行，类型: 未知类型",
        "人员 第 3 行，邮箱: 格式不对",
    ]
    assert caught.value.fields["人员 第 3 行，邮箱"] == "格式不对"
