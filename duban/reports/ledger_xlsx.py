"""The ledger spreadsheet (督办台账): export with the usual columns, import of the same sheet.

Export reads through ``selectors.item_list`` (scoped, filtered). Import writes
through ``services.bulk.items_import`` (validated like item_create / item_update), in one transaction,
only after the whole sheet has been checked; see :mod:`duban.reports.ledger_import`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import IO, Any

from django.db.models import OuterRef, QuerySet, Subquery
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from duban.org.scope import Viewer
from duban.reports import sheet_format as fmt
from duban.reports.ledger_import import ImportResult, ledger_import
from duban.supervision.filters import ItemFilters
from duban.supervision.lights import Light, stored_light
from duban.supervision.models import Item, ProgressReport
from duban.supervision.selectors import item_list

__all__ = ["ImportResult", "ledger_export", "ledger_export_write", "ledger_import"]

SHEET_TITLE = "督办台账"
LIGHT_BATCH = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9C1C1C")


def ledger_items(*, user: Viewer, filters: ItemFilters, today: dt.date) -> QuerySet[Item]:
    """The scoped, filtered ledger with each item's latest report text as ``latest_progress``."""
    latest = (  # correlated to the items item_list read through scope
        ProgressReport.objects.filter(item=OuterRef("pk"))  # scoped: by OuterRef to scoped items
        .order_by("-submitted_at", "-id").values("text")[:1]
    )
    return item_list(user=user, filters=filters, today=today).annotate(latest_progress=Subquery(latest))


def ledger_export(*, user: Viewer, filters: ItemFilters, today: dt.date) -> bytes:
    """The ledger in the user's scope as an .xlsx file (bytes)."""
    buffer = io.BytesIO()
    ledger_export_write(buffer, user=user, filters=filters, today=today)
    return buffer.getvalue()


def ledger_export_write(out: IO[bytes], *, user: Viewer, filters: ItemFilters, today: dt.date) -> int:
    """Write the ledger in the user's scope as an .xlsx file to ``out``; return the item count.

    One query for the items (related rows joined, the latest report as a
    subquery), read in chunks of LIGHT_BATCH, each chunk's cooperating units
    prefetched (one query a chunk; the lights are the stored ones). Rows go
    straight into a write-only workbook with a few named styles, so neither the
    items nor the cells pile up in memory.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    _prepare(sheet)
    items = (
        ledger_items(user=user, filters=filters, today=today)
        .prefetch_related(None)
        .prefetch_related("cooperating_units")
    )
    styles = _CellStyles(book)
    count = 0
    for item in items.iterator(chunk_size=LIGHT_BATCH):
        # The stored light (item_list brought it to today): the value the ledger shows and filters.
        sheet.append(_cells(sheet, styles, item, stored_light(item.light, item.light_reasons)))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_HEADERS))}{count + 1}"
    book.save(out)  # openpyxl writes to any binary file object
    return count


def _values(item: Item, light: Light | None) -> list[Any]:
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


_HEADERS = [name for name, _width in fmt.EXPORT_COLUMNS]
_WRAP = [name in fmt.WRAPPED for name in _HEADERS]
_TITLE_COL, _DEADLINE_COL, _LIGHT_COL = (_HEADERS.index(h) for h in (fmt.TITLE, fmt.DEADLINE, fmt.LIGHT))
_INDENTS = 8  # title indent by depth (1 → 0, 1.2 → 1 …), capped


class _CellStyles:
    """The body's few distinct cell styles, each registered once as a named style of the book.

    Setting font, border and alignment cell by cell makes openpyxl hash each style
    object into the workbook's tables, which was most of an export's time.
    A named style is one lookup by name.
    """

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.names: dict[tuple[bool, int, bool, str], str] = {}

    def name(self, *, wrap: bool, indent: int = 0, date: bool = False, fill: str = "") -> str:
        key = (wrap, indent, date, fill)
        found = self.names.get(key)
        if found is None:
            found = f"台账{len(self.names) + 1}"
            style = NamedStyle(
                name=found,
                border=_BORDER,
                alignment=Alignment(vertical="top", wrap_text=wrap, indent=indent),
                number_format="yyyy-mm-dd" if date else "General",
            )
            if fill:
                style.fill = PatternFill("solid", fgColor=fill)
            self.book.add_named_style(style)
            self.names[key] = found
        return found


def _prepare(sheet: Any) -> None:
    """Widths, frozen header and the styled header row (before any row is written)."""
    for index, (_name, width) in enumerate(fmt.EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    sheet.row_dimensions[1].height = 24
    header = []
    for name in _HEADERS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)


def _cells(sheet: Any, styles: _CellStyles, item: Item, light: Light | None) -> list[Cell]:
    """One formatted row: borders, wrapped text, the title indented by depth, dates as dates."""
    depth = min(item.number.count("."), _INDENTS)
    colour = light.colour.value if light is not None else ""
    cells = []
    for col, value in enumerate(_values(item, light)):
        cell = WriteOnlyCell(sheet, value=value)
        cell.style = styles.name(
            wrap=_WRAP[col],
            indent=depth if col == _TITLE_COL else 0,
            date=col == _DEADLINE_COL,
            fill=fmt.LIGHT_FILL.get(colour, "") if col == _LIGHT_COL else "",
        )
        cells.append(cell)
    return cells


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
