"""Helpers of the projects endpoints: the caller, ids resolved to objects, money."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode
from duban.org.models import User
from duban.org.scope import signed_in

Money = Decimal  # 万元, two decimals (the schemas and services refuse more)


def caller(request: HttpRequest) -> User:
    return signed_in(request.user)


def ref(model: type[Any], pk: int | None, field: str) -> Any:
    """The row ``pk`` of ``model``; a refusal naming ``field`` if there is none."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise DomainError(
            ErrorCode.INVALID, _("Unknown %(field)s %(id)s.") % {"field": field, "id": pk}, field=field
        )
    return found
