"""Organisation endpoints, under the scope rules (org/scope.py)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from duban.org import scope
from duban.org.models import Person, Unit

router = Router(tags=["organisation"])


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    is_active: bool


class PersonOut(Schema):
    id: int
    name: str
    position: str
    unit_id: int
    is_active: bool


@router.get("/units", response=list[UnitOut])
@paginate(LimitOffsetPagination)
def unit_list(request: HttpRequest) -> list[Unit]:
    """Units in the caller's scope."""
    return scope.units_visible(request.user)  # type: ignore[return-value]


@router.get("/units/{unit_id}", response=UnitOut)
def unit_get(request: HttpRequest, unit_id: int) -> Unit:
    return scope.access_unit(request.user, unit_id)


@router.get("/people", response=list[PersonOut])
@paginate(LimitOffsetPagination)
def person_list(request: HttpRequest) -> list[Person]:
    """People in the caller's scope."""
    return scope.people_visible(request.user)  # type: ignore[return-value]


@router.get("/people/{person_id}", response=PersonOut)
def person_get(request: HttpRequest, person_id: int) -> Person:
    return scope.access_person(request.user, person_id)
