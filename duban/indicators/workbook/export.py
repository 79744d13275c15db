"""Exporting the statistics workbook (统计月报导出), in the shapes the import reads.

- :func:`workbook_export`: one sheet per month for one subject (the zone): 指标 / 代码 / 单位 /
  本月 / 1—N月累计 / 比增% / 排名 — the rank by growth among a peer set that holds the subject;
- :func:`city_workbook_export`: the month's sheet of a peer set's members side by side, a group
  of 本月 / 1—N月累计 / 比增% / 排名 columns per member, its name over the group's first column.

Reads go through the policy (only the indicators in the user's scope); rows are written
straight into a write-only workbook. 本月 of a cumulative indicator is this month's
year-to-date value less the previous month's (January's is its year to date).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

from django.db.models import Q
from openpyxl import Workbook

from duban.indicators import policy
from duban.indicators.expected import Frequency
from duban.indicators.models import IndicatorDefinition, PeerSet, Subject, ValueKind
from duban.indicators.ranking import Direction, rank
from duban.indicators.reporting_periods import Period, month_to
from duban.indicators.workbook import layout as lay
from duban.org.scope import Viewer

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GROUP = (lay.MONTH, lay.CUMULATIVE, lay.GROWTH, lay.RANK)

# (definition id, subject id, period) → (value, growth)
Figures = dict[tuple[int, int, Period], tuple[Decimal, Decimal | None]]


def _definitions(user: Viewer) -> list[IndicatorDefinition]:
    return list(policy.indicators_visible(user).filter(is_active=True).order_by("sort_order", "code"))


def _figures(
    user: Viewer, definitions: Sequence[IndicatorDefinition], subjects: Iterable[int], year: int
) -> Figures:
    """The year's values of these indicators and subjects, in one query."""
    rows = policy.values_visible(user).filter(
        Q(year=year), definition_id__in=[d.pk for d in definitions], subject_id__in=list(subjects)
    )
    return {
        (definition_id, subject_id, Period(y, m, q)): (value, growth)
        for definition_id, subject_id, y, m, q, value, growth in rows.values_list(
            "definition_id", "subject_id", "year", "month", "quarter", "value", "growth"
        )
    }


def _number(value: Decimal | None) -> float | int | None:
    """A figure as Excel stores numbers (no trailing zeros of the database's four decimals)."""
    if value is None:
        return None
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def _month_figures(
    definition: IndicatorDefinition, figures: Figures, subject_id: int, year: int, month: int
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """本月, 累计 and 比增% of an indicator in a month (what its frequency has for that month)."""
    period = month_to(definition.frequency, year=year, month=month)
    if period is None:
        return None, None, None
    found = figures.get((definition.pk, subject_id, period))
    if found is None:
        return None, None, None
    value, growth = found
    if definition.value_kind != ValueKind.CUMULATIVE:
        return value, None, growth
    this_month: Decimal | None = value if period.index == 1 else None
    previous = period.previous()
    if previous is not None and definition.frequency == Frequency.MONTHLY:
        before = figures.get((definition.pk, subject_id, previous))
        this_month = value - before[0] if before is not None else None
    return this_month, value, growth


def _ranks(
    definition: IndicatorDefinition, figures: Figures, members: Sequence[int], year: int, month: int
) -> dict[int, int | None]:
    """Growth ranks (增幅排名) of the members in the month; ties share the better rank."""
    growths = {m: _month_figures(definition, figures, m, year, month)[2] for m in members}
    ranked = rank(growths, direction=Direction(definition.direction))
    return {m: r.position for m, r in ranked.items()}


def workbook_export(
    *, user: Viewer, subject: Subject, year: int, months: Sequence[int], peer_set: PeerSet | None = None
) -> bytes:
    buffer = io.BytesIO()
    workbook_export_write(buffer, user=user, subject=subject, year=year, months=months, peer_set=peer_set)
    return buffer.getvalue()


def workbook_export_write(
    out: IO[bytes],
    *,
    user: Viewer,
    subject: Subject,
    year: int,
    months: Sequence[int],
    peer_set: PeerSet | None = None,
) -> None:
    """One sheet per month (newest last) of ``subject``'s figures, ranked among ``peer_set``."""
    peer_set = peer_set or subject.peer_sets.order_by("name").first()
    members = [subject.pk]
    if peer_set is not None:
        members = list(dict.fromkeys([subject.pk, *peer_set.members.values_list("pk", flat=True)]))
    definitions = _definitions(user)
    figures = _figures(user, definitions, members, year)
    book = Workbook(write_only=True)
    for month in sorted(set(months)):
        sheet = book.create_sheet(lay.sheet_title(year, month))
        sheet.append([lay.report_title(year, month, subject.name)])
        sheet.append(
            [lay.INDICATOR, lay.CODE, lay.UNIT, lay.MONTH, lay.cumulative_header(month), lay.GROWTH, lay.RANK]
        )
        for definition in definitions:
            this_month, value, growth = _month_figures(definition, figures, subject.pk, year, month)
            ranks = _ranks(definition, figures, members, year, month) if len(members) > 1 else {}
            cells: list[Any] = [definition.name, definition.code, definition.unit]
            cells += [_number(this_month), _number(value), _number(growth), ranks.get(subject.pk)]
            sheet.append(cells)
    book.save(out)


def city_workbook_export(*, user: Viewer, peer_set: PeerSet, year: int, month: int) -> bytes:
    buffer = io.BytesIO()
    city_workbook_export_write(buffer, user=user, peer_set=peer_set, year=year, month=month)
    return buffer.getvalue()


def city_workbook_export_write(
    out: IO[bytes], *, user: Viewer, peer_set: PeerSet, year: int, month: int
) -> None:
    """The month's sheet of every member of ``peer_set`` side by side (全市各县区对比)."""
    members = list(peer_set.members.order_by("sort_order", "name"))
    ids = [m.pk for m in members]
    definitions = _definitions(user)
    figures = _figures(user, definitions, ids, year)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(lay.sheet_title(year, month))
    sheet.append([lay.report_title(year, month, peer_set.name)])
    names: list[Any] = [lay.INDICATOR, lay.CODE, lay.UNIT]
    subs: list[Any] = [None, None, None]
    for member in members:
        names += [member.name, None, None, None]
        subs += [lay.MONTH, lay.cumulative_header(month), lay.GROWTH, lay.RANK]
    sheet.append(names)
    sheet.append(subs)
    for definition in definitions:
        ranks = _ranks(definition, figures, ids, year, month)
        cells: list[Any] = [definition.name, definition.code, definition.unit]
        for member in members:
            this_month, value, growth = _month_figures(definition, figures, member.pk, year, month)
            cells += [_number(this_month), _number(value), _number(growth), ranks.get(member.pk)]
        sheet.append(cells)
    book.save(out)
