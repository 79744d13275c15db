"""Import of units and people from an .xlsx workbook (组织机构导入).

The workbook has two sheets:

- ``单位``: 单位名称, 简称, 类型, 上级单位, 排序 — a unit may name a parent defined
  further down the sheet; a unit whose name exists is updated, else created.
- ``人员``: 姓名, 职务, 所在单位, 电话, 邮箱, 分管单位 — a person is matched by name
  within their unit; 分管单位 lists the units a leader oversees, separated by
  、 or ， (the row states the whole list: an empty cell clears it).

Reading and validation come first and collect every problem with its sheet,
row and column; nothing is written unless the whole workbook is valid, and the
writes then run in one transaction through the audited services.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from duban.audit.services import audit_record
from duban.core.errors import DomainError, ErrorCode
from duban.org import services
from duban.org.models import Person, Unit, UnitKind
from duban.org.scope import check_manage_org

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

Say = Callable[[str], None]


@dataclass(frozen=True)
class ImportIssue:
    """One problem, located as precisely as the workbook allows."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    @property
    def location(self) -> str:
        if self.row is not None and self.column:
            return _("%(sheet)s row %(row)d, %(column)s") % {
                "sheet": self.sheet, "row": self.row, "column": self.column,
            }
        if self.row is not None:
            return _("%(sheet)s row %(row)d") % {"sheet": self.sheet, "row": self.row}
        if self.column:
            return _("%(sheet)s, column %(column)s") % {"sheet": self.sheet, "column": self.column}
        return self.sheet

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class OrgImportError(DomainError):
    """The workbook was refused; ``issues`` lists every problem found."""

    def __init__(self, filename: str, issues: list[ImportIssue]) -> None:
        self.issues = issues
        message = _("%(file)s: %(count)d problem(s) found; nothing was imported.") % {
            "file": filename, "count": len(issues),
        }
        super().__init__(ErrorCode.IMPORT_FAILED, message, fields={i.location: i.message for i in issues})


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
            "uc": self.units_created, "uu": self.units_updated, "un": self.units_unchanged,
            "pc": self.people_created, "pu": self.people_updated, "pn": self.people_unchanged,
        }


@dataclass
class ParsedWorkbook:
    units: list[UnitRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)


# --- reading ------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: numbers typed into text columns (phones) lose a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _open(source: IO[bytes] | bytes, filename: str) -> Any:
    if PurePath(filename).suffix.lower() != ".xlsx":
        raise OrgImportError(filename, [ImportIssue(filename, None, None, _(
            "Not an .xlsx workbook: save the file as an Excel workbook (.xlsx) and try again."
        ))])
    data = source if isinstance(source, bytes) else source.read()
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise OrgImportError(filename, [ImportIssue(filename, None, None, _(
            "The file cannot be read as an .xlsx workbook (damaged, or another format renamed): %(error)s"
        ) % {"error": exc})]) from exc


