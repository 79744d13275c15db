"""The key-project sheets' format (重点项目台账, 重点项目调度表): headers, labels, cell readers.

Like the supervision ledger's (:mod:`duban.reports.sheet_format`), the headers and
labels are the sheets' own format — the one project offices exchange — not interface
text, so they are not translated: an exported sheet imports again whatever the
user's language. Dates are read as that module reads them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from duban.projects.models import MONEY_DIGITS, MONEY_PLACES, ProjectKind, ProjectStatus
from duban.reports.sheet_format import LIST_SEPARATORS, cell_text, parse_date

__all__ = ["LIST_SEPARATORS", "cell_text", "parse_date", "parse_money"]

LEDGER_SHEET = "重点项目台账"
REPORT_SHEET = "重点项目调度表"

# --- the ledger (重点项目台账) ---
CODE, NAME, KIND, AREA, CONTENT = "项目编号", "项目名称", "项目类型", "所属片区", "建设规模及内容"
TOTAL, ANNUAL = "总投资（万元）", "年度计划投资（万元）"
PLANNED_START, PLANNED_FINISH, ACTUAL_START, ACTUAL_FINISH = "计划开工", "计划竣工", "实际开工", "实际竣工"
STATUS, LEAD, COOPERATING, LEADER, RESPONSIBLE, PARENT = (
    "项目状态",
    "牵头单位",
    "配合单位",
    "分管领导",
    "责任人",
    "上级项目",
)
# (header, width in characters) in export order.
LEDGER_COLUMNS: tuple[tuple[str, int], ...] = (
    (CODE, 10),
    (NAME, 30),
    (KIND, 10),
    (AREA, 12),
    (CONTENT, 36),
    (TOTAL, 12),
    (ANNUAL, 12),
    (PLANNED_START, 12),
    (PLANNED_FINISH, 12),
    (ACTUAL_START, 12),
    (ACTUAL_FINISH, 12),
    (STATUS, 8),
    (LEAD, 18),
    (COOPERATING, 22),
    (LEADER, 10),
    (RESPONSIBLE, 10),
    (PARENT, 20),
)
LEDGER_ALIASES: dict[str, tuple[str, ...]] = {
    CODE: ("项目编号", "编号"),
    NAME: ("项目名称", "项目"),
    KIND: ("项目类型", "类型", "项目类别"),
    AREA: ("所属片区", "片区"),
    CONTENT: ("建设规模及内容", "建设内容", "主要建设内容"),
    TOTAL: ("总投资（万元）", "总投资(万元)", "总投资"),
    ANNUAL: ("年度计划投资（万元）", "年度计划投资(万元)", "年度计划投资", "年度计划"),
    PLANNED_START: ("计划开工", "计划开工时间"),
    PLANNED_FINISH: ("计划竣工", "计划竣工时间", "计划完工时间"),
    ACTUAL_START: ("实际开工", "实际开工时间"),
    ACTUAL_FINISH: ("实际竣工", "实际竣工时间"),
    STATUS: ("项目状态", "状态", "进展阶段"),
    LEAD: ("牵头单位", "责任单位"),
    COOPERATING: ("配合单位", "协办单位"),
    LEADER: ("分管领导", "责任领导", "挂钩领导"),
    RESPONSIBLE: ("责任人",),
    PARENT: ("上级项目", "所属项目"),
}
LEDGER_REQUIRED = (NAME, KIND, LEAD, ANNUAL)

# --- the monthly report sheet (重点项目调度表) ---
MONTH_INVESTMENT, YTD_INVESTMENT, SHARE, PROGRESS, PROBLEMS = (
    "本月完成投资（万元）",
    "累计完成投资（万元）",
    "占年度计划（%）",
    "形象进度",
    "存在问题及需协调事项",
)
REPORT_COLUMNS: tuple[tuple[str, int], ...] = (
    (CODE, 10),
    (NAME, 30),
    (LEAD, 18),
    (ANNUAL, 12),
    (MONTH_INVESTMENT, 12),
    (YTD_INVESTMENT, 12),
    (SHARE, 10),
    (PROGRESS, 44),
    (PROBLEMS, 36),
)
REPORT_ALIASES: dict[str, tuple[str, ...]] = {
    CODE: LEDGER_ALIASES[CODE],
    NAME: LEDGER_ALIASES[NAME],
    LEAD: LEDGER_ALIASES[LEAD],
    ANNUAL: LEDGER_ALIASES[ANNUAL],
    MONTH_INVESTMENT: ("本月完成投资（万元）", "本月完成投资(万元)", "本月完成投资", "当月完成投资"),
    YTD_INVESTMENT: (
        "累计完成投资（万元）",
        "累计完成投资(万元)",
        "累计完成投资",
        "1—N月累计完成投资",
        "年度累计完成投资",
    ),
    SHARE: ("占年度计划（%）", "占年度计划(%)", "占年度计划", "完成率"),
    PROGRESS: ("形象进度", "工程形象进度"),
    PROBLEMS: ("存在问题及需协调事项", "存在问题", "需协调解决的问题"),
}
REPORT_REQUIRED = (NAME, MONTH_INVESTMENT, YTD_INVESTMENT, PROGRESS)
# Columns the report import reads only to find the project or that the export adds for reading.
REPORT_READ_ONLY = (LEAD, ANNUAL, SHARE)

KIND_ZH: dict[str, str] = {
    ProjectKind.INDUSTRY: "产业项目",
    ProjectKind.INFRASTRUCTURE: "基础设施",
    ProjectKind.LIVELIHOOD: "民生项目",
    ProjectKind.SOCIAL: "社会事业",
}
KIND_ALIASES: dict[str, str] = {
    **{v: k for k, v in KIND_ZH.items()},
    "产业": ProjectKind.INDUSTRY,
    "基础设施项目": ProjectKind.INFRASTRUCTURE,
    "民生": ProjectKind.LIVELIHOOD,
    "社会事业项目": ProjectKind.SOCIAL,
}
STATUS_ZH: dict[str, str] = {
    ProjectStatus.PREPARATORY: "前期",
    ProjectStatus.NOT_STARTED: "未开工",
    ProjectStatus.UNDER_CONSTRUCTION: "在建",
    ProjectStatus.COMPLETED: "竣工",
    ProjectStatus.PRODUCING: "投产",
}
STATUS_ALIASES: dict[str, str] = {
    **{v: k for k, v in STATUS_ZH.items()},
    "前期工作": ProjectStatus.PREPARATORY,
    "续建": ProjectStatus.UNDER_CONSTRUCTION,
    "新开工": ProjectStatus.UNDER_CONSTRUCTION,
    "已竣工": ProjectStatus.COMPLETED,
    "已投产": ProjectStatus.PRODUCING,
}

_THOUSANDS = re.compile(r"[,，\s]")
_MONEY_MAX = Decimal(10) ** (MONEY_DIGITS - MONEY_PLACES)


def parse_money(value: object) -> Decimal | None:
    """An amount in 万元 (a number cell, or text such as 1,200.5); None for an empty cell.

    Raises ValueError for text that is not a number, a negative amount, more than two
    decimals or more than the ledger holds.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    text = _THOUSANDS.sub("", str(value)) if isinstance(value, str) else repr(value)
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(str(value)) from exc
    if isinstance(value, float):
        amount = amount.quantize(Decimal("0.01"))  # a float cell's binary noise (0.1 + 0.2)
    exponent = amount.as_tuple().exponent
    if not isinstance(exponent, int) or amount < 0 or amount >= _MONEY_MAX or -exponent > MONEY_PLACES:
        raise ValueError(str(value))  # not finite, negative, too large, or finer than 0.01
    return amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount


def money_cell(amount: Decimal | None) -> float | int | None:
    """An amount as the sheet stores it (a number cell)."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral() else float(amount)
