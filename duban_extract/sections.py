"""Sections and enumerations (章节与条目).

Recognised: 一、 / (一) / 1. / (1) headings, 一是…二是 items inside a
paragraph, and a heading clause at a paragraph's start ("谋划台策,从…。"),
a short first clause followed by a short first sentence.

A numbered paragraph is a *heading* when it is a bare title (no clause or
sentence punctuation) — unless, at the list levels 1. / (1), the next
paragraph is its sibling, which makes both list *items*. A numbered paragraph
that opens with a short title sentence ("(一)加强组织领导。各单位要…") is a
heading whose title is that sentence. Every other numbered paragraph is an
item: its content is read for tasks and it is not a section.
"""

from __future__ import annotations

import re

from duban_extract.text_units import Piece, paragraphs, sentences
from duban_extract.types import Section, Span

_CN = "一二三四五六七八九十"
HEADING_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{_CN}]+、")),
    (2, re.compile(rf"^[((][{_CN}]+[))]")),
    # "2.2021年9月底前…" is item 2, not the decimal 2.2021.
    (3, re.compile(r"^\d{1,2}(?:、|\.(?!\d)|\.(?=\d{4}年))")),
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


#: Longest bare title (after its marker) and longest title sentence that opens a paragraph.
TITLE_MAX = 30
TITLE_SENTENCE_MAX = 16
_PUNCT = re.compile(r"[,;:。!?]")
_LIST_LEVELS = frozenset({3, 4})


def is_bare_heading(par: Piece, next_par: Piece | None) -> bool:
    """A numbered title line (一、主要任务; (一)实施老旧小区改造), not a list item."""
    level, marker = heading_level(par.text)
    rest = par.text[len(marker) :]
    if not level or not rest or len(rest) > TITLE_MAX or _PUNCT.search(rest):
        return False
    if level in _LIST_LEVELS and next_par is not None:
        return heading_level(next_par.text)[0] != level
    return True


def title_sentence(par: Piece) -> Piece | None:
    """The short title sentence opening a numbered paragraph that goes on ((一)加强组织领导。…)."""
    level, marker = heading_level(par.text)
    if not level:
        return None
    parts = sentences(par)
    if len(parts) < 2:
        return None
    first = parts[0].text[len(marker) :].rstrip("。;:!")
    if 2 <= len(first) <= TITLE_SENTENCE_MAX and not _PUNCT.search(first):
        return parts[0]
    return None


def _heading_of(par: Piece, next_par: Piece | None) -> Section | None:
    level, marker = heading_level(par.text)
    if level:
        if is_bare_heading(par, next_par):
            return Section(par.text, level, par.span, marker)
        first = title_sentence(par)
        return Section(first.text.rstrip("。;:!"), level, par.span, marker) if first else None
    clause = _HEADING_CLAUSE.match(par.text)
    if clause and len(par.text) > clause.end():
        return Section(clause.group("head"), 5, par.span, "heading clause")
    return None


def find_sections(text: str) -> list[Section]:
    """Headings with the span they govern (to the next heading of the same or a higher level)."""
    heads: list[Section] = []
    pars = paragraphs(text)
    for index, par in enumerate(pars):
        head = _heading_of(par, pars[index + 1] if index + 1 < len(pars) else None)
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


def sections_at(sections: list[Section], offset: int) -> list[Section]:
    """Headings (levels 1–5) governing ``offset``, outermost first."""
    return sorted(
        (s for s in sections if s.level <= 5 and s.span.start <= offset < s.span.end), key=lambda s: s.level
    )


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
