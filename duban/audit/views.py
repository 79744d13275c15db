"""Audit trail pages (留痕): the event list and chain verification.

Supervisors and administrators only (``audit.policy.may_read_audit``); everyone else
gets 404, as for any object outside their scope.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from duban.audit.describe import action_label, object_label, registered_types, type_noun
from duban.audit.models import AuditEvent
from duban.audit.policy import may_read_audit
from duban.audit.selectors import AuditFilters, audit_action_names, audit_event_list, event_rows
from duban.audit.verify import verify_chain

PAGE_SIZE = 50


def history_url(obj: Model) -> str:
    """The audit page filtered to one object (for "history" links on other pages)."""
    query = urlencode({"object_type": obj._meta.label_lower, "object_id": str(obj.pk)})
    return f"{reverse('audit:event_list')}?{query}"


def _check_reader(request: HttpRequest) -> None:
    if not may_read_audit(request.user):
        raise Http404


def _filters(query: QueryDict) -> AuditFilters:
    """Parse the filter form; over-long values are cut to the column widths."""
    return AuditFilters(
        object_type=query.get("object_type", "").strip()[:80],
        object_id=query.get("object_id", "").strip()[:64],
        actor=query.get("actor", "").strip()[:150],
        action=query.get("action", "").strip()[:80],
    )


def _object_types(current: str) -> list[tuple[str, str]]:
    """The object types to filter by, in words (督办事项), sorted by their name."""
    types = {code: type_noun(code) for code in registered_types()}
    if current:
        types.setdefault(current, type_noun(current))
    return sorted(types.items(), key=lambda pair: pair[1])


def _history_of(filters: AuditFilters) -> str:
    """The heading of one object's history: 督办事项“1.2 推进……”."""
    if not filters.is_object_history:
        return ""
    noun, name = type_noun(filters.object_type), object_label(filters.object_type, filters.object_id)
    return _("%(noun)s “%(name)s”") % {"noun": noun, "name": name}


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    _check_reader(request)
    filters = _filters(request.GET)
    page = Paginator(audit_event_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "rows": event_rows(list(page.object_list)),
        "actions": [(name, action_label(name)) for name in audit_action_names()],
        "object_types": _object_types(filters.object_type),
        "history_of": _history_of(filters),
    }
    return render(request, "audit/event_list.html", context)


EXPORT_BATCH = 500


def _export_lines(filters: AuditFilters) -> Iterator[str]:
    """CSV lines: the stored codes beside the words the page shows, one line per changed field."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("No."), _("Time"), _("User"), _("Action code"), _("Action"), _("Object type"), _("Object ID"),
            _("Object"), _("Field code"), _("Field"), _("Before (stored)"), _("After (stored)"), _("Before"),
            _("After"),
        ]
    )
    yield _flush(out)
    events = audit_event_list(filters=filters)
    for start in range(0, events.count(), EXPORT_BATCH):
        for row in event_rows(list(events[start : start + EXPORT_BATCH])):
            e = row.event
            at = localtime(e.at).strftime("%Y-%m-%d %H:%M:%S")
            who = str(e.actor) if e.actor else e.actor_label
            head = [e.seq, at, who, e.action, row.action_label, e.object_type, e.object_id, row.object_label]
            if not row.changes:
                writer.writerow(_cells(head))
            for c in row.changes:
                cells = [*head, c.name, c.label, c.before, c.after, c.shown_before, c.shown_after]
                writer.writerow(_cells(cells))
        yield _flush(out)


def _flush(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def _cells(values: list[object]) -> list[object]:
    """Recorded text that a spreadsheet would run as a formula (=, +, -, @) is quoted."""
    return [f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in values]


@login_required
def event_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered trail as CSV (UTF-8 with BOM for Excel): stored codes and their words side by side."""
    _check_reader(request)
    lines = itertools.chain(["\ufeff"], _export_lines(_filters(request.GET)))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def chain_verify(request: HttpRequest) -> HttpResponse:
    """GET explains; POST walks the whole chain (slow on big logs, hence a button)."""
    _check_reader(request)
    result = verify_chain() if request.method == "POST" else None
    broken = None
    if result is not None and result.broken_seq is not None:
        broken = AuditEvent.objects.select_related("actor").filter(seq=result.broken_seq).first()
    return render(request, "audit/verify.html", {"result": result, "broken": broken})
