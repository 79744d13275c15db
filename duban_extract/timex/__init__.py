"""Time expressions (时间表达式): find and resolve them against a reference date.

``find_times`` scans a text paragraph by paragraph with every rule of
``rules.RULES``, keeps the longest non-overlapping matches, then resolves them
left to right so that the year spoken about can follow explicit years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from duban_extract.timex.resolve import num
from duban_extract.timex.rules import RULES
from duban_extract.timex.types import Context, Rule
from duban_extract.types import Span, TimeMention

__all__ = ["Candidate", "find_times", "candidates", "subject_year", "RULES"]


@dataclass(frozen=True)
class Candidate:
    """A rule's raw match before overlap resolution."""

    rule: Rule
    match: re.Match[str]
    order: int

    @property
    def length(self) -> int:
        return self.match.end() - self.match.start()


def candidates(text: str) -> list[Candidate]:
    """Every match of every rule (for ``explain`` and for the finder)."""
    found: list[Candidate] = []
    chars = set(text)
    for order, rule in enumerate(RULES):
        if rule.trigger and rule.trigger.isdisjoint(chars):
            continue
        found.extend(Candidate(rule, match, order) for match in rule.pattern.finditer(text) if match.group(0))
    return found


def _select(found: list[Candidate]) -> list[Candidate]:
    """Longest first (ties: table order); no two kept matches overlap."""
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in sorted(found, key=lambda c: (-c.length, c.order, c.match.start())):
        start, end = cand.match.span()
        if any(start < e and s < end for s, e in occupied):
            continue
        taken.append(cand)
        occupied.append((start, end))
    return sorted(taken, key=lambda c: c.match.start())


_PARAGRAPH = re.compile(r"[^\n]+")


#: Rules whose match names a whole year (2021年, 2021年度) rather than a date inside it.
_YEAR_RULES = frozenset({"year.bare"})
#: How far back a report may speak about: the reference year or the one before it.
_SUBJECT_LOOKBACK = 1


def subject_year(title: str, lead: str, ref: date) -> int | None:
    """The year a document reports on (报告年度), or None to use the reference date's year.

    The first whole year named in the title, else in the lead paragraph (2021年重点工作,
    2023年是…, 2023年统计公报), when it is the reference year or the one before: a report
    published in January, or a bulletin in spring, speaks about the previous year. A date
    (2022年9月16日) is an event, not the subject; a later year is a plan's horizon.
    """
    for text in (title, lead):
        for cand in _select(candidates(text)):
            if cand.rule.name not in _YEAR_RULES:
                continue
            year = num(cand.match.group("y"))
            if year is not None and ref.year - _SUBJECT_LOOKBACK <= year <= ref.year:
                return year
            break
    return None


def find_times(
    text: str, ref: date, *, warnings: list[str] | None = None, subject: int | None = None
) -> list[TimeMention]:
    """Resolved time mentions of ``text`` with spans into ``text``.

    ``subject``: the year the document reports on (``subject_year``); paragraphs without a year of
    their own read 上半年, 全年 and 今年 against it. Defaults to the reference date's year.
    """
    mentions: list[TimeMention] = []
    for paragraph in _PARAGRAPH.finditer(text):
        ctx = Context(ref=ref, year=subject or ref.year, subject=subject)
        offset = paragraph.start()
        for cand in _select(candidates(paragraph.group(0))):
            value = cand.rule.produce(cand.match, ctx)
            if value is None:
                continue
            if cand.rule.sets_year:
                ctx.year = value.start.year
            start, end = cand.match.span()
            mentions.append(
                TimeMention(cand.match.group(0), Span(offset + start, offset + end), value, cand.rule.name)
            )
        if warnings is not None:
            warnings.extend(ctx.warnings)
    return mentions
