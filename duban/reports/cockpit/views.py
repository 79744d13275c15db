"""The cockpit page (领导驾驶舱): supervision figures, indicators, projects, recent instructions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duban.core import clock
from duban.indicators import policy as indicator_policy
from duban.org.scope import signed_in
from duban.projects import policy as project_policy
from duban.reports.cockpit.figures import SupervisionFigures, supervision_figures
from duban.reports.cockpit.modules import indicator_panel, project_panel
from duban.supervision import policy
from duban.supervision.views.common import COLOUR_WORDS
from duban.supervision.workflow import State
from duban.web import charts


def _charts(figures: SupervisionFigures) -> dict[str, object]:
    lights = figures.by_light
    units = figures.overdue_by_unit
    return {
        "lights": charts.doughnut(
            [f.label for f in lights],
            [f.count for f in lights],
            [f.key for f in lights],
            [f.link for f in lights],
        ),
        "units": charts.bars(
            [f.label for f in units],
            [f.count for f in units],
            label=str(COLOUR_WORDS["red"]),
            colour="red",
            links=[f.link for f in units],
        ),
    }


@login_required
@require_GET
def cockpit(request: HttpRequest) -> HttpResponse:
    """What is late, where and who answers for it, in the viewer's scope, as of today."""
    user = signed_in(request.user)
    if not policy.may_see_statistics(user):
        raise Http404
    today = clock.today()
    figures = supervision_figures(
        user=user,
        today=today,
        state_labels={s.value: str(s.label) for s in State},
        light_labels={c: str(w) for c, w in COLOUR_WORDS.items() if c},
    )
    context = {
        "figures": figures,
        "charts": _charts(figures),
        "indicators": indicator_panel(user=user) if indicator_policy.may_read_indicators(user) else None,
        "projects": project_panel(user=user, today=today) if project_policy.may_read_projects(user) else None,
        "today": today,
    }
    return render(request, "reports/cockpit.html", context)
