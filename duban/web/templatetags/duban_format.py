"""Template filters for showing values the one way duban shows them (``{% load duban_format %}``)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from duban.core.quantities import quantity_text

register = template.Library()


@register.filter
def quantity(value: Decimal | int | float | str | None, unit: str = "") -> str:
    """``{{ item.target_value|quantity:item.target_unit }}`` → "5 家"; "" for no value."""
    return quantity_text(value, unit)
