"""The organisation of a generated zone: the unit tree, people, leaders in charge, logins (pure)."""

from __future__ import annotations

import random

from duban.generate import names
from duban.generate.shape.specs import (
    ADMIN,
    AREA,
    DEPARTMENT,
    PARTY,
    STATE_FIRM,
    TOWN,
    Org,
    PersonSpec,
    Scale,
    UnitSpec,
    UserSpec,
    person_name,
)  # fmt: skip


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
