"""Indicator endpoints (指标监测接口), under the indicators policy.

Reads are open to whoever the policy lets see indicators, within their scope (a unit's
liaison: the indicators its unit leads); an indicator out of scope answers 404 like a
missing one. Writes — definitions, subjects, values, targets, the workbook import —
are the statistician's (403 for others); turning a warning into an item is the
supervision office's. Errors have one shape: ``{code, message, fields}``.

The workbook import is two calls, as the page: ``POST /import/preview`` (multipart
``file``, optional ``year`` and ``subject_id``) checks the whole workbook and answers
what would change with a ``token``; ``POST /import/confirm`` with that token (and the
same ``year`` and ``subject_id``) imports it, all or nothing.
"""

# No ``from __future__ import annotations``: ninja's ``paginate`` wrapper resolves the list
# operations' parameter annotations in its own module.
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from duban.core import staging
from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.core.inputs import BoundedPagination, CleanText, Count, Id, omittable
from duban.core.responses import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, errors
from duban.core.sheets import Preview
from duban.indicators import policy
from duban.indicators.expected import Frequency
from duban.indicators.models import (
    IndicatorDefinition,
    IndicatorItemLink,
    IndicatorValue,
    PeerSet,
    Subject,
    SubjectKind,
    Target,
    ValueKind,
)
from duban.indicators.ranking import Direction
from duban.indicators.reporting_periods import YEAR_MAX, YEAR_MIN, Period
from duban.indicators.services.definitions import indicator_create, indicator_update
from duban.indicators.services.imports import PURPOSE, ImportResult, values_import, values_import_preview
from duban.indicators.services.subjects import (
    peer_set_create,
    peer_set_update,
    subject_create,
    subject_update,
)
from duban.indicators.services.targets import target_set
from duban.indicators.services.values import KEEP, indicator_value_correct, indicator_value_enter
from duban.indicators.services.warning_items import warning_to_item
from duban.indicators.warnings import WarningKind
from duban.org.models import Person, Unit, User
from duban.org.scope import signed_in

router = Router(tags=["indicators"])

Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
Month = Annotated[int, Field(ge=0, le=12)]
Quarter = Annotated[int, Field(ge=0, le=4)]
Figure = Annotated[Decimal, Field(max_digits=20, decimal_places=4)]
GrowthFigure = Annotated[Decimal, Field(max_digits=9, decimal_places=2)]


def _caller(request: HttpRequest) -> User:
    return signed_in(request.user)


# --- schemas ---------------------------------------------------------------------------------


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    frequency: str
    value_kind: str
    direction: str
    category: str
    lead_unit_id: int | None
    leader_id: int | None
    responsible_id: int | None
    sort_order: int
    is_active: bool


class IndicatorIn(Schema):
    code: CleanText = Field(min_length=1, max_length=40)
    name: CleanText = Field(min_length=1, max_length=100)
    unit: CleanText = Field("", max_length=20)
    frequency: Frequency = Frequency.MONTHLY
    value_kind: ValueKind = ValueKind.CUMULATIVE
    direction: Direction = Direction.HIGHER
    category: CleanText = Field("", max_length=50)
    lead_unit_id: Id | None = None
    leader_id: Id | None = None
    responsible_id: Id | None = None
    sort_order: Count = 100
    is_active: bool = True


class IndicatorPatch(Schema):
    """Only the fields sent change; ``null`` clears the lead unit, leader or responsible person."""

    code: CleanText = omittable()
    name: CleanText = omittable()
    unit: CleanText = omittable()
    frequency: Frequency = omittable()
    value_kind: ValueKind = omittable()
    direction: Direction = omittable()
    category: CleanText = omittable()
    lead_unit_id: Id | None = None
    leader_id: Id | None = None
    responsible_id: Id | None = None
    sort_order: Count = omittable()
    is_active: bool = omittable()


class ValueOut(Schema):
    id: int
    indicator_id: int = Field(alias="definition_id")
    subject_id: int
    year: int
    month: int
    quarter: int
    value: Decimal
    growth: Decimal | None
    growth_entered: bool
    provenance: str
    source_file: str
    source_row: str


class ValueIn(Schema):
    subject_id: Id
    year: Year
    month: Month = 0
    quarter: Quarter = 0
    value: Figure
    growth: GrowthFigure | None = Field(
        None, description="The published growth in %; left out, it is computed."
    )


class ValuePatch(Schema):
    """A correction: ``value`` and/or ``growth``; ``growth: null`` drops a published growth (computed)."""

    value: Figure = omittable()
    growth: GrowthFigure | None = None
    reason: CleanText = Field("", max_length=500)


class TargetIn(Schema):
    value: Figure | None = None
    growth: GrowthFigure | None = None


