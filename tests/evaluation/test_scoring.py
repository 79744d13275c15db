"""Scoring methods (评分方法) from tables of hand computations, degenerate cases and properties."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.evaluation.scoring import METHODS, Method, competition_ranks, score_column
from duban.indicators.ranking import Direction

H = Direction.HIGHER
L = Direction.LOWER
Z = math.sqrt(1.5)


def points(
    method: Method,
    column: dict[str, float | None],
    *,
    direction: Direction = H,
    params: dict[str, Any] | None = None,
    full: float = 10,
    targets: dict[str, float] | None = None,
) -> dict[str, float]:
    return score_column(
        column, method=method, direction=direction, params=params or {}, full=full, targets=targets
    )


@pytest.mark.parametrize(
    ("method", "column", "direction", "params", "targets", "expected"),
    [
        # min–max: (x − min) / (max − min) × full
        (Method.MIN_MAX, {"a": 10, "b": 20, "c": 30}, H, {}, None, {"a": 0, "b": 5, "c": 10}),
        (Method.MIN_MAX, {"a": 10, "b": 20, "c": 30}, L, {}, None, {"a": 10, "b": 5, "c": 0}),
        (Method.MIN_MAX, {"a": 7, "b": 7}, H, {}, None, {"a": 10, "b": 10}),  # all equal: full
        (Method.MIN_MAX, {"a": 7}, H, {}, None, {"a": 10}),  # single subject
        (Method.MIN_MAX, {"a": 1, "b": None, "c": 3}, H, {}, None, {"a": 0, "b": 0, "c": 10}),  # missing
        # z-score: full × (0.5 + z / (2 span)), clipped
        (
            Method.Z_SCORE,
            {"a": 1, "b": 2, "c": 3},
            H,
            {},
            None,
            {"a": 5 - 5 * Z / 3, "b": 5, "c": 5 + 5 * Z / 3},
        ),
        (
            Method.Z_SCORE,
            {"a": 1, "b": 2, "c": 3},
            H,
            {"span": 1},
            None,
            {"a": 0, "b": 5, "c": 10},
        ),  # clipped
        (Method.Z_SCORE, {"a": 4, "b": 4}, H, {}, None, {"a": 5, "b": 5}),  # all equal: the middle
        (Method.Z_SCORE, {"a": 1, "b": 3, "c": None}, L, {"span": 1}, None, {"a": 10, "b": 0, "c": 0}),
        # ratio to the best
        (Method.RATIO_TO_BEST, {"a": 50, "b": 100, "c": -5}, H, {}, None, {"a": 5, "b": 10, "c": 0}),
        (Method.RATIO_TO_BEST, {"a": 2, "b": 4, "c": 8}, L, {}, None, {"a": 10, "b": 5, "c": 2.5}),
        (Method.RATIO_TO_BEST, {"a": 0, "b": 0}, H, {}, None, {"a": 10, "b": 10}),  # all zero: all equal
        (Method.RATIO_TO_BEST, {"a": 0, "b": 4}, L, {}, None, {"a": 10, "b": 0}),  # lower: zero is best
        # target achievement, capped; the subject's own target wins over the scheme's
        (
            Method.TARGET,
            {"a": 90, "b": 60, "c": 100},
            H,
            {"cap": 1.2},
            {"a": 100, "b": 50, "c": 80},
            {"a": 9, "b": 12, "c": 12},
        ),
        (Method.TARGET, {"a": 90, "b": 120, "c": None}, H, {"target": 100}, None, {"a": 9, "b": 10, "c": 0}),
        (Method.TARGET, {"a": 2, "b": 0.5}, L, {"target": 1}, None, {"a": 5, "b": 10}),
        (Method.TARGET, {"a": 5}, H, {}, None, {"a": 0}),  # no target: nothing achieved
        # points by rank: a table of shares, ties share the better rank (1224)
        (
            Method.RANK_POINTS,
            {"a": 5, "b": 3, "c": 3},
            L,
            {"table": [1, 0.6, 0.3]},
            None,
            {"a": 3, "b": 10, "c": 10},
        ),
        (
            Method.RANK_POINTS,
            {"a": 1, "b": 2, "c": 3, "d": 4},
            H,
            {"table": [1, 0.5]},
            None,
            {"d": 10, "c": 5, "b": 0, "a": 0},
        ),
        (Method.RANK_POINTS, {"a": 1, "b": 2, "c": 3}, H, {}, None, {"a": 0, "b": 5, "c": 10}),  # linear
        (Method.RANK_POINTS, {"a": 1, "b": None}, H, {}, None, {"a": 10, "b": 0}),  # one ranked
        # threshold bands
        (
            Method.BANDS,
            {"a": 95, "b": 85, "c": 50},
            H,
            {"bands": [[90, 1], [80, 0.8]], "below": 0.2},
            None,
            {"a": 10, "b": 8, "c": 2},
        ),
        (
            Method.BANDS,
            {"a": 1, "b": 3, "c": 9},
            L,
            {"bands": [[2, 1], [5, 0.5]]},
            None,
            {"a": 10, "b": 5, "c": 0},
        ),
        # entered points, kept within 0 … full
        (
            Method.ENTERED,
            {"a": 8.5, "b": 12, "c": -1, "d": None},
            H,
            {},
            None,
            {"a": 8.5, "b": 10, "c": 0, "d": 0},
        ),
    ],
)
def test_method_by_hand(
    method: Method,
    column: dict[str, float | None],
    direction: Direction,
    params: dict[str, Any],
    targets: dict[str, float] | None,
    expected: dict[str, float],
) -> None:
    result = points(method, column, direction=direction, params=params, targets=targets)
    assert result == pytest.approx(expected)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"a": 3.0, "b": 2.0, "c": 2.0, "d": 1.0}, {"a": 1, "b": 2, "c": 2, "d": 4}),
        ({"a": 1.0, "b": 1.0}, {"a": 1, "b": 1}),
        ({}, {}),
    ],
)
def test_competition_ranks(values: dict[str, float], expected: dict[str, int]) -> None:
    assert competition_ranks(values) == expected


@pytest.mark.parametrize(
    ("method", "direction", "params"),
    [
        (Method.Z_SCORE, H, {"span": 0}),
        (Method.TARGET, H, {"cap": 0.5}),
        (Method.TARGET, H, {"target": -1}),
        (Method.RANK_POINTS, H, {"table": [0.5, 1]}),  # the second rank would earn more
        (Method.RANK_POINTS, H, {"table": [1, 0.5], "rest": 0.8}),
        (Method.RANK_POINTS, H, {"table": [2]}),
        (Method.BANDS, H, {}),
        (Method.BANDS, H, {"bands": [[90, 0.5], [80, 1]]}),  # a better value would earn less
        (Method.BANDS, L, {"bands": [[2, 0.5], [5, 1]]}),
        (Method.BANDS, H, {"bands": [[90, 1]], "below": 1.5}),
        (Method.BANDS, H, {"bands": "90"}),
    ],
)
def test_wrong_parameters_are_named(method: Method, direction: Direction, params: dict[str, Any]) -> None:
    assert METHODS[method].check(params, direction)


def test_right_parameters_pass() -> None:
    assert not METHODS[Method.BANDS].check({"bands": [[2, 1], [5, 0.5]]}, L)
    assert not METHODS[Method.RANK_POINTS].check({"table": [1, 0.6, 0.3], "rest": 0.1}, H)


columns = st.dictionaries(
    st.sampled_from("abcdefg"),
    # Figures as statistics print them (integers and hundredths), not float extremes whose
    # differences vanish in rounding.
    st.one_of(st.none(), st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: n / 100)),
    min_size=1,
)


# No deadline: a busy machine is slow, not wrong (speed is the benchmark's).
@settings(deadline=None)
@given(
    column=columns,
    factor=st.floats(min_value=1e-3, max_value=1e3),
    direction=st.sampled_from(list(Direction)),
)
def test_min_max_and_z_unchanged_by_rescaling(
    column: dict[str, float | None], factor: float, direction: Direction
) -> None:
    scaled = {k: None if v is None else v * factor for k, v in column.items()}
    for method in (Method.MIN_MAX, Method.Z_SCORE):
        before = points(method, column, direction=direction)
        after = points(method, scaled, direction=direction)
        assert after == pytest.approx(before, abs=1e-6), method


def test_unknown_parameters_are_named() -> None:
    assert METHODS[Method.Z_SCORE].problems({"span": 2, "spam": 1, "width": 3}, H) == [
        "未知参数：spam, width"
    ]
    assert not METHODS[Method.TARGET].problems({"cap": 1.2, "target": 5}, H)
