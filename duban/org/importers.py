"""Import of units and people from an .xlsx workbook (组织机构导入).

The workbook has two sheets:

- ``单位``: 单位名称, 简称, 类型, 上级单位, 排序 — a unit may name a parent defined
  further down the sheet; a unit whose name exists is updated, else created.
- ``人员``: 姓名, 职务, 所在单位, 电话, 邮箱, 分管单位 — a person is matched by name
  within their unit; 分管单位 lists the units a leader oversees, separated by
  、 or ， (the row states the whole list: an empty cell clears it).

Opening, reading and reporting go through :mod:`duban.core.sheets`: every
problem is collected with its sheet, row and column; nothing is written unless
the whole workbook is valid. :func:`org_import_preview` says what an import
would create and change without writing; :func:`org_import` writes it all in
one transaction through the audited services.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from duban.audit.services import audit_record
from duban.core import sheets
from duban.core.sheets import Change, ChangeKind, Column, Issues, Preview
from duban.org import services
from duban.org.models import Person, Unit, UnitKind
from duban.org.services import Actor

SHEET_UNITS = "单位"
SHEET_PEOPLE = "人员"
UNIT_COLUMNS = ("单位名称", "简称", "类型", "上级单位", "排序")
PERSON_COLUMNS = ("姓名", "职务", "所在单位", "电话", "邮箱", "分管单位")

# The kind labels the workbook uses (类型 column), in the order the template lists them.
KIND_LABELS: dict[str, UnitKind] = {
    "党工委": UnitKind.PARTY_COMMITTEE,
    "管委会": UnitKind.ADMIN_COMMITTEE,
    "部门": UnitKind.DEPARTMENT,
    "乡镇": UnitKind.TOWN,
    "片区": UnitKind.AREA,
    "国有企业": UnitKind.STATE_FIRM,
    "外部单位": UnitKind.OUTSIDE,
}
LIST_SEPARATORS = re.compile(r"[、，,;；\n]+")
DEFAULT_SORT_ORDER = 100

# The column each field comes from, as the preview names what changes.
UNIT_FIELD_COLUMNS = {"short_name": "简称", "kind": "类型", "parent": "上级单位", "sort_order": "排序"}
PERSON_FIELD_COLUMNS = {"position": "职务", "phone": "电话", "email": "邮箱", "oversees": "分管单位"}

Say = Callable[[str], None]

# Kept for callers that name them: the shared framework's issue and refusal.
ImportIssue = sheets.Issue
OrgImportError = sheets.SheetError


@dataclass(frozen=True)
class UnitRow:
    row: int
    name: str
    short_name: str
    kind_label: str
    kind: UnitKind | None
    parent_name: str
    sort_order: int | None


@dataclass(frozen=True)
class PersonRow:
    row: int
    name: str
    position: str
    unit_name: str
    phone: str
    email: str
    oversees: tuple[str, ...]


@dataclass
class ImportSummary:
    units_created: int = 0
    units_updated: int = 0
    units_unchanged: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0

    def __str__(self) -> str:
        return _(
            "Units: %(uc)d created, %(uu)d updated, %(un)d unchanged. "
            "People: %(pc)d created, %(pu)d updated, %(pn)d unchanged."
        ) % {
            "uc": self.units_created,
            "uu": self.units_updated,
            "un": self.units_unchanged,
            "pc": self.people_created,
            "pu": self.people_updated,
            "pn": self.people_unchanged,
        }


@dataclass
class ParsedWorkbook:
    issues: Issues
    units: list[UnitRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)


@dataclass
class Plan:
    """The checked workbook and what it would do, row by row (nothing written yet)."""

    parsed: ParsedWorkbook
    existing: dict[str, Unit]
    people: dict[tuple[str, str], list[Person]]
    unit_changes: dict[int, Change] = field(default_factory=dict)  # sheet row → change
    person_changes: dict[int, Change] = field(default_factory=dict)

    def preview(self, filename: str) -> Preview:
        return Preview(filename, [*self.unit_changes.values(), *self.person_changes.values()])

    def summary(self) -> ImportSummary:
        def count(changes: dict[int, Change], kind: ChangeKind) -> int:
            return sum(1 for c in changes.values() if c.kind == kind)

        return ImportSummary(
            units_created=count(self.unit_changes, ChangeKind.CREATE),
            units_updated=count(self.unit_changes, ChangeKind.UPDATE),
            units_unchanged=count(self.unit_changes, ChangeKind.UNCHANGED),
            people_created=count(self.person_changes, ChangeKind.CREATE),
            people_updated=count(self.person_changes, ChangeKind.UPDATE),
            people_unchanged=count(self.person_changes, ChangeKind.UNCHANGED),
        )


# --- reading ------------------------------------------------------------------------

_text = sheets.cell_text


def _sheet_records(
    book: sheets.Book, name: str, columns: tuple[str, ...], issues: Issues
) -> list[sheets.Record]:
    if name not in book.names:
        issues.add(
            name,
            None,
            None,
            _("Sheet “%(sheet)s” is missing (the workbook has: %(names)s).")
            % {"sheet": name, "names": "、".join(book.names)},
        )
        return []
    sheet = book.sheet(name)
    header = sheets.find_header(sheet, [Column(c) for c in columns], issues)
    return list(sheets.records(sheet, header, issues)) if header else []


def _sort_order(value: Any, number: int, issues: Issues) -> int | None:
    text = _text(value)
    if not text:
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    issues.add(
        SHEET_UNITS, number, "排序", _("“%(value)s” is not a whole number of 0 or more.") % {"value": text}
    )
    return None


def _names(text: str) -> tuple[str, ...]:
    """Unit names in one cell, separated by 、 or ， (or , ; and line breaks)."""
    return tuple(name.strip() for name in LIST_SEPARATORS.split(text) if name.strip())


def _kind(label: str) -> UnitKind | None:
    """A kind from its Chinese label (部门, 乡镇, …) or its code (department, town, …)."""
    if label in KIND_LABELS:
        return KIND_LABELS[label]
    return UnitKind(label) if label in UnitKind.values else None


def read_workbook(source: IO[bytes] | bytes, filename: str) -> ParsedWorkbook:
    """Parse both sheets; problems of shape and of single cells go to ``issues``.

    Raises SheetError for a file that is not a readable, non-empty workbook.
    """
    data = source if isinstance(source, bytes) else source.read()
    parsed = ParsedWorkbook(issues=Issues(filename))
    with sheets.open_book(data, filename) as book:
        for cells in _sheet_records(book, SHEET_UNITS, UNIT_COLUMNS, parsed.issues):
            kind_label = _text(cells["类型"])
            parsed.units.append(
                UnitRow(
                    row=cells.row,
                    name=_text(cells["单位名称"]),
                    short_name=_text(cells["简称"]),
                    kind_label=kind_label,
                    kind=_kind(kind_label),
                    parent_name=_text(cells["上级单位"]),
                    sort_order=_sort_order(cells["排序"], cells.row, parsed.issues),
                )
            )
        for cells in _sheet_records(book, SHEET_PEOPLE, PERSON_COLUMNS, parsed.issues):
            parsed.people.append(
                PersonRow(
                    row=cells.row,
                    name=_text(cells["姓名"]),
                    position=_text(cells["职务"]),
                    unit_name=_text(cells["所在单位"]),
                    phone=_text(cells["电话"]),
                    email=_text(cells["邮箱"]),
                    oversees=_names(_text(cells["分管单位"])),
                )
            )
    if not parsed.issues and not parsed.units and not parsed.people:
        raise sheets.no_rows(filename, (SHEET_UNITS, SHEET_PEOPLE))
    return parsed


# --- validation ---------------------------------------------------------------------


def _required(value: str, max_length: int, where: tuple[str, int, str], issues: Issues) -> None:
    if not value:
        issues.add(*where, _("This cell must not be empty."))
    else:
        _too_long(value, max_length, where, issues)


def _too_long(value: str, max_length: int, where: tuple[str, int, str], issues: Issues) -> None:
    if len(value) > max_length:
        issues.add(*where, _("Longer than %(max)d characters.") % {"max": max_length})


def _unit_not_found(name: str) -> str:
    return _("No unit named “%(name)s” (neither in sheet 单位 nor already registered).") % {"name": name}


def _validate_units(parsed: ParsedWorkbook, existing: dict[str, Unit]) -> None:
    issues = parsed.issues
    first_row: dict[str, int] = {}
    for row in parsed.units:
        _required(row.name, 100, (SHEET_UNITS, row.row, "单位名称"), issues)
        _too_long(row.short_name, 40, (SHEET_UNITS, row.row, "简称"), issues)
        if not row.kind_label:
            issues.add(SHEET_UNITS, row.row, "类型", _("This cell must not be empty."))
        elif row.kind is None:
            issues.add(
                SHEET_UNITS,
                row.row,
                "类型",
                _("Unknown kind “%(value)s”; use one of %(labels)s.")
                % {"value": row.kind_label, "labels": "、".join(KIND_LABELS)},
            )
        if row.name and row.name in first_row:
            issues.add(
                SHEET_UNITS,
                row.row,
                "单位名称",
                _("“%(name)s” is already listed in row %(row)d.")
                % {"name": row.name, "row": first_row[row.name]},
            )
        first_row.setdefault(row.name, row.row)
    known = set(first_row) | set(existing)
    for row in parsed.units:
        if row.parent_name and row.parent_name not in known:
            issues.add(SHEET_UNITS, row.row, "上级单位", _unit_not_found(row.parent_name))
    _validate_unit_cycles(parsed, existing)


def _parent_names(existing: dict[str, Unit]) -> dict[str, str]:
    """Registered units' parent names by unit name."""
    by_id = {u.pk: u.name for u in existing.values()}
    return {
        name: by_id.get(unit.parent_id, "") for name, unit in existing.items() if unit.parent_id is not None
    }


