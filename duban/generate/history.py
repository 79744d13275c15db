"""Each generated item's past, derived from its plan (pure): workflow steps and progress reports.

Drawn with a generator seeded per item, so an item's history does not depend
on the order or batch in which the writer reaches it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from duban.generate import names
from duban.generate.shape.specs import ItemSpec

# The workflow path that leads to each state (workflow.TRANSITIONS): (action, to_state).
PATHS: dict[str, tuple[tuple[str, str], ...]] = {
    "draft": (),
    "assigned": (("assign", "assigned"),),
    "acknowledged": (("assign", "assigned"), ("acknowledge", "acknowledged")),
    "in_progress": (("assign", "assigned"), ("acknowledge", "acknowledged"), ("start", "in_progress")),
}
PATHS["extension_requested"] = (*PATHS["in_progress"], ("request_extension", "extension_requested"))
PATHS["completion_requested"] = (*PATHS["in_progress"], ("request_completion", "completion_requested"))
PATHS["suspended"] = (*PATHS["in_progress"], ("suspend", "suspended"))
PATHS["closed"] = (*PATHS["completion_requested"], ("sign_off", "closed"))
PATHS["cancelled"] = (*PATHS["acknowledged"], ("cancel", "cancelled"))


@dataclass(frozen=True)
class Step:
    action: str
    from_state: str
    to_state: str
    day: dt.date


@dataclass(frozen=True)
class ReportDraft:
    day: dt.date
    hour: int
    minute: int
    percent: int
    text: str
    problems: str


def item_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"duban-generate:item:{seed}:{index}")  # noqa: S311 - reproducible test data


def steps(item: ItemSpec, today: dt.date) -> list[Step]:
    """The item's transitions, dated from its start to its closing (or before today)."""
    path = PATHS[item.state]
    if not path:
        return []
    end = item.closed_on or today - dt.timedelta(days=1)
    first = min(item.start, end)
    span = max(0, (end - first).days)
    found: list[Step] = []
    state, offset = "draft", 0
    for n, (action, to_state) in enumerate(path):
        # assign on the start day, acknowledge and start within days, the rest towards the end.
        offset = max(offset, min(span, n * 2) if n < 3 else span * (n + 1) // (len(path) + 1))
        if n == len(path) - 1 and item.state in {"closed", "cancelled"}:
            offset = span
        found.append(Step(action, state, to_state, first + dt.timedelta(days=offset)))
        state = to_state
    return found


def reports(item: ItemSpec, rng: random.Random, today: dt.date) -> list[ReportDraft]:
    """``item.reports`` reports spread evenly from the start to its closing, the last one recent.

    Percentages rise towards the item's progress; every report is dated before today.
    """
    count = item.reports
    if count == 0:
        return []
    last = item.closed_on or today - dt.timedelta(days=rng.randint(1, 10))
    last = max(item.start, min(last, today - dt.timedelta(days=1)))
    span = (last - item.start).days
    drafts: list[ReportDraft] = []
    for n in range(1, count + 1):
        day = item.start + dt.timedelta(days=span * n // count)
        percent = item.progress * n // count // 5 * 5
        drafts.append(
            ReportDraft(
                day=day,
                hour=rng.randint(8, 18),
                minute=rng.randint(0, 59),
                percent=percent,
                text=rng.choice(names.REPORT_TEXTS),
                problems=rng.choice(names.PROBLEM_TEXTS),
            )
        )
    return drafts