class TargetOut(Schema):
    id: int
    indicator_id: int = Field(alias="definition_id")
    year: int
    value: Decimal | None
    growth: Decimal | None


class SubjectOut(Schema):
    id: int
    name: str
    kind: str
    unit_id: int | None
    sort_order: int


class SubjectIn(Schema):
    name: CleanText = Field(min_length=1, max_length=100)
    kind: SubjectKind
    unit_id: Id | None = None
    sort_order: Count = 100


class SubjectPatch(Schema):
    name: CleanText = omittable()
    kind: SubjectKind = omittable()
    unit_id: Id | None = None
    sort_order: Count = omittable()


class PeerSetOut(Schema):
    id: int
    name: str
    scope_word: str
    member_ids: list[int]

    @staticmethod
    def resolve_member_ids(obj: PeerSet) -> list[int]:
        return sorted(m.pk for m in obj.members.all())


class PeerSetIn(Schema):
    name: CleanText = Field(min_length=1, max_length=100)
    scope_word: CleanText = Field("全市", min_length=1, max_length=10)
    member_ids: list[Id] = []


class PeerSetPatch(Schema):
    name: CleanText = omittable()
    scope_word: CleanText = omittable()
    member_ids: list[Id] | None = None


class ChangeOut(Schema):
    sheet: str
    row: int
    kind: str
    label: str
    fields: list[str]


class PreviewOut(Schema):
    token: str
    filename: str
    created: int
    updated: int
    unchanged: int
    changes: list[ChangeOut]


class ImportOptions(Schema):
    """The import's choices: the year of sheets named without one (1-6月), the subject of period sheets."""

    year: Year | None = None
    subject_id: Id | None = None


class ConfirmIn(Schema):
    token: CleanText = Field(min_length=1, max_length=64)
    year: Year | None = None
    subject_id: Id | None = None


class ImportOut(Schema):
    filename: str
    created: int
    updated: int
    unchanged: int
    sheets: list[str]
    message: str


class WarningItemIn(Schema):
    subject_id: Id
    year: Year
    month: Month = 0
    quarter: Quarter = 0
    warning_kind: WarningKind


class WarningItemOut(Schema):
    id: int
    indicator_id: int = Field(alias="definition_id")
    subject_id: int
    year: int
    month: int
    quarter: int
    warning_kind: str
    item_id: int
    item_title: str

    @staticmethod
    def resolve_item_title(obj: IndicatorItemLink) -> str:
        return obj.item.title


# --- references in request bodies (an unknown id is the body's fault: 400) -------------------


def _invalid_ref(field: str, ref: int) -> DomainError:
    return DomainError(ErrorCode.INVALID, _("No such record: %(id)d.") % {"id": ref}, field=field)


def _subject_ref(user: User, subject_id: int, field: str = "subject_id") -> Subject:
    try:
        return policy.access_subject(user, subject_id)
    except NotFound as exc:
        raise _invalid_ref(field, subject_id) from exc


def _definition_fields(data: dict[str, Any]) -> dict[str, Any]:
    for name, model in (("lead_unit", Unit), ("leader", Person), ("responsible", Person)):
        key = f"{name}_id"
        if key in data:
            ref = data.pop(key)
            found = model.objects.filter(pk=ref).first() if ref is not None else None
            if ref is not None and found is None:
                raise _invalid_ref(key, ref)
            data[name] = found
    for name in ("frequency", "value_kind", "direction"):
        if data.get(name) is not None:
            data[name] = str(data[name])
    return data


def _subject_fields(data: dict[str, Any]) -> dict[str, Any]:
    if "unit_id" in data:
        ref = data.pop("unit_id")
        unit = Unit.objects.filter(pk=ref).first() if ref is not None else None
        if ref is not None and unit is None:
            raise _invalid_ref("unit_id", ref)
        data["unit"] = unit
    if data.get("kind") is not None:
        data["kind"] = str(data["kind"])
    return data


def _members(user: User, ids: list[int]) -> list[Subject]:
    return [_subject_ref(user, i, "member_ids") for i in dict.fromkeys(ids)]


# --- definitions ---------------------------------------------------------------------------


@router.get("/indicators", response={200: list[IndicatorOut], **LIST_ERRORS})
@paginate(BoundedPagination)
def indicator_list(request: HttpRequest, category: CleanText = "", active: bool | None = None) -> Any:
    """Indicators in the caller's scope, in their order; filter by category or active."""
    definitions = policy.indicators_visible(request.user).order_by("sort_order", "code")
    if category:
        definitions = definitions.filter(category=category)
    if active is not None:
        definitions = definitions.filter(is_active=active)
    return definitions


@router.get("/indicators/{indicator_id}", response={200: IndicatorOut, **READ_ERRORS})
def indicator_get(request: HttpRequest, indicator_id: Id) -> IndicatorDefinition:
    return policy.access_indicator(request.user, indicator_id)


