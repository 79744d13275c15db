"""The ledger sheet's format (督办台账): column headers and the Chinese labels it carries.

The headers and labels are the sheet's own format — the one supervision offices
exchange — not interface text, so they are not translated: an exported sheet
must import again whatever the user's language.
"""

from __future__ import annotations

import datetime as dt
import re

from duban.core import sheets

NUMBER, TITLE, LEAD, COOPERATING, LEADER, RESPONSIBLE, DEADLINE, PROGRESS, STATE, SOURCE, LIGHT = (
    "序号",
    "事项",
    "牵头单位",
    "配合单位",
    "分管领导",  # GLOSSARY: one term for the leader in charge
    "责任人",
    "完成时限",
    "进展情况",
    "状态",
    "来源",
    "灯",
)
CONTENT, START = "内容", "开始时间"

# (header, column width in characters) in export order.
EXPORT_COLUMNS: tuple[tuple[str, int], ...] = (
    (NUMBER, 8),
    (TITLE, 44),
    (LEAD, 18),
    (COOPERATING, 22),
    (LEADER, 10),
    (RESPONSIBLE, 10),
    (DEADLINE, 12),
    (PROGRESS, 44),
    (STATE, 10),
    (SOURCE, 26),
    (LIGHT, 6),
)
WRAPPED = frozenset({TITLE, COOPERATING, PROGRESS, SOURCE, LEAD})

# Headers the import accepts for each column (real sheets vary in wording).
ALIASES: dict[str, tuple[str, ...]] = {
    NUMBER: ("序号", "编号"),
    TITLE: ("事项", "督办事项", "事项名称", "工作任务", "整改措施", "任务"),
    LEAD: ("牵头单位", "责任单位", "主办单位"),
    COOPERATING: ("配合单位", "协办单位"),
    LEADER: ("分管领导", "责任领导", "挂钩领导"),
    RESPONSIBLE: ("责任人",),
    DEADLINE: ("完成时限", "完成时间", "办结时限", "时限"),
    CONTENT: ("内容", "具体内容", "工作内容"),
    START: ("开始时间", "启动时间"),
}
REQUIRED = (NUMBER, TITLE, LEAD, DEADLINE)

STATE_ZH = {
    "draft": "草稿",
    "assigned": "已交办",
    "acknowledged": "已签收",
    "in_progress": "办理中",
    "extension_requested": "申请延期",
    "completion_requested": "申请办结",
    "closed": "已销号",
    "suspended": "已中止",
    "cancelled": "已撤销",
}
LIGHT_ZH = {"green": "绿", "yellow": "黄", "red": "红", "blue": "蓝", "orange": "橙"}
LIGHT_FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "blue": "BDD7EE", "orange": "F8CBAD"}

NUMBER_RE = re.compile(r"^[1-9]\d*(\.[1-9]\d*)*$")
LIST_SEPARATORS = re.compile(r"[、，,；;/\s]+")
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?\s*(?:前|之前|止)?$"
)
_EXCEL_SERIAL = (20000, 80000)  # 1954..2119: plausible serial dates in an undated number cell


def parse_date(value: object) -> dt.date | None:
    """A date from an Excel date cell or text (2019-12-31, 2019年12月31日, 2019/12/31, 2019.12.31).

    Returns None for an empty cell; raises ValueError for anything else it cannot read.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and _EXCEL_SERIAL[0] < value < _EXCEL_SERIAL[1]
    ):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    match = _DATE_RE.match(str(value).strip())
    if match is None:
        raise ValueError(str(value))
    return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))  # ValueError for 2019-02-30


# Cells as text, as every import reads them (duban/core/sheets.py): Excel turns
# the ledger number 1 into 1.0, and a header may carry spaces or a star.
number_text = cell_text = sheets.cell_text
header_text = sheets.header_text


def number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))
