"""Time rules as named data (时间规则表).

Each ``Rule`` pairs a short pattern built from ``lexicon`` fragments with a
function that resolves the match. The finder keeps the longest match where
rules overlap, so a complete expression (2019年7月) beats a reading that needs
the next character (7月后 "after July"), which is accepted only before a
clause boundary.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from duban_extract.timex.calendar import (
    CalendarRangeError,
    add_months,
    add_workdays,
    festival_date,
    month_end,
    next_festival,
)
from duban_extract.timex.lexicon import (
    ANY_YEAR,
    CLAUSE_BOUNDARY,
    DAY_NUM,
    FESTIVALS,
    HALF_YEAR_REPORT,
    HALVES,
    LIST_OR_GUARD,
    MONTH_NUM,
    NUM_GUARD,
    RANGE,
    TIME_OF_DAY,
    WITHIN_UNITS,
    XUN,
    YEAR,
    five_year_plan,
)
from duban_extract.timex.resolve import (
    before_day,
    cutoff,
    day_value,
    deadline,
    group,
    month_period,
    num,
    period,
    safe_date,
    year_of,
    year_period,
)
from duban_extract.timex.types import Context, Rule
from duban_extract.types import Note, TimeValue

_M = rf"(?P<m>{MONTH_NUM})月份?"
_D = rf"(?P<d>{DAY_NUM})[日号]"
_TOD = rf"(?:{TIME_OF_DAY})?"
_BEFORE = r"(?P<before>之前|以前|前)?"
_BOUNDARY = f"(?=[{CLAUSE_BOUNDARY}]|$)"
_RANGE = RANGE
_FESTIVAL_NAMES = "|".join(sorted(FESTIVALS, key=len, reverse=True))
_Match = re.Match[str]


def _ymd(match: _Match, ctx: Context) -> TimeValue | None:
    day = safe_date(year_of(match, ctx), num(match.group("m")) or 0, num(match.group("d")) or 0)
    if day is None:
        return None
    return before_day(day, "day") if group(match, "before") else day_value(day)


def _iso(match: _Match, ctx: Context) -> TimeValue | None:
    day = safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return day_value(day) if day else None


def _day_only(match: _Match, ctx: Context) -> TimeValue | None:
    day = safe_date(ctx.year, ctx.ref.month, num(match.group("d")) or 0)
    return before_day(day, "day") if day else None


def _bracket_day(match: _Match, ctx: Context) -> TimeValue | None:
    month = num(group(match, "m")) or ctx.ref.month
    day = safe_date(ctx.year, month, num(match.group("d")) or 0)
    return day_value(day) if day else None


def _relative_day(match: _Match, ctx: Context) -> TimeValue | None:
    offset = {"今": 0, "明": 1, "昨": -1, "后": 2, "前": -2}[match.group("w")]
    return day_value(ctx.ref + timedelta(days=offset))


def _day_range(match: _Match, ctx: Context) -> TimeValue | None:
    year = year_of(match, ctx)
    month = num(match.group("m")) or 0
    start = safe_date(year, month, num(match.group("d")) or 0)
    year2 = year_of(match, ctx, key="y2") if group(match, "y2") else year
    end = safe_date(year2, num(group(match, "m2")) or month, num(match.group("d2")) or 0)
    if start is None or end is None or end < start:
        return None
    return period(start, end, "day")


def _year_month(match: _Match, ctx: Context) -> TimeValue | None:
    year, month = year_of(match, ctx), num(match.group("m")) or 0
    if not 1 <= month <= 12:
        return None
    return deadline(month_end(year, month), "month", month_period(year, month))


def _month_end(match: _Match, ctx: Context) -> TimeValue | None:
    month = num(group(match, "m")) or ctx.ref.month
    if not 1 <= month <= 12:
        return None
    return deadline(month_end(year_of(match, ctx), month), "month")


def _month_range(match: _Match, ctx: Context) -> TimeValue | None:
    first, last = num(match.group("m")) or 0, num(match.group("m2")) or 0
    if not 1 <= first <= last <= 12:
        return None
    year = year_of(match, ctx)
    return period(date(year, first, 1), month_end(year, last), "month")


def _year_end(match: _Match, ctx: Context) -> TimeValue | None:
    return deadline(date(year_of(match, ctx), 12, 31), "year")


def _year_before(match: _Match, ctx: Context) -> TimeValue | None:
    year = year_of(match, ctx)
    return deadline(date(year, 12, 31), "year", deadline(date(year - 1, 12, 31), "year"))


def _bare_year(match: _Match, ctx: Context) -> TimeValue | None:
    value = year_period(year_of(match, ctx))
    return TimeValue(
        value.start, value.end, "year", "period", (deadline(value.start.replace(month=12, day=31), "year"),)
    )


def _whole_year(match: _Match, ctx: Context) -> TimeValue | None:
    return year_period(year_of(match, ctx))


def _since(match: _Match, ctx: Context) -> TimeValue | None:
    year = year_of(match, ctx)
    if year > ctx.ref.year:
        return None
    return period(date(year, 1, 1), ctx.ref, "day", "since")


def _half(match: _Match, ctx: Context) -> TimeValue | None:
    first, last = HALVES[match.group("h")]
    year = year_of(match, ctx)
    return period(date(year, first, 1), month_end(year, last), "half")


def _quarter(match: _Match, ctx: Context) -> TimeValue | None:
    quarter = num(match.group("q")) or 0
    if not 1 <= quarter <= 4 or (match.group("q") == "两" and not group(match, "first")):  # 连续两季度
        return None
    year = year_of(match, ctx)
    end = month_end(year, quarter * 3)
    if group(match, "end"):
        return deadline(end, "quarter")
    start = date(year, 1, 1) if group(match, "first") else date(year, quarter * 3 - 2, 1)
    return period(start, end, "quarter")


def _xun(match: _Match, ctx: Context) -> TimeValue | None:
    year, month = year_of(match, ctx), num(match.group("m")) or 0
    if not 1 <= month <= 12:
        return None
    first, last = XUN[match.group("x")]
    end = month_end(year, month) if last == 0 else date(year, month, last)
    if group(match, "before"):
        return deadline(end, "xun", deadline(date(year, month, first) - timedelta(days=1), "xun"))
    return period(date(year, month, first), end, "xun")


def _festival(match: _Match, ctx: Context) -> TimeValue | None:
    name = match.group("f")
    explicit = group(match, "y") or group(match, "ry")
    try:
        day = festival_date(name, year_of(match, ctx)) if explicit else next_festival(name, ctx.ref)
    except (KeyError, ValueError):
        return None
    suffix = group(match, "s") or ""
    if suffix in ("前", "之前", "以前"):
        return deadline(day - timedelta(days=1), "day", deadline(day, "day"))
    if suffix in ("后", "之后", "以后"):
        return TimeValue(day + timedelta(days=1), None, "day", "after")
    return day_value(day)


def _within(match: _Match, ctx: Context) -> TimeValue | None:
    amount_text = match.group("n")
    amount = 0.5 if amount_text == "半" else float(num(amount_text) or 0)
    kind, per_unit = WITHIN_UNITS[match.group("u")]
    if amount <= 0:
        return None
    if kind == "workday":
        try:
            return deadline(add_workdays(ctx.ref, int(amount)), "workday")
        except CalendarRangeError as error:
            text = match.group(0)
            note = Note("calendar_unknown", f"{text}: {error}", expression=text, year=error.year)
            ctx.warnings.append(note)
            return None
    if kind == "day":
        return deadline(ctx.ref + timedelta(days=int(amount * per_unit)), "day")
    months = int(amount * per_unit)
    end = add_months(ctx.ref, months)
    if months % 12 == 0:
        years = months // 12
        alts = (
            deadline(date(ctx.ref.year + years - 1, 12, 31), "year"),
            deadline(date(end.year, 12, 31), "year"),
        )
        return deadline(end, "year", *alts)
    return deadline(end, "month", deadline(month_end(end.year, end.month), "month"))


def _year_within(match: _Match, ctx: Context) -> TimeValue | None:
    return deadline(date(year_of(match, ctx), 12, 31), "year")


def _cutoff_day(match: _Match, ctx: Context) -> TimeValue | None:
    year, month = year_of(match, ctx), num(group(match, "m")) or 12
    if not 1 <= month <= 12:
        return None
    day_text = group(match, "d")
    day = safe_date(year, month, num(day_text) or 0) if day_text else month_end(year, month)
    return cutoff(day, "day" if day_text else "month") if day else None


def _after_month(match: _Match, ctx: Context) -> TimeValue | None:
    year, month = year_of(match, ctx), num(match.group("m")) or 0
    if not 1 <= month <= 12:
        return None
    return TimeValue(month_end(year, month) + timedelta(days=1), None, "month", "after")


def _bare_day(match: _Match, ctx: Context) -> TimeValue | None:
    """A bare N日 in the body: the latest day N on or before the reference date."""
    number = num(match.group("d")) or 0
    year, month = ctx.ref.year, ctx.ref.month
    for _ in range(3):
        day = safe_date(year, month, number)
        if day is not None and day <= ctx.ref:
            return day_value(day)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return None


def _month_fen(match: _Match, ctx: Context) -> TimeValue | None:
    month = num(match.group("m")) or 0
    return month_period(year_of(match, ctx), month) if 1 <= month <= 12 else None


def _months_coordinated(match: _Match, ctx: Context) -> TimeValue | None:
    """九、十月: consecutive months read as one period (others are not a single span)."""
    first, last = num(match.group("m")) or 0, num(match.group("m2")) or 0
    if not (first >= 1 and last == first + 1 <= 12):
        return None
    year = year_of(match, ctx)
    return period(date(year, first, 1), month_end(year, last), "month")


def _leading_months(match: _Match, ctx: Context) -> TimeValue | None:
    """前N月 / 前N个月: January to the N-th month."""
    last = num(match.group("m2")) or 0
    if not 1 <= last <= 12:
        return None
    year = year_of(match, ctx)
    return period(date(year, 1, 1), month_end(year, last), "month")


def _year_range(match: _Match, ctx: Context) -> TimeValue | None:
    first, last = int(match.group("y")), int(match.group("y2"))
    if not first <= last <= first + 30:
        return None
    return period(date(first, 1, 1), date(last, 12, 31), "year")


def _plan_period(match: _Match, ctx: Context) -> TimeValue | None:
    first, last = five_year_plan(num(match.group("n")) or 0)
    return period(date(first, 1, 1), date(last, 12, 31), "year")


def _by_year(match: _Match, ctx: Context) -> TimeValue | None:
    """到/至 YYYY年 before a target: a deadline at the year's end."""
    return deadline(date(year_of(match, ctx), 12, 31), "year")


