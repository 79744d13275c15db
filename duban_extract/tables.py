"""Ledger and progress tables (台账表格) read row by row.

A table is a run of lines whose cells are separated by tabs, ``|`` or two or
more spaces, starting with a header row naming at least two known columns
(序号, 工作任务, 进展情况, 责任单位, 完成时限 …). Each data row becomes a task;
the owner column is read as owner, the deadline column as a time expression.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from duban_extract.owners import read_owner_cell, split_units
from duban_extract.timex import find_times
from duban_extract.types import Problem, Span, Task

#: Column (and field-line label) names by kind. "problem" cells are problems, not tasks.
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "task": (
        "工作任务",
        "重点任务",
        "任务",
        "事项",
        "整改措施",
        "整改任务",
        "工作内容",
        "项目名称",
        "工作措施",
        "措施",
        "主要内容",
        "建设内容",
    ),
    "problem": ("问题表现", "存在问题", "问题描述", "主要问题", "问题"),
    "progress": ("进展情况", "完成情况", "进展", "推进情况", "整改情况", "整改进展"),
    "owner": ("责任单位", "牵头单位", "承办单位", "主办单位", "责任部门", "牵头部门", "责任主体"),
    "cooperating": ("配合单位", "协办单位", "配合部门"),
    "leader": ("责任领导", "分管领导", "责任人"),
    "deadline": ("完成时限", "完成时间", "时限", "时间节点", "整改时限", "完成期限"),
}


def column_of(name: str) -> str:
    """The kind of a column or field label (责任单位 → owner), or ''."""
    for key, names in COLUMNS.items():
        if any(name == n or name.startswith(n) for n in names):
            return key
    return ""


#: A cell that opens with a plan label (下步计划:) holds measures, not problems (存在问题和下步计划 columns).
_PLAN_LABEL = re.compile(r"^(?:下一?步(?:计划|打算|工作)?|工作计划|计划)[::]")
_SPLIT = re.compile(r"\t|\s*\|\s*|\s{2,}")
_DONE = re.compile(r"已完成|已建成|已办结|完成$|已销号")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _SPLIT.split(line.strip().strip("|"))]


def _header(cells: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = column_of(cell)
        if key and key not in found:
            found[key] = index
    return found if len(found) >= 2 and "task" in found else {}


def _row_task(cells: list[str], header: dict[str, int], span: Span, ref: date) -> Task | None:
    def cell(key: str) -> str:
        index = header.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    text = cell("task")
    if not text:
        return None
    times = find_times(cell("deadline") or text, ref)
    deadline = next((t.value for t in times if t.value.end is not None), None)
    progress = cell("progress")
    lead, others = read_owner_cell(cell("owner"))
    return Task(
        text=text,
        span=span,
        deadline=deadline,
        owner=lead,
        cooperating=(*others, *split_units(cell("cooperating"))),
        owner_rule="owner_column" if lead else "",
        responsible=cell("leader"),
        status="done" if _DONE.search(progress) else "",
        source="table",
    )


def find_table_tasks(text: str, ref: date) -> list[Task]:
    """One task per data row of every ledger table in ``text``."""
    tasks: list[Task] = []
    header: dict[str, int] = {}
    offset = 0
    for line in text.split("\n"):
        span = Span(offset, offset + len(line))
        offset += len(line) + 1
        cells = _cells(line)
        if len(cells) < 2:
            header = {}
            continue
        new_header = _header(cells)
        if new_header:
            header = new_header
            continue
        if header:
            task = _row_task(cells, header, span, ref)
            if task:
                tasks.append(task)
    return tasks


def find_table_problems(text: str) -> list[Problem]:
    """The problem cell of every row of a table that has a problem column (整改台账)."""
    problems: list[Problem] = []
    header: dict[str, int] = {}
    offset = 0
    for line in text.split("\n"):
        cells = _cells(line)
        start = offset
        offset += len(line) + 1
        if len(cells) < 2:
            header = {}
            continue
        new_header = _header(cells)
        if new_header:
            header = new_header
            continue
        index = header.get("problem")
        if index is not None and index < len(cells) and cells[index] and not _PLAN_LABEL.match(cells[index]):
            at = line.find(cells[index])
            problems.append(Problem(cells[index], Span(start + at, start + at + len(cells[index]))))
    return problems


def table_spans(text: str) -> list[Span]:
    """Spans of lines that belong to tables (prose finders skip them)."""
    spans: list[Span] = []
    in_table = False
    offset = 0
    for line in text.split("\n"):
        cells = _cells(line)
        if len(cells) >= 2 and (in_table or _header(cells)):
            in_table = True
            spans.append(Span(offset, offset + len(line)))
        else:
            in_table = False
        offset += len(line) + 1
    return spans


@dataclass(frozen=True)
class RowCell:
    """A text cell of a table row other than the task cell (进展情况, 下步计划), with the row's owners.

    Its measures are read like prose and belong to the row's owner.
    """

    text: str
    span: Span
    owner: str
    cooperating: tuple[str, ...]


#: Cells whose text holds measures of their own (progress reports, plans).
_PROSE_KINDS = frozenset({"progress", "problem"})


def _cell_spans(line: str, offset: int) -> list[tuple[str, Span]]:
    """The cells of a line as ``_cells`` cuts them, each with its span in the body."""
    core = line.strip().strip("|")
    base = offset + line.find(core) if core else offset
    cells: list[tuple[str, Span]] = []
    start = 0
    for match in [*_SPLIT.finditer(core), None]:
        end = match.start() if match else len(core)
        raw = core[start:end]
        text = raw.strip()
        at = start + (raw.find(text) if text else 0)
        cells.append((text, Span(base + at, base + at + len(text))))
        start = match.end() if match else len(core)
    return cells


def row_cells(text: str) -> list[RowCell]:
    """The progress and plan cells of every table row, each with the row's owners."""
    out: list[RowCell] = []
    header: dict[str, int] = {}
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        cells = _cells(line)
        if len(cells) < 2:
            header = {}
            continue
        new_header = _header(cells)
        if new_header:
            header = new_header
            continue
        if not header:
            continue
        spans = _cell_spans(line, start)
        owner_at = header.get("owner")
        lead, others = (
            read_owner_cell(cells[owner_at]) if owner_at is not None and owner_at < len(cells) else ("", ())
        )
        for kind, index in header.items():
            if kind in _PROSE_KINDS and index < len(spans):
                out.append(RowCell(spans[index][0], spans[index][1], lead, others))
    return out
