"""Matching the workbook's figures (统计月报导入: 匹配与校验): indicators, subjects, periods, values.

Names are matched once loaded (two queries, whatever the rows): an indicator by its code
(代码) or by its name without spaces (a 其中： row by the name after it), a subject by name
(a period sheet's figures are the chosen subject's, by default the single zone). The
month gives the indicator's period (a quarterly figure only on a quarter's last month).

Which figure is the value: a cumulative indicator's 1—N月累计 — in January its 本月; in a
later month with 本月 alone, the month before's 累计 (in the workbook or stored) plus this
月, marked computed (计算得出) with both sources; a point indicator's 本月, else the one
figure the row has. Every problem goes to ``issues`` at its sheet, row and column.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from duban.core.sheets import Issues
from duban.indicators import policy
from duban.indicators.expected import Frequency
from duban.indicators.models import (
    IndicatorDefinition,
    IndicatorValue,
    Provenance,
    Subject,
    SubjectKind,
    ValueKind,
)
from duban.indicators.reporting_periods import Period, month_to
from duban.indicators.workbook import layout as lay
from duban.indicators.workbook.read import Figure
from duban.org.models import User

_UNIT_SUFFIX = re.compile(r"[（(][^（）()]*[)）]$")
VALUE_PLACES = Decimal("0.0001")
GROWTH_PLACES = Decimal("0.01")
VALUE_LIMIT = Decimal(10) ** 16  # max_digits 20, 4 decimals
GROWTH_LIMIT = Decimal(10) ** 7  # max_digits 9, 2 decimals

Key = tuple[int, int, int, int, int]  # definition, subject, year, month, quarter


@dataclass
class Planned:
    """One value the workbook sets, with where it came from."""

    figure: Figure
    definition: IndicatorDefinition
    subject: Subject
    period: Period
    value: Decimal
    growth: Decimal | None  # as given in the sheet
    cell: str  # the cell the value came from
    provenance: str = Provenance.IMPORTED
    month_value: Decimal | None = None  # 本月, when the 累计 is to be computed from the month before

    @property
    def source(self) -> str:
        """Where the value came from: '2019年6月'!D5, or '2019年6月'!C5 + 1—5月累计 when computed."""
        cell = f"'{self.figure.sheet}'!{self.cell}"
        if self.provenance != Provenance.COMPUTED:
            return cell
        return f"{cell} + {lay.cumulative_header(self.period.month - 1)}"

    @property
    def key(self) -> Key:
        p = self.period
        return (self.definition.pk, self.subject.pk, p.year, p.month, p.quarter)


# --- Matching names (loaded once: no query per row) -----------------------------------------


class Directory:
    """Indicators by code and name, subjects by name, and the default subject, in two queries."""

    def __init__(self, actor: User, subject: Subject | None) -> None:
        definitions = list(policy.indicators_visible(actor))
        self.by_code = {d.code: d for d in definitions}
        self.by_name: dict[str, list[IndicatorDefinition]] = defaultdict(list)
        for d in definitions:
            self.by_name[_squeeze(d.name)].append(d)
        subjects = list(policy.subjects_visible(actor))
        self.subjects = {s.name: s for s in subjects}
        zone = [s for s in subjects if s.kind == SubjectKind.ZONE]
        self.default = subject or (zone[0] if len(zone) == 1 else None)

    def definition(self, figure: Figure) -> IndicatorDefinition:
        if figure.code:
            found = self.by_code.get(figure.code)
            if found is None:
                raise LookupError(_("unknown indicator code “%(code)s”") % {"code": figure.code})
            return found
        name = _squeeze(figure.indicator)
        # 地区生产总值（亿元）: a sheet may write the unit after the name
        matches = self.by_name.get(name) or self.by_name.get(_UNIT_SUFFIX.sub("", name), [])
        if not matches:
            raise LookupError(_("unknown indicator “%(name)s”") % {"name": figure.indicator})
        if len(matches) > 1:
            raise LookupError(
                _("“%(name)s” names several indicators; add the 代码 column") % {"name": figure.indicator}
            )
        return matches[0]

    def subject(self, figure: Figure) -> Subject:
        if figure.subject is None:
            if self.default is None:
                raise LookupError(_("no subject chosen for this sheet and there is no single zone subject"))
            return self.default
        found = self.subjects.get(figure.subject.strip())
        if found is None:
            raise LookupError(_("unknown subject “%(name)s”") % {"name": figure.subject})
        return found


def _squeeze(text: str) -> str:
    """A name without spaces (a sheet may write 地区生产总值 as 地 区 生 产 总 值, or indent it)."""
    squeezed = "".join(text.split())
    for prefix in ("其中：", "其中:"):  # a sub-indicator row: 其中：规模以上工业增加值
        squeezed = squeezed.removeprefix(prefix)
    return squeezed


# --- Checking figures -------------------------------------------------------------------------


def _value_of(figure: Figure, definition: IndicatorDefinition) -> tuple[Decimal | None, str]:
    """The figure that is the indicator's value, and the role of the column it came from."""
    cumulative = definition.value_kind == ValueKind.CUMULATIVE
    if cumulative:
        if figure.cumulative is not None:
            return figure.cumulative, lay.CUMULATIVE
        if figure.month_value is not None and (
            figure.period.month == 1 or definition.frequency == Frequency.MONTHLY
        ):
            # January's 本月 is its year to date; later 累计 = the month before's + 本月
            return figure.month_value, lay.MONTH
        return None, lay.CUMULATIVE
    if figure.month_value is not None:
        return figure.month_value, lay.MONTH
    return figure.cumulative, lay.CUMULATIVE


