"""Importing the ledger sheet (督办台账导入): create or update items of one source.

The sheet is read and checked whole before anything is written: every problem
is reported with its row and column ("Row 5, 完成时限: …"), and if there is
any, nothing changes. Then every row goes through the tree services
(``item_create`` / ``item_update``, each audited) inside one transaction.

- 序号 decides the place in the tree: 1.2 is the second child of 1. A 序号 that
  already exists in the source updates that item; a new one must come next
  among its siblings (no gaps), so the ledger keeps the numbers of the sheet.
- Units are matched by name or short name, people by name ("张三（局长）" works
  too); a leader in charge is looked for among leaders, a responsible person
  first in the lead unit. Unknown or ambiguous names are errors.
- On an update, an empty cell leaves the field as it is. 进展情况, 状态, 来源 and
  灯 are the export's read-only columns and are ignored.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from duban.core.errors import DomainError, ErrorCode
from duban.org.models import LeaderUnit, Person, Unit
from duban.reports import sheet_format as fmt
from duban.supervision.models import Item, Source
from duban.supervision.policy import check_register
from duban.supervision.services.bulk import ImportResult, ItemRow, items_import

__all__ = ["Directory", "ImportResult", "ledger_import", "read_sheet"]

HEADER_SEARCH_ROWS = 10
MAX_ERRORS_IN_MESSAGE = 20
TITLE_MAX = 500
_NAME_WITH_POSITION = re.compile(r"^(?P<name>.+?)\s*[（(].*[)）]$")


@dataclass
class RowPlan:
    """One checked row: what the item should look like."""

    row: int
    number: str
    fields: dict[str, Any] = field(default_factory=dict)
    cooperating: list[Unit] | None = None


class _Errors:
    """Errors keyed by "Row n, column" so forms and the API can show each one."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.items: dict[str, str] = {}

    def add(self, row: int, column: str, problem: str) -> None:
        where = _("Row %(row)d, %(column)s") % {"row": row, "column": column}
        self.items.setdefault(where, f"{where}: {problem}")

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = list(self.items.values())[:MAX_ERRORS_IN_MESSAGE]
        more = len(self.items) - len(shown)
        head = _("%(file)s: nothing was imported; correct these %(count)d problems and upload again.") % {
            "file": self.filename,
            "count": len(self.items),
        }
        tail = [_("… and %(count)d more.") % {"count": more}] if more else []
        raise DomainError(ErrorCode.IMPORT_FAILED, "\n".join([head, *shown, *tail]), fields=dict(self.items))


# --- Reading the file -----------------------------------------------------------------


def _file_error(filename: str, message: str, column: str | None = None) -> DomainError:
    return DomainError(ErrorCode.IMPORT_FAILED, f"{filename}: {message}", field=column or "file")


def read_sheet(data: bytes, filename: str) -> tuple[int, dict[str, int], list[tuple[int, tuple[Any, ...]]]]:
    """(header row, column index per known header, data rows with their sheet row numbers)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xls":
        raise _file_error(
            filename, _("the old .xls format is not supported; save the file as .xlsx in Excel.")
        )
    if suffix not in (".xlsx", ".xlsm"):
        raise _file_error(filename, _("not an Excel file (.xlsx expected)."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _file_error(filename, _("the file is damaged or not an Excel workbook.")) from exc
    sheet = book[fmt_sheet_name(book.sheetnames)]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    header_index, columns = _find_header(rows, filename)
    body = [
        (header_index + n, row)
        for n, row in enumerate(rows[header_index:], start=1)
        if any(cell is not None and str(cell).strip() for cell in row)
    ]
    if not body:
        raise _file_error(filename, _("the sheet has no rows below its header."))
    return header_index, columns, body


def fmt_sheet_name(names: list[str]) -> str:
    """The sheet named 督办台账 if there is one, else the first."""
    return "督办台账" if "督办台账" in names else names[0]


def _find_header(rows: list[tuple[Any, ...]], filename: str) -> tuple[int, dict[str, int]]:
    """The first row (within the first ten) with 序号 and 事项; columns by canonical header."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        texts = [fmt.header_text(v) for v in row]
        columns: dict[str, int] = {}
        for canonical, aliases in fmt.ALIASES.items():
            for position, text in enumerate(texts):
                if text in aliases:
                    columns.setdefault(canonical, position)
        if fmt.NUMBER in columns and fmt.TITLE in columns:
            missing = [name for name in fmt.REQUIRED if name not in columns]
            if missing:
                raise _file_error(
                    filename,
                    _("the header row %(row)d lacks the column(s) %(columns)s.")
                    % {"row": index, "columns": "、".join(missing)},
                    column=missing[0],
                )
            return index, columns
    raise _file_error(
        filename,
        _("no header row with the columns %(columns)s was found in the first %(n)d rows.")
        % {"columns": "、".join(fmt.REQUIRED), "n": HEADER_SEARCH_ROWS},
        column=fmt.NUMBER,
    )


