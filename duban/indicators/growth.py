"""Year-on-year growth (比增 / 同比增长) as statistical releases state it.

Growth is a percentage with one decimal, rounded half-up (``ROUND_HALF_UP`` on
``Decimal``: 9.65 → 9.7, -3.25 → -3.3, as releases round away from zero at the
half), never through binary floats.

Growth is computed only from a positive prior value: with no prior figure, or
one at or below zero (a loss turning into a profit has no meaningful growth
rate), there is none. A published growth figure (entered, e.g. GDP at
comparable prices, which cannot be recomputed from current-price values) wins
over the computed one and is marked as entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def release_round(value: Decimal, places: int = 1) -> Decimal:
    """``value`` rounded half-up (away from zero at the half) to ``places`` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def growth_compute(*, current: Decimal, prior: Decimal | None) -> Decimal | None:
    """Growth in % (one decimal) of ``current`` over ``prior``; None without a positive prior."""
    if prior is None or prior <= 0:
        return None
    return release_round((current - prior) / prior * HUNDRED)


@dataclass(frozen=True)
class Growth:
    """A growth figure in % and whether it was entered as published (``entered``) or computed."""

    percent: Decimal | None
    entered: bool


def growth_resolve(*, current: Decimal | None, prior: Decimal | None, entered: Decimal | None) -> Growth:
    """The growth to show: the entered (published) figure if there is one, else the computed one.

    An entered figure is kept as published (not re-rounded: a release may give two decimals).
    Without a current value there is nothing to compute from.
    """
    if entered is not None:
        return Growth(percent=entered, entered=True)
    if current is None:
        return Growth(percent=None, entered=False)
    return Growth(percent=growth_compute(current=current, prior=prior), entered=False)
