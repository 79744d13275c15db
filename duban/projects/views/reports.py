"""Monthly reports (月度调度) and a reported problem turned into a supervision item (问题转督办)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from duban.core import clock
from duban.core.errors import DomainError
from duban.org.scope import signed_in
from duban.projects import policy
from duban.projects.services.project import milestone_mark
from duban.projects.services.report import problem_raise, report_submit
from duban.projects.views.common import or_404, project_or_404
from duban.projects.views.forms import MonthlyReportForm, ProblemItemForm, problem_initial
from duban.web.formview import handle_form


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, project_id: int) -> HttpResponse:
    """The lead unit's liaison (or the project office) reports a month; others in scope get 404."""
    project = project_or_404(request, project_id)
    if not policy.may_report(request.user, project):
        raise Http404
    today = clock.today()
    month = today.month if today.year == project.year else 12
    form = MonthlyReportForm(
        request.POST or None, request.FILES or None, project=project, initial={"month": month}
    )
    return handle_form(
        request,
        form=form,
        perform=lambda _data: report_submit(
            actor=signed_in(request.user), project=project, **form.service_fields()
        ),
        done=lambda report: (
            _("Report for %(year)d-%(month)02d submitted.") % {"year": report.year, "month": report.month}
        ),
        then=lambda _report: reverse("projects:detail", args=[project.pk]),
        template="projects/report_form.html",
        context={"project": project, "last": project.reports.filter(superseded_by__isnull=True).first()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def problem_to_item(request: HttpRequest, project_id: int, report_id: int) -> HttpResponse:
    """The supervision office registers a reported problem as an assigned item, linked to the project."""
    project = project_or_404(request, project_id)
    report = or_404(lambda: policy.access_report(request.user, report_id))
    if (
        report.project_id != project.pk
        or not report.problems
        or not policy.may_raise_item(request.user, project)
    ):
        raise Http404
    form = ProblemItemForm(request.POST or None, initial=problem_initial(report, today=clock.today()))
    return handle_form(
        request,
        form=form,
        perform=lambda data: problem_raise(
            actor=signed_in(request.user),
            project=project,
            report=report,
            title=data["title"],
            deadline=data["deadline"],
        ),
        done=lambda item: (
            _("Supervision item %(number)s registered and assigned to %(unit)s.")
            % {"number": item.number, "unit": project.lead_unit.name}
        ),
        then=lambda _item: reverse("projects:detail", args=[project.pk]),
        template="projects/problem_form.html",
        context={"project": project, "report": report},
    )


@login_required
@require_POST
def milestone_done(request: HttpRequest, project_id: int, milestone_id: int) -> HttpResponse:
    """The lead unit's liaison (or the project office) marks a node reached today."""
    project = project_or_404(request, project_id)
    milestone = or_404(lambda: policy.access_milestone(request.user, milestone_id))
    if milestone.project_id != project.pk or not policy.may_mark_milestone(request.user, project):
        raise Http404
    try:
        milestone_mark(actor=signed_in(request.user), milestone=milestone, done_on=clock.today())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Milestone “%(title)s” marked reached.") % {"title": milestone.title})
    return redirect("projects:detail", project.pk)
