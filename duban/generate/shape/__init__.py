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

from duban.generate.shape.ledger import item_plan, item_progress, item_state, source_plan, tree_slots
from duban.generate.shape.org import org_plan, unit_plan
from duban.generate.shape.specs import (
    ADMIN,
    AREA,
    DEPARTMENT,
    FREQUENCIES,
    OPEN_MIX,
    PARTY,
    SCALES,
    SOURCE_KINDS,
    STATE_FIRM,
    TOWN,
    ItemSpec,
    Org,
    Plan,
    Scale,
    SourceSpec,
    UnitSpec,
    split_levels,
    zipf_weights,
)  # fmt: skip

__all__ = [
    "ADMIN", "AREA", "DEPARTMENT", "FREQUENCIES", "OPEN_MIX", "PARTY", "SCALES", "SOURCE_KINDS", "STATE_FIRM",
    "TOWN", "ItemSpec", "Org", "Plan", "Scale", "SourceSpec", "UnitSpec", "item_plan", "item_progress",
    "item_state", "org_plan", "plan", "source_plan", "split_levels", "tree_slots", "unit_plan",
    "zipf_weights",
]  # fmt: skip


def plan(size: str, *, seed: int, today: dt.date) -> Plan:
    """The whole data set for ``size`` (small, medium, large) from ``seed``, dated before ``today``."""
    scale = SCALES[size]
    rng = random.Random(f"duban-generate:{size}:{seed}")  # noqa: S311 - reproducible test data, not secrets
    org = org_plan(scale, rng)
    sources = source_plan(scale, rng, today)
    items = item_plan(scale, org, sources, rng, today)
    return Plan(size, seed, today, scale, org, sources, items)
