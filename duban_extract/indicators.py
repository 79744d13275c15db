"""Indicator statements (指标表述): name, period, value, growth and rank.

A statistical sentence is read clause by clause (statistical sentence grammar):

- ``NAME [verb] VALUE UNIT [OBJECT]`` — 实现地区生产总值149.75亿元, 社会消费品零售总额329.24亿元,
  巡察反馈25个问题 (the counted noun joins the name), 完成投资2731.2亿元;
- ``NAME [同比/比上年] 增长/下降/回落 X%`` — growth with its sign, as its own indicator
  (基础设施投资增长7.1%) or, with no name of its own, for the indicator before it
  (…亿元,同比增长38.0%); ``A、B分别增长X%、Y%`` pairs names and values, a head noun
  shared by the list (卫生、教育投资) is given to each;
- ``[增幅/增速] 排名/居/位列 全省第N位`` — the rank and its scope, for the indicator before it;
  ``A、B、C N个指标增幅排名全市第一`` and ``A、B分别排全市第X位、第Y位`` for lists;
- values are taken from the quantity finder; a value is an achieved statistic only with a
  report cue (已, 累计, 实现, 截至, 同比, a statistical head noun such as 总值/增加值/投资/率) and
  no target cue (计划, 力争, 不少于, 到2025年); a planned amount names the achieved one after
  it (计划新建80个便利店,现已完成93个);
- shares of a plan (占全年计划110%), progress notes (完成进度为88%), comparison bases (由上年的…)
  and thresholds inside a name (10亿元以上项目) are not indicators.

The period is the nearest preceding period-like time expression in the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from duban_extract.indicator_lexicon import (
    ACHIEVED_CUE,
    CLASSIFIERS,
    COPULA_TAIL,
    EVENT_UNITS,
    GROWTH_BEFORE,
    GROWTH_TO,
    LEADING_NOISE,
    NOT_A_NAME,
    NOTE_BEFORE,
    RANK,
    RANK_EACH,
    STAT_HEAD,
    TARGET_CUE,
)
from duban_extract.indicator_ranks import clause_rank, merge_ranks, rank_lists
from duban_extract.text_units import Piece, paragraphs, sentences
from duban_extract.types import IndicatorStatement, Quantity, Span, TimeMention, TimeValue

_PERIOD_KINDS = frozenset({"period", "since", "cutoff"})
#: A clause: up to , : ; 。 outside brackets (a bracketed aside with commas stays in its clause).
_CLAUSE = re.compile(r"(?:[((][^()()]*[))]|[^,:;。!?\n((])+|[((]")
_BRACKETED = re.compile(r"[((][^()()]*[))]")
_FLAT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,16}?)(?:同比|比上年)?持平[((](?P<value>\d+(?:\.\d+)?)[))]")
NAME_MAX = 24
#: Where a counted noun ends and its predicate begins (32个项目均已开工, 15件项目总体进展顺利).
_COUNTED_END = re.compile(r"均|已|都|全部|正在|将|要|总体|进展|顺利|共|累计|完成|达到|超过|提前|按期|中$")
#: A lead that reports progress at a cut-off (截至9月底,…已…): the document is a progress report.
_REPORT_LEAD = re.compile(
    r"截[至止][^,。]{1,10}(?:底|末|日)[^。]*已|已[^。]*截[至止][^,。]{1,10}(?:底|末|日)"
)
#: Units never followed by the noun they measure (60.8亿元, 5%): no counted noun joins the name.
_NO_NOUN_UNITS = frozenset({"%", "元", "万元", "亿元", "百分点", "分"})
_COUNT_UNITS = frozenset({"个", "项", "家", "件", "所", "座"})
#: Attributes of counted projects (总投资, 年度投资, 计划投资): notes on the count.
_ATTRIBUTE = re.compile(r"^(?:总|年度|计划|年)[\u4e00-\u9fff]{1,3}$")


@dataclass
class _Reader:
    """What one paragraph's statements share: times, quantities and the indicator before."""

    text: str
    par: Span
    times: Sequence[TimeMention]
    quantities: Sequence[Quantity]
    out: list[IndicatorStatement] = field(default_factory=list)
    current: int | None = None
    last_name: str = ""
    planned_name: str = ""
    #: Names of a 分别 list still waiting for their values (A、B分别增长X%、Y%).
    pending: list[str] = field(default_factory=list)
    pending_growth: bool = False
    #: Inside a 其中 list that follows a value in the same sentence.
    breakdown: bool = False
    ref: date | None = None
    #: The lead reports a cut-off (截至10月底…已…): every paragraph reports figures reached.
    report_document: bool = False
    target_ends: list[int] = field(default_factory=list)
    report_ends: list[int] = field(default_factory=list)

    def period_before(self, offset: int) -> TimeValue | None:
        best: TimeValue | None = None
        for mention in self.times:
            if self.par.start <= mention.span.start < offset and mention.value.kind in _PERIOD_KINDS:
                value = mention.value
                best = value.alt[0] if value.kind == "cutoff" and value.alt else value
        return best

    def __post_init__(self) -> None:
        base = self.par.start
        self.target_ends = [base + m.end() for m in TARGET_CUE.finditer(self.text)]
        self.report_ends = [base + m.end() for m in ACHIEVED_CUE.finditer(self.text)]

    def target_last(self, start: int, end: int) -> bool:
        """A target cue (计划, 力争) in [start, end) after the last report cue (已, 累计) there."""
        targets = [e for e in self.target_ends if start < e <= end]
        if not targets:
            return False
        reports = [e for e in self.report_ends if start < e <= end]
        return not reports or targets[-1] >= reports[-1]

    def reports_between(self, start: int, end: int) -> bool:
        return any(start < e <= end for e in self.report_ends)

    def reports_before(self, end: int) -> bool:
        return bool(self.report_ends) and self.report_ends[0] <= end

    def blank_times(self, start: int, end: int) -> str:
        """The body text between two offsets with time expressions blanked out."""
        chars = list(self.text[start - self.par.start : end - self.par.start])
        for mention in self.times:
            lo, hi = max(start, mention.span.start), min(end, mention.span.end)
            for i in range(lo, hi):
                chars[i - start] = " "
        return "".join(chars)

    def add(self, item: IndicatorStatement) -> None:
        self.out.append(item)
        self.current = len(self.out) - 1
        self.last_name = item.name

    def amend(self, **changes: object) -> None:
        if self.current is not None:
            self.out[self.current] = replace(self.out[self.current], **changes)  # type: ignore[arg-type]


