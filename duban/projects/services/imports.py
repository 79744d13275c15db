"""Importing the key-project sheets (重点项目台账 / 重点项目调度表): preview, then all or nothing.

Both imports read and check the whole sheet first, through the one spreadsheet
framework (:mod:`duban.core.sheets`): every problem names its sheet, row and column
in the user's language, and if there is any, nothing is written. Confirmed, every
row goes through the projects services (each audited) inside one transaction.

- The ledger (:func:`ledger_import`) creates or updates the projects of one plan
  year. A row names its project by 项目编号, else by 项目名称 (unique in the year).
  Units and people are looked up as the supervision ledger import does. An empty
  cell leaves an existing project's field as it is. 上级项目 names a project of
  the same year, in the ledger or in a row above.
- The monthly report sheet (:func:`report_import`) files one month's report per
  row; a project already reported that month gets a correction (superseding the
  current report) when a figure or text differs, and is left alone when nothing
  does, so an exported sheet imports again without change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import sheets
from duban.core.errors import DomainError
from duban.core.sheets import Change, ChangeKind, Column, Issues, Preview, Record
from duban.org.models import User
from duban.projects import policy
from duban.projects import sheet_format as fmt
from duban.projects.models import Project
from duban.projects.services.project import PROJECT_FIELDS, project_check, project_create, project_update
from duban.reports.ledger_import import Directory

HEADER_SEARCH_ROWS = 10
LEDGER_COLUMNS = tuple(Column(n, a, required=n in fmt.LEDGER_REQUIRED) for n, a in fmt.LEDGER_ALIASES.items())
REPORT_COLUMNS = tuple(Column(n, a, required=n in fmt.REPORT_REQUIRED) for n, a in fmt.REPORT_ALIASES.items())
# The sheet column each project field comes from (refusals and the preview name columns).
FIELD_COLUMNS: Mapping[str, str] = {
    "code": fmt.CODE,
    "name": fmt.NAME,
    "kind": fmt.KIND,
    "area": fmt.AREA,
    "content": fmt.CONTENT,
    "total_investment": fmt.TOTAL,
    "annual_investment": fmt.ANNUAL,
    "planned_start": fmt.PLANNED_START,
    "planned_finish": fmt.PLANNED_FINISH,
    "actual_start": fmt.ACTUAL_START,
    "actual_finish": fmt.ACTUAL_FINISH,
    "status": fmt.STATUS,
    "lead_unit": fmt.LEAD,
    "cooperating_units": fmt.COOPERATING,
    "leader": fmt.LEADER,
    "responsible": fmt.RESPONSIBLE,
    "parent": fmt.PARENT,
    "month_investment": fmt.MONTH_INVESTMENT,
    "ytd_investment": fmt.YTD_INVESTMENT,
    "progress": fmt.PROGRESS,
    "problems": fmt.PROBLEMS,
    "month": fmt.YTD_INVESTMENT,
}
DATES = (
    (fmt.PLANNED_START, "planned_start"),
    (fmt.PLANNED_FINISH, "planned_finish"),
    (fmt.ACTUAL_START, "actual_start"),
    (fmt.ACTUAL_FINISH, "actual_finish"),
)
MONEY = ((fmt.TOTAL, "total_investment"), (fmt.ANNUAL, "annual_investment"))


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class SheetRows:
    name: str
    records: list[Record]


class RowErrors:
    """Issues of one sheet by row and column; a service's refusal is named by the field's column."""

    def __init__(self, issues: Issues, sheet: str) -> None:
        self.issues, self.sheet = issues, sheet

    def add(self, row: int, column: str, problem: str) -> None:
        self.issues.add(self.sheet, row, column, problem)

    def refused(self, row: int, exc: DomainError) -> None:
        for name, problem in (exc.fields or {"": exc.message}).items():
            self.add(row, FIELD_COLUMNS.get(name, fmt.NAME), problem)


def base_name(filename: str) -> str:
    return PurePath(filename or "projects.xlsx").name


def read_sheet(
    data: bytes, filename: str, issues: Issues, *, wanted: str, columns: tuple[Column, ...]
) -> SheetRows:
    """The sheet named ``wanted`` (else the first), its header found in the first rows (below a title)."""
    with sheets.open_book(data, filename) as book:
        sheet = book.sheet(wanted if wanted in book.names else book.names[0])
    header = sheets.find_header(sheet, columns, issues, anchors=(fmt.NAME,), search_rows=HEADER_SEARCH_ROWS)
    if header is None:
        issues.raise_if_any()
    assert header is not None
    body = list(sheets.records(sheet, header, issues))
    if not body and not issues:
        raise sheets.no_rows(filename, (sheet.name,))
    return SheetRows(sheet.name, body)


class YearLedger:
    """The year's projects by number and by name (one query)."""

    def __init__(self, projects: Iterable[Project]) -> None:
        self.by_code: dict[str, Project] = {}
        self.by_name: dict[str, list[Project]] = {}
        for project in projects:
            if project.code:
                self.by_code[project.code] = project
            self.by_name.setdefault(project.name, []).append(project)

    def find(self, code: str, name: str) -> Project | None:
        """The project a row names; LookupError if its name alone names several."""
        if code:
            return self.by_code.get(code)
        found = self.by_name.get(name, [])
        if len(found) > 1:
            raise LookupError(
                _("“%(name)s” names several projects of the year; give its number") % {"name": name}
            )
        return found[0] if found else None


