"""What the statistics workbook's columns are called (表头), in both directions.

Two shapes (SPEC C, issue 10):

- **period sheet** (分月报表): one sheet per month ("2019年6月", "1-6月"), indicators in
  rows, columns 指标 / 代码 / 单位 / 本月 / 1—N月累计 / 比增% / 排名, for one subject (the zone);
- **city sheet** (全市各县区对比): indicators in rows and one column group per district,
  the district's name above its 本月 / 累计 / 比增% / 排名 columns (a merged cell or the
  name over the first column of the group); or districts in rows, with 地区 and 指标
  columns next to the figures.

排名 is read-only: duban computes ranks from the peers' figures (the export writes them).
"""

from __future__ import annotations

import re

INDICATOR = "指标"
CODE = "代码"
UNIT = "单位"
SUBJECT = "地区"
MONTH = "本月"
CUMULATIVE = "累计"
GROWTH = "比增%"
RANK = "排名"

# Header texts (spaces and line breaks removed) accepted for each role.
ALIASES: dict[str, tuple[str, ...]] = {
    INDICATOR: ("指标", "指标名称", "项目", "指标项目", "主要指标"),
    CODE: ("代码", "指标代码", "编码", "指标编码"),
    UNIT: ("单位", "计量单位"),
    SUBJECT: ("地区", "县区", "县（市、区）", "县(市、区)", "县市区", "地区名称", "主体", "开发区"),
    MONTH: ("本月", "当月", "本月数", "当月数"),
    GROWTH: (
        "比增%",
        "比增(%)",
        "比增（%）",
        "比增",
        "增长%",
        "增长(%)",
        "增长（%）",
        "同比增长%",
        "同比增长(%)",
        "同比增长（%）",
        "同比增长",
        "增幅%",
        "增幅(%)",
        "增幅（%）",
        "增幅",
    ),
    RANK: ("排名", "增幅排名", "位次", "全市排名", "全省排名"),
}
# 1—6月累计, 1-6月, 累计, 本年累计, 累计数; the month, when written, is checked against the sheet's.
_CUMULATIVE = re.compile(r"^(?:本年)?(?:1[-—–~－至]+(?P<month>\d{1,2})月)?(?:累计数?|止累计)?$")
FIGURES = (MONTH, CUMULATIVE, GROWTH)
HEADER_SEARCH_ROWS = 10


def role_of(text: str) -> tuple[str, int | None] | None:
    """The role of a header text (without spaces) and, for a 1—N月累计 header, its month N."""
    for role, names in ALIASES.items():
        if text in names:
            return role, None
    match = _CUMULATIVE.match(text)
    if match and text:
        month = match["month"]
        if month is None and "累计" not in text:
            return None
        return CUMULATIVE, int(month) if month else None
    return None


def cumulative_header(month: int) -> str:
    """ "1—6月累计" (the first month alone is 1月)."""
    return "1月累计" if month == 1 else f"1—{month}月累计"


def sheet_title(year: int, month: int) -> str:
    """The export's sheet name for a month: 2019年6月."""
    return f"{year}年{month}月"


def report_title(year: int, month: int, subject: str) -> str:
    span = f"{month}月" if month == 1 else f"1—{month}月"
    return f"{subject}{year}年{span}主要经济指标"
