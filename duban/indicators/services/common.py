"""Helpers the indicator services share: checked model fields, and the audit picture of a value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from duban.audit.services import snapshot
from duban.indicators.models import IndicatorValue

VALUE_FIELDS = [
    "definition",
    "subject",
    "year",
    "month",
    "quarter",
    "value",
    "growth",
    "growth_entered",
    "provenance",
    "source_file",
    "source_row",
]

VALUE_PLACES = 4  # IndicatorValue.value's decimal places
GROWTH_PLACES = 2  # IndicatorValue.growth's

__all__ = ["VALUE_FIELDS", "apply_fields", "value_picture"]


def apply_fields(obj: models.Model, allowed: Iterable[str], changes: Mapping[str, Any]) -> list[str]:
    """Set ``changes`` on ``obj`` (an unknown name is a programming error); the names that changed.

    The caller checks its own rules (a clearer message than the model's) and then validates.
    """
    allowed = set(allowed)
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown fields for {obj._meta.label}: {sorted(unknown)}")
    changed = []
    for name, value in changes.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def padded(number: Decimal | None, places: int) -> Decimal | None:
    """``number`` with the column's decimals (149.75 → 149.7500), as the database gives it back.

    A number with more decimals is left as it is, for validation to refuse (never rounded silently).
    """
    if number is None or not number.is_finite() or -int(number.as_tuple().exponent) > places:
        return number
    try:
        return number.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:  # too many digits: validation says so
        return number


def value_picture(value: IndicatorValue) -> dict[str, Any]:
    """The value's fields as audited; figures padded as stored, so an unchanged figure compares equal."""
    value.value = padded(value.value, VALUE_PLACES) or value.value
    value.growth = padded(value.growth, GROWTH_PLACES)
    return snapshot(value, VALUE_FIELDS)
