"""A key project's page (项目详情): flags, planned against actual investment, milestones, reports, items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from duban.audit.policy import may_read_audit
from duban.audit.views import history_url
from duban.core import clock
from duban.org.models import User
from duban.org.scope import Viewer
from duban.projects import policy
from duban.projects.models import Milestone, Project, ProjectItemLink
from duban.projects.schedule import MONTHS
from duban.projects.selectors import ProjectDetail, ReportView
from duban.projects.selectors import project_detail as read_detail
from duban.projects.views.common import or_404
from duban.projects.views.rows import ProjectRow
from duban.supervision.policy import items_visible
from duban.web.charts import LIGHT_COLOURS, NEUTRAL


@dataclass(frozen=True)
class MilestoneView:
    milestone: Milestone
    overdue: bool


def investment_chart(detail: ProjectDetail) -> dict[str, Any]:
    """Cumulative planned against actual investment (万元) by month of the plan year.

    A Chart.js line configuration for ``static/duban/charts.js`` (the one chart mechanism,
    :mod:`duban.web.charts`): the plan dashed in grey, the reports in blue; a month not
    reported is a gap.
    """

    def number(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    def line(label: str, values: list[float | None], colour: str, *, dashed: bool) -> dict[str, Any]:
        return {
            "label": label,
            "data": values,
            "borderColor": colour,
            "backgroundColor": colour,
            "borderDash": [6, 4] if dashed else [],
            "tension": 0.15,
            "pointRadius": 3,
            "spanGaps": False,
        }

    return {
        "type": "line",
        "data": {
            "labels": [_("Month %(month)d") % {"month": m} for m in range(1, MONTHS + 1)],
            "datasets": [
                line(
                    _("Planned (cumulative)"),
                    [number(v) for v in detail.planned],
                    LIGHT_COLOURS[""],
                    dashed=True,
                ),
                line(_("Actual (cumulative)"), [number(v) for v in detail.actual], NEUTRAL, dashed=False),
            ],
        },
        "options": {
            "interaction": {"mode": "index", "intersect": False},
            "plugins": {"legend": {"position": "bottom"}},
            "scales": {"y": {"beginAtZero": True, "title": {"display": True, "text": _("10,000 yuan")}}},
        },
    }


def _in_scope(user: Viewer, links: list[ProjectItemLink]) -> list[ProjectItemLink]:
    """The links to items the viewer may open: an item out of their scope is not even named (one query)."""
    if not links:
        return []
    visible = set(
        items_visible(user).filter(pk__in=[link.item_id for link in links]).values_list("pk", flat=True)
    )
    return [link for link in links if link.item_id in visible]


def _reports(user: Viewer, reports: list[ReportView]) -> list[ReportView]:
    """The reports with the links the viewer may open; authors' names read in one query (no N+1)."""
    every = [link for view in reports for link in view.items]
    shown = {link.pk for link in _in_scope(user, every)}
    authors = User.objects.select_related("person").in_bulk({v.report.author_id for v in reports})
    for view in reports:
        view.report.author = authors[view.report.author_id]  # the cached relation, never saved
    return [
        ReportView(v.report, v.is_current, v.photos, [link for link in v.items if link.pk in shown])
        for v in reports
    ]


def project_context(user: Viewer, detail: ProjectDetail, *, today: dt.date) -> dict[str, Any]:
    project: Project = detail.row.project
    visible = policy.projects_visible(user)
    return {
        "project": project,
        "row": ProjectRow(detail.row),
        "parent": visible.filter(pk=project.parent_id).first() if project.parent_id else None,
        "children": detail.children,
        "milestones": [MilestoneView(m, m.done_on is None and m.due < today) for m in detail.milestones],
        "reports": _reports(user, detail.reports),
        "item_links": _in_scope(user, detail.item_links),
        "chart": investment_chart(detail),
        "may_report": policy.may_report(user, project) and project.is_open,
        "may_escalate": policy.may_raise_item(user, project),
        "may_mark": policy.may_mark_milestone(user, project) and project.is_open,
        "audit_url": history_url(project) if may_read_audit(user) else None,
    }


@login_required
@require_GET
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project if in scope (404 alike for missing and out of scope), read in a fixed number of queries."""
    today = clock.today()
    detail = or_404(lambda: read_detail(user=request.user, project_id=project_id, today=today))
    return render(request, "projects/detail.html", project_context(request.user, detail, today=today))