# --- Looking names up (all loaded once: no query per row) --------------------------------


class Directory:
    """Units and people by name, loaded in three queries."""

    def __init__(self) -> None:
        self.units: dict[str, list[Unit]] = defaultdict(list)
        for unit in Unit.objects.all():
            self.units[unit.name].append(unit)
            if unit.short_name and unit.short_name != unit.name:
                self.units[unit.short_name].append(unit)
        self.people: dict[str, list[Person]] = defaultdict(list)
        for person in Person.objects.all():
            self.people[person.name].append(person)
        self.leader_ids = set(LeaderUnit.objects.values_list("leader_id", flat=True))

    def unit(self, name: str) -> Unit:
        found = self.units.get(name, [])
        exact = [u for u in found if u.name == name]
        if len(exact) == 1:
            return exact[0]
        active = [u for u in found if u.is_active] or found
        if not active:
            raise LookupError(_("unknown unit “%(name)s”") % {"name": name})
        if len(active) > 1:
            raise LookupError(_("“%(name)s” names several units; use the full name") % {"name": name})
        return active[0]

    def person(self, text: str, *, prefer: Any) -> Person:
        match = _NAME_WITH_POSITION.match(text)
        name = match["name"] if match else text
        found = [p for p in self.people.get(name, []) if p.is_active] or self.people.get(name, [])
        if len(found) > 1:
            found = [p for p in found if prefer(p)] or found
        if not found:
            raise LookupError(_("unknown person “%(name)s”") % {"name": name})
        if len(found) > 1:
            raise LookupError(_("“%(name)s” names several people") % {"name": name})
        return found[0]


# --- Checking rows ------------------------------------------------------------------------


