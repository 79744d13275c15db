"""Which rules fired for a text (Duckling.Debug style), for test failure messages."""

from __future__ import annotations

from datetime import date

from duban_extract.timex import candidates, find_times
from duban_extract.types import Extraction, IndicatorStatement


def explain_times(text: str, ref: date) -> str:
    """Every candidate match (rule, span, text) and the resolved mentions that were kept."""
    lines = [f"text: {text!r}  ref: {ref.isoformat()}", "candidates:"]
    for cand in sorted(candidates(text), key=lambda c: (c.match.start(), -c.length)):
        start, end = cand.match.span()
        lines.append(f"  {cand.rule.name:<24} [{start},{end}) {cand.match.group(0)!r}")
    lines.append("kept:")
    for mention in find_times(text, ref):
        lines.append(f"  {mention.rule:<24} {mention.text!r} -> {', '.join(mention.value.renders())}")
    return "\n".join(lines)


def fired_rules(text: str, ref: date) -> set[str]:
    """Names of the rules whose matches survived overlap resolution."""
    return {mention.rule for mention in find_times(text, ref)}


def _indicator_line(item: IndicatorStatement) -> str:
    parts = [item.name]
    if item.value is not None:
        parts.append(f"value={item.value:g}{item.unit}")
    if item.growth_pct is not None:
        parts.append(f"growth={item.growth_pct:+g}%")
    if item.rank is not None:
        parts.append(f"rank={item.rank_scope}{item.rank_of}第{item.rank}")
    if item.period is not None:
        parts.append(f"period={item.period.render()}")
    return f"  {item.rule or '?':<12} " + "  ".join(parts)


def explain_extraction(result: Extraction) -> str:
    """Which rules fired for each time, owner and indicator of a draft (``duban ingest --explain``)."""
    lines = [f"subject year: {result.subject_year}  reference date: {result.ref_date.isoformat()}", "times:"]
    lines += [f"  {m.rule:<24} {m.text!r} -> {', '.join(m.value.renders())}" for m in result.times]
    lines.append("owners:")
    for task in result.tasks:
        if task.owner or task.cooperating:
            others = f" + {'、'.join(task.cooperating)}" if task.cooperating else ""
            lines.append(f"  {task.owner_rule or '?':<28} {task.owner}{others}  <- {task.text[:30]!r}")
    lines.append("indicators:")
    lines += [_indicator_line(item) for item in result.indicators]
    return "\n".join(lines)
