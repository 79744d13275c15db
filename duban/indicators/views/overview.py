"""The month's overview (月度指标一览): every indicator with its light, warnings and the report sentences."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duban.indicators import policy, selectors
from duban.indicators.views.common import LIGHT_WORDS, query_month, query_peer_set, require_read, warning_text


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    require_read(request)
    data = selectors.month_overview(
        user=request.user, month=query_month(request), peer_set_id=query_peer_set(request)
    )
    rows = [
        {
            "row": row,
            "warnings": [warning_text(w) for w in row.assessment.warnings] if row.assessment else [],
            "light": row.assessment.light.value if row.assessment else "none",
            "light_word": LIGHT_WORDS[row.assessment.light if row.assessment else "none"],
        }
        for row in data.rows
    ]
    return render(
        request,
        "indicators/overview.html",
        {
            "overview": data,
            "rows": rows,
            "may_write": policy.may_write_values(request.user),
        },
    )
