"""Turning a warning into a supervision item in one step (预警转督办), through the write side's service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core.errors import DomainError, NotFound
from duban.indicators import policy
from duban.indicators.expected import Frequency
from duban.indicators.models import SubjectKind
from duban.indicators.period_windows import period_in_month
from duban.indicators.selectors import parse_month
from duban.indicators.services.warning_items import warning_to_item
from duban.indicators.warnings import WarningKind
from duban.org.scope import signed_in


@login_required
@require_POST
def warning_item(request: HttpRequest, indicator_id: int) -> HttpResponse:
    """The zone's warning of the indicator in the month becomes a draft item of its lead unit."""
    try:
        definition = policy.access_indicator(request.user, indicator_id)
    except NotFound as exc:
        raise Http404 from exc
    page = reverse("indicators:indicator", args=[definition.pk])
    month = parse_month(request.POST.get("month"))
    kind = request.POST.get("kind", "")
    zone = policy.subjects_visible(request.user).filter(kind=SubjectKind.ZONE).first()
    frequency = Frequency(definition.frequency)
    period = period_in_month(frequency, year=month.year, month=month.month) if month else None
    if kind not in set(WarningKind) or period is None or zone is None:
        messages.error(request, _("Choose a warning of a month to turn into an item."))
        return redirect(page)
    try:
        link = warning_to_item(
            actor=signed_in(request.user),
            indicator=definition,
            subject=zone,
            period=period,
            warning_kind=WarningKind(kind),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{page}?month={month.key}" if month else page)
    messages.success(request, _("The warning is now a supervision item (a draft to assign)."))
    return redirect("supervision:item_detail", link.item_id)
