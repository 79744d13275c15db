"""The statistics page (督办统计) and its .xlsx export: thin views over ``facts.statistics``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from duban.core import clock
from duban.org.scope import signed_in
from duban.reports.statistics.facts import GroupBy, Statistics, StatRow, statistics
from duban.reports.statistics.params import (
    SORT_KEYS,
    StatisticsForm,
    default_params,
    sort_value,
    statistics_query,
)
from duban.reports.statistics.xlsx import statistics_xlsx
from duban.supervision import policy

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The ledger's parameter that lists one group's items: lead unit, leader, source.
LEDGER_PARAM = {GroupBy.UNIT: "lead", GroupBy.LEADER: "leader", GroupBy.SOURCE: "source"}


def overdue_link(stats: Statistics, row: StatRow) -> str:
    """The ledger filtered to this group's overdue items (the same count on today's page), or ''."""
    if row.key is None or stats.period.as_of != clock.today():
        return ""  # the ledger's "overdue" is today's; a past period's count has no list
    query = {LEDGER_PARAM[stats.group_by]: row.key, "overdue": 1}
    return f"{reverse('supervision:ledger')}?{urlencode(query)}"


def _sorted(stats: Statistics, key: str) -> list[StatRow]:
    if key == "name":
        return stats.rows
    return sorted(stats.rows, key=lambda r: sort_value(r.tally, key), reverse=True)


def _form(request: HttpRequest) -> StatisticsForm:
    today = clock.today()
    return StatisticsForm(request.GET if "start" in request.GET else default_params(today))


@login_required
@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Counts by unit, leader or source over a period, in the viewer's scope; sortable."""
    user = signed_in(request.user)
    if not policy.may_see_statistics(user):
        raise Http404
    form = _form(request)
    if not form.is_valid():
        return render(request, "reports/statistics.html", {"form": form}, status=400)
    query = statistics_query(form, today=clock.today())
    stats = statistics(user=user, period=query.period, group_by=query.group_by)
    rows = [(row, overdue_link(stats, row)) for row in _sorted(stats, query.sort)]
    context = {
        "form": form,
        "stats": stats,
        "rows": rows,
        "sort": query.sort,
        "sort_keys": SORT_KEYS,
        "export_query": urlencode({k: v for k, v in form.cleaned_data.items() if v}),
    }
    return render(request, "reports/statistics.html", context)


@login_required
@require_GET
def statistics_export(request: HttpRequest) -> HttpResponse:
    """The same table as .xlsx."""
    user = signed_in(request.user)
    if not policy.may_see_statistics(user):
        raise Http404
    form = _form(request)
    if not form.is_valid():
        return HttpResponse(
            "; ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    query = statistics_query(form, today=clock.today())
    stats = statistics(user=user, period=query.period, group_by=query.group_by)
    response = HttpResponse(statistics_xlsx(stats), content_type=XLSX)
    name = f"督办统计-{query.period.start:%Y%m%d}-{query.period.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    return response
