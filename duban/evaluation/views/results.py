"""The evaluations a user reads, and a scheme's results table (评价结果)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duban.evaluation import policy, selectors
from duban.evaluation.gap import MEDIAN, score_gap
from duban.evaluation.views.bundles import results_table
from duban.evaluation.views.common import RunHeader, home_subject_id, not_found_as_404, run_header


@dataclass(frozen=True)
class SchemeRow:
    run: RunHeader
    count: int


@login_required
@not_found_as_404
def evaluation_home(request: HttpRequest) -> HttpResponse:
    """The schemes the user reads, newest year first (their results are one click away)."""
    policy.check_read_evaluations(request.user)
    counted = policy.schemes_visible(request.user).annotate(count=Count("members")).order_by("-year", "name")
    rows = [SchemeRow(run=run_header(s), count=s.count) for s in counted]
    return render(request, "evaluation/home.html", {"runs": rows})


@login_required
@not_found_as_404
def evaluation_results(request: HttpRequest, scheme_id: int) -> HttpResponse:
    """Composite score, rank, rank in the regional group and category sub-scores of every subject."""
    results = selectors.evaluation_results(user=request.user, scheme_id=scheme_id)
    evaluation = results.evaluation
    home = home_subject_id(evaluation)
    context = {
        "run": run_header(results.scheme),
        "table": results_table(evaluation, subject=home),
        "home": None,
    }
    if home is not None:
        context["home"] = {"result": evaluation.results[home], "gap": score_gap(evaluation, home, MEDIAN)}
    return render(request, "evaluation/results.html", context)