def _validate_unit_cycles(parsed: ParsedWorkbook, existing: dict[str, Unit]) -> None:
    """The hierarchy after import (registered parents, overridden by the sheet) must be a tree."""
    parent_of = _parent_names(existing)
    for row in parsed.units:
        if row.name:
            parent_of[row.name] = row.parent_name
    for row in parsed.units:
        seen = {row.name}
        node = parent_of.get(row.name, "")
        while node:
            if node in seen:
                parsed.issues.add(
                    SHEET_UNITS,
                    row.row,
                    "上级单位",
                    _("“%(name)s” would become its own ancestor.") % {"name": row.name},
                )
                break
            seen.add(node)
            node = parent_of.get(node, "")


def _validate_people(parsed: ParsedWorkbook, existing: dict[str, Unit]) -> None:
    issues = parsed.issues
    known = {row.name for row in parsed.units if row.name} | set(existing)
    first_row: dict[tuple[str, str], int] = {}
    for row in parsed.people:
        _required(row.name, 50, (SHEET_PEOPLE, row.row, "姓名"), issues)
        _too_long(row.position, 100, (SHEET_PEOPLE, row.row, "职务"), issues)
        _too_long(row.phone, 30, (SHEET_PEOPLE, row.row, "电话"), issues)
        if not row.unit_name:
            issues.add(SHEET_PEOPLE, row.row, "所在单位", _("This cell must not be empty."))
        elif row.unit_name not in known:
            issues.add(SHEET_PEOPLE, row.row, "所在单位", _unit_not_found(row.unit_name))
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                issues.add(
                    SHEET_PEOPLE,
                    row.row,
                    "邮箱",
                    _("“%(value)s” is not an email address.") % {"value": row.email},
                )
        for name in row.oversees:
            if name not in known:
                issues.add(SHEET_PEOPLE, row.row, "分管单位", _unit_not_found(name))
        key = (row.name, row.unit_name)
        if row.name and key in first_row:
            issues.add(
                SHEET_PEOPLE,
                row.row,
                "姓名",
                _("%(name)s of %(unit)s is already listed in row %(row)d.")
                % {"name": row.name, "unit": row.unit_name, "row": first_row[key]},
            )
        first_row.setdefault(key, row.row)