# --- the ledger ---------------------------------------------------------------------------


@dataclass
class _LedgerRow:
    row: int
    project: Project | None
    fields: dict[str, Any] = field(default_factory=dict)
    cooperating: list[Any] | None = None
    parent_name: str = ""


def _choice(text: str, aliases: Mapping[str, Any], row: int, column: str, errors: RowErrors) -> Any:
    if text in aliases:
        return aliases[text]
    allowed = "、".join(dict.fromkeys(k for k in aliases if len(k) <= 4))
    errors.add(row, column, _("“%(value)s” is not one of %(choices)s") % {"value": text, "choices": allowed})
    return None


def _plan_values(plan: _LedgerRow, record: Record, directory: Directory, errors: RowErrors) -> None:
    """Kind, status, dates and amounts of a row (what an empty cell does not change)."""
    for column, key, aliases in (
        (fmt.KIND, "kind", fmt.KIND_ALIASES),
        (fmt.STATUS, "status", fmt.STATUS_ALIASES),
    ):
        text = fmt.cell_text(record[column])
        if text and (value := _choice(text, aliases, plan.row, column, errors)) is not None:
            plan.fields[key] = value
    for column, key in DATES:
        try:
            day = fmt.parse_date(record[column])
        except ValueError:
            errors.add(
                plan.row,
                column,
                _("unrecognised date “%(value)s” (write e.g. 2019-12-31 or 2019年12月31日)")
                % {"value": fmt.cell_text(record[column])},
            )
            continue
        if day is not None:
            plan.fields[key] = day
    for column, key in MONEY:
        try:
            amount = fmt.parse_money(record[column])
        except ValueError:
            errors.add(
                plan.row,
                column,
                _("“%(value)s” is not an amount in 10,000 yuan (e.g. 1200 or 1200.5)")
                % {"value": fmt.cell_text(record[column])},
            )
            continue
        if amount is not None:
            plan.fields[key] = amount
    text = fmt.cell_text(record[fmt.CONTENT])
    if text:
        plan.fields["content"] = text


def _plan_org(plan: _LedgerRow, record: Record, directory: Directory, errors: RowErrors) -> None:
    for column, key in ((fmt.LEAD, "lead_unit"), (fmt.AREA, "area")):
        name = fmt.cell_text(record[column])
        if name:
            try:
                plan.fields[key] = directory.unit(name)
            except LookupError as exc:
                errors.add(plan.row, column, str(exc))
    names = [n for n in fmt.LIST_SEPARATORS.split(fmt.cell_text(record[fmt.COOPERATING])) if n]
    if names:
        plan.cooperating = []
        for name in names:
            try:
                plan.cooperating.append(directory.unit(name))
            except LookupError as exc:
                errors.add(plan.row, fmt.COOPERATING, str(exc))
    lead = plan.fields.get("lead_unit") or (plan.project.lead_unit if plan.project else None)
    for column, key, prefer in (
        (fmt.LEADER, "leader", lambda p: p.pk in directory.leader_ids),
        (fmt.RESPONSIBLE, "responsible", lambda p: lead is not None and p.unit_id == lead.pk),
    ):
        text = fmt.cell_text(record[column])
        if text:
            try:
                plan.fields[key] = directory.person(text, prefer=prefer)
            except LookupError as exc:
                errors.add(plan.row, column, str(exc))


def _plan_ledger_row(
    record: Record, ledger: YearLedger, directory: Directory, errors: RowErrors
) -> _LedgerRow | None:
    code, name = fmt.cell_text(record[fmt.CODE]), fmt.cell_text(record[fmt.NAME])
    if not name:
        errors.add(record.row, fmt.NAME, _("the project name is missing"))
        return None
    try:
        project = ledger.find(code, name)
    except LookupError as exc:
        errors.add(record.row, fmt.NAME, str(exc))
        return None
    plan = _LedgerRow(record.row, project, {"name": name, **({"code": code} if code else {})})
    _plan_values(plan, record, directory, errors)
    _plan_org(plan, record, directory, errors)
    plan.parent_name = fmt.cell_text(record[fmt.PARENT])
    if project is None:
        for column, key in ((fmt.KIND, "kind"), (fmt.LEAD, "lead_unit"), (fmt.ANNUAL, "annual_investment")):
            if key not in plan.fields and not fmt.cell_text(record[column]):
                errors.add(record.row, column, _("required for a new project"))
    return plan


def _changed(plan: _LedgerRow) -> list[str]:
    """The fields a row changes on its existing project (cooperating units and parent included)."""
    project = plan.project
    assert project is not None
    names = [k for k, v in plan.fields.items() if getattr(project, k) != v]
    if plan.cooperating is not None and {u.pk for u in plan.cooperating} != {
        u.pk for u in project.cooperating_units.all()
    }:
        names.append("cooperating_units")
    return names


