"""Spreadsheet imports (表格导入): the one way a workbook is opened, read, checked and previewed.

Organisation, ledger, and the coming indicator and project imports share it:

- :func:`open_book` runs the upload check (size against ``settings.UPLOAD_MAX_BYTES``,
  .xlsx by content and parts, and the zip *before* parsing it — the members'
  unpacked size and count — so a zip bomb is refused unread); a workbook with no
  data at all is refused with a message saying so.
- :meth:`Book.sheet` gives a sheet's rows, its merged ranges and its formula
  cells that carry no computed (cached) value; :func:`find_header` maps header
  texts to columns and :func:`records` yields the data rows, reporting merged
  cells and uncomputed formulas as such, at their sheet, row and column.
- An importer collects every problem in :class:`Issues` (messages in the user's
  language) and raises :class:`SheetError` if there is any: nothing is written.
  Otherwise it describes what it would do as a :class:`Preview` (the preview
  step) and, once confirmed, writes everything in one transaction.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import TracebackType
from typing import Any
from xml.etree import ElementTree

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from duban.core import uploads
from duban.core.errors import DomainError, ErrorCode

# A zip bomb is refused by the upload check (duban_extract.container, from the
# zip's directory, before openpyxl inflates anything).
MAX_ISSUES_IN_MESSAGE = 20

_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|t)[\s>]")


# --- Problems ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """One problem, located as precisely as the workbook allows (sheet, row as Excel numbers it, column)."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    @property
    def location(self) -> str:
        if self.row is not None and self.column:
            return _("%(sheet)s row %(row)d, %(column)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "column": self.column,
            }
        if self.row is not None:
            return _("%(sheet)s row %(row)d") % {"sheet": self.sheet, "row": self.row}
        if self.column:
            return _("%(sheet)s, column %(column)s") % {"sheet": self.sheet, "column": self.column}
        return self.sheet

    def __str__(self) -> str:
        if self.row is None and self.column is None and self.message.startswith(self.sheet):
            return self.message  # a refusal of the file that names it already
        return f"{self.location}: {self.message}"


class SheetError(DomainError):
    """The workbook was refused; ``issues`` lists every problem found and nothing was written."""

    def __init__(self, filename: str, issues: Sequence[Issue]) -> None:
        self.filename = filename
        self.issues = list(issues)
        head = _("%(file)s: %(count)d problem(s) found; nothing was imported.") % {
            "file": filename,
            "count": len(self.issues),
        }
        shown = [str(i) for i in self.issues[:MAX_ISSUES_IN_MESSAGE]]
        more = len(self.issues) - len(shown)
        tail = [_("… and %(count)d more.") % {"count": more}] if more else []
        super().__init__(
            ErrorCode.IMPORT_FAILED,
            "\n".join([head, *shown, *tail]),
            fields={i.location: i.message for i in self.issues},
        )
        self.summary = head


