"""Quantity rules (数量规则): Arabic and Chinese numerals, ranges, units, objects.

One compiled pattern reads ``[approx] number [range] [余/多] [multiplier] [大]
unit [threshold]``; named guards then reject ordinals (第三届), idioms (一丝
不苟: a lone 一 is never a count), set phrases (四个意识) and spans already
taken by time expressions (3个月内 is a deadline).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from duban_extract.numerals import NumeralError, to_number
from duban_extract.quantities.lexicon import (
    APPROX,
    CN_UNITS,
    DECLINE_CUES,
    GROWTH_CUES,
    OBJECT_STOP,
    SET_PHRASES,
    THRESHOLDS,
    UNITS,
)
from duban_extract.types import Quantity, Span

_CN = r"[〇零一二两三四五六七八九十百千]+(?:万[〇零一二两三四五六七八九十百千]*)?"
_NUM = rf"(?:\d+(?:\.\d+)?|{_CN})"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_APPROX_ALT = "|".join(sorted(APPROX, key=len, reverse=True))
_THRESHOLD_ALT = "|".join(sorted(THRESHOLDS, key=len, reverse=True))
PATTERN = re.compile(
    rf"(?<![\d.A-Za-z〇零一二两三四五六七八九十百千])(?P<approx>{_APPROX_ALT})?(?P<n1>{_NUM})(?P<pct1>%)?"
    rf"(?:(?P<rng>—|-|~|至|到)(?P<n2>{_NUM}))?(?P<more>余|多)?(?P<mult>[万亿千](?!米|克|瓦))?(?:大)?"
    rf"(?P<unit>{_UNIT_ALT})?(?P<thr>{_THRESHOLD_ALT})?"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PREV_NOUN = re.compile(r"([\u4e00-\u9fff“”]{2,12})$")
_LEADING_VERB = re.compile(
    r"^(?:已完成|完成|实现|培育|累计|共有|共|有|达到|达|新增|建成|引进|形成|占|其中|给予|累计培育)"
)


_OBJECT_VERB = re.compile(
    r"(?:完成|超额|按计划|均已|均|全面|落户|开工|基础上|中|进入|排名|增幅|高于|低于|占|共|已|正在|和|与|及)"
)


@dataclass(frozen=True)
class _Reading:
    value: float | None
    low: float | None
    high: float | None
    unit: str


def _is_cn(text: str) -> bool:
    return not text[0].isdigit()


def _read(match: re.Match[str]) -> _Reading | None:
    unit = match.group("unit") or ""
    mult = match.group("mult") or ""
    if match.group("pct1") and not unit:
        unit = "%"
    if not unit and not mult:
        return None
    n1, n2 = match.group("n1"), match.group("n2")
    if _is_cn(n1) and (n1 == "一" or (unit and unit not in CN_UNITS and mult + unit not in CN_UNITS)):
        return None
    unit = "百分点" if unit == "个百分点" else unit
    try:
        first = to_number(n1)
        second = to_number(n2) if n2 else None
    except (NumeralError, ValueError):
        return None
    full_unit = mult + unit
    if second is not None:
        return _Reading(None, first, second, full_unit)
    return _Reading(first, None, None, full_unit)


def _guarded(text: str, match: re.Match[str], taken: Sequence[Span]) -> bool:
    """True when the match must not be reported (ordinal, set phrase, time span, quoted name)."""
    start, end = match.span()
    if start > 0 and text[start - 1] == "第" and not match.group("approx"):
        return True
    if any(s.start < end and start < s.end for s in taken):
        return True
    window = text[max(0, start - 4) : end + 4]
    if any(phrase in window for phrase in SET_PHRASES):
        return True
    quote_open = text.rfind("“", 0, start)
    quote_close = text.find("”", end)
    return (
        quote_open >= 0
        and quote_close >= 0
        and quote_close - quote_open <= 8
        and text.rfind("”", 0, start) < quote_open
        and _is_cn(match.group("n1"))
    )


def _object_after(text: str, end: int) -> str:
    chunk = []
    for ch in text[end : end + 16]:
        if ch in OBJECT_STOP:
            break
        chunk.append(ch)
    tail = "".join(chunk)
    verb = _OBJECT_VERB.search(tail)
    if verb:
        return tail[: verb.start()] if verb.start() >= 2 else ""
    cut = text[end + len(tail) : end + len(tail) + 1]
    if cut == "的":
        rest = text[end + len(tail) + 1 : end + len(tail) + 14]
        stop = next((i for i, ch in enumerate(rest) if ch in OBJECT_STOP), len(rest))
        return rest[:stop]
    return tail if _CJK.match(tail or " ") else ""


def _object_before(text: str, start: int) -> str:
    match = _PREV_NOUN.search(text[max(0, start - 12) : start])
    if not match:
        return ""
    return _LEADING_VERB.sub("", match.group(1)).strip("“”")


def _object(text: str, match: re.Match[str], unit: str) -> str:
    before = text[max(0, match.start() - 6) : match.start()]
    if unit in ("%", "百分点"):
        noun = _object_before(text, match.start())
        for cue in DECLINE_CUES:
            if before.endswith(cue):
                return _object_before(text, match.start() - len(cue)) + "降幅"
        for cue in GROWTH_CUES:
            if before.endswith(cue):
                return _object_before(text, match.start() - len(cue)) + "增速"
        return noun
    after = _object_after(text, match.end())
    return after or _object_before(text, match.start())


def find_quantities(text: str, *, taken: Sequence[Span] = ()) -> list[Quantity]:
    """Quantities in ``text``, skipping spans in ``taken`` (e.g. time expressions)."""
    found: list[Quantity] = []
    for match in PATTERN.finditer(text):
        if not match.group(0) or _guarded(text, match, taken):
            continue
        reading = _read(match)
        if reading is None:
            continue
        approx = (match.group("approx") or "") + (match.group("more") or "")
        found.append(
            Quantity(
                text=match.group(0),
                span=Span(match.start(), match.end()),
                value=reading.value,
                low=reading.low,
                high=reading.high,
                unit=reading.unit,
                object=_object(text, match, reading.unit),
                approx=approx,
                threshold=match.group("thr") or "",
                rule="quantity.range" if reading.low is not None else "quantity.amount",
            )
        )
    return found