def _check_ledger_rows(
    plans: list[_LedgerRow], ledger: YearLedger, year: int, errors: RowErrors, actor: User
) -> None:
    """Each row's project whole (field rules, dates, number); numbers and names once; parents known."""
    seen: dict[str, int] = {}
    for plan in plans:
        key = plan.fields.get("code") or plan.fields["name"]
        if key in seen:
            errors.add(
                plan.row,
                fmt.CODE if plan.fields.get("code") else fmt.NAME,
                _("“%(value)s” is also in row %(other)d") % {"value": key, "other": seen[key]},
            )
        seen.setdefault(key, plan.row)
        if (
            plan.parent_name
            and plan.parent_name not in ledger.by_name
            and plan.parent_name not in {p.fields["name"] for p in plans if p.row < plan.row}
        ):
            errors.add(
                plan.row,
                fmt.PARENT,
                _("no project “%(name)s” in the ledger of %(year)s or a row above")
                % {"name": plan.parent_name, "year": year},
            )
        candidate = Project(
            **{**_current_fields(plan.project), **plan.fields, "year": year}, created_by=actor
        )
        if plan.project is not None:  # the existing row as it would be: not a new one
            candidate.pk, candidate._state.adding = plan.project.pk, False
        try:
            project_check(candidate)
        except DomainError as exc:
            errors.refused(plan.row, exc)


def _current_fields(project: Project | None) -> dict[str, Any]:
    if project is None:
        return {}
    return {k: getattr(project, k) for k in PROJECT_FIELDS}


def _checked_ledger(
    *, actor: User, year: int, data: bytes, filename: str
) -> tuple[str, list[_LedgerRow], YearLedger]:
    """Read and check the ledger sheet whole; raises SheetError listing every problem."""
    policy.check_edit_projects(actor)
    issues = Issues(filename)
    sheet = read_sheet(data, filename, issues, wanted=fmt.LEDGER_SHEET, columns=LEDGER_COLUMNS)
    errors = RowErrors(issues, sheet.name)
    ledger = YearLedger(
        Project.objects.filter(year=year)
        .select_related("lead_unit", "parent")
        .prefetch_related("cooperating_units")
    )
    directory = Directory()
    plans = [p for record in sheet.records if (p := _plan_ledger_row(record, ledger, directory, errors))]
    if not issues:
        _check_ledger_rows(plans, ledger, year, errors, actor)
    issues.raise_if_any(order=(filename, sheet.name), columns=[c.name for c in LEDGER_COLUMNS])
    return sheet.name, plans, ledger


def _parent_change(plan: _LedgerRow) -> bool:
    current = plan.project.parent.name if plan.project is not None and plan.project.parent else ""
    return plan.parent_name != current and bool(plan.parent_name or plan.project is None)


def ledger_import_preview(*, actor: User, year: int, data: bytes, filename: str) -> Preview:
    """What importing the ledger sheet into ``year`` would create and change; writes nothing."""
    filename = base_name(filename)
    sheet, plans, _ledger = _checked_ledger(actor=actor, year=year, data=data, filename=filename)
    changes = []
    for plan in plans:
        label = f"{plan.fields.get('code', '')} {plan.fields['name']}".strip()
        if plan.project is None:
            changes.append(Change(sheet, plan.row, ChangeKind.CREATE, label))
            continue
        names = _changed(plan) + (["parent"] if _parent_change(plan) else [])
        kind = ChangeKind.UPDATE if names else ChangeKind.UNCHANGED
        changes.append(Change(sheet, plan.row, kind, label, tuple(FIELD_COLUMNS[n] for n in names)))
    return Preview(filename, changes)


@transaction.atomic
def ledger_import(*, actor: User, year: int, data: bytes, filename: str) -> ImportResult:
    """Create or update the year's projects from the ledger sheet; all or nothing."""
    filename = base_name(filename)
    _sheet, plans, ledger = _checked_ledger(actor=actor, year=year, data=data, filename=filename)
    by_name = {name: found[0] for name, found in ledger.by_name.items() if len(found) == 1}
    created = updated = unchanged = 0
    for plan in plans:
        fields = dict(plan.fields)
        if plan.parent_name and _parent_change(plan):
            fields["parent"] = by_name[plan.parent_name]
        if plan.project is None:
            project = project_create(
                actor=actor, year=year, cooperating_units=plan.cooperating or (), **fields
            )
            created += 1
        elif _changed(plan) or "parent" in fields:
            project = project_update(
                actor=actor, project=plan.project, cooperating_units=plan.cooperating, **fields
            )
            updated += 1
        else:
            project, unchanged = plan.project, unchanged + 1
        by_name[project.name] = project
    audit_record(
        actor=actor,
        action="project.import",
        object_type="projects.project",
        object_id=f"year:{year}",
        after={"file": filename, "created": created, "updated": updated, "rows": len(plans)},
    )
    return ImportResult(created, updated, unchanged)
