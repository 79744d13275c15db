"""Evaluation results (评价结果): composite score, rank, category sub-scores, contributions, history.

``evaluate(scheme, inputs)`` scores every indicator column with its method
(``scoring``), adds the bonus and deduction items, and ranks the subjects.

Ranks: higher composite score first; equal scores share the better rank and the
next rank skips (1224, as ``indicators.ranking``), both over all subjects and
within each regional group (区域分组). Totals are compared rounded to 6 decimals,
so float noise in sums of equal points never breaks a tie. Every subject is
ranked: a subject without figures simply scores 0 on those indicators.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from duban.evaluation.scheme import AdjustmentKind, Leaf, Scheme
from duban.evaluation.scoring import competition_ranks, score_column
from duban.indicators.ranking import Rank

K = TypeVar("K", bound=Hashable)

TIE_DECIMALS = 6


@dataclass(frozen=True)
class Peer(Generic[K]):
    """A subject of the evaluation (被评价对象) with its regional group (区域, "" when none)."""

    key: K
    name: str
    group: str = ""


@dataclass(frozen=True)
class Inputs(Generic[K]):
    """What a year's evaluation reads.

    ``values``: indicator code → subject → value (for an entered indicator, its points),
    None or absent when the subject has no figure. ``targets``: indicator code → subject →
    the subject's own target (achievement methods). ``events``: adjustment code → subject →
    number of counted events.
    """

    subjects: tuple[Peer[K], ...]
    values: Mapping[str, Mapping[K, float | None]]
    targets: Mapping[str, Mapping[K, float]] = field(default_factory=dict)
    events: Mapping[str, Mapping[K, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class SubjectResult(Generic[K]):
    """One subject's result: total, ranks, and the points per category, indicator and adjustment."""

    key: K
    name: str
    group: str
    total: float
    rank: Rank
    group_rank: Rank | None  # None when the subject has no regional group
    categories: Mapping[str, float]
    indicators: Mapping[str, float]
    adjustments: Mapping[str, float]  # bonuses positive, deductions negative


@dataclass(frozen=True)
class Evaluation(Generic[K]):
    """A scheme applied to a year's inputs: ``columns`` holds every indicator's points per subject."""

    scheme: Scheme
    inputs: Inputs[K]
    columns: Mapping[str, Mapping[K, float]]
    results: Mapping[K, SubjectResult[K]]

    def ranked(self) -> list[SubjectResult[K]]:
        """The results best first (ties in the order of the inputs)."""
        order = {peer.key: index for index, peer in enumerate(self.inputs.subjects)}
        return sorted(self.results.values(), key=lambda r: (-round(r.total, TIE_DECIMALS), order[r.key]))


def score_leaf(
    leaf: Leaf, inputs: Inputs[K], values: Mapping[K, float | None] | None = None
) -> dict[K, float]:
    """The points of every subject on one indicator (``values`` replaces the input column if given)."""
    raw = inputs.values.get(leaf.node.code, {}) if values is None else values
    column = {peer.key: raw.get(peer.key) for peer in inputs.subjects}
    assert leaf.node.method is not None  # a validated scheme's leaves have methods
    return score_column(
        column,
        method=leaf.node.method,
        direction=leaf.node.direction,
        params=leaf.node.params,
        full=leaf.full,
        targets=inputs.targets.get(leaf.node.code, {}),
    )


def adjustment_points(scheme: Scheme, inputs: Inputs[K]) -> dict[str, dict[K, float]]:
    """Bonus (+) and deduction (−) points per item and subject: count × per_event, at most cap."""
    points: dict[str, dict[K, float]] = {}
    for item in scheme.adjustments:
        counts = inputs.events.get(item.code, {})
        sign = 1.0 if item.kind is AdjustmentKind.BONUS else -1.0
        points[item.code] = {
            peer.key: sign * min(item.cap, max(0, counts.get(peer.key, 0)) * item.per_event)
            for peer in inputs.subjects
        }
    return points


def rank_totals(totals: Mapping[K, float]) -> dict[K, Rank]:
    """Competition ranks (1224) of composite scores, rounded so float noise keeps ties."""
    rounded = {key: round(total, TIE_DECIMALS) for key, total in totals.items()}
    ranks = competition_ranks(rounded)
    counts: dict[float, int] = {}
    for value in rounded.values():
        counts[value] = counts.get(value, 0) + 1
    return {key: Rank(position=ranks[key], of=len(totals), tied=counts[rounded[key]] > 1) for key in totals}


