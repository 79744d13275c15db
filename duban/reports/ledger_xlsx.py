"""The ledger spreadsheet (督办台账): export with the usual columns, import of the same sheet.

Export reads through ``selectors.item_list`` (scoped, filtered). Import writes
through ``services.bulk.items_import`` (validated like item_create / item_update), in one transaction,
only after the whole sheet has been checked; see :mod:`duban.reports.ledger_import`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from duban.reports import sheet_format as fmt
from duban.reports.ledger_import import ImportResult, ledger_import
from duban.supervision.lights import Light
from duban.supervision.models import Item, ProgressReport
from duban.supervision.selectors import ItemFilters, item_list, light_policy, lights_for

__all__ = ["ImportResult", "ledger_export", "ledger_import", "ledger_workbook"]

SHEET_TITLE = "督办台账"
LIGHT_BATCH = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9C1C1C")


def ledger_items(*, user: object, filters: ItemFilters, today: dt.date) -> QuerySet[Item]:
    """The scoped, filtered ledger with each item's latest report text as ``latest_progress``."""
    latest = (
        ProgressReport.objects.filter(item=OuterRef("pk")).order_by("-submitted_at", "-id").values("text")[:1]
    )
    return item_list(user=user, filters=filters, today=today).annotate(latest_progress=Subquery(latest))


def ledger_export(*, user: object, filters: ItemFilters, today: dt.date) -> bytes:
    """The ledger in the user's scope as an .xlsx file (bytes)."""
    items = list(ledger_items(user=user, filters=filters, today=today))
    lights: dict[int, Light] = {}
    policy = light_policy()  # once, not per batch
    for start in range(0, len(items), LIGHT_BATCH):
        lights.update(lights_for(items[start : start + LIGHT_BATCH], today=today, policy=policy))
    return workbook_bytes(ledger_workbook(items, lights))


def _row(item: Item, light: Light | None) -> list[Any]:
    colour = light.colour.value if light is not None else ""
    return [
        item.number,
        item.title,
        item.lead_unit.name if item.lead_unit else "",
        "、".join(u.name for u in item.cooperating_units.all()),
        item.leader.name if item.leader else "",
        item.responsible.name if item.responsible else "",
        item.deadline,
        getattr(item, "latest_progress", None) or "",
        fmt.STATE_ZH.get(item.state, item.state),
        str(item.source),
        fmt.LIGHT_ZH.get(colour, colour),
    ]


def ledger_workbook(items: Sequence[Item], lights: dict[int, Light]) -> Workbook:
    """A formatted workbook: styled, frozen header, widths, wrapped text, dates as dates."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = SHEET_TITLE
    headers = [name for name, _width in fmt.EXPORT_COLUMNS]
    sheet.append(headers)
    for item in items:
        sheet.append(_row(item, lights.get(item.pk)))
    _format(sheet, headers, items, lights)
    return book


def _format(sheet: Any, headers: list[str], items: Sequence[Item], lights: dict[int, Light]) -> None:
    for index, (_name, width) in enumerate(fmt.EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 24
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(items) + 1)}"
    wrap = {i for i, name in enumerate(headers, start=1) if name in fmt.WRAPPED}
    deadline_col = headers.index(fmt.DEADLINE) + 1
    light_col = headers.index(fmt.LIGHT) + 1
    title_col = headers.index(fmt.TITLE) + 1
    for row_index, item in enumerate(items, start=2):
        for col in range(1, len(headers) + 1):
            cell = sheet.cell(row=row_index, column=col)
            cell.border = _BORDER
            cell.alignment = Alignment(
                vertical="top",
                wrap_text=col in wrap,
                indent=item.number.count(".") if col == title_col else 0,
            )
        sheet.cell(row=row_index, column=deadline_col).number_format = "yyyy-mm-dd"
        light = lights.get(item.pk)
        if light is not None and light.colour.value in fmt.LIGHT_FILL:
            fill = fmt.LIGHT_FILL[light.colour.value]
            sheet.cell(row=row_index, column=light_col).fill = PatternFill("solid", fgColor=fill)


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rows_workbook(headers: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """A plain one-sheet workbook (for tests and templates of the import)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    return workbook_bytes(book)
