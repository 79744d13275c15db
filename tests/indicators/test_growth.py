"""Growth (比增): hand-computed cases, rounding half-up, entered figures win."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.indicators.growth import Growth, growth_compute, growth_resolve, release_round


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("9.65", 1, "9.7"),  # half-up, where banker's rounding would give 9.6
        ("9.75", 1, "9.8"),
        ("9.649", 1, "9.6"),
        ("-3.25", 1, "-3.3"),  # away from zero at the half
        ("10", 1, "10.0"),
        ("149.745", 2, "149.75"),
    ],
)
def test_release_round(value: str, places: int, expected: str) -> None:
    assert str(release_round(Decimal(value), places)) == expected


@pytest.mark.parametrize(
    ("current", "prior", "expected"),
    [
        ("149.75", "136.51", "9.7"),  # 149.75 / 136.51 = 1.09699… → 9.7
        ("110", "100", "10.0"),
        ("96.8", "100", "-3.2"),
        ("100", "100", "0.0"),
        ("1.0965", "1", "9.7"),  # 9.65 exactly: half-up
        ("0", "50", "-100.0"),
        ("50", "0", None),  # no growth from zero
        ("50", "-10", None),  # nor from a loss
        ("50", None, None),  # nor without a prior
    ],
)
def test_growth_compute(current: str, prior: str | None, expected: str | None) -> None:
    got = growth_compute(current=Decimal(current), prior=None if prior is None else Decimal(prior))
    assert (None if got is None else str(got)) == expected


def test_entered_growth_wins_and_is_marked() -> None:
    # given a published growth that differs from the current-price computation (10.0)
    # when it is resolved
    got = growth_resolve(current=Decimal(110), prior=Decimal(100), entered=Decimal("9.7"))
    # then the published figure is shown, as entered
    assert got == Growth(percent=Decimal("9.7"), entered=True)


@pytest.mark.parametrize(
    ("current", "prior", "entered", "expected"),
    [
        (Decimal(110), Decimal(100), None, Growth(Decimal("10.0"), entered=False)),
        (Decimal(110), None, None, Growth(None, entered=False)),
        (None, Decimal(100), None, Growth(None, entered=False)),
        (None, None, Decimal("-1.25"), Growth(Decimal("-1.25"), entered=True)),  # kept as published
    ],
)
def test_growth_resolve(
    current: Decimal | None, prior: Decimal | None, entered: Decimal | None, expected: Growth
) -> None:
    assert growth_resolve(current=current, prior=prior, entered=entered) == expected
