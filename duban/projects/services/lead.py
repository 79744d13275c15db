"""Attraction leads (招商项目): recorded, advanced stage by stage, made key projects once started."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record, snapshot
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.core.validation import validate
from duban.org.models import Unit, User
from duban.projects import pipeline, policy
from duban.projects.models import AttractionTarget, Lead, LeadStage, Project, ProjectKind, ProjectStatus
from duban.projects.services.project import project_create

# The date field of each stage, in stage order.
STAGE_FIELDS: dict[str, str] = {
    LeadStage.TALKS: "talks_on",
    LeadStage.SIGNED: "signed_on",
    LeadStage.LANDED: "landed_on",
    LeadStage.STARTED: "started_on",
    LeadStage.PRODUCING: "producing_on",
}
LEAD_FIELDS = (
    "name",
    "stage",
    *STAGE_FIELDS.values(),
    "amount",
    "origin",
    "sector",
    "unit",
    "note",
    "project",
)


def stage_dates(lead: Lead) -> tuple[dt.date | None, ...]:
    return tuple(getattr(lead, STAGE_FIELDS[s]) for s in pipeline.STAGES)


def _check_stages(lead: Lead) -> None:
    problem = pipeline.stage_dates_problem(lead.stage, stage_dates(lead))
    if problem is not None:
        raise DomainError(ErrorCode.INVALID, problem, field=STAGE_FIELDS[lead.stage])


@transaction.atomic
def lead_create(*, actor: User, name: str, origin: str, unit: Unit, talks_on: dt.date, **fields: Any) -> Lead:
    """Record a lead (the project office, or a liaison for a lead its own unit works)."""
    if not policy.may_create_lead(actor):
        raise PermissionDenied(_("Only the project office or a unit's liaison records attraction leads."))
    if not policy.may_edit_projects(actor) and actor.unit_id != unit.pk:
        raise PermissionDenied(_("A liaison records the leads of its own unit."))
    unknown = set(fields) - set(LEAD_FIELDS)
    if unknown:
        raise ValueError(f"unknown lead fields: {sorted(unknown)}")
    lead = Lead(name=name, origin=origin, unit=unit, talks_on=talks_on, created_by=actor, **fields)
    validate(lead)
    _check_stages(lead)
    lead.save()
    audit_record(actor=actor, action="lead.create", obj=lead, after=snapshot(lead, list(LEAD_FIELDS)))
    return lead


@transaction.atomic
def lead_advance(
    *, actor: User, lead: Lead, stage: str, on: dt.date, expected_version: int | None = None
) -> Lead:
    """Move a lead on to a later stage, reached on ``on`` (洽谈 → 签约 → 落地 → 开工 → 投产)."""
    lead = policy.access_lead(actor, lead.pk, for_update=True)
    policy.check_work_lead(actor, lead)
    if expected_version is not None and lead.version != expected_version:
        raise DomainError(ErrorCode.CONFLICT, _("Someone else changed this lead meanwhile; reload the page."))
    if stage not in STAGE_FIELDS or pipeline.stage_index(stage) <= pipeline.stage_index(lead.stage):
        raise DomainError(ErrorCode.INVALID, _("Choose a stage after the lead's present one."), field="stage")
    if on > clock.today():
        raise DomainError(
            ErrorCode.INVALID, _("A stage is recorded once reached, not in advance."), field="on"
        )
    before = {"stage": lead.stage}
    lead.stage = stage
    setattr(lead, STAGE_FIELDS[stage], on)
    lead.version += 1
    validate(lead)
    _check_stages(lead)
    lead.save()
    audit_record(
        actor=actor,
        action="lead.advance",
        obj=lead,
        before=before,
        after={"stage": stage, STAGE_FIELDS[stage]: on.isoformat()},
    )
    return lead


@transaction.atomic
def lead_to_project(*, actor: User, lead: Lead, year: int | None = None, **fields: Any) -> Project:
    """Make a key project of a lead that has started (开工): its name, unit, amount and start carried over."""
    policy.check_edit_projects(actor)
    lead = policy.access_lead(actor, lead.pk, for_update=True)
    if pipeline.stage_index(lead.stage) < pipeline.stage_index(LeadStage.STARTED):
        raise DomainError(
            ErrorCode.INVALID, _("Only a lead that has started becomes a key project."), field="stage"
        )
    if lead.project_id is not None:
        raise DomainError(ErrorCode.DUPLICATE, _("This lead is already a key project."))
    producing = lead.stage == LeadStage.PRODUCING
    values: dict[str, Any] = {
        "name": lead.name,
        "year": year or clock.today().year,
        "kind": ProjectKind.INDUSTRY,
        "lead_unit": lead.unit,
        "total_investment": lead.amount or Decimal(0),
        "actual_start": lead.started_on,
        "status": ProjectStatus.PRODUCING if producing else ProjectStatus.UNDER_CONSTRUCTION,
        **fields,
    }
    project = project_create(actor=actor, **values)
    lead.project = project
    lead.version += 1
    lead.save(update_fields=["project", "version", "updated_at"])
    audit_record(actor=actor, action="lead.to_project", obj=lead, after={"project": project.pk})
    return project


@transaction.atomic
def target_create(*, actor: User, **fields: Any) -> AttractionTarget:
    """Set an attraction target for a period (招商目标), e.g. 3—5 Taiwan-funded firms landed by a date."""
    policy.check_edit_projects(actor)
    target = AttractionTarget(created_by=actor, **fields)
    validate(target)
    if target.period_end < target.period_start:
        raise DomainError(ErrorCode.INVALID, _("The period ends before it starts."), field="period_end")
    if target.count_max is not None and target.count_max < target.count_min:
        raise DomainError(
            ErrorCode.INVALID, _("The upper end of the range is below its lower end."), field="count_max"
        )
    target.save()
    audit_record(actor=actor, action="target.create", obj=target, after=snapshot(target))
    return target
