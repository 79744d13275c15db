"""Helpers of the supervision endpoints: the caller, and ids resolved to objects."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode
from duban.org.models import Person, Unit, User
from duban.org.scope import signed_in


def caller(request: HttpRequest) -> User:
    """The authenticated user (token or session auth has set it)."""
    return signed_in(request.user)


def unit_by_id(unit_id: int | None, *, field: str) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise DomainError(ErrorCode.INVALID, _("Unknown unit %(id)s.") % {"id": unit_id}, field=field)
    return unit


def units_by_ids(unit_ids: list[int], *, field: str) -> list[Unit]:
    units = list(Unit.objects.filter(pk__in=unit_ids))
    missing = set(unit_ids) - {u.pk for u in units}
    if missing:
        raise DomainError(
            ErrorCode.INVALID, _("Unknown units %(ids)s.") % {"ids": sorted(missing)}, field=field
        )
    return units


def person_by_id(person_id: int | None, *, field: str) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise DomainError(ErrorCode.INVALID, _("Unknown person %(id)s.") % {"id": person_id}, field=field)
    return person
