"""The generated data set's vocabulary: scales, weights and the plan's dataclasses (pure)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from duban.generate import names

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
