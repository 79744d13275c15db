"""Exporting the key-project sheets (重点项目台账, 重点项目调度表) as .xlsx, streamed.

Rows go straight into a write-only workbook (as the supervision ledger's export,
:mod:`duban.reports.ledger_xlsx`), read in chunks from one scoped query, so neither
the projects nor the cells pile up in memory. The columns are the imports' own
(:mod:`duban.projects.sheet_format`): an exported sheet imports again unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from duban.org.models import Unit
from duban.org.scope import Viewer
from duban.projects import policy
from duban.projects import sheet_format as fmt
from duban.projects.models import MonthlyReport, Project

CHUNK = 2000
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9C1C1C")


def _header(sheet: Any, columns: tuple[tuple[str, int], ...]) -> None:
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"
    cells = []
    for name, _width in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    sheet.append(cells)


def _ledger_projects(user: Viewer, year: int) -> QuerySet[Project]:
    return (
        policy.projects_visible(user)
        .filter(year=year)
        .select_related("area", "lead_unit", "leader", "responsible", "parent")
        .prefetch_related(Prefetch("cooperating_units", queryset=Unit.objects.only("id", "name")))
        .order_by("code", "name", "id")
    )


def _ledger_values(p: Project) -> list[Any]:
    return [
        p.code,
        p.name,
        fmt.KIND_ZH.get(p.kind, p.kind),
        p.area.name if p.area else "",
        p.content,
        fmt.money_cell(p.total_investment),
        fmt.money_cell(p.annual_investment),
        p.planned_start,
        p.planned_finish,
        p.actual_start,
        p.actual_finish,
        fmt.STATUS_ZH.get(p.status, p.status),
        p.lead_unit.name,
        "、".join(u.name for u in p.cooperating_units.all()),
        p.leader.name if p.leader else "",
        p.responsible.name if p.responsible else "",
        p.parent.name if p.parent else "",
    ]


def _write(
    out: IO[bytes], title: str, columns: tuple[tuple[str, int], ...], rows: Iterable[list[Any]]
) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    _header(sheet, columns)
    count = 0
    for values in rows:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    book.save(out)
    return count


def ledger_export_write(out: IO[bytes], *, user: Viewer, year: int) -> int:
    """Write the year's ledger in the user's scope to ``out`` as .xlsx; return the project count."""
    projects = _ledger_projects(user, year).iterator(chunk_size=CHUNK)
    return _write(out, fmt.LEDGER_SHEET, fmt.LEDGER_COLUMNS, (_ledger_values(p) for p in projects))


def _report_projects(user: Viewer, year: int, month: int) -> QuerySet[Project]:
    """The year's projects in scope, each with the month's current report's figures (one query)."""
    current = MonthlyReport.objects.filter(
        project=OuterRef("pk"), year=year, month=month, superseded_by__isnull=True
    ).order_by("-submitted_at", "-id")
    fields = ("month_investment", "ytd_investment", "progress", "problems")
    return (
        policy.projects_visible(user)
        .filter(year=year)
        .select_related("lead_unit")
        .annotate(**{f"r_{name}": Subquery(current.values(name)[:1]) for name in fields})
        .order_by("code", "name", "id")
    )


def _report_values(p: Any) -> list[Any]:
    plan, ytd = p.annual_investment, p.r_ytd_investment
    share = round(100 * ytd / plan, 1) if ytd is not None and plan > 0 else None
    return [
        p.code,
        p.name,
        p.lead_unit.name,
        fmt.money_cell(plan),
        fmt.money_cell(p.r_month_investment),
        fmt.money_cell(ytd),
        float(share) if share is not None else None,
        p.r_progress or "",
        p.r_problems or "",
    ]


def report_sheet_write(out: IO[bytes], *, user: Viewer, year: int, month: int) -> int:
    """Write the month's 调度表 of the year's projects in scope (current reports' figures; blank: none)."""
    projects = _report_projects(user, year, month).iterator(chunk_size=CHUNK)
    return _write(out, fmt.REPORT_SHEET, fmt.REPORT_COLUMNS, (_report_values(p) for p in projects))
