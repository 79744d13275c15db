"""Model validation as one DomainError, naming each field as the user knows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode

R = TypeVar("R")


def validate(obj: Any, *, exclude: list[str] | None = None) -> None:
    """``full_clean()`` with Django's messages as one DomainError.

    ``fields`` keeps the field names (forms attach each message to its field); the
    message names each field by its verbose name (完成时限, not ``deadline``).
    """
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        fields = {name: _("; ").join(str(m) for m in msgs) for name, msgs in exc.message_dict.items()}
        raise DomainError(ErrorCode.INVALID, _message(obj, fields), fields=fields) from exc


def _message(obj: Any, fields: dict[str, str]) -> str:
    parts = [
        problem
        if name == NON_FIELD_ERRORS
        else _("%(field)s: %(problem)s") % {"field": field_label(obj, name), "problem": problem}
        for name, problem in fields.items()
    ]
    return _("; ").join(parts)


def field_label(obj: Any, name: str) -> str:
    """The field's verbose name, as the user reads it; the name itself if the model has no such field."""
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except (AttributeError, FieldDoesNotExist):
        return name


def validate_fields(obj: Any, names: list[str]) -> None:
    """``validate`` of these fields only (no query for the foreign keys left out)."""
    others = [f.name for f in obj._meta.get_fields() if f.concrete and f.name not in names]
    validate(obj, exclude=others)


def validate_value(rule: Callable[[Any], R], value: Any, *, field: str, label: str) -> R:
    """One value through a field rule (core.fields), refused as a DomainError naming the field.

    Returns what the rule returns (a validator: None; ``tag_names``: the names).
    """
    try:
        return rule(value)
    except ValidationError as exc:
        problem = _("; ").join(exc.messages)
        message = _("%(field)s: %(problem)s") % {"field": label, "problem": problem}
        raise DomainError(ErrorCode.INVALID, message, fields={field: problem}) from exc