def clean_name(raw: str) -> str:
    """The indicator's name from the words before its value (全市实现地区生产总值 → 地区生产总值)."""
    name = re.sub(r"\s+", "", raw)
    previous = None
    while previous != name:
        previous = name
        name = LEADING_NOISE.sub("", name)
        name = COPULA_TAIL.sub("", name)
    name = name.replace("实现", "")
    name = re.sub(r"^\d+(?:\.\d+)?[个项家件]", "", name)
    return name.strip("、的")


def _shared_head(names: list[str]) -> list[str]:
    """卫生、教育投资 → 卫生投资, 教育投资: the last name's statistical head is shared."""
    if len(names) < 2:
        return names
    head = STAT_HEAD.search(names[-1])
    if not head:
        return names
    tail = head.group(0)
    return [n if STAT_HEAD.search(n) else n + tail for n in names[:-1]] + [names[-1]]


def _list_names(raw: str) -> list[str]:
    parts = [clean_name(p) for p in re.split(r"、|和(?=[\u4e00-\u9fff]{2})", clean_name(raw))]
    return _shared_head([p for p in parts if p])


def _growth_value(quantity: Quantity, direction: str) -> float | None:
    if quantity.value is None:
        return None
    return -quantity.value if direction in ("下降", "减少", "回落", "降低", "减", "下滑") else quantity.value


def _achieved(reader: _Reader, sentence: Piece, offset: int, name: str) -> bool:
    """A report cue before the value in its paragraph, later than any target cue."""
    if reader.target_last(sentence.span.start, offset):
        return False
    if (
        reader.reports_before(offset)
        or reader.report_document
        or STAT_HEAD.search(name)
        or reader.text.endswith("完成", 0, offset - reader.par.start)
    ):
        return True
    period = reader.period_before(offset)
    if period is None:
        return False
    past = reader.ref is not None and period.end is not None and period.end <= reader.ref
    return period.kind in ("since", "cutoff") or past


