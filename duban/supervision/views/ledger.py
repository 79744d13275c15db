"""The ledger page (督办台账): the item tree, numbered, with lights, filters and bulk actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core import clock
from duban.core.errors import DomainError
from duban.org.models import Person, Unit
from duban.supervision import policy
from duban.supervision.forms import BulkForm, LedgerFilterForm
from duban.supervision.lights import Light
from duban.supervision.models import Item, Source, Tag
from duban.supervision.selectors import ItemFilters, item_list, lights_for
from duban.supervision.services.reminders import item_urge
from duban.supervision.services.transition import item_transition
from duban.supervision.views.common import (
    COLOUR_WORDS,
    PAGE_SIZE,
    optional_url,
    require_register,
    source_or_404,
)
from duban.supervision.workflow import OPEN_STATES, Action, State


@dataclass(frozen=True)
class LedgerRow:
    item: Item
    light: Light | None
    depth: int
    overdue: bool

    @property
    def colour(self) -> str:
        return self.light.colour.value if self.light else ""

    @property
    def colour_word(self) -> object:
        return COLOUR_WORDS.get(self.colour, "")


def ledger_rows(items: list[Item], *, today: dt.date) -> list[LedgerRow]:
    """Rows of one page, with lights computed now (two queries for any page size)."""
    lights = lights_for([i for i in items if i.state in OPEN_STATES], today=today)
    return [
        LedgerRow(
            item=i, light=lights.get(i.pk), depth=i.number.count("."),
            overdue=bool(i.deadline and i.deadline < today and i.state in OPEN_STATES),
        )
        for i in items
    ]


def _choices(request: HttpRequest) -> dict[str, Any]:
    """Filter choices: one query each, whatever the data size."""
    return {
        "sources": list(policy.sources_visible(request.user).only("id", "title", "doc_number")),
        "units": list(Unit.objects.filter(is_active=True).only("id", "name")),
        "leaders": list(Person.objects.filter(leader_units__isnull=False).distinct().only("id", "name")),
        "tags": list(Tag.objects.values_list("name", flat=True)),
    }


def _render_ledger(request: HttpRequest, *, source: Source | None) -> HttpResponse:
    today = clock.today()
    form = LedgerFilterForm(request.GET)
    filters = form.filters(source=source.pk if source else None)
    page = Paginator(item_list(user=request.user, filters=filters, today=today), PAGE_SIZE).get_page(
        request.GET.get("page"))
    context = {
        "source": source, "form": form, "filters": filters, "page": page, "today": today,
        "rows": ledger_rows(list(page.object_list), today=today),
        "may_register": policy.may_register(request.user),
        "states": State.choices, "colours": list(COLOUR_WORDS.items())[:-1],
        "export_url": optional_url("reports:ledger_export"),
        "import_url": optional_url("reports:ledger_import"),
        **_choices(request),
    }
    return render(request, "supervision/ledger.html", context)


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    """All sources' ledgers, as far as the user's scope reaches."""
    return _render_ledger(request, source=None)


@login_required
def source_ledger(request: HttpRequest, source_id: int) -> HttpResponse:
    """A source's page is its ledger."""
    return _render_ledger(request, source=source_or_404(request, source_id))


class _RollbackError(Exception):
    """Undo a bulk assignment in which some row failed."""


def _assign_all(actor: Any, items: list[Item]) -> list[tuple[Item, str]]:
    """Assign every draft, all or nothing; return (item, message) per failed row.

    Each row runs in its own savepoint so that one failure leaves the others'
    checks meaningful; any failure rolls the whole batch back.
    """
    errors: list[tuple[Item, str]] = []
    try:
        with transaction.atomic():
            for item in items:
                try:
                    with transaction.atomic():
                        item_transition(item=item, action=Action.ASSIGN, actor=actor)
                except DomainError as exc:
                    errors.append((item, exc.message))
            if errors:
                raise _RollbackError
    except _RollbackError:
        pass
    return errors


def _urge_all(actor: Any, items: list[Item]) -> list[tuple[Item, str]]:
    errors: list[tuple[Item, str]] = []
    for item in items:
        try:
            item_urge(actor=actor, item=item)
        except DomainError as exc:
            errors.append((item, exc.message))
    return errors


@login_required
@require_POST
def ledger_bulk(request: HttpRequest) -> HttpResponse:
    """Bulk assign or urge the selected rows (supervisors)."""
    require_register(request)
    form = BulkForm(request.POST)
    back = request.POST.get("next") or ""
    target = back if back.startswith("/") and not back.startswith("//") else "/supervision/ledger/"
    if not form.is_valid() or not form.cleaned_data["ids"]:
        messages.error(request, _("Select at least one row."))
        return HttpResponseRedirect(target)
    ids: list[int] = form.cleaned_data["ids"]
    items = list(item_list(user=request.user, filters=ItemFilters()).filter(pk__in=ids))
    missing = set(ids) - {i.pk for i in items}
    if missing:
        messages.error(request, _("Rows not found: %(ids)s. Nothing was changed.") % {
            "ids": ", ".join(f"#{i}" for i in sorted(missing))})
        return HttpResponseRedirect(target)
    if form.cleaned_data["op"] == "assign":
        errors = _assign_all(request.user, items)
        done = _("%(n)d items assigned.")
    else:
        errors = _urge_all(request.user, items)
        done = _("%(n)d items urged.")
    for item, message in errors:
        messages.error(request, _("Row %(number)s “%(title)s”: %(message)s") % {
            "number": item.number, "title": item.title, "message": message})
    if errors and form.cleaned_data["op"] == "assign":
        messages.error(request, _("Nothing was assigned: fix the rows above and try again."))
    else:
        messages.success(request, done % {"n": len(items) - len(errors)})
    return HttpResponseRedirect(target)

