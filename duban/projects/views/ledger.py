"""The key-project ledger page (重点项目台账): flags, filters, pages of 50."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from duban.core import clock
from duban.org.models import Person, Unit
from duban.org.scope import Viewer
from duban.projects import policy
from duban.projects.models import ProjectKind, ProjectStatus
from duban.projects.schedule import FLAG_LABELS, Flag
from duban.projects.selectors import LedgerQuery, flag_policy, project_ledger, rows_of, with_facts
from duban.projects.views.common import PAGE_SIZE, may_report_some, optional_url, require_read
from duban.projects.views.filters import FilterError, ProjectFilters, apply_filters, parse_project_filters
from duban.projects.views.rows import ProjectRow, dressed

# The ledger's flag filter: "behind" covers both margins, so far-behind is not offered twice.
FLAG_OPTIONS: list[tuple[str, str | Promise]] = [
    (Flag.BEHIND.value, _("Behind schedule")),
    (Flag.NOT_STARTED.value, FLAG_LABELS[Flag.NOT_STARTED]),
    (Flag.MILESTONE_OVERDUE.value, FLAG_LABELS[Flag.MILESTONE_OVERDUE]),
    (Flag.REPORT_MISSING.value, FLAG_LABELS[Flag.REPORT_MISSING]),
]


@dataclass(frozen=True)
class Select:
    name: str
    label: str | Promise
    options: list[tuple[object, object]]
    selected: str


def to_query(filters: ProjectFilters) -> LedgerQuery:
    return LedgerQuery(
        q=filters.q,
        kind=filters.kind,
        status=filters.status,
        area=filters.area,
        unit=filters.unit,
        leader=filters.leader,
        flag=filters.flag,
        year=filters.year,
    )


def _selects(user: Viewer, filters: ProjectFilters) -> list[Select]:
    visible = policy.projects_visible(user)
    units = Unit.objects.filter(pk__in=visible.values("lead_unit_id")).order_by("sort_order", "name")
    areas = Unit.objects.filter(pk__in=visible.values("area_id")).order_by("sort_order", "name")
    leaders = Person.objects.filter(pk__in=visible.values("leader_id")).order_by("sort_order", "name")
    selects = [
        Select("kind", _("Kind"), list(ProjectKind.choices), filters.kind),
        Select("status", _("Status"), list(ProjectStatus.choices), filters.status),
        Select("area", _("Area"), [(u.pk, u.name) for u in areas], str(filters.area or "")),
        Select("unit", _("Unit"), [(u.pk, u.name) for u in units], str(filters.unit or "")),
        Select("leader", _("Leader in charge"), [(p.pk, p.name) for p in leaders], str(filters.leader or "")),
        Select("flag", _("Flag"), list(FLAG_OPTIONS), filters.flag),
    ]
    return [s for s in selects if len(s.options) > 1 or s.selected]


def ledger_page(
    user: Viewer, filters: ProjectFilters, *, today: dt.date
) -> tuple[Page[Any], list[ProjectRow]]:
    """One page of rows, in the selector's order. With a flag asked, the selector reads and flags the
    filtered ledger (flags are computed); without, only the page's 50 projects are read and flagged."""
    if filters.flag:
        flagged = Paginator(project_ledger(user=user, query=to_query(filters), today=today), PAGE_SIZE)
        rows = flagged.get_page(filters.page)
        return rows, dressed(list(rows.object_list))
    projects = apply_filters(policy.projects_visible(user), filters).order_by("year", "code", "name", "id")
    page = Paginator(with_facts(projects), PAGE_SIZE).get_page(filters.page)
    return page, dressed(rows_of(page.object_list, today=today, rule=flag_policy()))


@login_required
@require_GET
def ledger(request: HttpRequest) -> HttpResponse:
    """The projects in the viewer's scope, flagged as of today."""
    require_read(request.user)
    today = clock.today()
    errors: list[str] = []
    try:
        filters = parse_project_filters(request.GET)
    except FilterError as error:
        filters, errors = ProjectFilters(), list(error.fields.values())
    page, rows = ledger_page(request.user, filters, today=today)
    context = {
        "filters": filters,
        "filter_errors": errors,
        "page": page,
        "rows": rows,
        "today": today,
        "selects": _selects(request.user, filters),
        "flag_options": FLAG_OPTIONS,
        "flag_selected": filters.flag,
        "may_import": policy.may_edit_projects(request.user),
        "may_see_pipeline": policy.may_read_leads(request.user),
        "import_url": optional_url("projects:import"),
        "export_url": optional_url("projects:export"),
        "report_export_url": optional_url("projects:report_export"),
        "report_import_url": optional_url("projects:report_import")
        if may_report_some(request.user)
        else None,
    }
    return render(request, "projects/ledger.html", context, status=400 if errors else 200)