def _read_growth(
    reader: _Reader, sentence: Piece, clause: Piece, q: Quantity, *, start: int, match: re.Match[str]
) -> None:
    if q.threshold or reader.target_last(sentence.span.start, q.span.end):
        return  # 力争增长6.5%以上: a growth target, not a growth reached
    raw = reader.blank_times(start, q.span.start)[: match.start()]
    growth = _growth_value(q, match.group("dir"))
    names = _list_names(raw) if "分别" in match.group(0) or "、" in raw else [clean_name(raw)]
    names = [n for n in names if n and not NOT_A_NAME.search(n)]
    reader.pending, reader.pending_growth = names[1:], True
    if not names:
        current = reader.out[reader.current] if reader.current is not None else None
        if current is not None and current.growth_pct is None and start == clause.span.start:
            reader.amend(growth_pct=growth)
        elif reader.last_name and start == clause.span.start:
            # 4月份增长1.8%: the same indicator for another period.
            reader.add(_statement(reader, reader.last_name, q, growth=growth))
        return
    reader.add(_statement(reader, names[0], q, growth=growth))


def _statement(
    reader: _Reader, name: str, q: Quantity, *, growth: float | None = None, value: bool = False
) -> IndicatorStatement:
    unit = q.unit
    if unit in ("万", "亿") and q.object in CLASSIFIERS:
        unit += q.object
    return IndicatorStatement(
        name=name,
        span=q.span,
        period=reader.period_before(q.span.start),
        value=q.value if value else None,
        unit=unit if value else "",
        growth_pct=growth,
        rule="growth" if growth is not None and not value else "value",
    )


def _read_value(reader: _Reader, sentence: Piece, clause: Piece, q: Quantity, start: int) -> None:
    raw = reader.blank_times(start, q.span.start)
    if NOTE_BEFORE.search(raw) or q.threshold:
        return
    name = clean_name(raw)
    if q.unit not in _NO_NOUN_UNITS:
        after = reader.text[q.span.end - reader.par.start : clause.span.end - reader.par.start]
        # The counted noun (25个问题) joins the name; it ends where a predicate begins (均已…).
        counted = re.match(r"[\u4e00-\u9fff()()]{2,12}", after)
        noun = _COUNTED_END.split(counted.group(0))[0] if counted else ""
        if len(noun) >= 2 and not TARGET_CUE.match(noun):
            name += noun
    if reader.target_last(sentence.span.start, q.span.end):
        if 2 < len(name) <= NAME_MAX:
            reader.planned_name = re.sub(r"^(?:计划|力争|拟|将|要)", "", name)
        return
    current = reader.out[reader.current] if reader.current is not None else None
    if len(name) <= 2 and current is not None and current.unit == q.unit and current.growth_pct is None:
        # 新增学位3600个,已完成2800个: the amount reached replaces the one planned before it.
        if reader.reports_between(current.span.end, q.span.start):
            reader.amend(value=q.value, span=q.span)
        return
    if reader.planned_name and (len(name) <= 2 or reader.planned_name.endswith(name)):
        name = reader.planned_name  # 计划新建40个文化广场,已完成46个(文化广场)
    if len(name) > NAME_MAX or NOT_A_NAME.search(name) or (len(name) == 2 and not STAT_HEAD.search(name)):
        return
    current = reader.out[reader.current] if reader.current is not None else None
    if reader.breakdown and not STAT_HEAD.search(name) and not re.search(r"(?:完成|实现|达到)$", raw):
        # 现已新增20条,其中市本级17条: parts by place or unit, not indicators of their own.
        return
    if (
        current is not None
        and current.unit in _COUNT_UNITS
        and q.unit not in _COUNT_UNITS
        and _ATTRIBUTE.match(name)
    ):
        # 开工项目90个、总投资82.3亿元: an attribute of the projects just counted, a note.
        return
    if _achieved(reader, sentence, q.span.start, name):
        reader.add(_statement(reader, name, q, value=True))


def _is_modifier(reader: _Reader, clause: Piece, q: Quantity, others: Sequence[Quantity]) -> bool:
    """A count opening the clause and followed by another amount (581个项目开工419个) is a modifier."""
    later = [o for o in others if o.span.start > q.span.end]
    following = later[0] if later else None
    gap = (
        reader.text[q.span.end - reader.par.start : following.span.start - reader.par.start]
        if following
        else ""
    )
    if following is not None and following.unit == q.unit and not re.search(r"[、和及与]", gap):
        # 反馈的39项整改任务已完成15项: 39 is the base of the 15, not an indicator of its own.
        return True
    lead = reader.text[clause.span.start - reader.par.start : q.span.start - reader.par.start]
    return not clean_name(lead) and bool(later)


