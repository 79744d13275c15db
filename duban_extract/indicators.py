"""Indicator statements (指标表述): name, period, value, growth and rank.

Patterns: "实现<name><value><unit>, 比增/增长/下降<pct>%"; "<names>N个指标增幅排名
<scope>第<rank>"; "<a>、<b>、<c>分别排<scope>第X位、第Y位…". The period is the
nearest preceding period-like time expression in the same paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from duban_extract.numerals import NumeralError, to_int, to_number
from duban_extract.text_units import paragraphs
from duban_extract.types import IndicatorStatement, Span, TimeMention, TimeValue

_NAME = r"[\u4e00-\u9fffA-Z]{2,14}?"
_VALUE = re.compile(
    rf"(?:实现|完成|达到|达)(?P<name>{_NAME})(?P<value>\d+(?:\.\d+)?)(?P<unit>万元|亿元|万人|万吨|个|家|元|%)"
    r"(?:[,、](?:同比|比)?(?P<dir>增长|比增|增|下降|减少)(?P<pct>\d+(?:\.\d+)?)%)?"
)
_RANK_GROUP = re.compile(
    rf"(?P<names>{_NAME}(?:、{_NAME})+)(?P<count>\d+|[一二三四五六七八九十]+)[个项]指标(?P<of>增幅|增速|总量)?"
    r"排名?(?P<scope>全[市省区县国])第(?P<rank>[一二三四五六七八九十\d]+)"
)
_RANK_EACH = re.compile(
    rf"(?P<names>{_NAME}(?:、{_NAME})+)分别排(?:名)?(?P<scope>全[市省区县国])(?P<ranks>第[一二三四五六七八九十\d]+位?"
    r"(?:、第[一二三四五六七八九十\d]+位?)*)"
)
_PERIOD_KINDS = frozenset({"period", "since", "cutoff"})


def _period_before(offset: int, par: Span, times: Sequence[TimeMention]) -> TimeValue | None:
    best: TimeValue | None = None
    for mention in times:
        if par.start <= mention.span.start < offset and mention.value.kind in _PERIOD_KINDS:
            value = mention.value
            best = value.alt[0] if value.kind == "cutoff" and value.alt else value
    return best


def _int(text: str) -> int | None:
    try:
        return to_int(text)
    except (NumeralError, ValueError):
        return None


def _values(text: str, base: int, par: Span, times: Sequence[TimeMention]) -> Iterable[IndicatorStatement]:
    for match in _VALUE.finditer(text):
        growth = float(match.group("pct")) if match.group("pct") else None
        if growth is not None and match.group("dir") in ("下降", "减少"):
            growth = -growth
        yield IndicatorStatement(
            name=match.group("name").lstrip("了"),
            span=Span(base + match.start(), base + match.end()),
            period=_period_before(base + match.start(), par, times),
            value=to_number(match.group("value")),
            unit=match.group("unit"),
            growth_pct=growth,
        )


def _ranks(text: str, base: int, par: Span, times: Sequence[TimeMention]) -> Iterable[IndicatorStatement]:
    for match in _RANK_GROUP.finditer(text):
        period = _period_before(base + match.start(), par, times)
        for name in match.group("names").split("、"):
            yield IndicatorStatement(
                name=name,
                span=Span(base + match.start(), base + match.end()),
                period=period,
                rank=_int(match.group("rank")),
                rank_scope=match.group("scope"),
                rank_of=match.group("of") or "",
            )
    for match in _RANK_EACH.finditer(text):
        period = _period_before(base + match.start(), par, times)
        ranks = re.findall(r"第([一二三四五六七八九十\d]+)", match.group("ranks"))
        for name, rank in zip(match.group("names").split("、"), ranks, strict=False):
            rank_of = "增速" if name.endswith("增速") else ""
            yield IndicatorStatement(
                name=name.removesuffix("增速").removeprefix("其中"),
                span=Span(base + match.start(), base + match.end()),
                period=period,
                rank=_int(rank),
                rank_scope=match.group("scope"),
                rank_of=rank_of,
            )


def find_indicators(text: str, times: Sequence[TimeMention]) -> list[IndicatorStatement]:
    """Indicator statements, merged by name (a value and a rank of one indicator become one)."""
    merged: dict[str, IndicatorStatement] = {}
    for par in paragraphs(text):
        for item in [
            *_values(par.text, par.span.start, par.span, times),
            *_ranks(par.text, par.span.start, par.span, times),
        ]:
            key = "GDP" if item.name in ("GDP", "地区生产总值") else item.name
            current = merged.get(key)
            if current is None:
                merged[key] = item
                continue
            merged[key] = IndicatorStatement(
                name=current.name,
                span=current.span,
                period=current.period or item.period,
                value=current.value if current.value is not None else item.value,
                unit=current.unit or item.unit,
                growth_pct=current.growth_pct if current.growth_pct is not None else item.growth_pct,
                rank=current.rank or item.rank,
                rank_scope=current.rank_scope or item.rank_scope,
                rank_of=current.rank_of or item.rank_of,
            )
    return list(merged.values())
