"""Model validation as one DomainError, naming each field as the user knows it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode


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
