"""Sources and items of a generated zone: dates over years, skewed workloads, states by age (pure)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from itertools import accumulate

from duban.generate import names
from duban.generate.shape.specs import (
    DURATIONS,
    FREQUENCIES,
    FREQUENCY_DAYS,
    OPEN_MIX,
    SOURCE_KINDS,
    ItemSpec,
    Org,
    Scale,
    SourceSpec,
    pick,
    split_levels,
    zipf_weights,
)  # fmt: skip


def source_plan(scale: Scale, rng: random.Random, today: dt.date) -> list[SourceSpec]:
    """Sources of every kind over ``years`` before today (more of them recently), oldest first."""
    span = scale.years * 365
    # More work in recent years (the zone grows, and the system is used for more of it): the
    # age is skewed towards today, so about a third of the items are still open.
    days = sorted(1 + int((span - 1) * rng.random() ** 1.6) for _ in range(scale.sources))
    sources: list[SourceSpec] = []
    serial: dict[tuple[str, int], int] = {}
    kinds = list(SOURCE_KINDS)
    for n, back in enumerate(reversed(days)):
        # Every kind at least once, then by weight.
        kind = kinds[n] if n < len(kinds) else pick(rng, SOURCE_KINDS)
        date = today - dt.timedelta(days=back)
        number = serial[(kind, date.year)] = serial.get((kind, date.year), 0) + 1
        topic = rng.choice(names.TOPICS)
        pattern, issuer = names.SOURCE_TITLES[kind]
        title = pattern.format(y=date.year, n=number, t=topic)
        sources.append(SourceSpec(kind, title, f"开管〔{date.year}〕{n + 1}号", date, issuer, topic))
    return sorted(sources, key=lambda s: s.date)


# -- items -------------------------------------------------------------------------------------


def item_state(rng: random.Random, *, start: dt.date, deadline: dt.date, today: dt.date) -> str:
    """A state in realistic proportion to the item's age (most old items are closed)."""
    if (today - start).days <= 14 and rng.random() < 0.3:
        return "draft"
    overdue_by = (today - deadline).days
    if overdue_by > 0:
        closed = 0.97 if overdue_by > 365 else 0.88 if overdue_by > 180 else 0.7 if overdue_by > 60 else 0.4
    else:
        closed = 0.12 * (today - start).days / max(1, (deadline - start).days)
    roll = rng.random()
    if roll < closed:
        return "closed"
    if roll < closed + 0.02:
        return "cancelled"
    return pick(rng, OPEN_MIX)


def item_progress(
    rng: random.Random, *, state: str, start: dt.date, deadline: dt.date, today: dt.date
) -> int:
    """Progress in 5-point steps: near the expected share of the time, some well behind."""
    if state in {"closed", "completion_requested"}:
        return 100
    if state in {"draft", "assigned", "acknowledged", "cancelled"}:
        return 0
    expected = 100 * (today - start).days / max(1, (deadline - start).days)
    value = expected + rng.gauss(-3, 12)  # a few far behind, more a little behind
    return int(min(95, max(5, round(value / 5) * 5)))


def _dates(
    rng: random.Random, *, after: dt.date, within: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date]:
    start = min(after + dt.timedelta(days=rng.randint(0, 20)), today - dt.timedelta(days=1))
    days = int(pick(rng, {str(k): v for k, v in DURATIONS.items()}))
    deadline = start + dt.timedelta(days=days)
    if within is not None:  # a sub-item ends no later than its parent
        deadline = max(start + dt.timedelta(days=7), min(deadline, within))
    return start, deadline


def _closed_on(rng: random.Random, item: ItemSpec, today: dt.date) -> dt.date:
    late = rng.random() < 0.15
    day = item.deadline + dt.timedelta(days=rng.randint(1, 30) if late else -rng.randint(0, 25))
    return max(item.start + dt.timedelta(days=1), min(day, today - dt.timedelta(days=1)))


