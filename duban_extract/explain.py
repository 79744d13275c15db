"""Which rules fired for a text (Duckling.Debug style), for test failure messages."""

from __future__ import annotations

from datetime import date

from duban_extract.timex import candidates, find_times


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
