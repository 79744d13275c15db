"""Projects policy (重点项目的权限): who sees which projects, reports, photos and leads, and who may do what.

One module for the domain, like :mod:`duban.supervision.policy`: ``access_*`` return
the object or raise :class:`NotFound` alike for "missing" and "not yours" (SPEC: 404,
not a hint); ``*_visible`` return querysets already limited to the user's scope;
``may_*`` answer "may this user do X?" for services (through ``check_*``), pages and
the API alike.

Scope (SPEC "Users, roles and scope", issue 11):
- project office (项目办, ``PROJECT_OFFICER``), supervision office, top leader,
  administrator: every project and lead;
- a leader in charge (分管领导): the projects they are leader in charge of (their
  portfolio), and the leads worked by units they oversee;
- a unit's liaison: projects whose lead or cooperating unit is the user's unit, and
  the leads the unit works;
- anyone else: nothing.

Reports and photos follow their project. Writes: the project office keeps the ledger
(projects, milestones, imports, leads, targets); a lead unit's liaison reports on its
projects (and the project office may enter a report for it); the supervision office
turns a reported problem into a supervision item (it alone registers items); a lead's
own unit advances it through the stages, as does the project office.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from duban.core.errors import NotFound, PermissionDenied
from duban.core.roles import SEES_EVERYTHING, Role
from duban.org import scope
from duban.org.scope import Viewer
from duban.projects.models import (
    AttractionTarget,
    Lead,
    Milestone,
    MonthlyReport,
    Project,
    ReportPhoto,
)

# Roles that see every project and lead.
READS_ALL = SEES_EVERYTHING | {Role.PROJECT_OFFICER}


def _reads_all(user: Viewer) -> bool:
    active = scope.active_user(user)
    return active is not None and bool(active.role_set & READS_ALL)


def _project_scope_filter(user: Viewer) -> Q | None:
    """The Q limiting projects to the user's scope; None means no limit."""
    active = scope.active_user(user)
    if active is None:
        return Q(pk__in=[])
    if _reads_all(active):
        return None
    condition = Q(pk__in=[])
    if Role.LIAISON in active.role_set and active.unit_id is not None:
        condition |= Q(lead_unit_id=active.unit_id) | Q(cooperating_units__id=active.unit_id)
    if Role.LEADER in active.role_set and active.person_id is not None:
        condition |= Q(leader_id=active.person_id)
    return condition


def projects_visible(user: Viewer) -> QuerySet[Project]:
    """Projects in the user's scope (no duplicates from the cooperating-unit join)."""
    condition = _project_scope_filter(user)
    if condition is None:
        return Project.objects.all()
    return Project.objects.filter(pk__in=Project.objects.filter(condition).values("pk"))


def may_read_projects(user: Viewer) -> bool:
    """The user may see some projects (menu entry, API lists); the list itself is scoped."""
    active = scope.active_user(user)
    return active is not None and bool(active.role_set & (READS_ALL | {Role.LIAISON, Role.LEADER}))


def access_project(user: Viewer, project_id: int, *, for_update: bool = False) -> Project:
    """The project, if in scope; NotFound alike for missing and out of scope."""
    projects = projects_visible(user).select_related("lead_unit", "area", "leader", "responsible", "parent")
    if for_update:
        projects = projects.select_for_update(of=("self",))
    project = projects.filter(pk=project_id).first()
    if project is None:
        raise NotFound("project")
    return project


def reports_visible(user: Viewer) -> QuerySet[MonthlyReport]:
    if _reads_all(user):
        return MonthlyReport.objects.all()
    return MonthlyReport.objects.filter(project_id__in=projects_visible(user).values("pk"))


def access_report(user: Viewer, report_id: int) -> MonthlyReport:
    """A monthly report, if its project is in scope; NotFound alike otherwise."""
    report = reports_visible(user).select_related("project").filter(pk=report_id).first()
    if report is None:
        raise NotFound("project report")
    return report


def photos_visible(user: Viewer) -> QuerySet[ReportPhoto]:
    if _reads_all(user):
        return ReportPhoto.objects.all()
    return ReportPhoto.objects.filter(report__project_id__in=projects_visible(user).values("pk"))


def access_photo(user: Viewer, photo_id: int) -> ReportPhoto:
    """A progress photo, if its project is in scope: every page and API download goes through here."""
    photo = photos_visible(user).select_related("report").filter(pk=photo_id).first()
    if photo is None:
        raise NotFound("project photo")
    return photo