class Issues:
    """Problems collected while reading and checking; the first one per place is kept."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._items: dict[tuple[str, int | None, str | None], Issue] = {}
        self._merged: set[tuple[str, int | None, str | None]] = set()

    def add(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        if (sheet, row, column) in self._merged:
            return  # a cell of a reported merge: the merge is the problem, not its emptiness
        self._items.setdefault((sheet, row, column), Issue(sheet, row, column, message))

    def add_merged(self, sheet: str, cells: Iterable[tuple[int, str]], message: str) -> None:
        """Report a merged range once, at its first cell; other problems of its cells are not reported."""
        places = list(cells)
        row, column = places[0]
        self._items.setdefault((sheet, row, column), Issue(sheet, row, column, message))
        self._merged.update((sheet, r, c) for r, c in places)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def raise_if_any(self, order: Sequence[str] = (), columns: Sequence[str] = ()) -> None:
        """Raise SheetError listing the problems by sheet (in ``order``), row and column (in ``columns``)."""
        if not self._items:
            return

        def key(issue: Issue) -> tuple[int, int, int]:
            return (
                order.index(issue.sheet) if issue.sheet in order else -1,
                issue.row or 0,
                columns.index(issue.column) if issue.column in columns else -1,
            )

        raise SheetError(self.filename, sorted(self._items.values(), key=key))


def refuse(filename: str, message: str) -> SheetError:
    """A refusal of the whole file (no sheet, row or column to name)."""
    return SheetError(filename, [Issue(filename, None, None, message)])


# --- Opening ----------------------------------------------------------------------------------


def open_book(data: bytes, filename: str) -> Book:
    """Check and open a workbook; use it as a context manager so the file is closed.

    Raises SheetError naming the file if it is too large, not an .xlsx by its
    content, a zip bomb, unreadable, or holds no data in any sheet.
    """
    try:
        uploads.bytes_check(data, filename, kinds=uploads.WORKBOOKS)
    except DomainError as exc:
        raise refuse(filename, exc.message) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
        ElementTree.ParseError,
    ) as exc:
        raise refuse(
            filename, _("The file cannot be read as an .xlsx workbook (damaged, or another format renamed).")
        ) from exc
    book = Book(filename, workbook, zipfile.ZipFile(io.BytesIO(data)))
    if not any(_VALUE.search(book.part(name)) for name in book.names):
        book.close()
        raise refuse(
            filename,
            _("The workbook is empty: no sheet holds any data. Fill in the template and upload it again."),
        )
    return book


@dataclass(frozen=True)
class CellRange:
    ref: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int


@dataclass
class Sheet:
    """One sheet as read: rows from row 1 (values, cached results for formulas)."""

    name: str
    rows: list[tuple[Any, ...]]
    merged: list[CellRange] = field(default_factory=list)
    uncomputed: frozenset[str] = frozenset()  # cell refs (B5) of formulas without a cached value


class Book:
    """An open workbook; its sheets are read on demand."""

    def __init__(self, filename: str, workbook: Any, archive: zipfile.ZipFile) -> None:
        self.filename = filename
        self._workbook = workbook
        self._archive = archive
        self.names: list[str] = list(workbook.sheetnames)

    def __enter__(self) -> Book:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._workbook.close()
        self._archive.close()

    def part(self, name: str) -> bytes:
        """The sheet's XML as stored (openpyxl's read-only sheet knows its part's path)."""
        path = getattr(self._workbook[name], "_worksheet_path", None)
        if not path:  # a chartsheet: no cells
            return b""
        return self._archive.read(path)

    def sheet(self, name: str) -> Sheet:
        xml = self.part(name)
        rows = list(self._workbook[name].iter_rows(values_only=True))
        return Sheet(name=name, rows=rows, merged=_merged(xml), uncomputed=_uncomputed(xml))


def _merged(xml: bytes) -> list[CellRange]:
    if b"mergeCell" not in xml:
        return []
    found = []
    for match in _MERGE_REF.finditer(xml):
        ref = match.group(1).decode()
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        found.append(CellRange(ref, min_col or 1, min_row or 1, max_col or 1, max_row or 1))
    return found


def _uncomputed(xml: bytes) -> frozenset[str]:
    """Formula cells saved without a computed value (written by a program, never opened in Excel)."""
    if not _FORMULA.search(xml):
        return frozenset()
    found: set[str] = set()
    # The same parser openpyxl reads the sheet with: expat (>= 2.4 refuses entity
    # expansion bombs) and no external entities are fetched.
    for _event, element in ElementTree.iterparse(io.BytesIO(xml), events=("end",)):  # noqa: S314
        tag = element.tag.rpartition("}")[2]
        if tag == "c":
            if _without_value(element) and element.get("r"):
                found.add(str(element.get("r")))
            element.clear()
        elif tag == "row":
            element.clear()
    return frozenset(found)


def _without_value(cell: ElementTree.Element) -> bool:
    """A formula cell with no cached result: no <v>, or an empty <v> on a non-text cell.

    Excel stores an empty text result as ``t="str"`` with ``<v></v>``; programs
    that write formulas without computing them (openpyxl, many exporters) leave
    an empty or missing ``<v>`` on a cell of the default numeric type.
    """
    parts = {child.tag.rpartition("}")[2]: child for child in cell}
    if "f" not in parts:
        return False
    value = parts.get("v")
    if value is None:
        return True
    return not (value.text or "") and cell.get("t") not in ("str", "inlineStr")


# --- Reading rows -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column an import reads: its name in the sheet, other headers accepted for it, required or not."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def matches(self, text: str) -> bool:
        return text == self.name or text in self.aliases


@dataclass(frozen=True)
class Header:
    row: int  # as Excel numbers it
    index: Mapping[str, int]  # column name → position (0-based)


@dataclass(frozen=True)
class Record:
    """One data row: its Excel row number and the values of the columns found, by column name."""

    row: int
    cells: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.cells.get(name)


