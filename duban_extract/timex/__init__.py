"""Time expressions (时间表达式): find and resolve them against a reference date.

``find_times`` scans a text paragraph by paragraph with every rule of
``rules.RULES``, keeps the longest non-overlapping matches, then resolves them
left to right so that the year spoken about can follow explicit years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from duban_extract.timex.rules import RULES
from duban_extract.timex.types import Context, Rule
from duban_extract.types import Span, TimeMention

__all__ = ["Candidate", "find_times", "candidates", "RULES"]


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
    for order, rule in enumerate(RULES):
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


def find_times(text: str, ref: date, *, warnings: list[str] | None = None) -> list[TimeMention]:
    """Resolved time mentions of ``text`` with spans into ``text``."""
    mentions: list[TimeMention] = []
    for paragraph in _PARAGRAPH.finditer(text):
        ctx = Context(ref=ref, year=ref.year)
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
