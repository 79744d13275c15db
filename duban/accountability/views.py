"""Accountability pages: the measures in the viewer's scope, and recording one (supervision office)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duban.accountability import policy
from duban.accountability.models import MeasureKind
from duban.accountability.services import measure_record
from duban.core import clock
from duban.org import scope
from duban.org.models import Person, Unit
from duban.org.scope import Viewer, signed_in
from duban.supervision import policy as item_policy
from duban.supervision.models import Item
from duban.web.forms import StyledForm
from duban.web.formview import handle_form

PER_PAGE = 30
MAX_ITEMS = 50


class MeasureForm(StyledForm):
    kind = forms.ChoiceField(label=pgettext_lazy("accountability", "Measure"), choices=MeasureKind.choices)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, label=gettext_lazy("Unit"))
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=gettext_lazy("Person")
    )
    items = forms.ModelMultipleChoiceField(
        queryset=Item.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Items behind it"),
    )
    taken_on = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=pgettext_lazy("accountability", "Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: Viewer, item_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._field("unit").queryset = scope.units_visible(user).filter(is_active=True)
        self._field("person").queryset = (
            scope.people_visible(user).filter(is_active=True).select_related("unit")
        )
        self._field("items").queryset = item_policy.items_visible(user).filter(pk__in=item_ids[:MAX_ITEMS])

    def _field(self, name: str) -> forms.ModelChoiceField[Any]:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit() and len(v) < 19]


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest) -> HttpResponse:
    """Record a measure for the items given as ``?item=`` (from an item's page), preselected."""
    user = signed_in(request.user)
    if not policy.may_record(user):
        raise Http404
    ids = _ids(request.POST.getlist("items") or request.GET.getlist("item"))
    form = MeasureForm(
        request.POST or None, user=user, item_ids=ids, initial={"items": ids, "taken_on": clock.today()}
    )
    items = list(item_policy.items_visible(user).filter(pk__in=ids[:MAX_ITEMS]).select_related("lead_unit"))
    if len(items) == 1 and not request.POST:
        form.initial["unit"] = items[0].lead_unit_id
    return handle_form(
        request,
        form=form,
        perform=lambda data: measure_record(
            actor=user,
            kind=data["kind"],
            unit=data["unit"],
            person=data["person"],
            items=list(data["items"]),
            taken_on=data["taken_on"],
            reason=data["reason"],
        ),
        done=lambda m: _("The measure is recorded: %(measure)s.") % {"measure": m.get_kind_display()},
        then=lambda m: reverse("accountability:list"),
        template="accountability/measure_form.html",
        context={"items": items},
    )


@login_required
@require_GET
def measure_list(request: HttpRequest) -> HttpResponse:
    """The measures in the viewer's scope, newest first, with their items."""
    user = signed_in(request.user)
    if not policy.may_read(user):
        raise Http404
    # Only the items the viewer may open are listed (and linked) under a measure.
    items = Prefetch(
        "items",
        queryset=item_policy.items_visible(user).order_by("source_id", "path"),
        to_attr="visible_items",
    )
    measures = policy.measures_visible(user).select_related("unit", "person").prefetch_related(items)
    page = Paginator(measures, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "accountability/measure_list.html", {"page": page, "may_record": policy.may_record(user)}
    )
