"""An indicator's page (指标详情): trend against the target trajectory, rank history, peers, values."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duban.core.errors import NotFound
from duban.indicators import policy, selectors
from duban.indicators.views.common import (
    LIGHT_WORDS,
    chart_data,
    query_month,
    query_peer_set,
    require_read,
    warning_text,
)


@login_required
@require_GET
def indicator_page(request: HttpRequest, indicator_id: int) -> HttpResponse:
    require_read(request)
    try:
        detail = selectors.indicator_detail(
            user=request.user,
            indicator_id=indicator_id,
            month=query_month(request),
            peer_set_id=query_peer_set(request),
        )
    except NotFound as exc:
        raise Http404 from exc
    assessment = detail.row.assessment
    warnings = [
        (w.kind.value, warning_text(w), detail.items.get(w.kind.value))
        for w in (assessment.warnings if assessment else ())
    ]
    light = assessment.light if assessment else "none"
    return render(
        request,
        "indicators/detail.html",
        {
            "detail": detail,
            "assessment": assessment,
            "warnings": warnings,
            "light": light,
            "light_word": LIGHT_WORDS[light],
            "charts": chart_data(detail),
            "may_write": policy.may_write_values(request.user),
            "may_turn_warning": policy.may_turn_warning_into_item(request.user),
        },
    )
