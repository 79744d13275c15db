"""Expected value by period (序时) and 双过半: hand-computed cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.indicators.expected import (
    Basis,
    Frequency,
    expected_share,
    expected_value,
    half_year_check,
    seasonal_profile,
)

M = Frequency.MONTHLY
Q = Frequency.QUARTERLY


def months(*ytd: int) -> dict[int, Decimal]:
    return {m: Decimal(v) for m, v in enumerate(ytd, start=1)}


# Two complete years of cumulative values: by June, 2017 reached 40 of 100 and
# 2018 reached 60 of 120 (0.4 and 0.5: mean 0.45); by December, 1 in both.
Y2017 = months(5, 12, 20, 28, 34, 40, 48, 56, 66, 76, 88, 100)
Y2018 = months(6, 15, 24, 36, 48, 60, 70, 80, 90, 100, 110, 120)
PARTIAL = months(10, 20, 30)  # 2019 so far: not a complete year


def test_profile_is_the_mean_share_over_complete_years() -> None:
    profile = seasonal_profile({2017: Y2017, 2018: Y2018, 2019: PARTIAL}, frequency=M)
    assert profile is not None
    assert profile.years == (2017, 2018)
    assert profile.shares[5] == Decimal("0.45")  # June: (40/100 + 60/120) / 2
    assert profile.shares[0] == Decimal("0.05")  # January: (5/100 + 6/120) / 2
    assert profile.shares[11] == 1


@pytest.mark.parametrize(
    "history",
    [
        {},
        {2019: PARTIAL},
        {2017: {**Y2017, 12: Decimal(0)}},  # no positive annual total
        {2017: {m: v for m, v in Y2017.items() if m != 7}},  # a month missing
    ],
    ids=["none", "partial", "zero-total", "gap"],
)
def test_no_profile_without_a_complete_year(history: dict[int, dict[int, Decimal]]) -> None:
    assert seasonal_profile(history, frequency=M) is None


@pytest.mark.parametrize(
    ("period", "frequency", "share"),
    [(6, M, "0.5"), (3, M, "0.25"), (12, M, "1"), (1, Q, "0.25"), (2, Q, "0.5"), (3, Q, "0.75")],
)
def test_linear_share(period: int, frequency: Frequency, share: str) -> None:
    assert expected_share(period=period, frequency=frequency, profile=None) == (Decimal(share), Basis.LINEAR)


def test_expected_from_the_seasonal_profile() -> None:
    got = expected_value(target=Decimal(200), period=6, frequency=M, history={2017: Y2017, 2018: Y2018})
    assert (got.value, got.share, got.basis, got.years) == (
        Decimal(90),
        Decimal("0.45"),
        Basis.SEASONAL,
        (2017, 2018),
    )


def test_expected_linear_without_earlier_years() -> None:
    got = expected_value(target=Decimal(200), period=6, frequency=M, history={2019: PARTIAL})
    assert (got.value, got.basis, got.years) == (Decimal(100), Basis.LINEAR, ())


def test_quarterly_profile() -> None:
    history = {
        2017: {1: Decimal(20), 2: Decimal(50), 3: Decimal(70), 4: Decimal(100)},
        2018: {1: Decimal(30), 2: Decimal(50), 3: Decimal(80), 4: Decimal(100)},
    }
    got = expected_value(target=Decimal(1000), period=2, frequency=Q, history=history)
    assert (got.value, got.basis) == (Decimal(500), Basis.SEASONAL)


@pytest.mark.parametrize("period", [0, 13])
def test_period_outside_the_year_is_refused(period: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        expected_value(target=Decimal(1), period=period, frequency=M)


@pytest.mark.parametrize(
    ("actual", "target", "period", "frequency", "assessed", "passed", "target_share"),
    [
        ("149.75", "290", 6, M, True, True, "0.5163793103448275862068965517"),  # 149.75 ≥ 145
        ("145", "290", 6, M, True, True, "0.5"),  # exactly half passes
        ("144.99", "290", 6, M, True, False, "0.4999655172413793103448275862"),
        ("200", "290", 5, M, False, False, "0.6896551724137931034482758621"),  # not yet half the year
        ("60", "100", 2, Q, True, True, "0.6"),
        ("60", "100", 9, M, True, True, "0.6"),  # later in the year still assessed
        ("0", "0", 6, M, True, True, None),  # no positive target: reaching it passes
    ],
)
def test_half_year_check(
    actual: str,
    target: str,
    period: int,
    frequency: Frequency,
    assessed: bool,
    passed: bool,
    target_share: str | None,
) -> None:
    got = half_year_check(actual=Decimal(actual), target=Decimal(target), period=period, frequency=frequency)
    assert (got.assessed, got.passed) == (assessed, passed)
    assert got.target_share == (None if target_share is None else Decimal(target_share))
    assert (got.actual, got.target) == (Decimal(actual), Decimal(target))