def _read_rank(reader: _Reader, clause: Piece) -> None:
    rank = clause_rank(clause.text)
    if rank and reader.current is not None and reader.out[reader.current].rank is None:
        reader.amend(**rank)


def _clause_amounts(clause: Piece, amounts: Sequence[Quantity]) -> list[Quantity]:
    """The clause's amounts outside bracketed asides and outside a rank's scope (在5家X中名列第一)."""
    asides = [
        Span(clause.span.start + m.start(), clause.span.start + m.end())
        for m in _BRACKETED.finditer(clause.text)
    ]
    rank = RANK.search(clause.text)
    rank_at = clause.span.start + rank.end() if rank else clause.span.end
    return [
        q
        for q in amounts
        if not any(a.contains(q.span) for a in asides)
        and not (rank and q.span.start < rank_at and q.unit in _COUNT_UNITS)
    ]


def _read_flat(reader: _Reader, clause: Piece) -> None:
    """居民消费价格指数同比持平(100): growth 0 and the index value."""
    flat = _FLAT.search(clause.text)
    if flat:
        span = Span(clause.span.start + flat.start(), clause.span.start + flat.end())
        value = float(flat.group("value"))
        reader.add(
            IndicatorStatement(
                clean_name(flat.group("name")),
                span,
                reader.period_before(span.start),
                value,
                "上年同期=100",
                0.0,
                rule="flat",
            )
        )


def _read_clause(reader: _Reader, sentence: Piece, clause: Piece, amounts: Sequence[Quantity]) -> None:
    """One clause of a statistical sentence; ``amounts`` are the quantities inside it."""
    if not amounts and "第" not in clause.text and "持平" not in clause.text:
        return
    inside = _clause_amounts(clause, amounts)
    start = clause.span.start
    for q in inside:
        if q.unit == "百分点" or not q.value or q.unit in EVENT_UNITS:
            start = q.span.end
            continue
        gap = reader.text[start - reader.par.start : q.span.start - reader.par.start]
        if reader.pending and gap in ("、", "和", "及", ""):
            # The next value of a 分别 list belongs to the next name.
            growth_value = q.value if reader.pending_growth else None
            reader.add(
                _statement(
                    reader, reader.pending.pop(0), q, growth=growth_value, value=not reader.pending_growth
                )
            )
            start = q.span.end
            continue
        if _is_modifier(reader, clause, q, inside):
            continue
        growth = (GROWTH_BEFORE.search(gap) or GROWTH_TO.search(gap)) if q.unit == "%" else None
        if growth is not None:
            _read_growth(reader, sentence, clause, q, start=start, match=growth)
        elif not RANK_EACH.search(clause.text):
            _read_value(reader, sentence, clause, q, start)
        start = q.span.end
    _read_flat(reader, clause)
    _read_rank(reader, clause)


def find_indicators(
    text: str, times: Sequence[TimeMention], quantities: Sequence[Quantity] = (), *, ref: date | None = None
) -> list[IndicatorStatement]:
    """Indicator statements of ``text`` in text order; ``ref`` tells past periods from plans."""
    found: list[IndicatorStatement] = []
    pars = paragraphs(text)
    report = bool(pars) and bool(_REPORT_LEAD.search(pars[0].text))
    for par in pars:
        inside = [q for q in quantities if par.span.contains(q.span)]
        if not inside and "第" not in par.text and "持平" not in par.text:
            continue  # no amount, rank or 持平: no statement (keeps the finder cheap)
        par_times = [t for t in times if t.span.start < par.span.end]
        reader = _Reader(par.text, par.span, par_times, inside, ref=ref, report_document=report)
        for sentence in sentences(par):
            if not any(sentence.span.start <= q.span.start < sentence.span.end for q in inside) and (
                "第" not in sentence.text and "持平" not in sentence.text
            ):
                reader.current = None
                continue
            reader.current, reader.planned_name, reader.pending = None, "", []
            reader.breakdown = False
            for match in _CLAUSE.finditer(sentence.text):
                start = sentence.span.start + match.start()
                clause = Piece(match.group(0), Span(start, start + len(match.group(0))))
                if clause.text.startswith("其中"):
                    reader.breakdown = True
                amounts = [q for q in inside if start <= q.span.start and q.span.end <= clause.span.end]
                _read_clause(reader, sentence, clause, amounts)
            if "第" in sentence.text and "、" in sentence.text:
                reader.out.extend(rank_lists(sentence, reader.period_before, clean_name))
        found.extend(reader.out)
    return merge_ranks(found)
