"""Extraction → JSON-able dict, with the gold format's field names where they overlap."""

from __future__ import annotations

from typing import Any

from duban_extract.types import Extraction, Quantity, Task, TimeValue


def time_json(value: TimeValue) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value.render(), "kind": value.kind, "grain": value.grain}
    if value.alt:
        out["alt"] = [a.render() for a in value.alt]
    return out


def quantity_json(quantity: Quantity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": quantity.text,
        "unit": quantity.unit,
        "object": quantity.object,
        "span": [quantity.span.start, quantity.span.end],
    }
    if quantity.low is not None:
        out["low"], out["high"] = quantity.low, quantity.high
    else:
        out["value"] = quantity.value
    if quantity.approx:
        out["approx"] = quantity.approx
    if quantity.threshold:
        out["threshold"] = quantity.threshold
    return out


def task_json(task: Task) -> dict[str, Any]:
    out: dict[str, Any] = {"text": task.text, "span": [task.span.start, task.span.end], "source": task.source}
    if task.deadline is not None:
        out["deadline"] = task.deadline.render()
        if task.deadline.alt:
            out["alt"] = [a.render() for a in task.deadline.alt]
    if task.target is not None:
        out["target"] = quantity_json(task.target)
    for key in ("owner", "owner_rule", "responsible", "section", "status"):
        if getattr(task, key):
            out[key] = getattr(task, key)
    if task.cooperating:
        out["cooperating"] = list(task.cooperating)
    return out


def extraction_json(result: Extraction) -> dict[str, Any]:
    """The whole draft as plain JSON types."""
    doc = result.document
    return {
        "ref_date": result.ref_date.isoformat(),
        "ref_date_source": result.ref_date_source,
        "subject_year": result.subject_year,
        "warnings": list(result.warnings),
        "meta": {
            "title": doc.title,
            "published": doc.published.isoformat() if doc.published else None,
            "source": doc.source,
            "authors": list(doc.authors),
        },
        "clean": {"body": doc.body, "dropped": [{"text": d.text, "reason": d.reason} for d in doc.dropped]},
        "times": [
            {"text": t.text, "span": [t.span.start, t.span.end], "rule": t.rule, **time_json(t.value)}
            for t in result.times
        ],
        "quantities": [quantity_json(q) for q in result.quantities],
        "sections": [
            {"title": s.title, "level": s.level, "span": [s.span.start, s.span.end]} for s in result.sections
        ],
        "tasks": [task_json(t) for t in result.tasks],
        "people": [{"name": p.name, "title": p.title} for p in result.people],
        "problems": [
            {"text": p.text, "source": p.source, "span": [p.span.start, p.span.end]} for p in result.problems
        ],
        "indicators": [
            {
                "name": i.name,
                "period": i.period.render() if i.period else None,
                "value": i.value,
                "unit": i.unit,
                "growth_pct": i.growth_pct,
                "rank": i.rank,
                "rank_scope": i.rank_scope,
                "rank_of": i.rank_of,
                "rule": i.rule,
                "span": [i.span.start, i.span.end],
            }
            for i in result.indicators
        ],
    }
