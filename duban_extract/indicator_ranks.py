"""Ranks of indicator statements (排名): after one indicator, for lists, and merging.

"增幅居全省第7位" ranks the indicator before it; "A、B、C 3个指标增幅排名全市第一" and
"A、B分别排全市第X位、第Y位" rank every name of a list; a rank list naming an indicator
stated before fills that indicator's rank instead of adding a second one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from duban_extract.indicator_lexicon import RANK, RANK_EACH, RANK_GROUP
from duban_extract.numerals import NumeralError, to_int
from duban_extract.text_units import Piece
from duban_extract.types import IndicatorStatement, Span, TimeValue


def rank_number(text: str) -> int | None:
    """第三 → 3, 第12 → 12; None when the numeral does not read."""
    try:
        return to_int(text)
    except (NumeralError, ValueError):
        return None


def clause_rank(text: str) -> dict[str, object] | None:
    """Rank, scope and what is ranked (增幅) of a rank clause, as IndicatorStatement fields."""
    match = RANK.search(text)
    if not match:
        return None
    scope = match.group("scope") or match.group("scope2") or match.group("scope3") or ""
    return {"rank": rank_number(match.group("rank")), "rank_scope": scope, "rank_of": match.group("of") or ""}


def rank_lists(
    sentence: Piece, period_at: Callable[[int], TimeValue | None], clean: Callable[[str], str]
) -> list[IndicatorStatement]:
    """Every name of the rank lists of a sentence, with its rank."""
    text, base = sentence.text, sentence.span.start
    out: list[IndicatorStatement] = []
    for match in RANK_GROUP.finditer(text):
        span = Span(base + match.start(), base + match.end())
        for name in match.group("names").split("、"):
            out.append(
                IndicatorStatement(
                    name=clean(name),
                    span=span,
                    period=period_at(span.start),
                    rank=rank_number(match.group("rank")),
                    rank_scope=match.group("scope"),
                    rank_of=match.group("of") or "",
                    rule="rank_group",
                )
            )
    for match in RANK_EACH.finditer(text):
        span = Span(base + match.start(), base + match.end())
        ranks = re.findall(r"第([一二三四五六七八九十\d]+)", match.group("ranks"))
        for name, rank in zip(match.group("names").split("、"), ranks, strict=False):
            out.append(
                IndicatorStatement(
                    name=clean(name.removesuffix("增速")),
                    span=span,
                    period=period_at(span.start),
                    rank=rank_number(rank),
                    rank_scope=match.group("scope"),
                    rank_of="增速" if name.endswith("增速") else "",
                    rule="rank_each",
                )
            )
    return out


def merge_ranks(items: list[IndicatorStatement]) -> list[IndicatorStatement]:
    """A rank list naming an indicator stated before fills its rank (one indicator, not two)."""
    merged: list[IndicatorStatement] = []
    by_name: dict[tuple[str, TimeValue | None], int] = {}
    for item in items:
        key = ("GDP" if item.name in ("GDP", "地区生产总值") else item.name, item.period)
        index = by_name.get(key)
        if index is not None and item.rule.startswith("rank") and merged[index].rank is None:
            merged[index] = replace(
                merged[index], rank=item.rank, rank_scope=item.rank_scope, rank_of=item.rank_of
            )
            continue
        by_name.setdefault(key, len(merged))
        merged.append(item)
    return merged
