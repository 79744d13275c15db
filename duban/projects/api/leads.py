"""Attraction leads (招商项目), their stages, and the pipeline with its targets."""

# No ``from __future__ import annotations``: ninja's ``paginate`` wrapper resolves the list
# operations' parameter annotations in its own module.
import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from duban.core import clock
from duban.core.inputs import BoundedPagination, CleanText, Id
from duban.core.responses import LIST_ERRORS, VERSIONED_ERRORS, WRITE_ERRORS
from duban.org.models import Unit
from duban.projects import policy, selectors
from duban.projects.api.common import Money, caller, ref
from duban.projects.api.projects import ProjectOut, project_out_by_id
from duban.projects.models import (
    Lead,
    LeadOrigin,
    LeadStage,
)
from duban.projects.services.lead import lead_advance, lead_create, lead_to_project

router = Router(tags=["projects: attraction"])


# --- leads (招商) ---------------------------------------------------------------------


class LeadOut(Schema):
    id: int
    name: str
    stage: str
    talks_on: dt.date | None
    signed_on: dt.date | None
    landed_on: dt.date | None
    started_on: dt.date | None
    producing_on: dt.date | None
    amount: Decimal | None
    origin: str
    sector: str
    unit_id: int
    project_id: int | None
    version: int


class LeadQueryIn(Schema):
    stage: LeadStage | None = None
    origin: LeadOrigin | None = None


@router.get("/leads", response={200: list[LeadOut], **LIST_ERRORS}, summary="List attraction leads")
@paginate(BoundedPagination)
def lead_list(request: HttpRequest, filters: Query[LeadQueryIn]) -> list[Lead]:
    leads = selectors.lead_list(user=caller(request), stage=filters.stage or "", origin=filters.origin or "")
    return list(leads.order_by("-talks_on", "name", "id"))


class LeadIn(Schema):
    name: CleanText = Field(max_length=200)
    origin: LeadOrigin
    unit_id: Id
    talks_on: dt.date
    amount: Money | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    sector: CleanText = Field("", max_length=60)
    note: CleanText = ""


@router.post("/leads", response={201: LeadOut, **WRITE_ERRORS}, summary="Record an attraction lead")
def lead_post(request: HttpRequest, payload: LeadIn) -> Status[Lead]:
    user = caller(request)
    data = payload.model_dump()
    unit = ref(Unit, data.pop("unit_id"), "unit_id")
    return Status(201, lead_create(actor=user, unit=unit, **data))


class AdvanceIn(Schema):
    stage: LeadStage
    on: dt.date
    version: int | None = Field(None, description="The version read; a stale one answers 409.")


@router.post(
    "/leads/{lead_id}/advance",
    response={200: LeadOut, **VERSIONED_ERRORS},
    summary="Move a lead to a later stage",
)
def lead_advance_post(request: HttpRequest, lead_id: Id, payload: AdvanceIn) -> Lead:
    user = caller(request)
    lead = policy.access_lead(user, lead_id)
    return lead_advance(
        actor=user, lead=lead, stage=payload.stage, on=payload.on, expected_version=payload.version
    )


class LeadProjectIn(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    annual_investment: Money = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)


@router.post(
    "/leads/{lead_id}/project", response={201: ProjectOut, **WRITE_ERRORS}, summary="Make a key project"
)
def lead_project_post(request: HttpRequest, lead_id: Id, payload: LeadProjectIn) -> Status[dict[str, Any]]:
    """The project office makes a key project of a lead that has started (开工)."""
    user = caller(request)
    lead = policy.access_lead(user, lead_id)
    project = lead_to_project(
        actor=user, lead=lead, year=payload.year, annual_investment=payload.annual_investment
    )
    return Status(201, project_out_by_id(user, project.pk))


class FunnelStepOut(Schema):
    stage: str
    count: int
    amount: Decimal


class ConversionOut(Schema):
    from_stage: str
    to_stage: str
    entered: int
    converted: int
    rate: Decimal | None
    median_days: float | None
    mean_days: float | None


class AttractionTargetOut(Schema):
    id: int
    title: str
    period_start: dt.date
    period_end: dt.date
    stage: str
    origin: str
    count: int
    range: str
    state: str


class PipelineOut(Schema):
    steps: list[FunnelStepOut]
    conversions: list[ConversionOut]
    targets: list[AttractionTargetOut]


@router.get("/pipeline", response={200: PipelineOut, **LIST_ERRORS}, summary="The attraction pipeline")
def pipeline_get(request: HttpRequest, filters: Query[LeadQueryIn]) -> dict[str, Any]:
    """Leads per stage reached, conversion and lead times between stages, and targets against their ranges."""
    funnel = selectors.pipeline_funnel(user=caller(request), today=clock.today(), origin=filters.origin or "")
    targets = [
        {
            "id": t.target.pk,
            "title": t.target.title,
            "period_start": t.target.period_start,
            "period_end": t.target.period_end,
            "stage": t.target.stage,
            "origin": t.target.origin,
            "count": t.progress.count,
            "range": t.progress.range_text,
            "state": t.progress.state.value,
        }
        for t in funnel.targets
    ]
    return {"steps": funnel.steps, "conversions": funnel.conversions, "targets": targets}
