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

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from duban.core import sheets
from duban.core.sheets import Change, ChangeKind, Column, Issues, Preview, Record
from duban.org.models import LeaderUnit, Person, Unit, User
from duban.reports import sheet_format as fmt
from duban.supervision.models import Item, Source
from duban.supervision.policy import check_register
from duban.supervision.services.bulk import ImportResult, ItemRow, items_import, items_import_plan

__all__ = ["Directory", "ImportResult", "ledger_import", "ledger_import_preview", "read_sheet"]

HEADER_SEARCH_ROWS = 10
TITLE_MAX = 500
_NAME_WITH_POSITION = re.compile(r"^(?P<name>.+?)\s*[（(].*[)）]$")
COLUMNS = tuple(Column(name, aliases, required=name in fmt.REQUIRED) for name, aliases in fmt.ALIASES.items())
# The sheet column each item field comes from, as the preview names what changes.
FIELD_COLUMNS = {
    "title": fmt.TITLE,
    "lead_unit": fmt.LEAD,
    "cooperating_units": fmt.COOPERATING,
    "leader": fmt.LEADER,
    "responsible": fmt.RESPONSIBLE,
    "deadline": fmt.DEADLINE,
    "start_date": fmt.START,
    "content": fmt.CONTENT,
}


@dataclass
class RowPlan:
    """One checked row: what the item should look like."""

    row: int
    number: str
    fields: dict[str, Any] = field(default_factory=dict)
    cooperating: list[Unit] | None = None


@dataclass(frozen=True)
class LedgerSheet:
    """The sheet as read: its name, the columns its header has, its data rows."""

    name: str
    present: frozenset[str]
    records: list[Record]


# --- Reading the file -----------------------------------------------------------------


def read_sheet(data: bytes, filename: str, issues: Issues) -> LedgerSheet:
    """The ledger sheet (督办台账, else the first) with its header found in the first ten rows.

    Problems of the file raise SheetError; problems of shape and cells go to ``issues``.
    """
    with sheets.open_book(data, filename) as book:
        sheet = book.sheet(fmt_sheet_name(book.names))
    header = sheets.find_header(
        sheet, COLUMNS, issues, anchors=(fmt.NUMBER, fmt.TITLE), search_rows=HEADER_SEARCH_ROWS
    )
    if header is None:
        issues.raise_if_any()
    assert header is not None
    body = list(sheets.records(sheet, header, issues))
    if not body and not issues:
        raise sheets.no_rows(filename, (sheet.name,))
    return LedgerSheet(sheet.name, frozenset(header.index), body)


def fmt_sheet_name(names: list[str]) -> str:
    """The sheet named 督办台账 if there is one, else the first."""
    return "督办台账" if "督办台账" in names else names[0]


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


class _RowIssues:
    """The issues of one sheet, added by row and column."""

    def __init__(self, issues: Issues, sheet: str) -> None:
        self.issues = issues
        self.sheet = sheet

    def add(self, row: int, column: str, problem: str) -> None:
        self.issues.add(self.sheet, row, column, problem)


def _plan_row(
    record: Record, present: frozenset[str], directory: Directory, errors: _RowIssues
) -> RowPlan | None:
    number = fmt.number_text(record[fmt.NUMBER])
    if not fmt.NUMBER_RE.match(number):
        errors.add(
            record.row,
            fmt.NUMBER,
            _("“%(value)s” is not a ledger number such as 1, 1.2 or 1.2.3") % {"value": number}
            if number
            else _("the number is missing"),
        )
        return None
    plan = RowPlan(row=record.row, number=number)
    title = fmt.cell_text(record[fmt.TITLE])
    if not title:
        errors.add(record.row, fmt.TITLE, _("the item is missing"))
    elif len(title) > TITLE_MAX:
        errors.add(record.row, fmt.TITLE, _("longer than %(n)d characters") % {"n": TITLE_MAX})
    else:
        plan.fields["title"] = title
    _plan_units(plan, record, directory, errors)
    _plan_people(plan, record, directory, errors)
    _plan_dates(plan, record, errors)
    if fmt.CONTENT in present and fmt.cell_text(record[fmt.CONTENT]):
        plan.fields["content"] = fmt.cell_text(record[fmt.CONTENT])
    return plan


