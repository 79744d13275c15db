"""Helpers shared by the supervision services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from duban.core.errors import DomainError, ErrorCode


def validate(obj: Any, *, exclude: list[str] | None = None) -> None:
    """full_clean() with Django's messages as one DomainError naming each field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        fields = {name: "; ".join(str(m) for m in msgs) for name, msgs in exc.message_dict.items()}
        raise DomainError(
            ErrorCode.INVALID, "; ".join(f"{k}: {v}" for k, v in fields.items()), fields=fields
        ) from exc


def check_version(obj: Any, expected: int | None) -> None:
    """Optimistic locking: refuse a write based on a stale copy."""
    if expected is not None and obj.version != expected:
        raise DomainError(
            ErrorCode.CONFLICT,
            "Someone else changed this item while you were editing it. Reload the page to see "
            "their change; your input is kept below.",
        )
