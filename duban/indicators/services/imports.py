"""Importing the statistics workbook (统计月报导入): preview, then all or nothing.

The workbook is read whole (:mod:`duban.indicators.workbook.read`) and every figure is
matched before anything is written: the indicator by its code (代码) or name, the subject
by name (a period sheet's figures are the chosen subject's, by default the zone's), the
month to the indicator's period (a quarterly figure on the sheets of March, June,
September, December; an annual one on December's). Every problem is reported with its
sheet, row and column; if there is any, nothing changes.

Which figure is the value: see :mod:`.import_match` (a 累计 computed from the month before
and 本月 is marked computed). A 比增% given is the published
growth and wins (marked entered); a blank one is computed from the prior year's value, in
the database or in the same workbook. A sheet without a 比增% column leaves an entered
growth as it was.

The write is one transaction: new values created and changed ones updated in bulk,
each naming its file and cell ('2019年6月'!E5) as provenance, the next year's computed
growth brought up to date, and one audit row for the import with its counts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.core.sheets import Change, ChangeKind, Issues, Preview, SheetError, no_rows
from duban.indicators import policy
from duban.indicators.growth import growth_compute
from duban.indicators.models import (
    IndicatorDefinition,
    IndicatorValue,
    Subject,
    ValueKind,
)
from duban.indicators.services.import_match import (
    Directory,
    Key,
    Planned,
    check_duplicates,
    complete_from_months,
    plan_figure,
)
from duban.indicators.workbook import layout as lay
from duban.indicators.workbook.read import read_workbook
from duban.org.models import User

PURPOSE = "indicators"


@dataclass(frozen=True)
class ImportResult:
    """What an import did (counts), for the page's message and the API."""

    filename: str
    created: int
    updated: int
    unchanged: int
    sheets: tuple[str, ...]

    def __str__(self) -> str:
        return _(
            "%(file)s imported: %(created)d values added, %(updated)d changed, %(unchanged)d unchanged."
        ) % {
            "file": self.filename,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


# --- Planning the write ---------------------------------------------------------------------


@dataclass
class Plan:
    filename: str
    sheets: tuple[str, ...]
    create: list[tuple[Planned, IndicatorValue]]
    update: list[tuple[Planned, IndicatorValue, tuple[str, ...]]]
    unchanged: list[Planned]
    following: list[IndicatorValue]  # next-year values outside the workbook whose computed growth moves


def _existing(plans: list[Planned]) -> dict[Key, IndicatorValue]:
    """The stored values of the planned periods, their prior years and following years (one query)."""
    if not plans:
        return {}
    years = {p.period.year + d for p in plans for d in (-1, 0, 1)}
    rows = IndicatorValue.objects.filter(
        definition_id__in={p.definition.pk for p in plans},
        subject_id__in={p.subject.pk for p in plans},
        year__in=years,
    )
    return {(v.definition_id, v.subject_id, v.year, v.month, v.quarter): v for v in rows}


def _shift(key: Key, years: int) -> Key:
    return (key[0], key[1], key[2] + years, key[3], key[4])


def _plan_write(filename: str, sheets: tuple[str, ...], plans: list[Planned]) -> Plan:
    stored = _existing(plans)
    figures = {**{k: v.value for k, v in stored.items()}, **{p.key: p.value for p in plans}}
    plan = Plan(filename, sheets, [], [], [], [])
    for item in sorted(plans, key=lambda p: (sheets.index(p.figure.sheet), p.figure.row)):
        current = stored.get(item.key)
        row = (
            IndicatorValue(
                definition=item.definition,
                subject=item.subject,
                year=item.period.year,
                month=item.period.month,
                quarter=item.period.quarter,
            )
            if current is None
            else IndicatorValue(
                **{f.attname: getattr(current, f.attname) for f in current._meta.concrete_fields}
            )
        )
        row.value = item.value
        if item.growth is not None:
            row.growth, row.growth_entered = item.growth, True
        elif item.figure.has_growth_column or not row.growth_entered:
            row.growth, row.growth_entered = (
                growth_compute(current=item.value, prior=figures.get(_shift(item.key, -1))),
                False,
            )
        row.provenance, row.source_file = item.provenance, filename[:255]
        row.source_row = item.source[:100]
        if current is None:
            plan.create.append((item, row))
            continue
        changed = _changed(item.definition, current, row)
        if changed:
            plan.update.append((item, row, changed))
        else:
            plan.unchanged.append(item)
    planned = {p.key for p in plans}
    for key, value in stored.items():
        prior = _shift(key, -1)
        if key in planned or prior not in planned or value.growth_entered:
            continue
        growth = growth_compute(current=value.value, prior=figures[prior])
        if growth != value.growth:
            value.growth = growth
            plan.following.append(value)
    return plan


def _changed(
    definition: IndicatorDefinition, current: IndicatorValue, row: IndicatorValue
) -> tuple[str, ...]:
    """The columns whose figure changes (provenance alone does not make a change)."""
    names = []
    if current.value != row.value:
        names.append(lay.CUMULATIVE if definition.value_kind == ValueKind.CUMULATIVE else lay.MONTH)
    if current.growth != row.growth or current.growth_entered != row.growth_entered:
        names.append(lay.GROWTH)
    return tuple(names)


def _checked_plan(
    *, actor: User, data: bytes, filename: str, subject: Subject | None, year: int | None
) -> Plan:
    policy.check_import(actor)
    issues = Issues(filename)
    book = read_workbook(data, filename, issues, default_year=year)
    directory = Directory(actor, subject)
    plans = [p for f in book.figures if not f.empty and (p := plan_figure(f, directory, issues))]
    plans = complete_from_months(check_duplicates(plans, issues), issues)
    issues.raise_if_any(order=(filename, *book.sheets), columns=list(lay.ALIASES))
    if not plans:
        raise no_rows(filename, [s for s in book.sheets])
    return _plan_write(filename, tuple(book.sheets), plans)


def _label(item: Planned) -> str:
    return f"{item.definition.name} · {item.subject.name} · {item.period.label}"


def values_import_preview(
    *, actor: User, data: bytes, filename: str, subject: Subject | None = None, year: int | None = None
) -> Preview:
    """What importing the workbook would add and change (新增/变更/不变); writes nothing.

    Raises SheetError listing every problem, as :func:`values_import` would.
    """
    filename = _base_name(filename)
    plan = _checked_plan(actor=actor, data=data, filename=filename, subject=subject, year=year)
    changes = [Change(i.figure.sheet, i.figure.row, ChangeKind.CREATE, _label(i)) for i, _row in plan.create]
    changes += [
        Change(i.figure.sheet, i.figure.row, ChangeKind.UPDATE, _label(i), f) for i, _row, f in plan.update
    ]
    changes += [Change(i.figure.sheet, i.figure.row, ChangeKind.UNCHANGED, _label(i)) for i in plan.unchanged]
    changes.sort(key=lambda c: (plan.sheets.index(c.sheet), c.row))
    return Preview(filename, changes)


UPDATE_FIELDS = ["value", "growth", "growth_entered", "provenance", "source_file", "source_row", "updated_at"]


@transaction.atomic
def values_import(
    *, actor: User, data: bytes, filename: str, subject: Subject | None = None, year: int | None = None
) -> ImportResult:
    """Import the workbook's values (导入); all or nothing, one audit row for the import."""
    filename = _base_name(filename)
    plan = _checked_plan(actor=actor, data=data, filename=filename, subject=subject, year=year)
    _lock(plan)
    now = clock.now()
    created = [row for _i, row in plan.create]
    for row in created:  # the figures were checked; the foreign keys are loaded objects (no query each)
        row.clean_fields(exclude=["definition", "subject"])
    try:
        with transaction.atomic():
            IndicatorValue.objects.bulk_create(created, batch_size=500)
    except IntegrityError as exc:  # a value of the same period was entered since the check
        raise DomainError(
            ErrorCode.CONFLICT,
            _("Values of these periods were entered meanwhile; preview the workbook again."),
        ) from exc
    updated = [row for _i, row, _f in plan.update]
    for row in [*updated, *plan.following]:
        row.updated_at = now
    IndicatorValue.objects.bulk_update(updated, UPDATE_FIELDS, batch_size=500)
    IndicatorValue.objects.bulk_update(plan.following, ["growth", "updated_at"], batch_size=500)
    result = ImportResult(filename, len(created), len(updated), len(plan.unchanged), plan.sheets)
    audit_record(
        actor=actor,
        action="indicator_values.import",
        object_type="indicators.import",
        object_id=hashlib.sha256(data).hexdigest()[:16],
        after={
            "file": filename,
            "sheets": list(plan.sheets),
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "growth_recomputed": len(plan.following),
        },
    )
    return result


def _lock(plan: Plan) -> None:
    """Lock the rows the import changes, so a concurrent correction waits (PostgreSQL)."""
    ids = [row.pk for _i, row, _f in plan.update] + [row.pk for row in plan.following]
    if ids:
        list(IndicatorValue.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))


def _base_name(filename: str) -> str:
    return PurePath(filename or "statistics.xlsx").name


__all__ = ["PURPOSE", "ImportResult", "SheetError", "values_import", "values_import_preview"]