def _existing_people(parsed: ParsedWorkbook) -> dict[tuple[str, str], list[Person]]:
    names = {row.name for row in parsed.people}
    found: dict[tuple[str, str], list[Person]] = {}
    candidates = Person.objects.filter(name__in=names).select_related("unit").prefetch_related("leader_units")
    for person in candidates:
        found.setdefault((person.name, person.unit.name), []).append(person)
    return found


def _validate_ambiguous(parsed: ParsedWorkbook, people: dict[tuple[str, str], list[Person]]) -> None:
    for row in parsed.people:
        if len(people.get((row.name, row.unit_name), [])) > 1:
            parsed.issues.add(
                SHEET_PEOPLE,
                row.row,
                "姓名",
                _("Several people named %(name)s are registered in %(unit)s; edit them on the People page.")
                % {"name": row.name, "unit": row.unit_name},
            )


# --- planning: what each row would do -------------------------------------------------


def _unit_wanted(row: UnitRow) -> dict[str, Any]:
    """The row's unit fields, the parent by name (it may not exist yet)."""
    wanted: dict[str, Any] = {"short_name": row.short_name, "kind": row.kind, "parent": row.parent_name}
    if row.sort_order is not None:
        wanted["sort_order"] = row.sort_order
    return wanted


def _plan_units(plan: Plan) -> None:
    parents = _parent_names(plan.existing)
    for row in plan.parsed.units:
        unit = plan.existing.get(row.name)
        if unit is None:
            plan.unit_changes[row.row] = Change(SHEET_UNITS, row.row, ChangeKind.CREATE, row.name)
            continue
        current = {
            "short_name": unit.short_name,
            "kind": unit.kind,
            "parent": parents.get(row.name, ""),
            "sort_order": unit.sort_order,
        }
        changed = tuple(UNIT_FIELD_COLUMNS[k] for k, v in _unit_wanted(row).items() if current[k] != v)
        kind = ChangeKind.UPDATE if changed else ChangeKind.UNCHANGED
        plan.unit_changes[row.row] = Change(SHEET_UNITS, row.row, kind, row.name, changed)


