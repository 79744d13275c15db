"""Building .xlsx workbooks in memory for the import tests (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

from duban.org.importers import PERSON_COLUMNS, SHEET_PEOPLE, SHEET_UNITS, UNIT_COLUMNS

Row = Sequence[object]


def workbook_bytes(
    units: Iterable[Row] = (),
    people: Iterable[Row] = (),
    *,
    unit_columns: Sequence[str] = UNIT_COLUMNS,
    person_columns: Sequence[str] = PERSON_COLUMNS,
    sheets: Sequence[str] = (SHEET_UNITS, SHEET_PEOPLE),
) -> bytes:
    """A workbook with the given sheets, header rows and data rows."""
    book = Workbook()
    book.remove(book.worksheets[0])
    if SHEET_UNITS in sheets:
        sheet = book.create_sheet(SHEET_UNITS)
        sheet.append(list(unit_columns))
        for row in units:
            sheet.append(list(row))
    if SHEET_PEOPLE in sheets:
        sheet = book.create_sheet(SHEET_PEOPLE)
        sheet.append(list(person_columns))
        for row in people:
            sheet.append(list(row))
    for name in sheets:
        if name not in (SHEET_UNITS, SHEET_PEOPLE):
            book.create_sheet(name)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