def _years_since(match: _Match, ctx: Context) -> TimeValue | None:
    """N年来: from the start of the N-th year back (一年来 = this year so far) to the reference date."""
    years = num(match.group("n")) or 0
    start = date(ctx.year - years + 1, 1, 1)
    return period(start, ctx.ref, "day", "since") if years and start <= ctx.ref else None


def _half_report(match: _Match, ctx: Context) -> TimeValue | None:
    """半年度 (a half-year report period): the first half."""
    first, last = HALF_YEAR_REPORT
    year = year_of(match, ctx)
    return period(date(year, first, 1), month_end(year, last), "half")


def _xun_range(match: _Match, ctx: Context) -> TimeValue | None:
    """8月下旬至11月上旬: from the first 旬's start to the second's end."""
    year, month = year_of(match, ctx), num(match.group("m")) or 0
    month2 = num(group(match, "m2")) or month
    if not (1 <= month <= 12 and 1 <= month2 <= 12):
        return None
    first = XUN[match.group("x")][0]
    last = XUN[match.group("x2")][1]
    end = month_end(year, month2) if last == 0 else date(year, month2, last)
    start = date(year, month, first)
    return period(start, end, "xun") if start <= end else None


def _month_since(match: _Match, ctx: Context) -> TimeValue | None:
    """M月以来: from the month's first day to the reference date."""
    month = num(match.group("m")) or 0
    if not 1 <= month <= 12:
        return None
    start = date(year_of(match, ctx), month, 1)
    return period(start, ctx.ref, "day", "since") if start <= ctx.ref else None


