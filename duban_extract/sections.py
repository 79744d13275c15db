"""Sections and enumerations (章节与条目).

Recognised: 一、 / (一) / 1. / (1) headings, 一是…二是 items inside a
paragraph, and a heading clause at a paragraph's start ("谋划台策,从…。"),
a short first clause followed by a short first sentence.
"""

from __future__ import annotations

import re

from duban_extract.text_units import Piece, paragraphs, sentences
from duban_extract.types import Section, Span

_CN = "一二三四五六七八九十"
HEADING_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{_CN}]+、")),
    (2, re.compile(rf"^[((][{_CN}]+[))]")),
    (3, re.compile(r"^\d+[.、](?!\d)")),
    (4, re.compile(r"^[((]\d+[))]")),
)
_ITEM = re.compile(rf"(?:^|[。;,:])\s*(?P<marker>[{_CN}]是|第[{_CN}],)")
_HEADING_CLAUSE = re.compile(r"^(?P<head>[^,。;:]{2,8}),(?P<rest>[^。;]{2,20})。")
HEADING_MAX = 40


def heading_level(text: str) -> tuple[int, str]:
    """Level and marker of a numbered heading, or (0, '')."""
    for level, pattern in HEADING_MARKERS:
        match = pattern.match(text)
        if match:
            return level, match.group(0)
    return 0, ""


def _heading_of(par: Piece) -> Section | None:
    level, marker = heading_level(par.text)
    if level:
        first = sentences(par)[0]
        title = first.text.rstrip("。") if len(first.text) <= HEADING_MAX else par.text[: len(marker) + 12]
        return Section(title, level, par.span, marker)
    clause = _HEADING_CLAUSE.match(par.text)
    if clause and len(par.text) > clause.end():
        return Section(clause.group("head"), 5, par.span, "heading clause")
    return None


def find_sections(text: str) -> list[Section]:
    """Headings with the span they govern (to the next heading of the same or a higher level)."""
    heads: list[Section] = []
    for par in paragraphs(text):
        head = _heading_of(par)
        if head:
            heads.append(head)
        for item in _ITEM.finditer(par.text):
            start = par.span.start + item.start("marker")
            heads.append(Section(item.group("marker"), 6, Span(start, start), "enumeration"))
    out: list[Section] = []
    for index, head in enumerate(heads):
        end = len(text)
        if head.level == 5:
            end = head.span.end
        for later in heads[index + 1 :]:
            if later.level <= head.level:
                end = min(end, later.span.start)
                break
        if head.level == 6:
            end = min(end, text.find("\n", head.span.start) % (len(text) + 1) or len(text))
        out.append(Section(head.title, head.level, Span(head.span.start, end), head.marker))
    return out


def section_at(sections: list[Section], offset: int) -> str:
    """Title of the innermost heading (levels 1–5) governing ``offset``."""
    best: Section | None = None
    for section in sections:
        if (
            section.level <= 5
            and section.span.start <= offset < section.span.end
            and (best is None or section.level >= best.level)
        ):
            best = section
    return best.title if best else ""