def _plan_units(plan: RowPlan, record: Record, directory: Directory, errors: _RowIssues) -> None:
    lead = fmt.cell_text(record[fmt.LEAD])
    if lead:
        try:
            plan.fields["lead_unit"] = directory.unit(lead)
        except LookupError as exc:
            errors.add(plan.row, fmt.LEAD, str(exc))
    names = [n for n in fmt.LIST_SEPARATORS.split(fmt.cell_text(record[fmt.COOPERATING])) if n]
    if names:
        units = []
        for name in names:
            try:
                units.append(directory.unit(name))
            except LookupError as exc:
                errors.add(plan.row, fmt.COOPERATING, str(exc))
        plan.cooperating = units


def _plan_people(plan: RowPlan, record: Record, directory: Directory, errors: _RowIssues) -> None:
    lead_unit = plan.fields.get("lead_unit")
    for column, key, prefer in (
        (fmt.LEADER, "leader", lambda p: p.pk in directory.leader_ids),
        (fmt.RESPONSIBLE, "responsible", lambda p: lead_unit is not None and p.unit_id == lead_unit.pk),
    ):
        text = fmt.cell_text(record[column])
        if not text:
            continue
        if len([n for n in fmt.LIST_SEPARATORS.split(text) if n]) > 1:
            errors.add(plan.row, column, _("one person only, “%(value)s” names several") % {"value": text})
            continue
        try:
            plan.fields[key] = directory.person(text, prefer=prefer)
        except LookupError as exc:
            errors.add(plan.row, column, str(exc))


def _plan_dates(plan: RowPlan, record: Record, errors: _RowIssues) -> None:
    for column, key in ((fmt.DEADLINE, "deadline"), (fmt.START, "start_date")):
        value = record[column]
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


def _check_tree(plans: list[RowPlan], existing: dict[str, Item], errors: _RowIssues) -> None:
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


def _checked_rows(*, actor: User, source: Source, data: bytes, filename: str) -> tuple[str, list[RowPlan]]:
    """Read and check the sheet whole; (file name, row plans). Raises SheetError listing every problem."""
    check_register(actor)
    issues = Issues(filename)
    sheet = read_sheet(data, filename, issues)
    errors = _RowIssues(issues, sheet.name)
    directory = Directory()
    plans = [p for record in sheet.records if (p := _plan_row(record, sheet.present, directory, errors))]
    # source_id too: the related manager sets each row's source, which would load a deferred source_id again.
    existing = {i.number: i for i in source.items.only("number", "position", "source_id")}
    _check_tree(plans, existing, errors)
    issues.raise_if_any(order=(filename, sheet.name), columns=[c.name for c in COLUMNS])
    return sheet.name, plans


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


def _base_name(filename: str) -> str:
    return PurePath(filename or "ledger.xlsx").name


def ledger_import_preview(*, actor: User, source: Source, data: bytes, filename: str) -> Preview:
    """What importing the sheet into ``source`` would create and change; writes nothing.

    Raises SheetError listing every problem, as :func:`ledger_import` would.
    """
    filename = _base_name(filename)
    sheet, plans = _checked_rows(actor=actor, source=source, data=data, filename=filename)
    outcome = items_import_plan(actor=actor, source=source, rows=_rows(plans))
    changes = []
    for plan in sorted(plans, key=lambda p: p.row):
        label = f"{plan.number} {plan.fields.get('title', '')}".strip()
        if plan.number in outcome.created:
            changes.append(Change(sheet, plan.row, ChangeKind.CREATE, label))
        elif plan.number in outcome.updated:
            names = _columns(outcome.updated[plan.number])
            changes.append(Change(sheet, plan.row, ChangeKind.UPDATE, label, names))
        else:
            changes.append(Change(sheet, plan.row, ChangeKind.UNCHANGED, label))
    return Preview(filename, changes)


def _columns(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(FIELD_COLUMNS.get(name, name) for name in names)


def ledger_import(*, actor: User, source: Source, data: bytes, filename: str) -> ImportResult:
    """Create or update ``source``'s items from the sheet; all or nothing.

    The caller has checked the source is in the actor's scope (``policy.access_source``).
    """
    filename = _base_name(filename)
    _sheet, plans = _checked_rows(actor=actor, source=source, data=data, filename=filename)
    reason = _("Imported from %(file)s") % {"file": filename}
    return items_import(actor=actor, source=source, rows=_rows(plans), deadline_reason=reason)