def _group_ranks(subjects: Sequence[Peer[K]], totals: Mapping[K, float]) -> dict[K, Rank]:
    groups: dict[str, dict[K, float]] = {}
    for peer in subjects:
        if peer.group:
            groups.setdefault(peer.group, {})[peer.key] = totals[peer.key]
    ranks: dict[K, Rank] = {}
    for members in groups.values():
        ranks.update(rank_totals(members))
    return ranks


def assemble(
    scheme: Scheme,
    inputs: Inputs[K],
    columns: Mapping[str, Mapping[K, float]],
) -> Evaluation[K]:
    """Totals, category sub-scores and ranks from already scored indicator columns."""
    adjustments = adjustment_points(scheme, inputs)
    category_of = {item.code: item.category for item in scheme.adjustments}
    totals: dict[K, float] = {}
    per_category: dict[K, dict[str, float]] = {}
    for peer in inputs.subjects:
        sums = dict.fromkeys((c.code for c in scheme.categories), 0.0)
        for leaf in scheme.leaves:
            sums[leaf.category] += columns[leaf.node.code][peer.key]
        for code, by_subject in adjustments.items():
            if category_of[code]:
                sums[category_of[code]] += by_subject[peer.key]
        per_category[peer.key] = sums
        totals[peer.key] = math.fsum(columns[leaf.node.code][peer.key] for leaf in scheme.leaves) + math.fsum(
            by_subject[peer.key] for by_subject in adjustments.values()
        )
    ranks = rank_totals(totals)
    group_ranks = _group_ranks(inputs.subjects, totals)
    results = {
        peer.key: SubjectResult(
            key=peer.key,
            name=peer.name,
            group=peer.group,
            total=totals[peer.key],
            rank=ranks[peer.key],
            group_rank=group_ranks.get(peer.key),
            categories=per_category[peer.key],
            indicators={code: column[peer.key] for code, column in columns.items()},
            adjustments={code: by_subject[peer.key] for code, by_subject in adjustments.items()},
        )
        for peer in inputs.subjects
    }
    return Evaluation(scheme=scheme, inputs=inputs, columns=columns, results=results)


def evaluate(scheme: Scheme, inputs: Inputs[K]) -> Evaluation[K]:
    """Score every indicator and rank the subjects (see the module docstring for ties)."""
    keys = [peer.key for peer in inputs.subjects]
    if len(set(keys)) != len(keys):
        raise ValueError("every subject appears once in an evaluation")
    columns = {leaf.node.code: score_leaf(leaf, inputs) for leaf in scheme.leaves}
    return assemble(scheme, inputs, columns)


@dataclass(frozen=True)
class Contribution:
    """Where a subject won or lost points (得失分) on one indicator.

    ``lost`` is what it lacks of the full points; ``versus_mean`` compares its points
    with the average of all subjects on that indicator (positive: it won points there).
    """

    code: str
    name: str
    category: str
    value: float | None
    points: float
    full: float
    lost: float
    versus_mean: float


def contributions(evaluation: Evaluation[K], key: K) -> list[Contribution]:
    """The subject's points per indicator, the indicators where it lost most against the mean first."""
    found: list[Contribution] = []
    count = len(evaluation.inputs.subjects)
    for leaf in evaluation.scheme.leaves:
        column = evaluation.columns[leaf.node.code]
        mean = math.fsum(column.values()) / count if count else 0.0
        points = column[key]
        found.append(
            Contribution(
                code=leaf.node.code,
                name=leaf.node.name,
                category=leaf.category,
                value=evaluation.inputs.values.get(leaf.node.code, {}).get(key),
                points=points,
                full=leaf.full,
                lost=max(0.0, leaf.full - points),
                versus_mean=points - mean,
            )
        )
    return sorted(found, key=lambda c: (c.versus_mean, c.code))


@dataclass(frozen=True)
class HistoryPoint:
    """A subject's result in one year and its change of rank from the year before (+ = moved up)."""

    year: int
    total: float
    rank: Rank
    change: int | None


def evaluate_years(runs: Mapping[int, tuple[Scheme, Inputs[K]]]) -> dict[int, Evaluation[K]]:
    """Each year's evaluation with that year's scheme and inputs (history over years, 历年)."""
    return {year: evaluate(scheme, inputs) for year, (scheme, inputs) in sorted(runs.items())}


def history(evaluations: Mapping[int, Evaluation[K]], key: K) -> list[HistoryPoint]:
    """The subject's total and rank per year, oldest first; years it was not evaluated are skipped."""
    points: list[HistoryPoint] = []
    previous: int | None = None
    for year in sorted(evaluations):
        result = evaluations[year].results.get(key)
        if result is None:
            previous = None
            continue
        position = result.rank.position
        change = None if previous is None or position is None else previous - position
        points.append(HistoryPoint(year=year, total=result.total, rank=result.rank, change=change))
        previous = position
    return points