def _match(
    figure: Figure, directory: Directory, issues: Issues
) -> tuple[IndicatorDefinition, Subject, Period] | None:
    """The figure's indicator, subject and period, or None with the problem in ``issues``."""
    try:
        definition = directory.definition(figure)
    except LookupError as exc:
        issues.add(figure.sheet, figure.row, lay.CODE if figure.code else lay.INDICATOR, str(exc))
        return None
    try:
        subject = directory.subject(figure)
    except LookupError as exc:
        column = lay.SUBJECT if figure.group is None else figure.group
        issues.add(figure.sheet, figure.subject_row or figure.row, column, str(exc))
        return None
    period = month_to(definition.frequency, year=figure.period.year, month=figure.period.month)
    if period is None:
        message = _("“%(name)s” is reported %(frequency)s: it has no figure for %(month)s") % {
            "name": definition.name,
            "frequency": definition.get_frequency_display(),
            "month": figure.period.label,
        }
        issues.add(figure.sheet, figure.row, lay.INDICATOR, message)
        return None
    return definition, subject, period


def plan_figure(figure: Figure, directory: Directory, issues: Issues) -> Planned | None:
    matched = _match(figure, directory, issues)
    if matched is None:
        return None
    definition, subject, period = matched
    value, role = _value_of(figure, definition)
    problem = None
    if value is None:
        problem = role, _("the value of “%(name)s” is missing") % {"name": definition.name}
    elif abs(value) >= VALUE_LIMIT:
        problem = role, _("%(value)s is too large") % {"value": value}
    elif figure.growth is not None and abs(figure.growth) >= GROWTH_LIMIT:
        problem = lay.GROWTH, _("%(value)s is too large") % {"value": figure.growth}
    if problem is not None or value is None:
        if problem is not None:
            issues.add(figure.sheet, figure.row, figure.column(problem[0]), problem[1])
        return None
    growth = figure.growth.quantize(GROWTH_PLACES) if figure.growth is not None else None
    cell = figure.cells.get(role, "")
    planned = Planned(figure, definition, subject, period, value.quantize(VALUE_PLACES), growth, cell)
    if definition.value_kind == ValueKind.CUMULATIVE and role == lay.MONTH and period.month > 1:
        planned.provenance, planned.month_value = Provenance.COMPUTED, planned.value
    return planned


def check_duplicates(plans: Iterable[Planned], issues: Issues) -> list[Planned]:
    seen: dict[Key, Planned] = {}
    for plan in plans:
        other = seen.get(plan.key)
        if other is not None:
            issues.add(
                plan.figure.sheet,
                plan.figure.row,
                plan.figure.column(lay.INDICATOR),
                _("%(subject)s's “%(name)s” for %(period)s is also in sheet %(sheet)s row %(row)d")
                % {
                    "subject": plan.subject.name,
                    "name": plan.definition.name,
                    "period": plan.period.label,
                    "sheet": other.figure.sheet,
                    "row": other.figure.row,
                },
            )
            continue
        seen[plan.key] = plan
    return list(seen.values())


def complete_from_months(plans: list[Planned], issues: Issues) -> list[Planned]:
    """累计 of the rows that give only 本月: the month before's 累计 (in the workbook, else stored) + 本月.

    One query for the stored months before; months are completed in order, so a workbook of
    January to June with 本月 alone adds up. A row whose month before is nowhere is refused.
    """
    pending = [p for p in plans if p.month_value is not None]
    if not pending:
        return plans
    planned = {p.key: p for p in plans}
    stored = {
        (v.definition_id, v.subject_id, v.year, v.month, v.quarter): v.value
        for v in IndicatorValue.objects.filter(
            definition_id__in={p.definition.pk for p in pending},
            subject_id__in={p.subject.pk for p in pending},
            year__in={p.period.year for p in pending},
        )
    }
    kept = [p for p in plans if p.month_value is None]
    complete = {p.key for p in kept}
    for plan in sorted(pending, key=lambda p: p.key):
        before_key = (*plan.key[:3], plan.period.month - 1, 0)
        before = planned.get(before_key)
        prior = before.value if before is not None and before_key in complete else stored.get(before_key)
        if prior is None:
            issues.add(
                plan.figure.sheet,
                plan.figure.row,
                plan.figure.column(lay.CUMULATIVE),
                _("the 1—%(month)d月累计 is missing, and there is no 1—%(before)d月累计 to add 本月 to")
                % {"month": plan.period.month, "before": plan.period.month - 1},
            )
            continue
        plan.value = prior + (plan.month_value or Decimal(0))
        kept.append(plan)
        complete.add(plan.key)
    return kept
