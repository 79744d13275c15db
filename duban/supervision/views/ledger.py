"""The ledger page (督办台账): the item tree, numbered, with lights, filters and bulk actions."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core import clock
from duban.core.errors import DomainError
from duban.org.models import User
from duban.org.scope import Viewer, signed_in
from duban.supervision import policy
from duban.supervision.filters import (
    PAGE_SIZES,
    PRESET_LABELS,
    FilterError,
    ItemFilters,
    SortKey,
    parse_item_filters,
)
from duban.supervision.forms import BulkForm
from duban.supervision.lights import Light, calendar_unknown_message, stored_light, unknown_years
from duban.supervision.models import Item, Source
from duban.supervision.selectors import item_list, ledger_choices
from duban.supervision.services.bulk_actions import items_assign
from duban.supervision.services.reminders import item_urge
from duban.supervision.views.common import (
    COLOUR_WORDS,
    optional_url,
    require_register,
    source_or_404,
)
from duban.supervision.workflow import OPEN_STATES


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
    """Rows of one page with their stored lights (no query), the value the light filter reads.

    Read the items through ``item_list`` or after ``lights_current``, which bring the stored lights to today.
    """
    return [
        LedgerRow(
            item=i, light=stored_light(i.light, i.light_reasons), depth=i.number.count("."),
            overdue=bool(i.deadline and i.deadline < today and i.state in OPEN_STATES),
        )
        for i in items
    ]


def calendar_warning(rows: list[LedgerRow], *, today: dt.date) -> str:
    """The warning naming the years the official calendar lacks, if any row's light counted calendar days."""
    flagged = [r.item for r in rows if r.light is not None and r.light.calendar_unknown]
    years = unknown_years(d for i in flagged for d in (today, i.start_day, i.deadline))
    return calendar_unknown_message(years) if years else ""



@dataclass(frozen=True)
class MultiFilter:
    """One multi-choice filter of the page (a dropdown of check boxes): its options and what is chosen."""

    name: str
    label: str | Promise
    options: Sequence[tuple[object, str | Promise]]
    selected: tuple[object, ...]

    @property
    def options_html(self) -> SafeString:
        """The check boxes, built here: a liaison's source filter alone holds a thousand and more,
        and rendering them through the template engine was most of the page's time."""
        chosen, name = set(self.selected), html.escape(self.name)
        boxes = (
            f'<div class="form-check">\n          <input class="form-check-input" type="checkbox" '
            f'name="{name}" value="{html.escape(str(value))}" id="f-{name}-{n}"'
            f'{" checked" if value in chosen else ""}>\n          '
            f'<label class="form-check-label small" for="f-{name}-{n}">{html.escape(str(label))}</label>'
            "\n        </div>"
            for n, (value, label) in enumerate(self.options, start=1)
        )
        return mark_safe("".join(boxes))  # noqa: S308 - every value and label escaped above

    @property
    def summary(self) -> str:
        chosen = [str(label) for value, label in self.options if value in self.selected]
        if not chosen:
            return _("any")
        if len(chosen) <= 2:  # noqa: PLR2004 - two names still fit the button
            return "、".join(chosen)
        return _("%(n)d selected") % {"n": len(chosen)}


@dataclass(frozen=True)
class SortLink:
    """A sortable column header: the ``sort`` value its link asks for, and whether it is the current order."""

    param: str
    active: bool
    descending: bool


def sort_links(filters: ItemFilters) -> dict[str, SortLink]:
    """Per column, a link that sorts by it ascending, or reverses it if it is the current order."""
    links = {}
    for key in SortKey:
        active = filters.sort == key
        reverse = active and not filters.descending
        param = f"-{key.value}" if reverse else key.value
        links[key.value] = SortLink(param, active, active and filters.descending)
    return links


