"""Downloads and the upload page: ledger export/import (.xlsx), item timeline (.docx).

Thin views: parse → scope → one report function → respond. Out of scope is 404.
The ledger filters use the same query-string names as the ledger page and the API:
``source, unit, leader, state (repeat), light (repeat), deadline_from, deadline_to,
tag, q, overdue=1, roots=1``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.reports.ledger_xlsx import XLSX_CONTENT_TYPE, ledger_export, ledger_import
from duban.reports.timeline import DOCX_CONTENT_TYPE, item_for_timeline, timeline_docx
from duban.supervision import policy
from duban.supervision.models import Source
from duban.supervision.selectors import ItemFilters
from duban.web.forms import apply_domain_error


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


def filters_from_query(query: QueryDict) -> ItemFilters:
    """The ledger filters from a query string; unreadable values are ignored."""
    return ItemFilters(
        source=_int(query.get("source")),
        unit=_int(query.get("unit")),
        leader=_int(query.get("leader")),
        states=tuple(s for s in query.getlist("state") if s),
        lights=tuple(s for s in query.getlist("light") if s),
        deadline_from=_date(query.get("deadline_from")),
        deadline_to=_date(query.get("deadline_to")),
        tag=query.get("tag", "").strip()[:40],
        q=query.get("q", "").strip()[:100],
        overdue_only=query.get("overdue") in ("1", "on", "true"),
        roots_only=query.get("roots") in ("1", "on", "true"),
    )


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or ""
    return response


@login_required
@require_GET
def ledger_export_view(request: HttpRequest) -> HttpResponse:
    """The ledger in the user's scope, filtered as on the ledger page, as .xlsx."""
    today = clock.today()
    data = ledger_export(user=request.user, filters=filters_from_query(request.GET), today=today)
    return _download(data, XLSX_CONTENT_TYPE, f"督办台账-{today:%Y%m%d}.xlsx")


@login_required
@require_GET
def item_timeline_view(request: HttpRequest, item_id: int) -> HttpResponse:
    """One item's progress timeline as .docx; 404 out of scope."""
    try:
        item = item_for_timeline(user=request.user, item_id=item_id)
    except NotFound as exc:
        raise Http404 from exc
    data = timeline_docx(item, generated_at=clock.now())
    return _download(
        data, DOCX_CONTENT_TYPE, f"进展时间轴-{item.number or item.pk}-{clock.today():%Y%m%d}.docx"
    )


class LedgerImportForm(forms.Form):
    source = forms.ModelChoiceField(queryset=Source.objects.none(), label=gettext_lazy("Source"))
    file = forms.FileField(
        label=gettext_lazy("Ledger sheet (.xlsx)"),
        help_text=gettext_lazy("Columns 序号, 事项, 牵头单位, 完成时限 (and 配合单位, 责任领导, 责任人)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = policy.sources_visible(user).filter(is_archived=False).order_by("-date", "-id")
        for bound in self.fields.values():
            bound.widget.attrs.setdefault("class", "form-select" if bound is field else "form-control")


@login_required
@require_http_methods(["GET", "POST"])
def ledger_import_view(request: HttpRequest) -> HttpResponse:
    """Upload the ledger sheet to create or update a source's items (supervision office)."""
    if not policy.may_register(request.user):
        raise DjangoPermissionDenied
    form = LedgerImportForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"source": _int(request.GET.get("source"))},
    )
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > settings.UPLOAD_MAX_BYTES:
                raise DomainError(
                    ErrorCode.FILE_TOO_LARGE,
                    _("%(file)s: the file is larger than 20 MB.") % {"file": upload.name},
                    field="file",
                )
            result = ledger_import(
                actor=request.user,
                source=form.cleaned_data["source"],
                data=upload.read(),
                filename=upload.name or "",
            )
        except DomainError as error:
            if "file" in error.fields or not error.fields:
                apply_domain_error(form, error)
            else:
                form.add_error(None, error.message.split("\n")[0])
                row_errors = list(error.fields.values())
        else:
            messages.success(
                request,
                _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            form = LedgerImportForm(user=request.user, initial={"source": form.cleaned_data["source"].pk})
    return render(request, "reports/ledger_import.html", {"form": form, "row_errors": row_errors})
