"""Time vocabulary as tables (时间词表): festivals, halves, quarters, 旬, offsets.

Patterns in ``rules.py`` are built from the fragments here; keep each table
the single place a word is listed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Festival:
    """A festival: ``solar`` month/day, ``lunar`` month/day (+offset days) or a solar ``term``."""

    calendar: str
    month: int = 0
    day: int = 0
    offset: int = 0
    term: str = ""


FESTIVALS: dict[str, Festival] = {
    "春节": Festival("lunar", 1, 1),
    "除夕": Festival("lunar", 1, 1, offset=-1),
    "元宵节": Festival("lunar", 1, 15),
    "元宵": Festival("lunar", 1, 15),
    "端午节": Festival("lunar", 5, 5),
    "端午": Festival("lunar", 5, 5),
    "七夕": Festival("lunar", 7, 7),
    "中秋节": Festival("lunar", 8, 15),
    "中秋": Festival("lunar", 8, 15),
    "重阳节": Festival("lunar", 9, 9),
    "清明节": Festival("term", term="清明"),
    "清明": Festival("term", term="清明"),
    "冬至": Festival("term", term="冬至"),
    "元旦": Festival("solar", 1, 1),
    "劳动节": Festival("solar", 5, 1),
    "国庆节": Festival("solar", 10, 1),
    "国庆": Festival("solar", 10, 1),
}

#: Relative year words → offset from the reference year.
RELATIVE_YEARS: dict[str, int] = {"今": 0, "本": 0, "当": 0, "明": 1, "次": 1, "去": -1, "前": -2, "后": 2}

#: Halves of a year → (first month, last month); 半年度 is the first half's report period.
HALVES: dict[str, tuple[int, int]] = {"上": (1, 6), "下": (7, 12)}
HALF_YEAR_REPORT = (1, 6)


#: Five-year plans (五年规划): the N-th plan (N ≥ 3) runs from 1951 + 5N for five years
#: (三五 1966–1970 … 十四五 2021–2025, 十五五 2026–2030).
def five_year_plan(number: int) -> tuple[int, int]:
    start = 1951 + 5 * number
    return start, start + 4


#: 旬 (ten-day parts of a month) → (first day, last day or 0 for month end).
XUN: dict[str, tuple[int, int]] = {"上": (1, 10), "中": (11, 20), "下": (21, 0)}

#: Duration units of N…内 → (unit kind, amount per unit).
WITHIN_UNITS: dict[str, tuple[str, float]] = {
    "年": ("month", 12),
    "个月": ("month", 1),
    "月": ("month", 1),
    "周": ("day", 7),
    "个星期": ("day", 7),
    "天": ("day", 1),
    "日": ("day", 1),
    "个工作日": ("workday", 1),
    "工作日": ("workday", 1),
}

#: Time-of-day words that may follow a date and belong to it.
TIME_OF_DAY = "上午|下午|中午|晚上|晚|凌晨|早上|傍晚"

#: Words after which a trailing 后 means "after" only at a clause boundary.
CLAUSE_BOUNDARY = ",,。;;、!?)”\n"

YEAR = r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年"
REL_YEAR = r"(?P<ry>[今本明去])年"
ANY_YEAR = rf"(?:{YEAR}|{REL_YEAR})"
MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
NUM_GUARD = r"(?<![\d.\-/一二三四五六七八九十第])"
#: A list number "N." at the start of a line, table cell or clause is not part of a decimal
#: (3.4月29日 is item 3, 4月29日); elsewhere the guard above applies.
LIST_OR_GUARD = rf"(?:(?<=^\d\.)|(?<=[|｜\s;；。:：]\d\.)|{NUM_GUARD})"
#: Range joiners: 至/到 and dashes or tildes in half- and full-width forms.
RANGE = r"(?:至|到|——|—|–|―|-|－|~|～|〜)"
