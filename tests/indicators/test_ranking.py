"""Ranks among peers (排名): competition ranking 1224, direction, missing figures, history."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.indicators.ranking import (
    Direction,
    PeerFigure,
    Rank,
    RankBy,
    rank,
    rank_history,
    rank_peers,
)

H = Direction.HIGHER
L = Direction.LOWER


def positions(values: dict[str, str | None], direction: Direction) -> dict[str, int | None]:
    figures = {k: None if v is None else Decimal(v) for k, v in values.items()}
    return {k: r.position for k, r in rank(figures, direction=direction).items()}


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        ({"a": "9.7", "b": "8.1", "c": "8.1", "d": "7.0"}, H, {"a": 1, "b": 2, "c": 2, "d": 4}),  # 1224
        ({"a": "9.7", "b": "8.1", "c": "8.1", "d": "7.0"}, L, {"a": 4, "b": 2, "c": 2, "d": 1}),
        ({"a": "5", "b": "5", "c": "5"}, H, {"a": 1, "b": 1, "c": 1}),
        ({"a": "1", "b": "2", "c": "2", "d": "2", "e": "3"}, H, {"e": 1, "b": 2, "c": 2, "d": 2, "a": 5}),
        ({"a": "-1.5", "b": "0", "c": "-3.2"}, H, {"b": 1, "a": 2, "c": 3}),  # negative growths
        ({"a": "8.10", "b": "8.1"}, H, {"a": 1, "b": 1}),  # equal however written
        ({"a": "3", "b": None, "c": "4"}, H, {"c": 1, "a": 2, "b": None}),  # missing: unranked
        ({"a": None}, H, {"a": None}),
        ({}, H, {}),
    ],
)
def test_rank_positions(
    values: dict[str, str | None], direction: Direction, expected: dict[str, int | None]
) -> None:
    assert positions(values, direction) == expected


def test_rank_counts_only_the_ranked_and_marks_ties() -> None:
    got = rank({"a": Decimal(3), "b": None, "c": Decimal(3), "d": Decimal(1)}, direction=H)
    assert got == {
        "a": Rank(position=1, of=3, tied=True),
        "b": Rank(position=None, of=3, tied=False),
        "c": Rank(position=1, of=3, tied=True),
        "d": Rank(position=3, of=3, tied=False),
    }


def test_rank_peers_by_value_or_growth() -> None:
    # given the zone smallest in value but fastest in growth
    figures = [
        PeerFigure("zone", Decimal("149.75"), Decimal("9.7")),
        PeerFigure("east", Decimal("420.1"), Decimal("6.5")),
        PeerFigure("west", Decimal("300"), None),
    ]
    # then
    by_value = rank_peers(figures, by=RankBy.VALUE, direction=H)
    by_growth = rank_peers(figures, by=RankBy.GROWTH, direction=H)
    assert {k: r.position for k, r in by_value.items()} == {"zone": 3, "east": 1, "west": 2}
    assert {k: r.position for k, r in by_growth.items()} == {"zone": 1, "east": 2, "west": None}


def test_rank_history_and_change() -> None:
    periods: list[tuple[str, dict[str, Decimal | None]]] = [
        ("2019-03", {"zone": Decimal(5), "east": Decimal(7), "west": Decimal(6)}),  # zone 3rd
        ("2019-04", {"zone": Decimal(8), "east": Decimal(7), "west": Decimal(6)}),  # 1st: up 2
        ("2019-05", {"zone": Decimal(6), "east": Decimal(7), "west": Decimal(6)}),  # 2nd tied: down 1
        ("2019-06", {"zone": None, "east": Decimal(7), "west": Decimal(6)}),  # no figure
        ("2019-07", {"east": Decimal(7), "west": Decimal(6)}),  # absent
        (
            "2019-08",
            {"zone": Decimal(9), "east": Decimal(7), "west": Decimal(6)},
        ),  # 1st, but no previous rank
    ]
    got = rank_history(periods, subject="zone", direction=H)
    assert [(p.period, p.rank.position, p.change) for p in got] == [
        ("2019-03", 3, None),
        ("2019-04", 1, 2),
        ("2019-05", 2, -1),
        ("2019-06", None, None),
        ("2019-07", None, None),
        ("2019-08", 1, None),
    ]
    assert got[2].rank.tied
    assert got[4].rank.of == 2


FIGURES = st.dictionaries(
    st.integers(min_value=0, max_value=30),
    st.none() | st.decimals(min_value=-50, max_value=50, places=1),
    max_size=15,
)


@settings(max_examples=200, deadline=None)
@given(values=FIGURES, direction=st.sampled_from(Direction))
def test_rank_is_one_plus_the_strictly_better(
    values: dict[int, Decimal | None], direction: Direction
) -> None:
    # given any peer figures; then each rank is 1 + the number of strictly better figures (1224)
    known = [v for v in values.values() if v is not None]
    got = rank(values, direction=direction)
    for key, value in values.items():
        if value is None:
            assert got[key].position is None
            continue
        better = [v for v in known if (v > value if direction is Direction.HIGHER else v < value)]
        assert got[key].position == 1 + len(better)
        assert got[key].tied is (known.count(value) > 1)
        assert got[key].of == len(known)


@settings(max_examples=100, deadline=None)
@given(values=FIGURES, direction=st.sampled_from(Direction), seed=st.randoms())
def test_rank_does_not_depend_on_the_order_of_peers(
    values: dict[int, Decimal | None], direction: Direction, seed: random.Random
) -> None:
    shuffled = list(values.items())
    seed.shuffle(shuffled)
    assert rank(dict(shuffled), direction=direction) == rank(values, direction=direction)
