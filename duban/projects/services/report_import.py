"""Importing the monthly report sheet (重点项目调度表): preview, then all or nothing.

One month's report per row, for the projects the importer reports on (the project
office: all; a liaison: its unit's). A project already reported that month gets a
correction (superseding the current report) when a figure or text differs, and is
left alone when nothing does, so an exported sheet imports again without change.
See :mod:`duban.projects.services.imports` for the shared reading and checking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core.errors import DomainError
from duban.core.sheets import Change, ChangeKind, Issues, Preview, Record
from duban.org.models import User
from duban.projects import policy
from duban.projects import sheet_format as fmt
from duban.projects.models import MonthlyReport, Project
from duban.projects.services.imports import (
    FIELD_COLUMNS,
    REPORT_COLUMNS,
    ImportResult,
    RowErrors,
    YearLedger,
    base_name,
    read_sheet,
)
from duban.projects.services.report import current_report, report_check, report_submit


@dataclass
class _ReportRow:
    row: int
    project: Project
    values: dict[str, Any]
    current: MonthlyReport | None

    @property
    def unchanged(self) -> bool:
        current = self.current
        return current is not None and all(getattr(current, k) == v for k, v in self.values.items())


def _blank(record: Record) -> bool:
    return not any(fmt.cell_text(record[c]) for c in (fmt.MONTH_INVESTMENT, fmt.YTD_INVESTMENT, fmt.PROGRESS))


def _report_values(record: Record, errors: RowErrors) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    for column, key in ((fmt.MONTH_INVESTMENT, "month_investment"), (fmt.YTD_INVESTMENT, "ytd_investment")):
        try:
            amount = fmt.parse_money(record[column])
        except ValueError:
            errors.add(
                record.row,
                column,
                _("“%(value)s” is not an amount in 10,000 yuan (e.g. 1200 or 1200.5)")
                % {"value": fmt.cell_text(record[column])},
            )
            continue
        if amount is None:
            errors.add(record.row, column, _("the amount is missing (write 0 for none)"))
        else:
            values[key] = amount
    values["progress"] = fmt.cell_text(record[fmt.PROGRESS])
    values["problems"] = fmt.cell_text(record[fmt.PROBLEMS])
    return values if len(values) == 4 else None


def _checked_reports(
    *, actor: User, year: int, month: int, data: bytes, filename: str
) -> tuple[str, list[_ReportRow]]:
    """Read and check the report sheet whole: every row a project the actor reports on, sound figures."""
    issues = Issues(filename)
    sheet = read_sheet(data, filename, issues, wanted=fmt.REPORT_SHEET, columns=REPORT_COLUMNS)
    errors = RowErrors(issues, sheet.name)
    visible = policy.projects_visible(actor).filter(year=year).select_related("lead_unit")
    ledger = YearLedger(visible)
    plans: list[_ReportRow] = []
    seen: dict[int, int] = {}
    for record in sheet.records:
        code, name = fmt.cell_text(record[fmt.CODE]), fmt.cell_text(record[fmt.NAME])
        if _blank(record):
            continue  # a project of the exported template nobody reported on this month
        try:
            project = ledger.find(code, name)
        except LookupError as exc:
            errors.add(record.row, fmt.NAME, str(exc))
            continue
        if project is None or not policy.may_report(actor, project):
            errors.add(
                record.row,
                fmt.CODE if code else fmt.NAME,
                _("no project “%(name)s” of %(year)s that you report on")
                % {"name": code or name, "year": year},
            )
            continue
        if project.pk in seen:
            errors.add(
                record.row, fmt.NAME, _("the project is also in row %(other)d") % {"other": seen[project.pk]}
            )
            continue
        seen[project.pk] = record.row
        values = _report_values(record, errors)
        if values is None:
            continue
        try:
            report_check(MonthlyReport(year=year, month=month, **values))
        except DomainError as exc:
            errors.refused(record.row, exc)
            continue
        plans.append(_ReportRow(record.row, project, values, None))
    issues.raise_if_any(order=(filename, sheet.name), columns=[c.name for c in REPORT_COLUMNS])
    for plan in plans:
        plan.current = current_report(plan.project, year, month)
    return sheet.name, plans


def report_import_preview(*, actor: User, year: int, month: int, data: bytes, filename: str) -> Preview:
    """What importing the month's report sheet would file (new reports, corrections); writes nothing."""
    filename = base_name(filename)
    sheet, plans = _checked_reports(actor=actor, year=year, month=month, data=data, filename=filename)
    changes = []
    for plan in plans:
        if plan.current is None:
            kind, names = ChangeKind.CREATE, tuple[str, ...]()
        elif plan.unchanged:
            kind, names = ChangeKind.UNCHANGED, tuple[str, ...]()
        else:
            kind = ChangeKind.UPDATE
            names = tuple(FIELD_COLUMNS[k] for k, v in plan.values.items() if getattr(plan.current, k) != v)
        changes.append(Change(sheet, plan.row, kind, plan.project.name, names))
    return Preview(filename, changes)


@transaction.atomic
def report_import(*, actor: User, year: int, month: int, data: bytes, filename: str) -> ImportResult:
    """File the month's reports from the sheet (corrections where anything changed); all or nothing."""
    filename = base_name(filename)
    _sheet, plans = _checked_reports(actor=actor, year=year, month=month, data=data, filename=filename)
    created = updated = 0
    for plan in plans:
        if plan.unchanged:
            continue
        report_submit(
            actor=actor, project=plan.project, year=year, month=month, supersedes=plan.current, **plan.values
        )
        created, updated = (created + 1, updated) if plan.current is None else (created, updated + 1)
    unchanged = len(plans) - created - updated
    audit_record(
        actor=actor,
        action="project.report_import",
        object_type="projects.monthlyreport",
        object_id=f"{year}-{month:02d}",
        after={"file": filename, "created": created, "updated": updated, "rows": len(plans)},
    )
    return ImportResult(created, updated, unchanged)