@router.post("/indicators", response={201: IndicatorOut, **errors(400, 403)})
def indicator_post(request: HttpRequest, payload: IndicatorIn) -> Status[IndicatorDefinition]:
    """Define an indicator (statistician)."""
    policy.check_define(request.user)
    definition = indicator_create(actor=_caller(request), **_definition_fields(payload.model_dump()))
    return Status(201, definition)


@router.patch("/indicators/{indicator_id}", response={200: IndicatorOut, **WRITE_ERRORS})
def indicator_patch(request: HttpRequest, indicator_id: Id, payload: IndicatorPatch) -> IndicatorDefinition:
    """Edit an indicator (statistician); only the fields sent change."""
    definition = policy.access_indicator(request.user, indicator_id)
    policy.check_define(request.user)
    changes = _definition_fields(payload.model_dump(exclude_unset=True))
    return indicator_update(actor=_caller(request), definition=definition, **changes)


# --- values and targets -----------------------------------------------------------------------


@router.get("/indicators/{indicator_id}/values", response={200: list[ValueOut], **READ_ERRORS})
@paginate(BoundedPagination)
def value_list(
    request: HttpRequest, indicator_id: Id, subject_id: Id | None = None, year: Year | None = None
) -> Any:
    """The indicator's values (every subject's, or one's), oldest first, with their provenance."""
    definition = policy.access_indicator(request.user, indicator_id)
    values = policy.values_visible(request.user).filter(definition=definition)
    if subject_id is not None:
        values = values.filter(subject_id=subject_id)
    if year is not None:
        values = values.filter(year=year)
    return values.order_by("subject_id", "year", "quarter", "month", "pk")


@router.post("/indicators/{indicator_id}/values", response={201: ValueOut, **WRITE_ERRORS})
def value_post(request: HttpRequest, indicator_id: Id, payload: ValueIn) -> Status[IndicatorValue]:
    """Enter a value (statistician); a growth sent is the published one and wins."""
    user = _caller(request)
    definition = policy.access_indicator(user, indicator_id)
    policy.check_write_values(user)
    data = payload.model_dump()
    subject = _subject_ref(user, data.pop("subject_id"))
    return Status(201, indicator_value_enter(actor=user, definition=definition, subject=subject, **data))


@router.patch("/values/{value_id}", response={200: ValueOut, **WRITE_ERRORS})
def value_patch(request: HttpRequest, value_id: Id, payload: ValuePatch) -> IndicatorValue:
    """Correct a value (statistician): the figures sent change; the reason is kept in the audit trail."""
    user = _caller(request)
    value = policy.access_value(user, value_id)
    policy.check_write_values(user)
    sent = payload.model_dump(exclude_unset=True)
    return indicator_value_correct(
        actor=user,
        indicator_value=value,
        value=sent.get("value", KEEP),
        growth=sent.get("growth", KEEP),
        reason=sent.get("reason", ""),
    )


@router.get("/indicators/{indicator_id}/targets", response={200: list[TargetOut], **READ_ERRORS})
def target_list(request: HttpRequest, indicator_id: Id) -> list[Target]:
    definition = policy.access_indicator(request.user, indicator_id)
    return list(policy.targets_visible(request.user).filter(definition=definition).order_by("-year"))


@router.put("/indicators/{indicator_id}/targets/{year}", response={200: TargetOut, **WRITE_ERRORS})
def target_put(request: HttpRequest, indicator_id: Id, year: Year, payload: TargetIn) -> Target:
    """Set the year's target (statistician): a value, a growth in %, or both."""
    user = _caller(request)
    definition = policy.access_indicator(user, indicator_id)
    return target_set(
        actor=user, definition=definition, year=year, value=payload.value, growth=payload.growth
    )


# --- subjects and peer sets ----------------------------------------------------------------


@router.get("/subjects", response={200: list[SubjectOut], **LIST_ERRORS})
def subject_list(request: HttpRequest) -> list[Subject]:
    return list(policy.subjects_visible(request.user))


@router.post("/subjects", response={201: SubjectOut, **errors(400, 403)})
def subject_post(request: HttpRequest, payload: SubjectIn) -> Status[Subject]:
    policy.check_define(request.user)
    return Status(201, subject_create(actor=_caller(request), **_subject_fields(payload.model_dump())))


@router.patch("/subjects/{subject_id}", response={200: SubjectOut, **WRITE_ERRORS})
def subject_patch(request: HttpRequest, subject_id: Id, payload: SubjectPatch) -> Subject:
    user = _caller(request)
    subject = policy.access_subject(user, subject_id)
    policy.check_define(user)
    return subject_update(
        actor=user, subject=subject, **_subject_fields(payload.model_dump(exclude_unset=True))
    )