def _this_month_day(match: _Match, ctx: Context) -> TimeValue | None:
    """本月25日(前): a day of the reference date's month."""
    day = safe_date(ctx.ref.year, ctx.ref.month, num(match.group("d")) or 0)
    if day is None:
        return None
    return before_day(day, "day") if group(match, "before") else day_value(day)


_FESTIVAL_FIRST = "".join(sorted({name[0] for name in FESTIVALS}))

#: The characters one of which every match of a rule contains (the time morpheme it is built on);
#: a paragraph without any of them is not scanned by that rule. A test checks them on the corpus.
TRIGGERS: dict[str, str] = {
    "date.ymd": "日号",
    "date.md": "日号",
    "date.bare_day": "日",
    "date.day_before": "日号",
    "date.bracketed_today": "今",
    "date.relative_day": "天",
    "date.relative_day_ri": "日",
    "date.this_month_day": "月",
    "range.days": "日号",
    "month.year_month": "月",
    "month.end": "月",
    "month.range": "月",
    "month.fen": "份",
    "month.coordinated": "月",
    "month.leading": "前",
    "month.since": "月",
    "month.after": "月",
    "year.end": "底末",
    "year.within": "内",
    "year.before": "前",
    "year.bare": "年",
    "year.range": "年",
    "year.plan_period": "五",
    "year.by": "年",
    "year.relative_bare": "年",
    "year.since_count": "来",
    "year.whole": "全",
    "year.since": "来今",
    "half.year": "半",
    "half.report": "度",
    "quarter": "季",
    "xun": "旬",
    "range.xun": "旬",
    "festival": _FESTIVAL_FIRST,
    "within.duration": "内",
    "cutoff.month_end": "底末",
    "cutoff.day": "日号",
}


