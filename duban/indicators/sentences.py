"""Report sentences in the official style (报告用语), generated from the data.

- ``value_sentence``: "地区生产总值149.75亿元，比增9.7%"; a negative growth reads
  "下降3.2%", zero "与上年同期持平", and without a growth figure only the value.
- ``rank_sentence``: "增幅排名全市第一" (by growth) or "总量排名全市第二" (by value),
  the scope word (全市, 全省) coming from the peer set.
- ``summary_sentence``: "9项主要经济指标中，4个指标增幅排名全市第一，6项指标进入全市前三，
  8项指标增幅高于年度目标" (the seed's wording, measure words included). A clause
  whose count is zero is left out; when every clause is zero the sentence says
  that none entered the top N.

Numbers keep the data's precision and no more: a value is printed with the
decimals it has, trailing zeros a database pads (149.7500) dropped; a growth is
printed with exactly one decimal as releases print it (10.0%).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from duban.indicators.growth import release_round
from duban.indicators.ranking import RankBy
from duban_extract.numerals import int_to_cn


def format_number(value: Decimal, places: int | None = None) -> str:
    """``value`` in plain notation: with ``places`` decimals (half-up), else without trailing zeros."""
    if places is not None:
        return f"{release_round(value, places):f}"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def chinese_ordinal(n: int) -> str:
    """第一, 第二 … 第十, 第十一 … 第十五, 第二十, 第一百零一 (1 ≤ n < 10^8; duban_extract's numerals)."""
    if n < 1:
        raise ValueError(f"no ordinal for {n}")
    return "第" + int_to_cn(n)


def growth_phrase(growth: Decimal) -> str:
    """比增9.7% / 下降3.2% / 与上年同期持平 (growth in %, one decimal)."""
    rounded = release_round(growth)
    if rounded > 0:
        return f"比增{format_number(rounded, 1)}%"
    if rounded < 0:
        return f"下降{format_number(-rounded, 1)}%"
    return "与上年同期持平"


def value_sentence(*, name: str, value: Decimal, unit: str, growth: Decimal | None) -> str:
    """地区生产总值149.75亿元，比增9.7%."""
    text = f"{name}{format_number(value)}{unit}"
    return text if growth is None else f"{text}，{growth_phrase(growth)}"


def rank_sentence(*, position: int, scope: str, by: RankBy = RankBy.GROWTH, tied: bool = False) -> str:
    """增幅排名全市第一 (by growth) / 总量排名全市第二 (by value) / 增幅并列全市第二 (a tie)."""
    lead = "增幅" if by is RankBy.GROWTH else "总量"
    verb = "并列" if tied else "排名"
    return f"{lead}{verb}{scope}{chinese_ordinal(position)}"


def headline_sentence(*, phrase: str, text: str, who: str = "全区") -> str:
    """上半年，全区实现地区生产总值149.75亿元，比增9.7% (``text`` is a ``value_sentence``)."""
    return f"{phrase}，{who}实现{text}"


@dataclass(frozen=True)
class Standing:
    """One indicator's standing for the summary: its growth rank, growth and growth target (in %)."""

    growth_rank: int | None
    growth: Decimal | None
    growth_target: Decimal | None
    name: str = ""


@dataclass(frozen=True)
class SummaryCounts:
    total: int
    first: int  # growth ranked first
    top: int  # growth ranked within the top N (first included)
    above_target: int  # growth above the annual growth target
    first_names: tuple[str, ...] = ()  # the names of those ranked first, in the standings' order


def summary_counts(standings: Sequence[Standing], *, top: int = 3) -> SummaryCounts:
    """Count the indicators ranked first, within the top ``top``, and growing above target."""
    ranks = [s.growth_rank for s in standings if s.growth_rank is not None]
    firsts = tuple(s.name for s in standings if s.growth_rank == 1)
    above = [
        s
        for s in standings
        if s.growth is not None and s.growth_target is not None and s.growth > s.growth_target
    ]
    return SummaryCounts(
        total=len(standings),
        first=sum(1 for r in ranks if r == 1),
        top=sum(1 for r in ranks if r <= top),
        above_target=len(above),
        first_names=firsts if all(firsts) else (),
    )


def summary_sentence(counts: SummaryCounts, *, scope: str, group: str = "主要经济指标", top: int = 3) -> str:
    """9项主要经济指标中，4个指标增幅排名全市第一，6项指标进入全市前三，8项指标增幅高于年度目标.

    When the counts know the names of the indicators ranked first, the clause names them as
    the seed's bulletin does: "地区生产总值、第三产业增加值…4个指标增幅排名全市第一".
    """
    top_words = f"{scope}前{int_to_cn(top)}"
    clauses = []
    if counts.first:
        names = "、".join(counts.first_names)
        clauses.append(f"{names}{counts.first}个指标增幅排名{scope}第一")
    if counts.top:
        clauses.append(f"{counts.top}项指标进入{top_words}")
    if counts.above_target:
        clauses.append(f"{counts.above_target}项指标增幅高于年度目标")
    if not clauses:
        clauses.append(f"暂无指标进入{top_words}")
    return f"{counts.total}项{group}中，" + "，".join(clauses)
