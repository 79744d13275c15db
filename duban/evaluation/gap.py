"""Gap analysis and what-if (差距分析, 情景模拟).

- :func:`target_rank_of` turns a target into a rank: a number, or ``MEDIAN``
  (中游水平), the middle of n ranked subjects, rank (n + 1) // 2 (10 of 20, 11 of 21).
- :func:`score_gap`: the points a subject lacks for the target rank, against the
  others' current totals: it must reach the total of the subject now at that rank
  among the others (an equal total shares the rank, see ``compute``). 0 when it is
  there already.
- :func:`levers`: for each indicator, what a 1% relative improvement of the
  subject's own value (in the indicator's good direction) gains it, found by
  re-scoring that indicator over all subjects: min–max, z-score, ratio to the
  best and rank points move with the subject's own value, so a linear guess from
  the current points would be wrong. Entered (qualitative) indicators and
  missing or zero values have no relative improvement and are left out.
- :func:`what_if`: changed values → the whole evaluation again, with ranks.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from duban.evaluation.compute import TIE_DECIMALS, Evaluation, Inputs, assemble, rank_totals, score_leaf
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction, Rank

K = TypeVar("K", bound=Hashable)


class TargetKind(StrEnum):
    MEDIAN = "median"  # 中游水平


MEDIAN = TargetKind.MEDIAN


def target_rank_of(target: int | TargetKind, *, count: int) -> int:
    """The rank a target means among ``count`` subjects (the median is (count + 1) // 2)."""
    if target is TargetKind.MEDIAN:
        return max(1, (count + 1) // 2)
    if not 1 <= target <= count:
        raise ValueError(f"target rank {target} is outside 1…{count}")
    return target


@dataclass(frozen=True)
class Gap:
    """The points a subject lacks (差距) for ``target_rank``; ``needed`` is the total that reaches it."""

    target_rank: int
    total: float
    needed: float | None  # None for the last rank: any total reaches it
    lacking: float
    reached: bool


def score_gap(evaluation: Evaluation[K], key: K, target: int | TargetKind) -> Gap:
    """How many points ``key`` lacks for the target rank, the others' totals as they are."""
    results = evaluation.results
    rank = target_rank_of(target, count=len(results))
    own = results[key].total
    others = sorted((r.total for k, r in results.items() if k != key), reverse=True)
    # At least the rank-th best of the others' totals puts the subject at rank ≤ rank (ties
    # share the better rank); below it, rank others are ahead. The last rank needs nothing.
    needed = others[rank - 1] if rank - 1 < len(others) else None
    lacking = 0.0 if needed is None else max(0.0, round(needed - own, TIE_DECIMALS))
    return Gap(target_rank=rank, total=own, needed=needed, lacking=lacking, reached=lacking == 0)


def improved(value: float, direction: Direction, step: float) -> float:
    """``value`` improved by ``step`` (0.01 = 1%) of its magnitude in the good direction."""
    change = abs(value) * step
    return value + change if direction is Direction.HIGHER else value - change


@dataclass(frozen=True)
class Lever:
    """What improving one indicator by the step gains the subject (提升空间).

    ``gain`` is the change of the subject's total after re-scoring; ``rank_after`` its
    rank then, the other indicators as they are.
    """

    code: str
    name: str
    value: float
    new_value: float
    points: float
    points_after: float
    gain: float
    rank_after: Rank


def levers(evaluation: Evaluation[K], key: K, *, step: float = 0.01) -> list[Lever]:
    """The indicators ranked by the points a ``step`` relative improvement gains (most first)."""
    inputs = evaluation.inputs
    totals = {k: r.total for k, r in evaluation.results.items()}
    found: list[Lever] = []
    for leaf in evaluation.scheme.leaves:
        code = leaf.node.code
        column = inputs.values.get(code, {})
        value = column.get(key)
        if leaf.node.method is Method.ENTERED or value is None or value == 0:
            continue
        new_value = improved(value, leaf.node.direction, step)
        old_points = evaluation.columns[code]
        new_points = score_leaf(leaf, inputs, {**column, key: new_value})
        # Only this column changed: every subject's total moves by its own change here.
        new_totals = {k: totals[k] - old_points[k] + new_points[k] for k in totals}
        found.append(
            Lever(
                code=code,
                name=leaf.node.name,
                value=value,
                new_value=new_value,
                points=old_points[key],
                points_after=new_points[key],
                gain=new_totals[key] - totals[key],
                rank_after=rank_totals(new_totals)[key],
            )
        )
    return sorted(found, key=lambda lever: (-lever.gain, lever.code))


def apply_changes(inputs: Inputs[K], changes: Mapping[tuple[str, K], float | None]) -> Inputs[K]:
    """The inputs with (indicator code, subject) → value replaced (None removes the figure)."""
    values = {code: dict(column) for code, column in inputs.values.items()}
    for (code, key), value in changes.items():
        values.setdefault(code, {})[key] = value
    return Inputs(subjects=inputs.subjects, values=values, targets=inputs.targets, events=inputs.events)


@dataclass(frozen=True)
class WhatIf(Generic[K]):
    """A what-if (情景模拟): the evaluation before and after the changed values."""

    before: Evaluation[K]
    after: Evaluation[K]

    def moved(self, key: K) -> tuple[float, int | None]:
        """The change of the subject's total and of its rank (+ = moved up)."""
        old, new = self.before.results[key], self.after.results[key]
        if old.rank.position is None or new.rank.position is None:
            return new.total - old.total, None
        return new.total - old.total, old.rank.position - new.rank.position


def what_if(evaluation: Evaluation[K], changes: Mapping[tuple[str, K], float | None]) -> WhatIf[K]:
    """Recompute every score and rank with the changed values (nothing is stored)."""
    codes = {leaf.node.code for leaf in evaluation.scheme.leaves}
    unknown = sorted({code for code, _key in changes if code not in codes})
    if unknown:
        raise KeyError(", ".join(unknown))
    inputs = apply_changes(evaluation.inputs, changes)
    touched = {code for code, _key in changes}
    # Unchanged indicators keep their points: re-score only the columns that changed.
    columns = {
        leaf.node.code: (
            score_leaf(leaf, inputs) if leaf.node.code in touched else evaluation.columns[leaf.node.code]
        )
        for leaf in evaluation.scheme.leaves
    }
    after = assemble(evaluation.scheme, inputs, columns)
    return WhatIf(before=evaluation, after=after)
