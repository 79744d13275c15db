"""Organisation endpoints, under the scope rules (org/scope.py).

Reads are open to every signed-in caller within their scope; writes are the
administrator's and go through org/services.py (audited). An object outside the
caller's scope answers 404 like a missing one; a write by anyone but an
administrator answers 403. Errors have one shape: ``{code, message, fields}``.
"""

# No ``from __future__ import annotations``: ninja's ``paginate`` wrapper resolves the list
# operations' parameter annotations in its own module, where ``CleanText`` is unknown.
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.core.inputs import BoundedPagination, CleanText, ClearableText, Count, Id, omittable
from duban.core.responses import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, errors
from duban.org import scope, selectors, services
from duban.org.models import Person, Unit, UnitKind
from duban.org.scope import signed_in

router = Router(tags=["organisation"])


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    sort_order: int
    is_active: bool


class UnitIn(Schema):
    name: CleanText
    short_name: CleanText = ""
    kind: UnitKind
    parent_id: Id | None = None
    sort_order: Count = 100
    is_active: bool = True


class UnitPatch(Schema):
    """Only the fields sent are changed; ``parent_id: null`` makes the unit a root.

    ``short_name: null`` clears it; the other fields may be left out but not sent as ``null``.
    """

    name: CleanText = omittable()
    short_name: ClearableText = None
    kind: UnitKind = omittable()
    parent_id: Id | None = None
    sort_order: Count = omittable()
    is_active: bool = omittable()


class PersonOut(Schema):
    id: int
    name: str
    position: str
    unit_id: int
    phone: str
    email: str
    sort_order: int
    is_active: bool
    oversees_ids: list[int]

    @staticmethod
    def resolve_oversees_ids(obj: Person) -> list[int]:
        return [link.unit_id for link in obj.leader_units.all()]


class PersonIn(Schema):
    name: CleanText
    position: CleanText = ""
    unit_id: Id
    phone: CleanText = ""
    email: CleanText = ""
    sort_order: Count = 100
    is_active: bool = True
    oversees_ids: list[Id] = []


class PersonPatch(Schema):
    """Only the fields sent are changed; ``oversees_ids`` replaces the whole list.

    ``null`` clears the position, phone, e-mail and the units overseen; the other fields
    may be left out but not sent as ``null`` (a person always belongs to a unit).
    """

    name: CleanText = omittable()
    position: ClearableText = None
    unit_id: Id = omittable()
    phone: ClearableText = None
    email: ClearableText = None
    sort_order: Count = omittable()
    is_active: bool = omittable()
    oversees_ids: list[Id] | None = None


def _unit_ref(request: HttpRequest, unit_id: int, field: str) -> Unit:
    """A unit named in a request body: unknown ids are the body's fault (400), not a missing resource."""
    try:
        return scope.access_unit(request.user, unit_id)
    except NotFound as exc:
        message = _("No unit with id %(id)d.") % {"id": unit_id}
        raise DomainError(ErrorCode.INVALID, message, field=field) from exc


def _unit_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "parent_id" in data:
        parent_id = data.pop("parent_id")
        data["parent"] = _unit_ref(request, parent_id, "parent_id") if parent_id is not None else None
    if "kind" in data and data["kind"] is not None:
        data["kind"] = str(data["kind"])
    return data


def _person_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "unit_id" in data:
        unit_id = data.pop("unit_id")
        if unit_id is None:
            raise DomainError(ErrorCode.INVALID, _("A person belongs to a unit."), field="unit_id")
        data["unit"] = _unit_ref(request, unit_id, "unit_id")
    if "oversees_ids" in data:
        ids = data.pop("oversees_ids")
        data["oversees"] = None if ids is None else [_unit_ref(request, i, "oversees_ids") for i in ids]
    return data


@router.get("/units", response={200: list[UnitOut], **LIST_ERRORS})
@paginate(BoundedPagination)
def unit_list(request: HttpRequest, kind: CleanText = "", q: CleanText = "") -> Any:
    """Units in the caller's scope, by order and name; filter by kind or a name fragment."""
    return selectors.unit_list(user=request.user, filters=selectors.UnitFilters(kind=kind, q=q))


@router.get("/units/{unit_id}", response={200: UnitOut, **READ_ERRORS})
def unit_get(request: HttpRequest, unit_id: Id) -> Unit:
    return scope.access_unit(request.user, unit_id)


@router.post("/units", response={201: UnitOut, **errors(400, 403)})
def unit_create(request: HttpRequest, payload: UnitIn) -> Status[Unit]:
    """Register a unit (administrator)."""
    scope.check_manage_org(request.user)
    unit = services.unit_create(actor=signed_in(request.user), **_unit_fields(request, payload.model_dump()))
    return Status(201, unit)


@router.patch("/units/{unit_id}", response={200: UnitOut, **WRITE_ERRORS})
def unit_update(request: HttpRequest, unit_id: Id, payload: UnitPatch) -> Unit:
    """Change a unit (administrator); only the fields sent change."""
    unit = scope.access_unit(request.user, unit_id)
    scope.check_manage_org(request.user)
    changes = _unit_fields(request, payload.model_dump(exclude_unset=True))
    return services.unit_update(actor=signed_in(request.user), unit=unit, **changes)


@router.get("/people", response={200: list[PersonOut], **LIST_ERRORS})
@paginate(BoundedPagination)
def person_list(request: HttpRequest, unit_id: Id | None = None, q: CleanText = "") -> Any:
    """People in the caller's scope; filter by unit or a name/position fragment."""
    return selectors.person_list(user=request.user, filters=selectors.PersonFilters(unit_id=unit_id, q=q))


@router.get("/people/{person_id}", response={200: PersonOut, **READ_ERRORS})
def person_get(request: HttpRequest, person_id: Id) -> Person:
    return scope.access_person(request.user, person_id)


@router.post("/people", response={201: PersonOut, **errors(400, 403)})
def person_create(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    """Register a person (administrator), with the units they oversee as a leader in charge."""
    scope.check_manage_org(request.user)
    fields = _person_fields(request, payload.model_dump())
    person = services.person_create(actor=signed_in(request.user), **fields)
    return Status(201, person)


@router.patch("/people/{person_id}", response={200: PersonOut, **WRITE_ERRORS})
def person_update(request: HttpRequest, person_id: Id, payload: PersonPatch) -> Person:
    """Change a person (administrator); only the fields sent change."""
    person = scope.access_person(request.user, person_id)
    scope.check_manage_org(request.user)
    changes = _person_fields(request, payload.model_dump(exclude_unset=True))
    return services.person_update(actor=signed_in(request.user), person=person, **changes)
