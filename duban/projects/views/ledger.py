"""The key-project ledger page (重点项目台账): flags, filters, pages of 50."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
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
from duban.projects.selectors import LedgerPage, LedgerQuery, project_ledger_page
from duban.projects.views.common import PAGE_SIZE, may_report_some, optional_url, require_read
from duban.projects.views.filters import FilterError, ProjectFilters, parse_project_filters
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


@dataclass(frozen=True)
class PageView:
    """What ``pagination.html`` and the count line read of a page (as Django's ``Page`` offers it)."""

    found: LedgerPage

    @property
    def number(self) -> int:
        return self.found.page

    @property
    def paginator(self) -> PageView:
        return self

    @property
    def count(self) -> int:
        return self.found.total

    @property
    def num_pages(self) -> int:
        return self.found.pages

    def has_other_pages(self) -> bool:
        return self.found.pages > 1

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def ledger_page(
    user: Viewer, filters: ProjectFilters, *, today: dt.date
) -> tuple[PageView, list[ProjectRow]]:
    """One page of rows (the selector computes flags for the page's rows only, unless a flag is asked);
    a page past the last shows the last, as Django's paginator does."""
    query = to_query(filters)
    found = project_ledger_page(user=user, query=query, today=today, page=filters.page, size=PAGE_SIZE)
    if filters.page > found.pages:
        found = project_ledger_page(user=user, query=query, today=today, page=found.pages, size=PAGE_SIZE)
    return PageView(found), dressed(found.rows)


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
