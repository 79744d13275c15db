"""Figures on the indicator pages (``{% load indicator_format %}``): as releases print them."""

from __future__ import annotations

from decimal import Decimal

from django import template

from duban.indicators.sentences import format_number

register = template.Library()


@register.filter
def figure(value: Decimal | None, places: int | None = None) -> str:
    """``{{ value|figure }}`` → 149.75 (the data's decimals); ``|figure:2`` rounds half-up; "—" for none."""
    if value is None:
        return "—"
    return format_number(value, places)


@register.filter
def percent(share: Decimal | None) -> str:
    """A share (0.52) as a percentage with one decimal (52.0%); "—" for none."""
    if share is None:
        return "—"
    return f"{format_number(share * 100, 1)}%"
