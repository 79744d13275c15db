"""Sources (来源): the list, registering and editing. A source's own page is its ledger."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from duban.org.scope import signed_in
from duban.supervision import policy
from duban.supervision.forms import SourceForm
from duban.supervision.services.source import source_create, source_update
from duban.supervision.views.common import PAGE_SIZE, require_register, source_or_404
from duban.web.formview import handle_form


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    """Sources in scope, newest first, with how many of their items the user sees."""
    visible = policy.items_visible(request.user).values("pk")
    sources = policy.sources_visible(request.user).annotate(
        item_count=Count("items", filter=Q(items__pk__in=visible), distinct=True)
    ).order_by("-date", "-id")
    page = Paginator(sources, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/source_list.html",
                  {"page": page, "may_register": policy.may_register(request.user)})



@login_required
@require_http_methods(["GET", "POST"])
def source_new(request: HttpRequest) -> HttpResponse:
    require_register(request)
    return handle_form(
        request,
        form=SourceForm(request.POST or None, request.FILES or None),
        perform=lambda data: source_create(actor=signed_in(request.user), **data),
        done=lambda _source: _("Source registered."),
        then=lambda source: reverse("supervision:source_ledger", args=[source.pk]),
        template="supervision/source_form.html",
        context={},
    )


@login_required
@require_http_methods(["GET", "POST"])
def source_edit(request: HttpRequest, source_id: int) -> HttpResponse:
    require_register(request)
    source = source_or_404(request, source_id)
    form = SourceForm(request.POST or None, request.FILES or None, initial=SourceForm.initial_from(source))

    def save(data: dict[str, Any]) -> None:
        files = data.pop("files")
        changes = {k: v for k, v in data.items() if getattr(source, k) != v}
        if changes or files:
            source_update(actor=signed_in(request.user), source=source, files=files, **changes)

    return handle_form(
        request,
        form=form,
        perform=save,
        done=lambda _none: _("Changes saved."),
        then=lambda _none: reverse("supervision:source_ledger", args=[source.pk]),
        template="supervision/source_form.html",
        context={"source": source},
    )
