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

``GET /overview`` and ``GET /indicators/{id}/standing`` give the month's standing as the
overview page computes it (the read side's selectors): figures, target, 序时, 双过半,
ranks, warnings, light and the report sentences.
"""

# No ``from __future__ import annotations``: ninja's ``paginate`` wrapper resolves the list
# operations' parameter annotations in its own module.
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status, UploadedFile
from ninja.pagination import paginate

from duban.core import staging
from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.core.inputs import BoundedPagination, CleanText, Id
from duban.core.responses import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, errors
from duban.core.sheets import Preview
from duban.indicators import policy
from duban.indicators.api_schemas import (
    ConfirmIn,
    ImportOptions,
    ImportOut,
    IndicatorIn,
    IndicatorOut,
    IndicatorPatch,
    OverviewOut,
    PeerSetIn,
    PeerSetOut,
    PeerSetPatch,
    PreviewOut,
    StandingOut,
    SubjectIn,
    SubjectOut,
    SubjectPatch,
    TargetIn,
    TargetOut,
    ValueIn,
    ValueOut,
    ValuePatch,
    WarningItemIn,
    WarningItemOut,
    Year,
)
from duban.indicators.models import (
    IndicatorDefinition,
    IndicatorItemLink,
    IndicatorValue,
    PeerSet,
    Subject,
    Target,
)
from duban.indicators.ranking import Rank
from duban.indicators.reporting_periods import Period
from duban.indicators.selectors import OverviewRow, indicator_detail, month_overview, parse_month
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
from duban.indicators.warnings import IndicatorWarning
from duban.org.models import Person, Unit, User
from duban.org.scope import signed_in

router = Router(tags=["indicators"])


def _caller(request: HttpRequest) -> User:
    return signed_in(request.user)


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


# --- the month's standing (read side's selectors) ---------------------------------------------


def _rank(rank: Rank | None) -> dict[str, Any] | None:
    if rank is None:
        return None
    return {"position": rank.position, "of": rank.of, "tied": rank.tied}


def _warning(warning: IndicatorWarning) -> dict[str, Any]:
    """A warning with its figures (decimals as text, as every figure of the API)."""
    figures = {
        name: str(value)
        if isinstance(value, Decimal)
        else [str(v) for v in value]
        if isinstance(value, tuple)
        else value
        for name, value in vars(warning).items()
    }
    return {"kind": str(warning.kind), "figures": figures}


def _standing(row: OverviewRow) -> dict[str, Any]:
    definition, a = row.definition, row.assessment
    return {
        "indicator_id": definition.pk,
        "code": definition.code,
        "name": definition.name,
        "unit": definition.unit,
        "period": row.period.label if row.period is not None else None,
        "value": a.value if a else None,
        "growth": a.growth.percent if a else None,
        "growth_entered": a.growth.entered if a else False,
        "target_value": a.target.value if a else None,
        "target_growth": a.target.growth if a else None,
        "expected": a.expected.value if a and a.expected else None,
        "expected_basis": str(a.expected.basis) if a and a.expected else None,
        "half_year_passed": a.half_year.passed if a and a.half_year and a.half_year.assessed else None,
        "growth_rank": _rank(a.growth_rank) if a else None,
        "value_rank": _rank(a.value_rank) if a else None,
        "warnings": [_warning(w) for w in a.warnings] if a else [],
        "light": str(a.light) if a else "none",
        "value_text": row.value_text,
        "rank_text": row.rank_text,
    }


@router.get("/overview", response={200: OverviewOut, **LIST_ERRORS})
def overview_get(
    request: HttpRequest, month: CleanText = "", peer_set_id: Id | None = None
) -> dict[str, Any]:
    """The month's overview (``month=2019-06``, else the latest with figures): every indicator in scope
    with its standing and warnings, and the report sentences (报告用语)."""
    if not policy.may_read_indicators(request.user):
        raise NotFound("indicator")
    overview = month_overview(user=request.user, month=parse_month(month), peer_set_id=peer_set_id)
    comparison = overview.comparison
    return {
        "month": overview.month.key,
        "months": [m.key for m in overview.months],
        "peer_set_id": comparison.peer_set.pk if comparison.peer_set is not None else None,
        "scope_word": comparison.scope_word,
        "headline": overview.headline,
        "summaries": list(overview.summaries),
        "rows": [_standing(row) for row in overview.rows],
    }


@router.get("/indicators/{indicator_id}/standing", response={200: StandingOut, **READ_ERRORS})
def standing_get(
    request: HttpRequest, indicator_id: Id, month: CleanText = "", peer_set_id: Id | None = None
) -> dict[str, Any]:
    """One indicator's standing in the month, as the overview gives it; 404 out of scope."""
    detail = indicator_detail(
        user=request.user, indicator_id=indicator_id, month=parse_month(month), peer_set_id=peer_set_id
    )
    return _standing(detail.row)