def header_text(value: object) -> str:
    """A header cell without spaces, line breaks and the required-field star."""
    return re.sub(r"[\s*＊]", "", str(value)) if value is not None else ""


def cell_text(value: object) -> str:
    """A cell as text: numbers typed into text columns (phones, 1.0 for 1) lose a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def find_header(
    sheet: Sheet,
    columns: Sequence[Column],
    issues: Issues,
    *,
    anchors: Sequence[str] = (),
    search_rows: int = 1,
) -> Header | None:
    """The first row (within ``search_rows``) holding the ``anchors`` columns (default: the first column).

    Missing required columns are issues at the header row; None if no row qualifies
    (then an issue says which columns were looked for).
    """
    wanted = list(anchors) or [columns[0].name]
    for number, values in enumerate(sheet.rows[:search_rows], start=1):
        texts = [header_text(v) for v in values]
        index: dict[str, int] = {}
        for column in columns:
            position = next((i for i, text in enumerate(texts) if column.matches(text)), None)
            if position is not None:
                index[column.name] = position
        if all(name in index for name in wanted):
            missing = [c.name for c in columns if c.required and c.name not in index]
            for name in missing:
                issues.add(
                    sheet.name,
                    number,
                    name,
                    _("Column “%(column)s” is missing from the header row.") % {"column": name},
                )
            return None if missing else Header(number, index)
    issues.add(
        sheet.name,
        None,
        None,
        _("No header row with the columns %(columns)s was found in the first %(n)d row(s).")
        % {"columns": "、".join(c.name for c in columns if c.required), "n": search_rows},
    )
    return None


def records(sheet: Sheet, header: Header, issues: Issues) -> Iterator[Record]:
    """The data rows below the header, blank rows skipped; merged and uncomputed cells reported."""
    by_position = {position: name for name, position in header.index.items()}
    _report_merged(sheet, header, by_position, issues)
    for number, values in enumerate(sheet.rows[header.row :], start=header.row + 1):
        if all(v is None or cell_text(v) == "" for v in values):
            continue
        if sheet.uncomputed:
            for position, name in by_position.items():
                ref = f"{get_column_letter(position + 1)}{number}"
                if ref in sheet.uncomputed:
                    issues.add(
                        sheet.name,
                        number,
                        name,
                        _(
                            "Cell %(cell)s holds a formula without a computed value (the file was written "
                            "by a program, not saved by Excel): open it in Excel or WPS, save it and upload "
                            "again, or type the value."
                        )
                        % {"cell": ref},
                    )
        yield Record(
            number, {name: values[p] if p < len(values) else None for name, p in header.index.items()}
        )


def _report_merged(sheet: Sheet, header: Header, by_position: Mapping[int, str], issues: Issues) -> None:
    """A merged range reaching a data row of a read column leaves all but its first cell empty."""
    for cells in sheet.merged:
        if cells.max_row <= header.row:
            continue  # a title or header merged above the data: harmless
        names = [by_position[p - 1] for p in range(cells.min_col, cells.max_col + 1) if p - 1 in by_position]
        if not names:
            continue
        rows = range(max(cells.min_row, header.row + 1), cells.max_row + 1)
        issues.add_merged(sheet.name, [(row, name) for row in rows for name in names], _(
            "Cells %(cells)s are merged; unmerge them and fill in every row (a merged cell leaves the "
            "rows below it empty)."
        ) % {"cells": cells.ref})


# --- The preview step -------------------------------------------------------------------------


class ChangeKind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Change:
    """What one row would do: create, update (naming the fields) or leave as it is."""

    sheet: str
    row: int
    kind: ChangeKind
    label: str
    fields: tuple[str, ...] = ()


@dataclass
class Preview:
    """What an import would create and change; shown before the user confirms. Nothing is written."""

    filename: str
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def created(self) -> int:
        return self.count(ChangeKind.CREATE)

    @property
    def updated(self) -> int:
        return self.count(ChangeKind.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(ChangeKind.UNCHANGED)

    def shown(self) -> list[Change]:
        """The rows that change something, in sheet order."""
        return [c for c in self.changes if c.kind != ChangeKind.UNCHANGED]


def no_rows(filename: str, sheets: Iterable[str]) -> SheetError:
    """Refuse a workbook whose sheets hold a header but no data row."""
    return refuse(
        filename,
        _("Nothing to import: the sheet(s) %(sheets)s have no rows below the header.")
        % {"sheets": "、".join(sheets)},
    )
