"""What the projects app's audit events read as on the audit page (新增重点项目, 提交月度调度 …).

Registered from :class:`duban.projects.apps.ProjectsConfig.ready`; audit itself
knows no project model (see :mod:`duban.audit.describe`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, Namer, TypeSpec, integer_ids, register_actions, register_type
from duban.projects.models import Lead, LeadStage, Milestone, MonthlyReport, Project

ACTIONS: Mapping[str, Promise] = {
    "project.create": _("Add the key project"),
    "project.update": _("Edit the key project"),
    "project.milestone_add": _("Add project milestone"),
    "project.milestone_done": _("Project milestone reached"),
    "project.report": _("Monthly project report"),
    "project.photo_attach": _("Attach progress photos"),
    "project.raise_item": _("Problem turned into a supervision item"),
    "project.import": _("Import the project ledger"),
    "project.report_import": _("Import the monthly report sheet"),
    "lead.create": _("Add the attraction lead"),
    "lead.advance": _("Lead reached a stage"),
    "lead.to_project": _("Lead became a key project"),
    "target.create": _("Set an attraction target"),
    "settings.projects": _("Change project flag settings"),
}

PROJECT_FIELDS: Mapping[str, FieldSpec] = {
    "cooperating_units": FieldSpec(_("cooperating units"), refers_to="org.unit"),
    "milestone": FieldSpec(_("project milestone"), refers_to="projects.milestone"),
    "report": FieldSpec(_("monthly report"), refers_to="projects.monthlyreport"),
    "supersedes": FieldSpec(_("corrects report"), refers_to="projects.monthlyreport"),
    "item": FieldSpec(_("item"), refers_to="supervision.item"),
    "files": FieldSpec(_("files")),
    "lead": FieldSpec(_("attraction lead"), refers_to="projects.lead"),
    "rows": FieldSpec(_("rows")),
    "file": FieldSpec(_("file")),
    "link": FieldSpec(_("link to the item")),
    "year": FieldSpec(_("year")),
    "month": FieldSpec(_("month")),
    "month_investment": FieldSpec(_("investment this month (10k yuan)")),
    "ytd_investment": FieldSpec(_("investment year to date (10k yuan)")),
    "due": FieldSpec(_("date")),
    "title": FieldSpec(_("expected output")),
    "done_on": FieldSpec(_("done on")),
    "created": FieldSpec(_("added")),
    "updated": FieldSpec(_("changed")),
}

LEAD_FIELDS: Mapping[str, FieldSpec] = {
    "stage": FieldSpec(_("stage"), choices=dict(LeadStage.choices)),
    "project": FieldSpec(_("key project"), refers_to="projects.project"),
}


def project_names(ids: Collection[str]) -> dict[str, str]:
    rows = Project.objects.filter(pk__in=integer_ids(ids)).only("pk", "name")
    return {str(p.pk): p.name for p in rows}


def report_names(ids: Collection[str]) -> dict[str, str]:
    rows = MonthlyReport.objects.filter(pk__in=integer_ids(ids)).only("pk", "year", "month")
    return {
        str(r.pk): str(_("report of %(year)s-%(month)02d")) % {"year": r.year, "month": r.month} for r in rows
    }


def milestone_names(ids: Collection[str]) -> dict[str, str]:
    rows = Milestone.objects.filter(pk__in=integer_ids(ids)).only("pk", "due", "title")
    return {str(m.pk): str(m) for m in rows}


def lead_names(ids: Collection[str]) -> dict[str, str]:
    rows = Lead.objects.filter(pk__in=integer_ids(ids)).only("pk", "name")
    return {str(lead.pk): lead.name for lead in rows}


def _singleton(noun: Promise) -> Namer:
    return lambda ids: {i: str(noun) for i in ids}


def register() -> None:
    register_actions(ACTIONS)
    register_type(
        "projects.project", TypeSpec(noun=_("key project"), names=project_names, fields=PROJECT_FIELDS)
    )
    register_type("projects.monthlyreport", TypeSpec(noun=_("monthly report"), names=report_names))
    register_type("projects.milestone", TypeSpec(noun=_("project milestone"), names=milestone_names))
    register_type("projects.lead", TypeSpec(noun=_("attraction lead"), names=lead_names, fields=LEAD_FIELDS))
    register_type("projects.attractiontarget", TypeSpec(noun=_("attraction target")))
    noun = _("project flag settings")
    register_type("projects.projectsettings", TypeSpec(noun=noun, names=_singleton(noun)))