def _milestones(
    rng: random.Random, item: ItemSpec, today: dt.date
) -> list[tuple[dt.date, int, dt.date | None]]:
    span = (item.deadline - item.start).days
    if span < 90 or rng.random() > 0.25:
        return []
    found: list[tuple[dt.date, int, dt.date | None]] = []
    for share in (30, 60):
        due = item.start + dt.timedelta(days=span * share // 100)
        reached = item.progress >= share and due < today
        found.append((due, share, min(due, today - dt.timedelta(days=1)) if reached else None))
    return found


@dataclass(frozen=True)
class _Draw:
    """What drawing one item needs besides the generator (read-only, except ``items`` grows)."""

    today: dt.date
    org: Org
    sources: list[SourceSpec]
    items: list[ItemSpec]
    working: list[int]
    lead_weights: list[float]  # cumulative, over ``working``
    leaders_of: dict[int, list[int]]
    all_leaders: list[int]


Slot = tuple[int, int | None, int, int, str, str]  # source, parent, depth, position, number, path


def _item(rng: random.Random, slot: Slot, draw: _Draw) -> ItemSpec:
    source, parent, depth, position, number, path = slot
    today, src = draw.today, draw.sources[source]
    above = draw.items[parent] if parent is not None else None
    if above is not None and rng.random() < 0.6:
        lead = above.lead_unit
    else:
        lead = rng.choices(draw.working, cum_weights=draw.lead_weights)[0]
    others = [u for u in rng.sample(draw.working, k=min(4, len(draw.working))) if u != lead]
    cooperating = tuple(sorted(others[: rng.choice((0, 0, 0, 1, 1, 2, 3))]))
    start, deadline = _dates(
        rng, after=above.start if above else src.date, within=above.deadline if above else None, today=today
    )
    state = item_state(rng, start=start, deadline=deadline, today=today)
    if above is not None and above.state in {"closed", "cancelled", "draft"}:
        state = above.state
    if depth == 1:
        kind = "problem" if src.kind == "inspection" else "task"
        title = rng.choice(names.PROBLEM_TITLES if kind == "problem" else names.TASK_TITLES)
    else:
        kind, title = "measure", rng.choice(names.MEASURE_TITLES)
    item = ItemSpec(
        source=source,
        parent=parent,
        depth=depth,
        position=position,
        number=number,
        path=path,
        kind=kind,
        title=f"{title.format(t=src.topic)}（{number}）",
        lead_unit=lead,
        cooperating=cooperating,
        leader=rng.choice(draw.leaders_of.get(lead) or draw.all_leaders),
        responsible=rng.choice(draw.org.staff_of[lead]),
        start=start,
        deadline=deadline,
        state=state,
        progress=item_progress(rng, state=state, start=start, deadline=deadline, today=today),
        frequency=pick(rng, FREQUENCIES),
        priority=pick(rng, {"normal": 80, "high": 15, "urgent": 5}),
        tags=tuple(rng.sample(range(len(names.TAGS)), k=1)) if rng.random() < 0.2 else (),
    )
    if state == "closed":
        item.closed_on = _closed_on(rng, item, today)
    item.milestones = _milestones(rng, item, today)
    return item


def tree_slots(scale: Scale, rng: random.Random) -> list[Slot]:
    """(source, parent, depth, position, number, path) per item; parents before children.

    Top-level items go to sources by a skewed weight (some ledgers are long);
    second-level ones to top-level items, third-level ones to second-level
    items, again skewed (some problems have many measures).
    """
    top, second, third = split_levels(scale.items)
    source_weights = list(accumulate(rng.lognormvariate(0, 0.8) for _ in range(scale.sources)))
    slots: list[Slot] = []
    counts: dict[tuple[int, int | None], int] = {}

    def place(source: int, parent: int | None, depth: int) -> None:
        position = counts[(source, parent)] = counts.get((source, parent), 0) + 1
        if parent is None:
            number, path = str(position), f"{position:04d}"
        else:
            number, path = f"{slots[parent][4]}.{position}", f"{slots[parent][5]}.{position:04d}"
        slots.append((source, parent, depth, position, number, path))

    for source in sorted(rng.choices(range(scale.sources), cum_weights=source_weights, k=top)):
        place(source, None, 1)
    for level, count, lo in ((2, second, 0), (3, third, top)):
        parents = range(lo, len(slots))
        weights = list(accumulate(rng.lognormvariate(0, 1.0) for _ in parents))
        for parent in sorted(rng.choices(parents, cum_weights=weights, k=count)):
            place(slots[parent][0], parent, level)
    return slots


def item_plan(
    scale: Scale, org: Org, sources: list[SourceSpec], rng: random.Random, today: dt.date
) -> list[ItemSpec]:
    working = [i for i, u in enumerate(org.units) if u.depth > 1]
    rng.shuffle(working)  # which units are busiest is itself drawn from the seed
    leaders_of: dict[int, list[int]] = {}
    all_leaders = [i for i, p in enumerate(org.people) if p.oversees]
    for index in all_leaders:
        for unit in org.people[index].oversees:
            leaders_of.setdefault(unit, []).append(index)
    for index, unit_spec in enumerate(org.units):  # a section's leader is its unit's
        if unit_spec.depth == 3 and unit_spec.parent is not None:
            leaders_of.setdefault(index, leaders_of.get(unit_spec.parent, []))
    items: list[ItemSpec] = []
    draw = _Draw(
        today,
        org,
        sources,
        items,
        working,
        list(accumulate(zipf_weights(len(working)))),
        leaders_of,
        all_leaders,
    )
    for slot in tree_slots(scale, rng):
        items.append(_item(rng, slot, draw))
    _share_reports(items, scale.reports, rng, today)
    return items


def reportable_days(item: ItemSpec, today: dt.date) -> int:
    """Days over which the lead unit reported: from start to closing (or today); none for drafts."""
    if item.state in {"draft", "assigned"}:
        return 0
    end = item.closed_on or today
    return max(0, (end - item.start).days)


def _share_reports(items: list[ItemSpec], total: int, rng: random.Random, today: dt.date) -> None:
    """Spread ``total`` reports over items in proportion to how long each was reported on."""
    weights = [reportable_days(i, today) / FREQUENCY_DAYS[i.frequency] for i in items]
    whole = sum(weights) or 1.0
    for item, weight in zip(items, weights, strict=True):
        share = total * weight / whole
        item.reports = int(share) + (rng.random() < share - int(share))