def _sheet_rows(
    workbook: Any, sheet: str, columns: tuple[str, ...], issues: list[ImportIssue]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a sheet as {column: value}, numbered as Excel numbers them; blank rows skipped."""
    if sheet not in workbook.sheetnames:
        issues.append(ImportIssue(sheet, None, None, _(
            "Sheet “%(sheet)s” is missing (the workbook has: %(names)s)."
        ) % {"sheet": sheet, "names": "、".join(workbook.sheetnames)}))
        return
    rows = workbook[sheet].iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    missing = [c for c in columns if c not in header]
    for column in missing:
        issues.append(ImportIssue(sheet, 1, column, _("Column “%(column)s” is missing from the header row.")
                                  % {"column": column}))
    if missing:
        return
    index = {c: header.index(c) for c in columns}
    for number, values in enumerate(rows, start=2):
        if all(v is None or _text(v) == "" for v in values):
            continue
        yield number, {c: values[i] if i < len(values) else None for c, i in index.items()}


def _sort_order(value: Any, number: int, issues: list[ImportIssue]) -> int | None:
    text = _text(value)
    if not text:
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    issues.append(ImportIssue(SHEET_UNITS, number, "排序", _(
        "“%(value)s” is not a whole number of 0 or more."
    ) % {"value": text}))
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
    """Parse both sheets; problems of shape and of single cells go to ``issues``."""
    workbook = _open(source, filename)
    parsed = ParsedWorkbook()
    try:
        for number, cells in _sheet_rows(workbook, SHEET_UNITS, UNIT_COLUMNS, parsed.issues):
            kind_label = _text(cells["类型"])
            parsed.units.append(UnitRow(
                row=number, name=_text(cells["单位名称"]), short_name=_text(cells["简称"]),
                kind_label=kind_label, kind=_kind(kind_label), parent_name=_text(cells["上级单位"]),
                sort_order=_sort_order(cells["排序"], number, parsed.issues),
            ))
        for number, cells in _sheet_rows(workbook, SHEET_PEOPLE, PERSON_COLUMNS, parsed.issues):
            parsed.people.append(PersonRow(
                row=number, name=_text(cells["姓名"]), position=_text(cells["职务"]),
                unit_name=_text(cells["所在单位"]), phone=_text(cells["电话"]), email=_text(cells["邮箱"]),
                oversees=_names(_text(cells["分管单位"])),
            ))
    finally:
        workbook.close()
    return parsed


# --- validation ---------------------------------------------------------------------


def _required(value: str, max_length: int, where: tuple[str, int, str], issues: list[ImportIssue]) -> None:
    sheet, row, column = where
    if not value:
        issues.append(ImportIssue(sheet, row, column, _("This cell must not be empty.")))
    elif len(value) > max_length:
        issues.append(ImportIssue(sheet, row, column, _(
            "Longer than %(max)d characters."
        ) % {"max": max_length}))


def _too_long(value: str, max_length: int, where: tuple[str, int, str], issues: list[ImportIssue]) -> None:
    if len(value) > max_length:
        issues.append(ImportIssue(*where, _("Longer than %(max)d characters.") % {"max": max_length}))


def _unit_not_found(name: str) -> str:
    return _("No unit named “%(name)s” (neither in sheet 单位 nor already registered).") % {"name": name}


def _validate_units(parsed: ParsedWorkbook, existing: dict[str, Unit]) -> None:
    issues = parsed.issues
    first_row: dict[str, int] = {}
    for row in parsed.units:
        _required(row.name, 100, (SHEET_UNITS, row.row, "单位名称"), issues)
        _too_long(row.short_name, 40, (SHEET_UNITS, row.row, "简称"), issues)
        if not row.kind_label:
            issues.append(ImportIssue(SHEET_UNITS, row.row, "类型", _("This cell must not be empty.")))
        elif row.kind is None:
            issues.append(ImportIssue(SHEET_UNITS, row.row, "类型", _(
                "Unknown kind “%(value)s”; use one of %(labels)s."
            ) % {"value": row.kind_label, "labels": "、".join(KIND_LABELS)}))
        if row.name and row.name in first_row:
            issues.append(ImportIssue(SHEET_UNITS, row.row, "单位名称", _(
                "“%(name)s” is already listed in row %(row)d."
            ) % {"name": row.name, "row": first_row[row.name]}))
        first_row.setdefault(row.name, row.row)
    known = set(first_row) | set(existing)
    for row in parsed.units:
        if row.parent_name and row.parent_name not in known:
            issues.append(ImportIssue(SHEET_UNITS, row.row, "上级单位", _unit_not_found(row.parent_name)))
    _validate_unit_cycles(parsed, existing)


def _validate_unit_cycles(parsed: ParsedWorkbook, existing: dict[str, Unit]) -> None:
    """The hierarchy after import (registered parents, overridden by the sheet) must be a tree."""
    by_id = {u.pk: u.name for u in existing.values()}
    parent_of: dict[str, str] = {
        name: by_id.get(unit.parent_id, "") for name, unit in existing.items() if unit.parent_id is not None
    }
    for row in parsed.units:
        if row.name:
            parent_of[row.name] = row.parent_name
    for row in parsed.units:
        seen = {row.name}
        node = parent_of.get(row.name, "")
        while node:
            if node in seen:
                parsed.issues.append(ImportIssue(SHEET_UNITS, row.row, "上级单位", _(
                    "“%(name)s” would become its own ancestor."
                ) % {"name": row.name}))
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
            issues.append(ImportIssue(SHEET_PEOPLE, row.row, "所在单位", _("This cell must not be empty.")))
        elif row.unit_name not in known:
            issues.append(ImportIssue(SHEET_PEOPLE, row.row, "所在单位", _unit_not_found(row.unit_name)))
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                issues.append(ImportIssue(SHEET_PEOPLE, row.row, "邮箱", _(
                    "“%(value)s” is not an email address."
                ) % {"value": row.email}))
        issues.extend(
            ImportIssue(SHEET_PEOPLE, row.row, "分管单位", _unit_not_found(name))
            for name in row.oversees if name not in known
        )
        key = (row.name, row.unit_name)
        if row.name and key in first_row:
            issues.append(ImportIssue(SHEET_PEOPLE, row.row, "姓名", _(
                "%(name)s of %(unit)s is already listed in row %(row)d."
            ) % {"name": row.name, "unit": row.unit_name, "row": first_row[key]}))
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
            parsed.issues.append(ImportIssue(SHEET_PEOPLE, row.row, "姓名", _(
                "Several people named %(name)s are registered in %(unit)s; edit them on the People page."
            ) % {"name": row.name, "unit": row.unit_name}))


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


def _write_units(actor: Any, parsed: ParsedWorkbook, units: dict[str, Unit], summary: ImportSummary) -> None:
    for row in _parents_first(parsed.units):
        parent = units.get(row.parent_name) if row.parent_name else None
        wanted: dict[str, Any] = {"short_name": row.short_name, "kind": row.kind, "parent": parent}
        if row.sort_order is not None:
            wanted["sort_order"] = row.sort_order
        unit = units.get(row.name)
        if unit is None:
            units[row.name] = services.unit_create(actor=actor, name=row.name, **wanted)
            summary.units_created += 1
            continue
        changes = {k: v for k, v in wanted.items() if getattr(unit, k) != v}
        if changes:
            services.unit_update(actor=actor, unit=unit, **changes)
            summary.units_updated += 1
        else:
            summary.units_unchanged += 1


def _write_people(
    actor: Any, parsed: ParsedWorkbook, units: dict[str, Unit], people: dict[tuple[str, str], list[Person]],
    summary: ImportSummary,
) -> None:
    for row in parsed.people:
        oversees = [units[name] for name in row.oversees]
        wanted: dict[str, Any] = {"position": row.position, "phone": row.phone, "email": row.email}
        matches = people.get((row.name, row.unit_name))
        if not matches:
            services.person_create(
                actor=actor, name=row.name, unit=units[row.unit_name], oversees=oversees, **wanted
            )
            summary.people_created += 1
            continue
        person = matches[0]
        changes = {k: v for k, v in wanted.items() if getattr(person, k) != v}
        oversees_changed = sorted(link.unit_id for link in person.leader_units.all()) != sorted(
            {u.pk for u in oversees}
        )
        if changes:
            services.person_update(actor=actor, person=person, oversees=oversees, **changes)
        elif oversees_changed:
            services.leader_units_set(actor=actor, person=person, units=oversees)
        if changes or oversees_changed:
            summary.people_updated += 1
        else:
            summary.people_unchanged += 1


def _quiet(_message: str) -> None:
    return None


def org_import(
    *, actor: Any, source: IO[bytes] | bytes, filename: str, say: Say = _quiet
) -> ImportSummary:
    """Import units and people from a workbook; all or nothing.

    ``actor`` is an administrator, or ``services.SYSTEM_ACTOR`` for the command
    line. Raises :class:`OrgImportError` listing every problem; then nothing has
    been written.
    """
    if actor != services.SYSTEM_ACTOR:
        check_manage_org(actor)
    parsed = read_workbook(source, filename)
    say(_("Read %(units)d unit rows and %(people)d person rows from %(file)s.")
        % {"units": len(parsed.units), "people": len(parsed.people), "file": filename})
    existing = {u.name: u for u in Unit.objects.all()}
    _validate_units(parsed, existing)
    _validate_people(parsed, existing)
    people = _existing_people(parsed)
    _validate_ambiguous(parsed, people)
    if parsed.issues:
        raise OrgImportError(filename, sorted(parsed.issues, key=_issue_order))
    say(_("The workbook is valid; writing."))
    return _write(actor, parsed, existing, people, filename)


@transaction.atomic
def _write(
    actor: Any, parsed: ParsedWorkbook, units: dict[str, Unit], people: dict[tuple[str, str], list[Person]],
    filename: str,
) -> ImportSummary:
    summary = ImportSummary()
    _write_units(actor, parsed, units, summary)
    _write_people(actor, parsed, units, people, summary)
    audit_record(
        actor=actor, action="org.import", object_type="org.workbook", object_id=filename[:64],
        after={"file": filename, **summary.__dict__},
    )
    return summary


def _issue_order(issue: ImportIssue) -> tuple[int, int, int]:
    sheets = (SHEET_UNITS, SHEET_PEOPLE)
    columns = UNIT_COLUMNS + PERSON_COLUMNS
    return (
        sheets.index(issue.sheet) if issue.sheet in sheets else -1,
        issue.row or 0,
        columns.index(issue.column) if issue.column in columns else -1,
    )


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