def access_milestone(user: Viewer, milestone_id: int) -> Milestone:
    milestone = (
        Milestone.objects.filter(project_id__in=projects_visible(user).values("pk"))
        .select_related("project")
        .filter(pk=milestone_id)
        .first()
    )
    if milestone is None:
        raise NotFound("project milestone")
    return milestone


# --- leads (招商) ---------------------------------------------------------------------


def leads_visible(user: Viewer) -> QuerySet[Lead]:
    """Leads in the user's scope: all for the offices; a unit's own; a leader's overseen units'."""
    active = scope.active_user(user)
    if active is None:
        return Lead.objects.none()
    if _reads_all(active):
        return Lead.objects.all()
    unit_ids = set(scope.overseen_unit_ids(active))
    if Role.LIAISON in active.role_set and active.unit_id is not None:
        unit_ids.add(active.unit_id)
    return Lead.objects.filter(unit_id__in=unit_ids)


def may_read_leads(user: Viewer) -> bool:
    active = scope.active_user(user)
    return active is not None and bool(active.role_set & (READS_ALL | {Role.LIAISON, Role.LEADER}))


def access_lead(user: Viewer, lead_id: int, *, for_update: bool = False) -> Lead:
    leads = leads_visible(user).select_related("unit", "project")
    if for_update:
        leads = leads.select_for_update(of=("self",))
    lead = leads.filter(pk=lead_id).first()
    if lead is None:
        raise NotFound("lead")
    return lead


def targets_visible(user: Viewer) -> QuerySet[AttractionTarget]:
    """Targets are the zone's, read by whoever reads some leads."""
    return AttractionTarget.objects.all() if may_read_leads(user) else AttractionTarget.objects.none()


# --- may: the one answer for services, buttons and the API ----------------------------


def may_edit_projects(user: Viewer) -> bool:
    """The project office keeps the ledger: projects, milestones, imports, targets."""
    return scope.has_role(user, Role.PROJECT_OFFICER)


def check_edit_projects(user: Viewer) -> None:
    if not may_edit_projects(user):
        raise PermissionDenied(_("Only the project office edits the key-project ledger."))


def is_lead_unit_liaison(user: Viewer, project: Project) -> bool:
    active = scope.active_user(user)
    return (
        active is not None
        and Role.LIAISON in active.role_set
        and active.unit_id is not None
        and active.unit_id == project.lead_unit_id
    )


def may_report(user: Viewer, project: Project) -> bool:
    """The lead unit's liaison reports on its project; the project office may enter a report for it."""
    return is_lead_unit_liaison(user, project) or may_edit_projects(user)


def check_report(user: Viewer, project: Project) -> None:
    if not may_report(user, project):
        raise PermissionDenied(
            _("Only the lead unit's liaison or the project office reports on this project.")
        )


def may_mark_milestone(user: Viewer, project: Project) -> bool:
    """The project office or the lead unit's liaison marks a node reached."""
    return may_report(user, project)


def may_attach_photos(user: Viewer, report: MonthlyReport) -> bool:
    """Photos are added to a report by whoever may report on its project."""
    return may_report(user, report.project)


def may_raise_item(user: Viewer, project: Project) -> bool:
    """A problem becomes a supervision item through the office that registers items (督查室)."""
    return scope.has_role(user, Role.SUPERVISOR)


def check_raise_item(user: Viewer, project: Project) -> None:
    if not may_raise_item(user, project):
        raise PermissionDenied(_("Only the supervision office turns a problem into a supervision item."))


def may_create_lead(user: Viewer) -> bool:
    """The project office records leads, and so does a unit's liaison (for its own unit)."""
    return may_edit_projects(user) or scope.has_role(user, Role.LIAISON)


def may_work_lead(user: Viewer, lead: Lead) -> bool:
    """The project office, or the liaison of the unit working the lead, advances it."""
    if may_edit_projects(user):
        return True
    active = scope.active_user(user)
    return (
        active is not None
        and Role.LIAISON in active.role_set
        and active.unit_id is not None
        and active.unit_id == lead.unit_id
    )


def check_work_lead(user: Viewer, lead: Lead) -> None:
    if not may_work_lead(user, lead):
        raise PermissionDenied(_("Only the project office or the lead's own unit works this lead."))