def _choices(user: Viewer, filters: ItemFilters, *, source: Source | None) -> dict[str, Any]:
    """The filter widgets; a filter with fewer than two choices (a liaison's own unit) is not offered."""
    choices = ledger_choices(user, with_sources=source is None)
    multi = [
        MultiFilter("source", _("Source"), choices.sources, filters.sources),
        MultiFilter("unit", _("Unit"), choices.units, filters.units),
        # Offered only when a link asked for it (statistics, cockpit): beside "unit" it would confuse.
        *([MultiFilter("lead", _("Lead unit"), choices.units, filters.lead_units)] if filters.lead_units
          else []),
        MultiFilter("leader", _("Leader in charge"), choices.leaders, filters.leaders),
        MultiFilter("state", _("Status"), choices.states, filters.states),
        MultiFilter("light", _("Light"), list(COLOUR_WORDS.items())[:-1], filters.lights),
    ]
    return {
        "multi_filters": [m for m in multi if len(m.options) > 1],
        "tags": choices.tags,
        "presets": list(PRESET_LABELS.items()),
        "page_sizes": PAGE_SIZES,
        "sorts": sort_links(filters),
    }


def _selection(request: HttpRequest, source: Source | None) -> str:
    query = request.GET.copy()
    for name in ("page", "size"):
        query.pop(name, None)
    if source is not None:
        query.setlist("source", [str(source.pk)])
    return query.urlencode()


def _render_ledger(request: HttpRequest, *, source: Source | None) -> HttpResponse:
    """Parse the filters (one parser for page, export and API) → scoped selector → one page of rows."""
    today = clock.today()
    errors: list[str] = []
    try:
        filters = parse_item_filters(request.GET, today=today)
    except FilterError as error:
        filters, errors = ItemFilters(), list(error.fields.values())
    if source is not None:
        filters = replace(filters, sources=(source.pk,))
    items = item_list(user=request.user, filters=filters, today=today)
    page = Paginator(items.none() if errors else items, filters.page_size).get_page(filters.page)
    rows = ledger_rows(list(page.object_list), today=today)
    context = {
        "source": source, "filters": filters, "filter_errors": errors, "page": page, "today": today,
        "rows": rows, "calendar_warning": calendar_warning(rows, today=today),
        "may_register": policy.may_register(request.user),
        "export_url": optional_url("reports:ledger_export"),
        "import_url": optional_url("reports:ledger_import"),
        # A review meeting (a higher app) takes the items this filter shows; the source page's too.
        "meeting_url": optional_url("meetings:list"),
        "meeting_selection": _selection(request, source),
        **_choices(request.user, filters, source=source),
    }
    return render(request, "supervision/ledger.html", context, status=400 if errors else 200)


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    """All sources' ledgers, as far as the user's scope reaches."""
    return _render_ledger(request, source=None)


@login_required
def source_ledger(request: HttpRequest, source_id: int) -> HttpResponse:
    """A source's page is its ledger."""
    return _render_ledger(request, source=source_or_404(request, source_id))


def _assign_all(actor: User, items: list[Item]) -> list[tuple[Item, str]]:
    """Assign every chosen draft through the bulk path, all or nothing; (item, message) per refused row."""
    by_id = {i.pk: i for i in items}
    result = items_assign(actor=actor, item_ids=list(by_id))
    return [(by_id[e.item_id], e.message) for e in result.errors]


def _urge_all(actor: User, items: list[Item]) -> list[tuple[Item, str]]:
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
        errors = _assign_all(signed_in(request.user), items)
        done = _("%(n)d items assigned.")
    else:
        errors = _urge_all(signed_in(request.user), items)
        done = _("%(n)d items urged.")
    for item, message in errors:
        messages.error(request, _("Row %(number)s “%(title)s”: %(message)s") % {
            "number": item.number, "title": item.title, "message": message})
    if errors and form.cleaned_data["op"] == "assign":
        messages.error(request, _("Nothing was assigned: fix the rows above and try again."))
    else:
        messages.success(request, done % {"n": len(items) - len(errors)})
    return HttpResponseRedirect(target)

