"""Scoring methods (评分方法), as a registry: one indicator's values over the peers → points.

Every method takes the column of one indicator (subject → value, None when the
subject has no figure), the indicator's direction, its parameters and ``full``
(the indicator's full points in the scheme) and returns the points of every
subject. Values and points are floats: the engine is pure arithmetic, and the
selectors convert the stored ``Decimal`` figures once.

The degenerate cases, alike for all methods:

- **Missing value** (None): 0 points, and the subject is left out of the peer
  statistics (minimum, maximum, mean, spread, best, rank) of that indicator, so
  a missing figure neither helps nor hurts the others.
- **All equal** (no spread): min–max and ratio to the best give every subject
  full points (nobody is behind anybody); z-score gives every subject the middle
  of its scale (z = 0); points by rank gives everybody the first rank's points.
- **Single subject**: a special case of "all equal".
- **Ties**: tied subjects share the better rank (1224, as ``indicators.ranking``),
  so they get the same points by rank.

Direction (``indicators.ranking.Direction``): for "lower is better" the column
is mirrored, so each method below reads "better" in the indicator's own sense.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from duban.indicators.ranking import Direction

K = TypeVar("K", bound=Hashable)

Column = Mapping[K, float | None]
Params = Mapping[str, Any]


class Method(StrEnum):
    """How an indicator is scored (评分方法)."""

    MIN_MAX = "min_max"  # 极差标准化: (x − min) / (max − min)
    Z_SCORE = "z_score"  # 标准分: z = (x − mean) / sd, z ∈ [−span, span] onto [0, full]
    RATIO_TO_BEST = "ratio_to_best"  # 与最优值之比: x / best
    TARGET = "target"  # 目标完成率: x / target, capped
    RANK_POINTS = "rank_points"  # 按名次计分
    BANDS = "bands"  # 分档计分: thresholds → share of the points
    ENTERED = "entered"  # 定性指标: the points are entered by the evaluators


def competition_ranks(values: Mapping[K, float]) -> dict[K, int]:
    """Ranks 1224 of the values, higher first (ties share the better rank)."""
    ordered = sorted(values.values(), reverse=True)
    first_at: dict[float, int] = {}
    for index, figure in enumerate(ordered):
        first_at.setdefault(figure, index + 1)
    return {key: first_at[value] for key, value in values.items()}


def _oriented(column: Column[K], direction: Direction) -> dict[K, float]:
    """The known values, negated for "lower is better", so larger always reads better."""
    sign = -1.0 if direction is Direction.LOWER else 1.0
    return {key: sign * value for key, value in column.items() if value is not None}


def _with_missing(column: Column[K], points: Mapping[K, float]) -> dict[K, float]:
    return {key: points.get(key, 0.0) for key in column}


def score_min_max(
    column: Column[K], *, direction: Direction, params: Params, full: float, targets: Mapping[K, float]
) -> dict[K, float]:
    """Min–max over the peers: the best gets ``full``, the worst 0, linear between."""
    known = _oriented(column, direction)
    if not known:
        return _with_missing(column, {})
    low, high = min(known.values()), max(known.values())
    spread = high - low
    if spread == 0:
        return _with_missing(column, dict.fromkeys(known, full))
    return _with_missing(column, {k: full * (v - low) / spread for k, v in known.items()})


def score_z(
    column: Column[K], *, direction: Direction, params: Params, full: float, targets: Mapping[K, float]
) -> dict[K, float]:
    """Z-score (population sd): z = −span scores 0, z = +span scores ``full``, clipped outside.

    ``span`` defaults to 3. The mean scores half the points; with no spread every z is 0.
    """
    span = float(params.get("span", 3))
    known = _oriented(column, direction)
    if not known:
        return _with_missing(column, {})
    mean = math.fsum(known.values()) / len(known)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in known.values()) / len(known))
    # Relative to the values' magnitude: float noise in an equal column is no spread.
    scale = max(abs(v) for v in known.values())
    if sd <= 1e-12 * scale or sd == 0:
        return _with_missing(column, dict.fromkeys(known, full / 2))
    points = {k: full * min(1.0, max(0.0, 0.5 + (v - mean) / sd / (2 * span))) for k, v in known.items()}
    return _with_missing(column, points)


def score_ratio_to_best(
    column: Column[K], *, direction: Direction, params: Params, full: float, targets: Mapping[K, float]
) -> dict[K, float]:
    """Ratio to the best: x / max for "higher", min / x for "lower"; negative values count as 0.

    A zero value scores 0 when higher is better; when lower is better a zero is the
    best there is and scores ``full`` (and so do all, if the best is 0 and others are not: 0 / x = 0).
    """
    known = {k: max(0.0, v) for k, v in column.items() if v is not None}
    if not known:
        return _with_missing(column, {})
    if direction is Direction.HIGHER:
        best = max(known.values())
        if best == 0:
            return _with_missing(column, dict.fromkeys(known, full))
        return _with_missing(column, {k: full * v / best for k, v in known.items()})
    best = min(known.values())
    return _with_missing(column, {k: full if v == best else full * best / v for k, v in known.items()})


def score_target(
    column: Column[K], *, direction: Direction, params: Params, full: float, targets: Mapping[K, float]
) -> dict[K, float]:
    """Achievement against target: ``full`` × min(cap, x / target) (target / x when lower is better).

    The subject's own target wins over the scheme's ``target`` parameter; ``cap``
    (default 1) lets overachievement earn up to cap × full. Below 0 scores 0; a subject
    with no target, or a target ≤ 0, scores 0. When lower is better, a value ≤ 0 reaches the cap.
    """
    cap = float(params.get("cap", 1))
    default = params.get("target")
    points: dict[K, float] = {}
    for key, value in column.items():
        target = targets.get(key, float(default) if default is not None else None)
        if value is None or target is None or target <= 0:
            points[key] = 0.0
            continue
        ratio = value / target if direction is Direction.HIGHER else (cap if value <= 0 else target / value)
        points[key] = full * min(cap, max(0.0, ratio))
    return points


def score_rank_points(
    column: Column[K], *, direction: Direction, params: Params, full: float, targets: Mapping[K, float]
) -> dict[K, float]:
    """Points by rank: ``table`` gives the share of ``full`` per rank (1st, 2nd …), ranks past it ``rest``.

    Without a table the share falls linearly from 1 (first) to 0 (last ranked):
    (n − rank) / (n − 1). Ties share the better rank and its points.
    """
    known = _oriented(column, direction)
    ranks = competition_ranks(known)
    table = [float(share) for share in params.get("table", [])]
    rest = float(params.get("rest", 0))
    count = len(known)
    points: dict[K, float] = {}
    for key, position in ranks.items():
        if table:
            share = table[position - 1] if position <= len(table) else rest
        else:
            share = 1.0 if count == 1 else (count - position) / (count - 1)
        points[key] = full * share
    return _with_missing(column, points)


def score_bands(
    column: Column[K], *, direction: Direction, params: Params, full: float, targets: Mapping[K, float]
) -> dict[K, float]:
    """Threshold bands: ``bands`` = [[threshold, share], …]; the best band reached gives its share.

    Reached means value ≥ threshold when higher is better, value ≤ threshold when lower
    is better. Below every band scores ``below`` (default 0) × full.
    """
    bands = sorted(
        ((float(t), float(s)) for t, s in params["bands"]),
        reverse=direction is Direction.HIGHER,
    )
    below = float(params.get("below", 0))
    points: dict[K, float] = {}
    for key, value in column.items():
        if value is None:
            points[key] = 0.0
            continue
        share = below
        for threshold, band_share in bands:
            reached = value >= threshold if direction is Direction.HIGHER else value <= threshold
            if reached:
                share = band_share
                break
        points[key] = full * share
    return points


def score_entered(
    column: Column[K], *, direction: Direction, params: Params, full: float, targets: Mapping[K, float]
) -> dict[K, float]:
    """Entered scores (定性指标): the value is the points given, kept within 0 … full."""
    return {key: 0.0 if value is None else min(full, max(0.0, value)) for key, value in column.items()}


ScoreFunction = Callable[..., dict[Any, float]]


def _check_nothing(params: Params, direction: Direction) -> list[str]:
    return []


def _check_z(params: Params, direction: Direction) -> list[str]:
    span = params.get("span", 3)
    if not isinstance(span, int | float) or span <= 0:
        return [_("span must be a positive number")]
    return []


def _check_target(params: Params, direction: Direction) -> list[str]:
    problems: list[str] = []
    cap = params.get("cap", 1)
    if not isinstance(cap, int | float) or cap < 1:
        problems.append(_("cap must be a number of at least 1"))
    target = params.get("target")
    if target is not None and (not isinstance(target, int | float) or target <= 0):
        problems.append(_("target must be a positive number"))
    return problems


def _is_share(value: object) -> bool:
    return isinstance(value, int | float) and 0 <= value <= 1


def _check_rank_points(params: Params, direction: Direction) -> list[str]:
    table = params.get("table", [])
    if not isinstance(table, Sequence) or not all(_is_share(s) for s in table):
        return [_("table must list shares between 0 and 1")]
    if any(later > earlier for earlier, later in zip(table, table[1:], strict=False)):
        return [_("a lower rank cannot earn more than a higher one")]
    rest = params.get("rest", 0)
    if not _is_share(rest) or (table and rest > table[-1]):
        return [_("rest must be a share no larger than the last rank's")]
    return []


def _band_pairs(bands: object) -> list[tuple[float, float]] | None:
    if not isinstance(bands, Sequence) or isinstance(bands, str) or not bands:
        return None
    pairs = []
    for band in bands:
        if not (isinstance(band, Sequence) and len(band) == 2 and isinstance(band[0], int | float)):
            return None
        if not _is_share(band[1]):
            return None
        pairs.append((float(band[0]), float(band[1])))
    return pairs


def _check_bands(params: Params, direction: Direction) -> list[str]:
    pairs = _band_pairs(params.get("bands"))
    if pairs is None:
        return [_("bands must list [threshold, share] pairs with shares between 0 and 1")]
    # Ordered from the worst threshold to the best: improving a value never costs points.
    ordered = sorted(pairs, reverse=direction is Direction.LOWER)
    shares = [share for _threshold, share in ordered]
    below = params.get("below", 0)
    if shares != sorted(shares) or not _is_share(below) or below > shares[0]:
        return [_("a band reached by better values must not earn less")]
    return []


@dataclass(frozen=True)
class MethodSpec:
    """A scoring method: its function, the check of its parameters, and whether it needs peers."""

    score: ScoreFunction
    check: Callable[[Params, Direction], list[str]]
    relative: bool  # the points depend on the other subjects' values (min–max, z, best, rank)
    keys: frozenset[str] = frozenset()  # the parameters it reads; any other is a mistake

    def problems(self, params: Params, direction: Direction) -> list[str]:
        """What is wrong with ``params`` for this method (unknown names first), in words."""
        unknown = sorted(str(key) for key in params if key not in self.keys)
        if unknown:
            return [_("unknown parameters: %(names)s") % {"names": ", ".join(unknown)}]
        return self.check(params, direction)


METHODS: dict[Method, MethodSpec] = {
    Method.MIN_MAX: MethodSpec(score_min_max, _check_nothing, relative=True),
    Method.Z_SCORE: MethodSpec(score_z, _check_z, relative=True, keys=frozenset({"span"})),
    Method.RATIO_TO_BEST: MethodSpec(score_ratio_to_best, _check_nothing, relative=True),
    Method.TARGET: MethodSpec(score_target, _check_target, relative=False, keys=frozenset({"cap", "target"})),
    Method.RANK_POINTS: MethodSpec(
        score_rank_points, _check_rank_points, relative=True, keys=frozenset({"table", "rest"})
    ),
    Method.BANDS: MethodSpec(score_bands, _check_bands, relative=False, keys=frozenset({"bands", "below"})),
    Method.ENTERED: MethodSpec(score_entered, _check_nothing, relative=False),
}


def score_column(
    column: Column[K],
    *,
    method: Method,
    direction: Direction,
    params: Params,
    full: float,
    targets: Mapping[K, float] | None = None,
) -> dict[K, float]:
    """The points of every subject in ``column`` by ``method`` (see the module's degenerate cases)."""
    function = METHODS[method].score
    return function(column, direction=direction, params=params, full=full, targets=targets or {})
