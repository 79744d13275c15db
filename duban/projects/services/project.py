"""The key-project ledger (重点项目台账): projects, milestones (节点计划), flag settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record, snapshot
from duban.core.errors import DomainError, ErrorCode
from duban.core.validation import validate
from duban.org.models import Unit, User
from duban.projects import policy
from duban.projects.models import Milestone, Project, ProjectSettings
from duban.projects.schedule import profile_problem

PROJECT_FIELDS = (
    "code",
    "name",
    "year",
    "kind",
    "area",
    "content",
    "lead_unit",
    "leader",
    "responsible",
    "total_investment",
    "annual_investment",
    "planned_start",
    "planned_finish",
    "actual_start",
    "actual_finish",
    "status",
    "parent",
    "monthly_profile",
)


def project_picture(project: Project) -> dict[str, Any]:
    """What the audit row records of a project (its fields, cooperating units as ids)."""
    data = snapshot(project, [*PROJECT_FIELDS, "version"])
    data["cooperating_units"] = sorted(project.cooperating_units.values_list("id", flat=True))
    return data


def _check_fields(fields: Iterable[str]) -> None:
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ValueError(f"unknown project fields: {sorted(unknown)}")


def _check_dates(project: Project) -> None:
    pairs = (
        (
            project.planned_start,
            project.planned_finish,
            "planned_finish",
            _("The planned finish is before the planned start."),
        ),
        (
            project.actual_start,
            project.actual_finish,
            "actual_finish",
            _("The actual finish is before the actual start."),
        ),
    )
    for start, finish, field, message in pairs:
        if start is not None and finish is not None and finish < start:
            raise DomainError(ErrorCode.INVALID, message, field=field)


def _check_parent(project: Project) -> None:
    """A parent project is another project, never one of its own segments (no cycles)."""
    seen: set[int | None] = {project.pk}
    parent = project.parent
    while parent is not None:
        if parent.pk in seen:
            raise DomainError(ErrorCode.INVALID, _("A project cannot be a part of itself."), field="parent")
        seen.add(parent.pk)
        parent = parent.parent


def _check_unique_code(project: Project) -> None:
    if not project.code:
        return
    clash = Project.objects.filter(year=project.year, code=project.code).exclude(pk=project.pk)
    if clash.exists():
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("Another project of %(year)s already has the number %(code)s.")
            % {"year": project.year, "code": project.code},
            field="code",
        )


def project_check(project: Project) -> None:
    """Every rule a project must meet before it is saved (field rules, dates, profile, parent, number)."""
    problem = profile_problem(project.monthly_profile or [])
    if problem is not None:
        raise DomainError(ErrorCode.INVALID, problem, field="monthly_profile")
    _check_dates(project)
    _check_unique_code(project)  # before full_clean, whose constraint message would not name the number
    validate(project)
    _check_parent(project)


def _cooperating(project: Project, units: Iterable[Unit] | None) -> None:
    if units is not None:
        project.cooperating_units.set([u for u in units if u.pk != project.lead_unit_id])


@transaction.atomic
def project_create(*, actor: User, cooperating_units: Iterable[Unit] = (), **fields: Any) -> Project:
    """Add a key project to the ledger (项目办)."""
    policy.check_edit_projects(actor)
    _check_fields(fields)
    project = Project(created_by=actor, **fields)
    project_check(project)
    project.save()
    _cooperating(project, cooperating_units)
    audit_record(actor=actor, action="project.create", obj=project, after=project_picture(project))
    return project


def _check_version(project: Project, expected: int | None) -> None:
    if expected is not None and project.version != expected:
        raise DomainError(
            ErrorCode.CONFLICT,
            _(
                "Someone else changed this project while you were editing it. Reload the page to see their "
                "change; your input is kept below."
            ),
        )


@transaction.atomic
def project_update(
    *,
    actor: User,
    project: Project,
    cooperating_units: Iterable[Unit] | None = None,
    expected_version: int | None = None,
    **changes: Any,
) -> Project:
    """Edit a project's ledger entry (项目办), refusing a stale copy (``expected_version``)."""
    policy.check_edit_projects(actor)
    _check_fields(changes)
    project = policy.access_project(actor, project.pk, for_update=True)
    _check_version(project, expected_version)
    before = project_picture(project)
    for name, value in changes.items():
        setattr(project, name, value)
    project.version += 1
    project_check(project)
    project.save()
    _cooperating(project, cooperating_units)
    audit_record(
        actor=actor, action="project.update", obj=project, before=before, after=project_picture(project)
    )
    return project


@transaction.atomic
def milestone_add(*, actor: User, project: Project, due: dt.date, title: str) -> Milestone:
    """Add a node to the project's plan (节点计划): a date and the output expected by then."""
    policy.check_edit_projects(actor)
    project = policy.access_project(actor, project.pk, for_update=True)
    milestone = Milestone(project=project, due=due, title=title)
    validate(milestone)
    milestone.save()
    audit_record(
        actor=actor,
        action="project.milestone_add",
        obj=project,
        after={"milestone": milestone.pk, "due": due.isoformat(), "title": milestone.title},
    )
    return milestone


@transaction.atomic
def milestone_mark(*, actor: User, milestone: Milestone, done_on: dt.date) -> Milestone:
    """Mark a node reached on ``done_on`` (the project office or the lead unit's liaison)."""
    milestone = policy.access_milestone(actor, milestone.pk)
    if not policy.may_mark_milestone(actor, milestone.project):
        raise DomainError(
            ErrorCode.PERMISSION_DENIED,
            _("Only the project office or the lead unit's liaison marks a milestone reached."),
        )
    if milestone.done_on is not None:
        raise DomainError(ErrorCode.CONFLICT, _("This milestone is already marked reached."), field="done_on")
    milestone.done_on = done_on
    validate(milestone)
    milestone.save(update_fields=["done_on", "updated_at"])
    audit_record(
        actor=actor,
        action="project.milestone_done",
        obj=milestone.project,
        after={"milestone": milestone.pk, "done_on": done_on.isoformat()},
    )
    return milestone


@transaction.atomic
def project_settings_update(*, actor: User, behind_margin: int, far_behind_margin: int) -> ProjectSettings:
    """Set how many points behind the time-proportional investment turn a project yellow and red."""
    policy.check_edit_projects(actor)
    if not 0 < behind_margin < far_behind_margin <= 100:
        raise DomainError(
            ErrorCode.INVALID,
            _("The yellow margin is above 0 and below the red margin, which is at most 100."),
            field="far_behind_margin",
        )
    settings = ProjectSettings.current()
    before = snapshot(settings)
    settings.behind_margin, settings.far_behind_margin = behind_margin, far_behind_margin
    settings.save()
    audit_record(
        actor=actor, action="settings.projects", obj=settings, before=before, after=snapshot(settings)
    )
    return settings
