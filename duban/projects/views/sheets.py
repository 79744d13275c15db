"""The key-project sheets (重点项目台账, 重点项目调度表): export, and import through preview → confirm.

Thin views over :mod:`duban.projects.export` and :mod:`duban.projects.services.imports` /
``report_import`` with the one import page flow (:func:`duban.web.importview.handle_import`):
a refused workbook lists every problem by sheet, row and column and writes nothing.
The ledger is imported by the project office; the month's report sheet by whoever
reports on projects (a lead unit's liaison files only its own projects' rows).
"""

from __future__ import annotations

import tempfile
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duban.core import clock
from duban.core.uploads import WORKBOOKS, UploadField
from duban.org.scope import Viewer, signed_in
from duban.projects import policy
from duban.projects.export import ledger_export_write, report_sheet_write
from duban.projects.services.imports import ImportResult, ledger_import, ledger_import_preview
from duban.projects.services.report_import import report_import, report_import_preview
from duban.projects.sheet_format import LEDGER_SHEET, REPORT_SHEET
from duban.projects.views.common import may_report_some, require_read
from duban.web.forms import StyledForm
from duban.web.importview import handle_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTHS = [(m, f"{m}月") for m in range(1, 13)]


def _years(user: Viewer) -> list[int]:
    """The plan years of the projects in scope, and this year (newest first)."""
    years = set(policy.projects_visible(user).values_list("year", flat=True).distinct())
    return sorted(years | {clock.today().year}, reverse=True)


class YearForm(StyledForm):
    year = forms.TypedChoiceField(label=gettext_lazy("Plan year"), coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(y, str(y)) for y in years]


class LedgerImportForm(YearForm):
    file = UploadField(
        label=gettext_lazy("Project ledger sheet (.xlsx)"),
        kinds=WORKBOOKS,
        help_text=gettext_lazy(
            "The sheet 重点项目台账 as exported: 项目编号, 项目名称, 项目类型, 牵头单位 …"
        ),
    )


class ReportImportForm(YearForm):
    month = forms.TypedChoiceField(label=gettext_lazy("Month"), coerce=int, choices=MONTHS)
    file = UploadField(
        label=gettext_lazy("Monthly report sheet (.xlsx)"),
        kinds=WORKBOOKS,
        help_text=gettext_lazy("The sheet 重点项目调度表 as exported for the month; blank rows are skipped."),
    )


def _xlsx(write: Any, filename: str) -> FileResponse:
    # Written to a temporary file and streamed from there: the workbook is never held in memory.
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    try:
        write(handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def _number(request: HttpRequest, name: str, default: int, allowed: range) -> int:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and int(value) in allowed else default


@login_required
@require_GET
def ledger_export(request: HttpRequest) -> FileResponse:
    """The year's ledger in the viewer's scope (?year=, default this year)."""
    require_read(request.user)
    year = _number(request, "year", clock.today().year, range(2000, 2101))
    return _xlsx(
        lambda out: ledger_export_write(out, user=request.user, year=year), f"{LEDGER_SHEET}-{year}.xlsx"
    )


@login_required
@require_GET
def report_export(request: HttpRequest) -> FileResponse:
    """The month's report sheet of the year's projects in scope (?year=&month=, default this month)."""
    require_read(request.user)
    today = clock.today()
    year = _number(request, "year", today.year, range(2000, 2101))
    month = _number(request, "month", today.month, range(1, 13))
    return _xlsx(
        lambda out: report_sheet_write(out, user=request.user, year=year, month=month),
        f"{REPORT_SHEET}-{year}-{month:02d}.xlsx",
    )


def _imported(result: ImportResult) -> str:
    return _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


@login_required
@require_http_methods(["GET", "POST"])
def ledger_import_view(request: HttpRequest) -> HttpResponse:
    """Upload the ledger sheet, see what it would create and change, confirm (the project office)."""
    if not policy.may_edit_projects(request.user):
        raise Http404
    actor = signed_in(request.user)
    form = LedgerImportForm(
        request.POST or None,
        request.FILES or None,
        years=_years(request.user),
        initial={"year": clock.today().year},
    )
    return handle_import(
        request,
        form=form,
        purpose=lambda f: f"projects-ledger:{f['year']}",
        preview=lambda data, name, f: ledger_import_preview(
            actor=actor, year=f["year"], data=data, filename=name
        ),
        perform=lambda data, name, f: ledger_import(actor=actor, year=f["year"], data=data, filename=name),
        done=_imported,
        then=lambda _result: reverse("projects:ledger"),
        template="projects/import.html",
        context={"heading": _("Import the project ledger"), "export_url": reverse("projects:export")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_import_view(request: HttpRequest) -> HttpResponse:
    """Upload a month's report sheet: each row files that project's report, or a correction."""
    if not may_report_some(request.user):
        raise Http404
    actor, today = signed_in(request.user), clock.today()
    form = ReportImportForm(
        request.POST or None,
        request.FILES or None,
        years=_years(request.user),
        initial={"year": today.year, "month": today.month},
    )
    return handle_import(
        request,
        form=form,
        purpose=lambda f: f"projects-reports:{f['year']}-{f['month']}",
        preview=lambda data, name, f: report_import_preview(
            actor=actor, year=f["year"], month=f["month"], data=data, filename=name
        ),
        perform=lambda data, name, f: report_import(
            actor=actor, year=f["year"], month=f["month"], data=data, filename=name
        ),
        done=_imported,
        then=lambda _result: reverse("projects:ledger"),
        template="projects/import.html",
        context={
            "heading": _("Import the monthly report sheet"),
            "export_url": reverse("projects:report_export"),
        },
    )
