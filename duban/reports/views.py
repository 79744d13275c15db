"""Downloads and the upload page: ledger export/import (.xlsx), item timeline (.docx).

Thin views: parse → scope → one report function → respond. Out of scope is 404.
The ledger export reads its query string with the ledger page's and the API's parser
(:func:`duban.supervision.filters.parse_item_filters`): the same filters, presets and order.
"""

from __future__ import annotations

import tempfile
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duban.core import clock
from duban.core.errors import NotFound
from duban.core.uploads import WORKBOOKS, UploadField
from duban.org.scope import Viewer, signed_in
from duban.reports.ledger_import import ImportResult, ledger_import, ledger_import_preview
from duban.reports.ledger_xlsx import XLSX_CONTENT_TYPE, ledger_export_write
from duban.reports.timeline import DOCX_CONTENT_TYPE, item_for_timeline, timeline_docx
from duban.supervision import policy
from duban.supervision.filters import FilterError, parse_item_filters
from duban.supervision.models import Source
from duban.web.forms import StyledForm
from duban.web.importview import handle_import


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or ""
    return response


@login_required
@require_GET
def ledger_export_view(request: HttpRequest) -> HttpResponseBase:
    """The ledger in the user's scope, filtered as on the ledger page, as .xlsx."""
    today = clock.today()
    try:
        filters = parse_item_filters(request.GET, today=today)
    except FilterError as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    # Written to a temporary file and streamed from there: the workbook is never held in memory.
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    try:
        ledger_export_write(handle, user=request.user, filters=filters, today=today)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=f"督办台账-{today:%Y%m%d}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


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


def _imported(result: ImportResult) -> str:
    return _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
        "created": result.created, "updated": result.updated, "unchanged": result.unchanged,
    }


class LedgerImportForm(StyledForm):
    source = forms.ModelChoiceField(queryset=Source.objects.none(), label=gettext_lazy("Source"))
    file = UploadField(
        label=gettext_lazy("Ledger sheet (.xlsx)"),
        help_text=gettext_lazy("Columns 序号, 事项, 牵头单位, 完成时限 (and 配合单位, 分管领导, 责任人)."),
        kinds=WORKBOOKS,
    )

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = policy.sources_visible(user).filter(is_archived=False).order_by("-date", "-id")


@login_required
@require_http_methods(["GET", "POST"])
def ledger_import_view(request: HttpRequest) -> HttpResponse:
    """Upload the ledger sheet, see what it would create and change, confirm (supervision office)."""
    if not policy.may_register(request.user):
        raise DjangoPermissionDenied
    form = LedgerImportForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"source": _int(request.GET.get("source"))},
    )
    return handle_import(
        request,
        form=form,
        purpose=lambda fields: f"ledger:{fields['source'].pk}",
        preview=lambda data, name, fields: ledger_import_preview(
            actor=signed_in(request.user), source=fields["source"], data=data, filename=name
        ),
        perform=lambda data, name, fields: ledger_import(
            actor=signed_in(request.user), source=fields["source"], data=data, filename=name
        ),
        done=_imported,
        then=lambda _result: reverse("supervision:source_ledger", args=[form.cleaned_data["source"].pk]),
        template="reports/ledger_import.html",
        context={},
    )
