"""Warnings (预警): each kind from hand-made figures, with the figures that caused it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.indicators.ranking import Direction
from duban.indicators.warnings import (
    BelowExpected,
    BelowGrowthTarget,
    RankDropped,
    RepeatedDecline,
    WarningFacts,
    WarningKind,
    repeated_decline,
    warnings_for,
)

H = Direction.HIGHER
L = Direction.LOWER


def growths(*values: str | None) -> tuple[Decimal | None, ...]:
    return tuple(None if v is None else Decimal(v) for v in values)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            WarningFacts(H, actual=Decimal(90), expected=Decimal(100)),
            [BelowExpected(Decimal(90), Decimal(100), Decimal(10))],
        ),
        (WarningFacts(H, actual=Decimal(100), expected=Decimal(100)), []),  # on the trajectory: no warning
        (
            WarningFacts(L, actual=Decimal(110), expected=Decimal(100)),
            [BelowExpected(Decimal(110), Decimal(100), Decimal(10))],
        ),
        (WarningFacts(L, actual=Decimal(90), expected=Decimal(100)), []),
        (WarningFacts(H, actual=None, expected=Decimal(100)), []),
        (
            WarningFacts(H, growth=Decimal("6.5"), growth_target=Decimal("8.0")),
            [BelowGrowthTarget(Decimal("6.5"), Decimal("8.0"), Decimal("1.5"))],
        ),
        (WarningFacts(H, growth=Decimal("8.0"), growth_target=Decimal("8.0")), []),
        (
            WarningFacts(
                L, growth=Decimal("-1.0"), growth_target=Decimal("-3.0")
            ),  # energy intensity to fall 3 %
            [BelowGrowthTarget(Decimal("-1.0"), Decimal("-3.0"), Decimal("2.0"))],
        ),
        (WarningFacts(H, ranks=(1, 3)), [RankDropped(previous=1, current=3, places=2)]),
        (WarningFacts(H, ranks=(3, 1)), []),
        (WarningFacts(H, ranks=(2, 2)), []),
        (WarningFacts(H, ranks=(None, 3)), []),
        (WarningFacts(H, ranks=(3,)), []),
    ],
)
def test_single_warnings(facts: WarningFacts, expected: list[object]) -> None:
    assert warnings_for(facts) == expected


@pytest.mark.parametrize(
    ("history", "direction", "periods", "fires"),
    [
        (growths("9.0", "8.5", "8.0", "7.5"), H, 3, True),
        (growths("9.0", "8.5", "8.5", "7.5"), H, 3, False),  # a flat step breaks the run
        (growths("8.5", "8.0", "7.5"), H, 3, False),  # only two falls
        (growths("7.0", "9.0", "8.5", "8.0", "7.5"), H, 3, True),  # only the last N count
        (growths("9.0", "8.5", "8.0", "8.2"), H, 3, False),  # recovered last period
        (growths("9.0", None, "8.0", "7.5"), H, 3, False),  # a gap: no run
        (growths("-3.0", "-2.0", "-1.5"), L, 2, True),  # lower is better: rising is worsening
        (growths("3.0", "2.0"), H, 1, True),
    ],
)
def test_repeated_decline(
    history: tuple[Decimal | None, ...], direction: Direction, periods: int, fires: bool
) -> None:
    got = repeated_decline(WarningFacts(direction, growths=history), periods=periods)
    assert (got is not None) is fires
    if got is not None:
        assert got.growths == history[-(periods + 1) :]
        assert got.periods == periods


def test_repeated_decline_needs_at_least_one_period() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        repeated_decline(WarningFacts(H), periods=0)


def test_all_warnings_together_in_kind_order() -> None:
    facts = WarningFacts(
        H,
        actual=Decimal(80),
        expected=Decimal(100),
        growth=Decimal("5.0"),
        growth_target=Decimal("8.0"),
        ranks=(1, 2, 4),
        growths=growths("9.0", "7.0", "6.0", "5.0"),
    )
    got = warnings_for(facts)
    assert [w.kind for w in got] == list(WarningKind)
    assert got[2] == RankDropped(previous=2, current=4, places=2)
    assert got[3] == RepeatedDecline(
        growths=tuple(Decimal(g) for g in ("9.0", "7.0", "6.0", "5.0")), periods=3
    )
