"""The statistics sheet (督办统计表, .xlsx): the page's table, one row per group and a total row."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from duban.reports.statistics.facts import Statistics
from duban.reports.statistics.figures import Tally
from duban.reports.statistics.params import GROUP_LABELS


def _rate(value: Decimal | None) -> float | None:
    return None if value is None else float(value) / 100


def _cells(name: str, t: Tally) -> list[object]:
    return [
        name,
        t.assigned,
        t.completed,
        t.completed_on_time,
        _rate(t.on_time_rate),
        t.overdue_now,
        t.overdue_days,
        t.reports_due,
        t.reports_on_time,
        _rate(t.report_rate),
    ]


def statistics_xlsx(stats: Statistics) -> bytes:
    """The workbook of one statistics page (a few hundred rows at most: built in memory)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Statistics")
    period = stats.period
    sheet.append(
        [
            _("Supervision statistics %(start)s to %(end)s (as of %(as_of)s), %(group)s")
            % {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "as_of": period.as_of.isoformat(),
                "group": GROUP_LABELS[stats.group_by],
            }
        ]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    header = [
        _("Name"),
        pgettext("statistics", "Assigned"),
        pgettext("statistics", "Completed"),
        _("Completed on time"),
        _("On-time rate"),
        _("Overdue now"),
        _("Overdue item-days"),
        pgettext("statistics", "Reports due"),
        _("Reports on time"),
        _("Report punctuality"),
    ]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in stats.rows:
        sheet.append(_cells(row.name or _("(none)"), row.tally))
    sheet.append(_cells(_("Total"), stats.total))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in ("E", "J"):
        for cell in sheet[column][2:]:
            cell.number_format = "0.0%"
    sheet.column_dimensions["A"].width = 30
    sheet.freeze_panes = "B3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
