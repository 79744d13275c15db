"""Helpers the indicator services share: checked model fields, and the audit picture of a value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def value_picture(value: IndicatorValue) -> dict[str, Any]:
    return snapshot(value, VALUE_FIELDS)