def _cell(row: tuple[Any, ...], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    return row[index] if index is not None and index < len(row) else None


def _plan_row(
    sheet_row: int, row: tuple[Any, ...], columns: dict[str, int], directory: Directory, errors: _Errors
) -> RowPlan | None:
    number = fmt.number_text(_cell(row, columns, fmt.NUMBER))
    if not fmt.NUMBER_RE.match(number):
        errors.add(
            sheet_row,
            fmt.NUMBER,
            _("“%(value)s” is not a ledger number such as 1, 1.2 or 1.2.3") % {"value": number}
            if number
            else _("the number is missing"),
        )
        return None
    plan = RowPlan(row=sheet_row, number=number)
    title = fmt.cell_text(_cell(row, columns, fmt.TITLE))
    if not title:
        errors.add(sheet_row, fmt.TITLE, _("the item is missing"))
    elif len(title) > TITLE_MAX:
        errors.add(sheet_row, fmt.TITLE, _("longer than %(n)d characters") % {"n": TITLE_MAX})
    else:
        plan.fields["title"] = title
    _plan_units(plan, row, columns, directory, errors)
    _plan_people(plan, row, columns, directory, errors)
    _plan_dates(plan, row, columns, errors)
    if fmt.CONTENT in columns and fmt.cell_text(_cell(row, columns, fmt.CONTENT)):
        plan.fields["content"] = fmt.cell_text(_cell(row, columns, fmt.CONTENT))
    return plan


def _plan_units(
    plan: RowPlan, row: tuple[Any, ...], columns: dict[str, int], directory: Directory, errors: _Errors
) -> None:
    lead = fmt.cell_text(_cell(row, columns, fmt.LEAD))
    if lead:
        try:
            plan.fields["lead_unit"] = directory.unit(lead)
        except LookupError as exc:
            errors.add(plan.row, fmt.LEAD, str(exc))
    names = [n for n in fmt.LIST_SEPARATORS.split(fmt.cell_text(_cell(row, columns, fmt.COOPERATING))) if n]
    if names:
        units = []
        for name in names:
            try:
                units.append(directory.unit(name))
            except LookupError as exc:
                errors.add(plan.row, fmt.COOPERATING, str(exc))
        plan.cooperating = units


def _plan_people(
    plan: RowPlan, row: tuple[Any, ...], columns: dict[str, int], directory: Directory, errors: _Errors
) -> None:
    lead_unit = plan.fields.get("lead_unit")
    for column, key, prefer in (
        (fmt.LEADER, "leader", lambda p: p.pk in directory.leader_ids),
        (fmt.RESPONSIBLE, "responsible", lambda p: lead_unit is not None and p.unit_id == lead_unit.pk),
    ):
        text = fmt.cell_text(_cell(row, columns, column))
        if not text:
            continue
        if len([n for n in fmt.LIST_SEPARATORS.split(text) if n]) > 1:
            errors.add(plan.row, column, _("one person only, “%(value)s” names several") % {"value": text})
            continue
        try:
            plan.fields[key] = directory.person(text, prefer=prefer)
        except LookupError as exc:
            errors.add(plan.row, column, str(exc))


def _plan_dates(plan: RowPlan, row: tuple[Any, ...], columns: dict[str, int], errors: _Errors) -> None:
    for column, key in ((fmt.DEADLINE, "deadline"), (fmt.START, "start_date")):
        value = _cell(row, columns, column)
        try:
            day = fmt.parse_date(value)
        except ValueError:
            errors.add(
                plan.row,
                column,
                _("unrecognised date “%(value)s” (write e.g. 2019-12-31 or 2019年12月31日)")
                % {"value": fmt.cell_text(value)},
            )
            continue
        if day is not None:
            plan.fields[key] = day
    start, deadline = plan.fields.get("start_date"), plan.fields.get("deadline")
    if start and deadline and deadline < start:
        errors.add(plan.row, fmt.DEADLINE, _("the deadline is before the start date"))


def _check_tree(plans: list[RowPlan], existing: dict[str, Item], errors: _Errors) -> None:
    """Numbers unique; a new number's parent exists and it comes next among its siblings."""
    seen: dict[str, int] = {}
    next_position: dict[str, int] = {}
    for number, item in existing.items():
        parent = number.rpartition(".")[0]
        next_position[parent] = max(next_position.get(parent, 0), item.position)
    for plan in sorted(plans, key=lambda p: fmt.number_key(p.number)):
        if plan.number in seen:
            errors.add(
                plan.row,
                fmt.NUMBER,
                _("“%(number)s” is also in row %(other)d")
                % {"number": plan.number, "other": seen[plan.number]},
            )
            continue
        seen[plan.number] = plan.row
        if plan.number in existing:
            continue
        parent, _dot, last = plan.number.rpartition(".")
        if parent and parent not in existing and parent not in seen:
            errors.add(
                plan.row,
                fmt.NUMBER,
                _("its parent “%(parent)s” is neither in the sheet nor in the ledger") % {"parent": parent},
            )
            continue
        expected = next_position.get(parent, 0) + 1
        if int(last) != expected:
            wanted = f"{parent}.{expected}" if parent else str(expected)
            errors.add(
                plan.row,
                fmt.NUMBER,
                _("“%(number)s” leaves a gap; the next number here is “%(wanted)s”")
                % {"number": plan.number, "wanted": wanted},
            )
            continue
        next_position[parent] = expected


# --- Writing ---------------------------------------------------------------------------------


def _rows(plans: list[RowPlan]) -> list[ItemRow]:
    """The checked rows as the bulk service takes them; its errors name the sheet row."""
    return [
        ItemRow(
            number=plan.number,
            fields=plan.fields,
            cooperating_units=plan.cooperating,
            label=_("Row %(row)d") % {"row": plan.row},
        )
        for plan in plans
    ]


def ledger_import(*, actor: Any, source: Source, data: bytes, filename: str) -> ImportResult:
    """Create or update ``source``'s items from the sheet; all or nothing.

    The caller has checked the source is in the actor's scope (``policy.access_source``).
    """
    check_register(actor)
    filename = PurePath(filename or "ledger.xlsx").name
    _header, columns, body = read_sheet(data, filename)
    errors = _Errors(filename)
    directory = Directory()
    plans = [p for sheet_row, row in body if (p := _plan_row(sheet_row, row, columns, directory, errors))]
    existing = {i.number: i for i in Item.objects.filter(source=source).only("number", "position")}
    _check_tree(plans, existing, errors)
    errors.raise_if_any()
    reason = _("Imported from %(file)s") % {"file": filename}
    return items_import(actor=actor, source=source, rows=_rows(plans), deadline_reason=reason)