@router.get("/peer-sets", response={200: list[PeerSetOut], **LIST_ERRORS})
def peer_set_list(request: HttpRequest) -> list[PeerSet]:
    return list(policy.peer_sets_visible(request.user).prefetch_related("members"))


@router.post("/peer-sets", response={201: PeerSetOut, **errors(400, 403)})
def peer_set_post(request: HttpRequest, payload: PeerSetIn) -> Status[PeerSet]:
    user = _caller(request)
    policy.check_define(user)
    data = payload.model_dump()
    members = _members(user, data.pop("member_ids"))
    return Status(201, peer_set_create(actor=user, members=members, **data))


@router.patch("/peer-sets/{peer_set_id}", response={200: PeerSetOut, **WRITE_ERRORS})
def peer_set_patch(request: HttpRequest, peer_set_id: Id, payload: PeerSetPatch) -> PeerSet:
    user = _caller(request)
    peer_set = policy.access_peer_set(user, peer_set_id)
    policy.check_define(user)
    data = payload.model_dump(exclude_unset=True)
    ids = data.pop("member_ids", None)
    members = _members(user, ids) if ids is not None else None
    return peer_set_update(actor=user, peer_set=peer_set, members=members, **data)


# --- the workbook import -------------------------------------------------------------------


def import_purpose(year: int | None, subject_id: int | None) -> str:
    """What a staged workbook is for: the import with these choices (confirming must send them again)."""
    return f"{PURPOSE}:{year or ''}:{subject_id or ''}"


def _preview_out(preview: Preview, token: str) -> dict[str, Any]:
    return {
        "token": token,
        "filename": preview.filename,
        "created": preview.created,
        "updated": preview.updated,
        "unchanged": preview.unchanged,
        "changes": [
            {"sheet": c.sheet, "row": c.row, "kind": str(c.kind), "label": c.label, "fields": list(c.fields)}
            for c in preview.shown()
        ],
    }


@router.post("/import/preview", response={200: PreviewOut, **errors(400, 403)})
def import_preview(
    request: HttpRequest, options: Form[ImportOptions], file: File[UploadedFile]
) -> dict[str, Any]:
    """Check a statistics workbook whole and say what it would change; nothing is written.

    A refused workbook answers 400 ``import_failed`` with a message per sheet, row and column.
    """
    user = _caller(request)
    policy.check_import(user)
    year, subject_id = options.year, options.subject_id
    subject = _subject_ref(user, subject_id) if subject_id is not None else None
    data, filename = file.read(), file.name or ""
    preview = values_import_preview(actor=user, data=data, filename=filename, subject=subject, year=year)
    token = staging.stage(
        owner=user.pk, purpose=import_purpose(year, subject_id), filename=filename, data=data
    )
    return _preview_out(preview, token)


@router.post("/import/confirm", response={200: ImportOut, **errors(400, 403)})
def import_confirm(request: HttpRequest, payload: ConfirmIn) -> dict[str, Any]:
    """Import the previewed workbook (its token, the same ``year`` and ``subject_id``); all or nothing."""
    user = _caller(request)
    policy.check_import(user)
    kept = staging.staged(
        token=payload.token, owner=user.pk, purpose=import_purpose(payload.year, payload.subject_id)
    )
    if kept is None:
        raise DomainError(
            ErrorCode.INVALID, _("The previewed file is no longer kept; upload it again."), field="token"
        )
    subject = _subject_ref(user, payload.subject_id) if payload.subject_id is not None else None
    result: ImportResult = values_import(
        actor=user, data=kept.data, filename=kept.filename, subject=subject, year=payload.year
    )
    staging.discard(payload.token)
    return {
        "filename": result.filename,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "sheets": list(result.sheets),
        "message": str(result),
    }


# --- warning → item -----------------------------------------------------------------------------


@router.post("/indicators/{indicator_id}/warning-items", response={201: WarningItemOut, **WRITE_ERRORS})
def warning_item_post(
    request: HttpRequest, indicator_id: Id, payload: WarningItemIn
) -> Status[IndicatorItemLink]:
    """Turn a warning into a supervision item (supervision office); a second time answers 400 ``duplicate``
    naming the item (``fields.item``)."""
    user = _caller(request)
    definition = policy.access_indicator(user, indicator_id)
    policy.check_turn_warning_into_item(user)
    subject = _subject_ref(user, payload.subject_id)
    try:
        period = Period(payload.year, payload.month, payload.quarter)
    except ValueError as exc:
        raise DomainError(
            ErrorCode.INVALID, _("Give a month or a quarter, not both."), field="month"
        ) from exc
    link = warning_to_item(
        actor=user, indicator=definition, subject=subject, period=period, warning_kind=payload.warning_kind
    )
    return Status(201, link)
