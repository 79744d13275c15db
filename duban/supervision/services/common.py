"""Helpers shared by the supervision services."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode
from duban.core.validation import validate

__all__ = ["check_version", "validate"]


def check_version(obj: Any, expected: int | None) -> None:
    """Optimistic locking: refuse a write based on a stale copy."""
    if expected is not None and obj.version != expected:
        raise DomainError(
            ErrorCode.CONFLICT,
            _(
                "Someone else changed this item while you were editing it. Reload the page to see "
                "their change; your input is kept below."
            ),
        )
