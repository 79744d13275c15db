"""Entering and correcting values by form (录入、更正), through the write side's services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from duban.core.errors import NotFound
from duban.indicators import policy
from duban.indicators.forms import ValueCorrectionForm, ValueEntryForm
from duban.indicators.models import IndicatorDefinition, IndicatorValue, SubjectKind
from duban.indicators.services.values import indicator_value_correct, indicator_value_enter
from duban.org.scope import signed_in
from duban.web.formview import handle_form


def _indicator(request: HttpRequest, indicator_id: int) -> IndicatorDefinition:
    try:
        return policy.access_indicator(request.user, indicator_id)
    except NotFound as exc:
        raise Http404 from exc


def _require_write(request: HttpRequest) -> None:
    if not policy.may_write_values(request.user):
        raise PermissionDenied(_("Only a statistician enters, corrects and imports indicator values."))


def _page(definition: IndicatorDefinition) -> str:
    return reverse("indicators:indicator", args=[definition.pk])


@login_required
@require_http_methods(["GET", "POST"])
def value_new(request: HttpRequest, indicator_id: int) -> HttpResponse:
    definition = _indicator(request, indicator_id)
    _require_write(request)
    subjects = policy.subjects_visible(request.user)
    zone = subjects.filter(kind=SubjectKind.ZONE).first()
    form = ValueEntryForm(
        request.POST or None, definition=definition, subjects=subjects, initial={"subject": zone}
    )
    return handle_form(
        request,
        form=form,
        perform=lambda data: indicator_value_enter(
            actor=signed_in(request.user), definition=definition, **data
        ),
        done=lambda _row: _("Value entered."),
        then=lambda _row: _page(definition),
        template="indicators/value_form.html",
        context={"definition": definition},
    )


@login_required
@require_http_methods(["GET", "POST"])
def value_correct(request: HttpRequest, value_id: int) -> HttpResponse:
    try:
        row: IndicatorValue = policy.access_value(request.user, value_id)
    except NotFound as exc:
        raise Http404 from exc
    _require_write(request)
    form = ValueCorrectionForm(request.POST or None, initial=ValueCorrectionForm.initial_from(row))

    def correct(data: dict[str, Any]) -> IndicatorValue:
        return indicator_value_correct(actor=signed_in(request.user), indicator_value=row, **data)

    return handle_form(
        request,
        form=form,
        perform=correct,
        done=lambda _row: _("Value corrected."),
        then=lambda _row: _page(row.definition),
        template="indicators/value_form.html",
        context={"definition": row.definition, "record": row},
    )
