"""What a generated data set holds, decided from the seed alone (pure: no database).

SPEC "Speed and scale": the large set is 300 units, 50,000 items three levels
deep (about 30% of them sub-items), 500,000 progress reports; medium and small
are a tenth and a hundredth of the items and reports (with fewer units, so a
small set still has a unit tree). Shapes follow a busy zone over several years:

- a unit tree (committees at the root; departments, towns, areas and state firms;
  their sections, villages and subsidiaries), people with positions, leaders in
  charge over several units, a login per liaison, leader and supervisor;
- sources of every kind spread over ``years`` before ``today``;
- lead units drawn Zipf-like (a few units carry most items);
- states by age: most items of earlier years closed, open ones a mix of on
  track, near the deadline and overdue.

Everything here is a plain dataclass with indexes into the plan's own lists;
``writer`` turns indexes into rows. The same (size, seed, today) gives the same
plan. Indicators and projects (later issues) add their own plan parts beside
``Plan.org``/``Plan.sources``/``Plan.items``, and their writers to ``writer.PARTS``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate

from duban.generate import names

# Values as stored (duban.org.models.UnitKind, supervision SourceKind, ItemKind,
# ReportFrequency, workflow.State); tests/generate/test_shape.py keeps them in sync.
DEPARTMENT, TOWN, AREA, STATE_FIRM, ADMIN, PARTY = (
    "department",
    "town",
    "area",
    "state_firm",
    "admin_committee",
    "party_committee",
)
SOURCE_KINDS = {  # kind → weight
    "inspection": 14,
    "meeting": 22,
    "instruction": 16,
    "document": 10,
    "key_work": 12,
    "livelihood": 6,
    "suggestion": 8,
    "visit": 7,
    "petition": 5,
}
FREQUENCIES = {"monthly": 50, "weekly": 8, "fortnightly": 10, "quarterly": 17, "none": 15}
FREQUENCY_DAYS = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91, "none": 60}
DURATIONS = {30: 10, 60: 15, 90: 20, 180: 25, 270: 10, 365: 15, 540: 5}  # days → weight
OPEN_MIX = {
    "assigned": 8,
    "acknowledged": 10,
    "in_progress": 69,
    "extension_requested": 5,
    "completion_requested": 7,
    "suspended": 1,
}
SUB_ITEM_SHARE = 0.30  # items with a parent; a third of them one level further down
ZIPF_EXPONENT = 1.0


@dataclass(frozen=True)
class Scale:
    units: int
    leaders: int
    sources: int
    items: int
    reports: int
    years: int = 5


SCALES: dict[str, Scale] = {
    "small": Scale(units=30, leaders=4, sources=24, items=500, reports=5_000),
    "medium": Scale(units=120, leaders=8, sources=240, items=5_000, reports=50_000),
    "large": Scale(units=300, leaders=12, sources=2_000, items=50_000, reports=500_000),
}


@dataclass(frozen=True)
class UnitSpec:
    name: str
    short_name: str
    kind: str
    parent: int | None  # index into Org.units
    depth: int


@dataclass(frozen=True)
class PersonSpec:
    name: str
    position: str
    unit: int
    oversees: tuple[int, ...] = ()  # leaders in charge: unit indexes


@dataclass(frozen=True)
class UserSpec:
    username: str
    person: int
    unit: int
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Org:
    units: list[UnitSpec]
    people: list[PersonSpec]
    users: list[UserSpec]
    liaison_of: dict[int, int]  # unit index → user index
    staff_of: dict[int, list[int]]  # unit index → person indexes (responsible people)


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    title: str
    doc_number: str
    date: dt.date
    issuer: str
    topic: str


@dataclass
class ItemSpec:
    """One item; ``parent`` and ``source`` are plan indexes (parents come first)."""

    source: int
    parent: int | None
    depth: int
    position: int
    number: str
    path: str
    kind: str
    title: str
    lead_unit: int
    cooperating: tuple[int, ...]
    leader: int | None
    responsible: int | None
    start: dt.date
    deadline: dt.date
    state: str
    progress: int
    frequency: str
    priority: str
    closed_on: dt.date | None = None
    tags: tuple[int, ...] = ()
    milestones: list[tuple[dt.date, int, dt.date | None]] = field(default_factory=list)
    reports: int = 0


@dataclass(frozen=True)
class Plan:
    size: str
    seed: int
    today: dt.date
    scale: Scale
    org: Org
    sources: list[SourceSpec]
    items: list[ItemSpec]


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def zipf_weights(count: int, exponent: float = ZIPF_EXPONENT) -> list[float]:
    """Weights 1/rank^s for ranks 1..count (the first is the busiest)."""
    return [1.0 / (rank**exponent) for rank in range(1, count + 1)]


def split_levels(items: int) -> tuple[int, int, int]:
    """(top-level, second-level, third-level) counts: 30% sub-items, a third of them at depth 3."""
    sub = round(items * SUB_ITEM_SHARE)
    third = sub // 3
    return items - sub, sub - third, third


def person_name(rng: random.Random) -> str:
    return rng.choice(names.SURNAMES) + "".join(rng.choice(names.GIVEN) for _ in range(rng.choice((1, 2))))


def plan(size: str, *, seed: int, today: dt.date) -> Plan:
    """The whole data set for ``size`` (small, medium, large) from ``seed``, dated before ``today``."""
    scale = SCALES[size]
    rng = random.Random(f"duban-generate:{size}:{seed}")  # noqa: S311 - reproducible test data, not secrets
    org = org_plan(scale, rng)
    sources = source_plan(scale, rng, today)
    items = item_plan(scale, org, sources, rng, today)
    return Plan(size, seed, today, scale, org, sources, items)


# -- organisation ------------------------------------------------------------------------------


def unit_plan(count: int, rng: random.Random) -> list[UnitSpec]:
    """Two committees, then first-level units by kind, then their sections/villages/subsidiaries."""
    units = [UnitSpec("党工委", "党工委", PARTY, None, 1), UnitSpec("管委会", "管委会", ADMIN, None, 1)]
    first = max(4, (count - 2) * 2 // 5)
    towns = [f"{p}{'镇' if i % 3 else '街道'}" for i, p in enumerate(names.PLACES)]
    pools = {
        DEPARTMENT: [(n, n) for n in names.DEPARTMENTS],
        TOWN: [(n, n) for n in towns],
        AREA: [(f"{p}片区", f"{p}片区") for p in names.PLACES],
        STATE_FIRM: [(f"{p}{w}集团有限公司", f"{p}{w}") for p in names.PLACES for w in names.FIRM_WORDS],
    }
    shares = ((DEPARTMENT, 0.5), (TOWN, 0.25), (AREA, 0.1), (STATE_FIRM, 0.15))
    for kind, share in shares:
        want = max(1, round(first * share))
        for name, short in pools[kind][:want]:
            units.append(UnitSpec(name, short, kind, 1, 2))
    taken = {u.name for u in units}
    parents = list(range(2, len(units)))
    serial = 0
    while len(units) < count:
        parent = rng.choice(parents)
        top = units[parent]
        if top.kind == TOWN:
            name = f"{top.short_name}{rng.choice(names.PLACES)}{rng.choice(names.VILLAGE_ENDINGS)}"
        elif top.kind == STATE_FIRM:
            name = f"{top.short_name}{rng.choice(names.FIRM_WORDS)}有限公司"
        else:
            name = f"{top.short_name}{rng.choice(names.SECTIONS)}"
        serial += 1
        if name in taken:
            name = f"{name}{serial}"
        taken.add(name)
        units.append(UnitSpec(name, name[:40], top.kind, parent, 3))
    return units


def org_plan(scale: Scale, rng: random.Random) -> Org:
    units = unit_plan(scale.units, rng)
    people: list[PersonSpec] = []
    users: list[UserSpec] = []
    liaison_of: dict[int, int] = {}
    staff_of: dict[int, list[int]] = {}
    # The committee: a top leader (主任) and the leaders in charge, each over several units.
    people.append(PersonSpec(person_name(rng), "管委会主任", 1))
    users.append(UserSpec("top-leader", 0, 1, ("top_leader",)))
    working = list(range(2, len(units)))
    first_level = [i for i in working if units[i].depth == 2]
    for n in range(scale.leaders):
        # Several first-level units each; their sections follow them (item_plan).
        share = first_level[n :: scale.leaders]
        extra = tuple(rng.sample(first_level, k=min(2, len(first_level))))  # overlap: some units have two
        oversees = tuple(sorted(set(share) | set(extra)))
        people.append(PersonSpec(person_name(rng), "管委会副主任", 1, oversees))
        users.append(UserSpec(f"leader-{n + 1}", len(people) - 1, 1, ("leader",)))
    office = 2  # 党政办公室（督查室）
    for n in range(3):
        people.append(PersonSpec(person_name(rng), "督查专员", office))
        users.append(UserSpec(f"supervisor-{n + 1}", len(people) - 1, office, ("supervisor",)))
    people.append(PersonSpec(person_name(rng), "系统管理员", office))
    users.append(UserSpec("gen-admin", len(people) - 1, office, ("admin", "supervisor")))
    for index in working:
        head = names.POSITIONS_HEAD[{DEPARTMENT: 0, TOWN: 2, STATE_FIRM: 4}.get(units[index].kind, 1)]
        staff: list[int] = []
        for position in (head, *rng.sample(names.POSITIONS_STAFF, k=rng.randint(1, 3))):
            people.append(PersonSpec(person_name(rng), position, index))
            staff.append(len(people) - 1)
        staff_of[index] = staff
        people.append(PersonSpec(person_name(rng), "联络员", index))
        users.append(UserSpec(f"liaison-{index}", len(people) - 1, index, ("liaison",)))
        liaison_of[index] = len(users) - 1
    return Org(units, people, users, liaison_of, staff_of)


# -- sources -----------------------------------------------------------------------------------


def source_plan(scale: Scale, rng: random.Random, today: dt.date) -> list[SourceSpec]:
    """Sources of every kind, dated uniformly over ``years`` before today, oldest first."""
    span = scale.years * 365
    days = sorted(rng.randint(1, span) for _ in range(scale.sources))
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
        closed = 0.97 if overdue_by > 365 else 0.9 if overdue_by > 180 else 0.75 if overdue_by > 60 else 0.45
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
    value = expected + rng.gauss(-5, 20)
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
