"""A subject's result: category sub-scores, where it won or lost points (得失分), history over years."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from duban.evaluation import selectors
from duban.evaluation.views.bundles import subject_page
from duban.evaluation.views.common import not_found_as_404, run_header, subject_ref


@login_required
@not_found_as_404
def evaluation_subject(request: HttpRequest, scheme_id: int, subject_id: int) -> HttpResponse:
    results = selectors.evaluation_results(user=request.user, scheme_id=scheme_id)
    subject = subject_ref(results.evaluation, subject_id)
    page = subject_page(results.evaluation, subject.pk, chart_label=_("Points against the average"))
    history = selectors.scheme_history(user=request.user, scheme_id=scheme_id, subject_id=subject.pk)
    context = {
        "run": run_header(results.scheme),
        "subject": subject,
        "page": page,
        "history": history if len(history) > 1 else [],
    }
    return render(request, "evaluation/subject.html", context)
