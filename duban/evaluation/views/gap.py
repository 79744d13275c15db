"""Gap analysis (差距分析): the points a subject lacks for a target rank, and where to gain them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from duban.evaluation import selectors
from duban.evaluation.gap import MEDIAN, target_rank_of
from duban.evaluation.views.bundles import gap_page, parse_target
from duban.evaluation.views.common import not_found_as_404, run_header, subject_ref

# A rank asked for in the query is checked against the subjects' count by the engine.
LARGEST_RANK = 100_000
# Relative improvements offered, in % (the default first).
STEPS = (1, 5, 10, 20)


def _step(text: str | None) -> int:
    return int(text) if text and text.isdigit() and int(text) in STEPS else STEPS[0]


@login_required
@not_found_as_404
def evaluation_gap(request: HttpRequest, scheme_id: int, subject_id: int) -> HttpResponse:
    target = parse_target(request.GET.get("target"), count=LARGEST_RANK)
    step = _step(request.GET.get("step"))
    try:
        analysis = selectors.gap_analysis(
            user=request.user, scheme_id=scheme_id, subject_id=subject_id, target=target, step=step / 100
        )
    except ValueError:  # a rank past the last subject: the median instead
        target = MEDIAN
        analysis = selectors.gap_analysis(
            user=request.user, scheme_id=scheme_id, subject_id=subject_id, target=target, step=step / 100
        )
    results = analysis.results
    subject = subject_ref(results.evaluation, subject_id)
    count = len(results.evaluation.results)
    page = gap_page(
        analysis.results.evaluation, subject.pk, target=target, gap=analysis.gap, found=analysis.levers,
        chart_label=_("Points gained"),
    )  # fmt: skip
    context = {
        "run": run_header(results.scheme),
        "subject": subject,
        "page": page,
        "step": step,
        "steps": STEPS,
        "ranks": range(1, count + 1),
        "median_rank": target_rank_of(MEDIAN, count=count),
    }
    return render(request, "evaluation/gap.html", context)