def _rule(name: str, pattern: str, produce: object, *, sets_year: bool = False) -> Rule:
    trigger = frozenset(TRIGGERS.get(name, ""))
    return Rule(name, re.compile(pattern), produce, sets_year, trigger)  # type: ignore[arg-type]


_YEAR_OPT = rf"(?:{ANY_YEAR})?"
_CUTOFF = r"(?:截至|截止到|截止|截至到|至|到)"
_YEAR2 = r"(?:(?P<y2>(?:19|20)\d{2})年)?"

RULES: tuple[Rule, ...] = (
    _rule("date.ymd", rf"{NUM_GUARD}{YEAR}{_M}{_D}{_TOD}{_BEFORE}", _ymd, sets_year=True),
    _rule(
        "date.iso",
        r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})([-/.])(?P<m>1[0-2]|0?[1-9])\2(?P<d>3[01]|[12]\d|0?[1-9])"
        r"(?![\d:])",
        _iso,
        sets_year=True,
    ),
    _rule("date.md", rf"{LIST_OR_GUARD}(?:{ANY_YEAR})?{_M}{_D}{_TOD}{_BEFORE}", _ymd),
    _rule(
        "date.bare_day",
        rf"(?<![\d.月第/\-－])(?P<d>3[01]|[12]\d|[1-9])日{_TOD}(?![前内以后起至到\d\-—~～－])",
        _bare_day,
    ),
    _rule("date.day_before", rf"(?<![\d月.一二三四五六七八九十]){_D}(?:之前|以前|前)", _day_only),
    _rule("date.bracketed_today", rf"(?:今天|今日){_TOD}[((](?:{_M})?{_D}[))]", _bracket_day),
    _rule("date.relative_day", rf"(?P<w>[今明昨])天{_TOD}", _relative_day),
    _rule("date.this_month_day", rf"(?:本月|当月){_D}{_TOD}{_BEFORE}", _this_month_day),
    # 今日/昨日 only before punctuation, a time of day or 起: 今日XX is often a newspaper's name.
    _rule(
        "date.relative_day_ri", rf"(?P<w>[今昨])日(?:{TIME_OF_DAY}|(?=[,，、。;；)）]|起|$))", _relative_day
    ),
    _rule(
        "range.days",
        rf"{LIST_OR_GUARD}{_YEAR_OPT}{_M}(?P<d>{DAY_NUM})[日号]?{_RANGE}{_YEAR2}(?:(?P<m2>{MONTH_NUM})月)?"
        rf"(?P<d2>{DAY_NUM})[日号]",
        _day_range,
    ),
    _rule("month.year_month", rf"{NUM_GUARD}{ANY_YEAR}{_M}", _year_month, sets_year=True),
    _rule(
        "month.end", rf"{NUM_GUARD}(?:{ANY_YEAR})?(?:{_M}|本月|当月)(?:底|末)(?:之前|以前|前)?", _month_end
    ),
    _rule(
        "month.range",
        rf"{NUM_GUARD}{_YEAR_OPT}(?P<m>{MONTH_NUM})月?(?:份)?{_RANGE}(?P<m2>{MONTH_NUM})月(?:份)?",
        _month_range,
    ),
    _rule("month.fen", rf"{NUM_GUARD}(?P<m>{MONTH_NUM})月份", _month_fen),
    _rule(
        "month.coordinated",
        rf"{NUM_GUARD}{_YEAR_OPT}(?P<m>{MONTH_NUM})月?份?[、,，](?P<m2>{MONTH_NUM})(?:两个)?月份?",
        _months_coordinated,
    ),
    _rule(
        "month.leading",
        rf"(?:{ANY_YEAR}|(?<![目提之以日天年]))前(?P<m2>{MONTH_NUM}|两)个?月(?!内|以内|之内|份)",
        _leading_months,
    ),
    _rule("month.after", rf"{NUM_GUARD}{_YEAR_OPT}{_M}(?:以后|之后|后{_BOUNDARY})", _after_month),
    _rule("year.end", rf"(?:(?:力争|争取)?到)?(?:{ANY_YEAR}年?|年)(?:底|末)(?:之前|以前|前)?", _year_end),
    _rule("year.within", r"(?<![\d一二三四五六七八九十半两几])(?:(?P<ry>[今本明])年)?年内", _year_within),
    _rule(
        "year.before",
        rf"{NUM_GUARD}(?P<y>(?:19|20)\d{{2}})年(?:之前|以前|前)(?![一二三四两\d个])",
        _year_before,
    ),
    _rule("year.bare", rf"{NUM_GUARD}{YEAR}度?(?![\d月底末前内初以])", _bare_year, sets_year=True),
    _rule(
        "year.range",
        rf"{NUM_GUARD}(?P<y>(?:19|20)\d{{2}})年?{_RANGE}(?P<y2>(?:19|20)\d{{2}})年度?(?![\d月底末前内初以])",
        _year_range,
    ),
    _rule(
        "year.plan_period",
        r"(?<![\d一二三四五六七八九十第])(?P<n>十[一二三四五六七八九])五(?:规划|时期|期间)?"
        r"(?![\d一二三四五六七八九十百千万亿个%年])",
        _plan_period,
    ),
    _rule(
        "year.by",
        r"(?<!截)(?:力争|争取)?(?:到|至)(?P<y>(?:19|20)\d{2})年(?![\d月底末前内初以度])",
        _by_year,
    ),
    _rule("year.relative_bare", r"(?P<ry>[今本明])年(?![底末内初以前度来])", _bare_year),
    _rule(
        "year.since_count",
        r"(?<![\d一二三四五六七八九十近多])(?P<n>[一二两三四五六七八九十])年(?:来|以来)",
        _years_since,
    ),
    _rule("year.whole", rf"(?:{ANY_YEAR})?全年", _whole_year),
    _rule("year.since", rf"(?:{ANY_YEAR}初?|年初)(?:以来|至今)", _since),
    _rule("month.since", rf"{NUM_GUARD}{_YEAR_OPT}{_M}(?:以来|至今)", _month_since),
    _rule("half.year", rf"{_YEAR_OPT}(?P<h>[上下])半年度?(?!内)", _half),
    _rule("half.report", rf"{_YEAR_OPT}(?<![上下])半年度", _half_report),
    _rule("quarter", rf"{_YEAR_OPT}(?:第|(?P<first>前))?(?P<q>[一二三四两1-4])季度(?P<end>末|底)?", _quarter),
    _rule("xun", rf"{NUM_GUARD}{_YEAR_OPT}{_M}(?P<x>[上中下])旬{_BEFORE}", _xun),
    _rule(
        "range.xun",
        rf"{NUM_GUARD}{_YEAR_OPT}(?P<m>{MONTH_NUM})月(?P<x>[上中下])旬{_RANGE}(?:(?P<m2>{MONTH_NUM})月)?"
        r"(?P<x2>[上中下])旬",
        _xun_range,
    ),
    _rule(
        "festival", rf"{_YEAR_OPT}(?P<f>{_FESTIVAL_NAMES})(?P<s>之前|以前|前|之后|以后|后|期间)?", _festival
    ),
    _rule(
        "within.duration",
        # 压缩至1个工作日以内 is a duration target, not a deadline.
        r"(?<![\d.第至到为])(?P<n>\d+|[一二两三四五六七八九十]+|半)(?:个)?"
        r"(?P<u>年|个月|月|周|个星期|天|日|个工作日|工作日)(?:以内|之内|内)",
        _within,
    ),
    _rule("cutoff.month_end", rf"{_CUTOFF}{_YEAR_OPT}(?:{_M}|年)(?:底|末)(?!之前|以前|前)", _cutoff_day),
    _rule("cutoff.day", rf"{_CUTOFF}{_YEAR_OPT}{_M}{_D}(?!之前|以前|前|{_RANGE})", _cutoff_day),
)


def rule_names() -> list[str]:
    """Every rule's name, in table order (names are unique; a test checks)."""
    return [rule.name for rule in RULES]