def _plan_people(plan: Plan) -> None:
    unit_names = {u.pk: u.name for u in plan.existing.values()}
    for row in plan.parsed.people:
        label = f"{row.name} · {row.unit_name}"
        matches = plan.people.get((row.name, row.unit_name))
        if not matches:
            plan.person_changes[row.row] = Change(SHEET_PEOPLE, row.row, ChangeKind.CREATE, label)
            continue
        person = matches[0]
        current = {
            "position": person.position,
            "phone": person.phone,
            "email": person.email,
            "oversees": sorted(unit_names.get(link.unit_id, "") for link in person.leader_units.all()),
        }
        wanted = {
            "position": row.position,
            "phone": row.phone,
            "email": row.email,
            "oversees": sorted(set(row.oversees)),
        }
        changed = tuple(PERSON_FIELD_COLUMNS[k] for k, v in wanted.items() if current[k] != v)
        kind = ChangeKind.UPDATE if changed else ChangeKind.UNCHANGED
        plan.person_changes[row.row] = Change(SHEET_PEOPLE, row.row, kind, label, changed)


def _checked_plan(actor: Actor, source: IO[bytes] | bytes, filename: str, say: Say) -> Plan:
    """Read, check and plan the workbook; raises SheetError listing every problem."""
    services.check_actor(actor)
    parsed = read_workbook(source, filename)
    say(
        _("Read %(units)d unit rows and %(people)d person rows from %(file)s.")
        % {"units": len(parsed.units), "people": len(parsed.people), "file": filename}
    )
    existing = {u.name: u for u in Unit.objects.all()}
    _validate_units(parsed, existing)
    _validate_people(parsed, existing)
    people = _existing_people(parsed)
    _validate_ambiguous(parsed, people)
    parsed.issues.raise_if_any(
        order=(filename, SHEET_UNITS, SHEET_PEOPLE), columns=UNIT_COLUMNS + PERSON_COLUMNS
    )
    plan = Plan(parsed=parsed, existing=existing, people=people)
    _plan_units(plan)
    _plan_people(plan)
    return plan


# --- writing ------------------------------------------------------------------------


def _parents_first(rows: list[UnitRow]) -> list[UnitRow]:
    """Sheet units ordered so that a parent listed in the sheet is written before its children."""
    by_name = {row.name: row for row in rows}
    ordered: list[UnitRow] = []
    placed: set[str] = set()
    for row in rows:
        chain: list[UnitRow] = []
        node: UnitRow | None = row
        while node is not None and node.name not in placed:
            chain.append(node)
            placed.add(node.name)
            node = by_name.get(node.parent_name)
        ordered.extend(reversed(chain))
    return ordered


def _write_units(actor: Actor, plan: Plan) -> dict[str, Unit]:
    units = dict(plan.existing)
    columns = {column: name for name, column in UNIT_FIELD_COLUMNS.items()}
    for row in _parents_first(plan.parsed.units):
        change = plan.unit_changes[row.row]
        wanted = _unit_wanted(row)
        wanted["parent"] = units.get(row.parent_name) if row.parent_name else None
        if change.kind == ChangeKind.CREATE:
            units[row.name] = services.unit_create(actor=actor, name=row.name, **wanted)
        elif change.kind == ChangeKind.UPDATE:
            changes = {columns[c]: wanted[columns[c]] for c in change.fields}
            services.unit_update(actor=actor, unit=units[row.name], **changes)
    return units


def _write_people(actor: Actor, plan: Plan, units: dict[str, Unit]) -> None:
    for row in plan.parsed.people:
        change = plan.person_changes[row.row]
        oversees = [units[name] for name in dict.fromkeys(row.oversees)]
        wanted: dict[str, Any] = {"position": row.position, "phone": row.phone, "email": row.email}
        if change.kind == ChangeKind.CREATE:
            services.person_create(
                actor=actor, name=row.name, unit=units[row.unit_name], oversees=oversees, **wanted
            )
            continue
        person = plan.people[(row.name, row.unit_name)][0]
        fields = {k: v for k, v in wanted.items() if PERSON_FIELD_COLUMNS[k] in change.fields}
        if fields:
            services.person_update(actor=actor, person=person, oversees=oversees, **fields)
        elif PERSON_FIELD_COLUMNS["oversees"] in change.fields:
            services.leader_units_set(actor=actor, person=person, units=oversees)


def _quiet(_message: str) -> None:
    return None


def org_import_preview(*, actor: Actor, source: IO[bytes] | bytes, filename: str) -> Preview:
    """What importing the workbook would create and change; writes nothing.

    Raises SheetError listing every problem, as :func:`org_import` would.
    """
    return _checked_plan(actor, source, filename, _quiet).preview(filename)


def org_import(*, actor: Actor, source: IO[bytes] | bytes, filename: str, say: Say = _quiet) -> ImportSummary:
    """Import units and people from a workbook; all or nothing.

    ``actor`` is an administrator, or ``services.SYSTEM_ACTOR`` for the command
    line. Raises :class:`SheetError` listing every problem; then nothing has
    been written.
    """
    plan = _checked_plan(actor, source, filename, say)
    say(_("The workbook is valid; writing."))
    return _write(actor, plan, filename)


@transaction.atomic
def _write(actor: Actor, plan: Plan, filename: str) -> ImportSummary:
    summary = plan.summary()
    units = _write_units(actor, plan)
    _write_people(actor, plan, units)
    audit_record(
        actor=actor,
        action="org.import",
        object_type="org.workbook",
        object_id=filename[:64],
        after={"file": filename, **summary.__dict__},
    )
    return summary


# --- the template -------------------------------------------------------------------


def _header(sheet: Any, columns: Iterable[str], widths: Iterable[int]) -> None:
    sheet.append(list(columns))
    for cell, width in zip(sheet[1], widths, strict=True):
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def template_workbook() -> bytes:
    """An empty workbook with both sheets, their headers, and a note sheet (说明)."""
    book = Workbook()
    units = book.worksheets[0]
    units.title = SHEET_UNITS
    _header(units, UNIT_COLUMNS, (30, 14, 12, 30, 8))
    kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_LABELS) + '"', allow_blank=False)
    kinds.add("C2:C2000")
    units.add_data_validation(kinds)
    people = book.create_sheet(SHEET_PEOPLE)
    _header(people, PERSON_COLUMNS, (12, 24, 30, 16, 26, 40))
    notes = book.create_sheet("说明")
    for line in (
        ("单位", "单位名称必填且唯一；已存在的单位按名称更新，其余新建。"),
        ("类型", "、".join(KIND_LABELS)),
        ("上级单位", "填写单位名称，可引用本表后面的单位或系统中已有的单位。"),
        ("排序", "整数，越小越靠前；留空则默认为 100（已有单位保持不变）。"),
        ("人员", "按“姓名 + 所在单位”匹配已有人员，其余新建。"),
        ("分管单位", "分管领导分管的单位，多个用“、”或“，”分隔；留空表示不分管。"),
        ("校验", "整个文件无误才会导入；有错误时不写入任何数据，并逐条列出工作表、行号和列名。"),
    ):
        notes.append(list(line))
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
