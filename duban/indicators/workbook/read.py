"""Reading the statistics workbook (统计月报读取): sheets → figures, each with its sheet, row and cell.

Pure of the ORM: the workbook is opened and checked by :func:`duban.core.sheets.open_book`,
rows come from :func:`duban.core.sheets.records` (merged data cells and formulas without
a computed value are reported there), and every problem goes to one
:class:`~duban.core.sheets.Issues`, so a refused workbook lists them all.

A sheet's month comes from its name (2019年6月, 1-6月, 2019.6, 上半年); a name without a
year takes the year of a title above the header (2019年1-6月主要经济指标), else the
``default_year`` the user gave. Blank cells, "—" and "-" are no figure; a figure is a
number, or text holding one ("1,234.5", "9.7%"). Growth is in percent (9.7 for 9.7%).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from duban.core import sheets
from duban.core.sheets import Header, Issues, Sheet
from duban.indicators.reporting_periods import Period, parse_period_name, period_in_title
from duban.indicators.workbook import layout as lay

_NO_FIGURE = frozenset({"", "—", "-", "－", "–", "/", "…", "——", "--", "×", "*"})
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年")
SEP = "\u241f"  # joins a district and its column in a header key ("思明区␟比增%")


@dataclass(frozen=True)
class Figure:
    """One indicator's figures for one subject and month as a sheet gives them.

    ``subject`` is None on a period sheet (the workbook's subject, the zone). ``cells``
    names the cell (C5) each figure came from, by role, for messages and provenance.
    """

    sheet: str
    row: int
    indicator: str
    code: str
    subject: str | None
    period: Period
    month_value: Decimal | None
    cumulative: Decimal | None
    growth: Decimal | None
    has_growth_column: bool
    cells: dict[str, str] = field(default_factory=dict)
    subject_row: int = 0  # where the subject is named: the group's header row, or the row's 地区 cell
    subject_cell: str = ""
    group: str | None = None  # the district of a column group (city sheet with districts side by side)

    @property
    def empty(self) -> bool:
        return self.month_value is None and self.cumulative is None and self.growth is None

    def column(self, role: str) -> str:
        """The column as messages name it: 比增%, or 思明区 比增% in a district's column group."""
        return f"{self.group} {role}" if self.group else role


@dataclass
class Workbook:
    """The figures of every sheet, and the sheets in workbook order."""

    filename: str
    sheets: list[str]
    figures: list[Figure]


def parse_figure(value: Any) -> Decimal | None:
    """A cell as a number; None for a blank or a dash; ValueError for text that is no number."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueError(str(value))
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = (
        str(value)
        .strip()
        .replace(",", "")
        .replace("，", "")
        .replace("－", "-")
        .replace("\u2212", "-")
        .replace("％", "%")
    )
    if text in _NO_FIGURE:
        return None
    text = text.removesuffix("%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number


def read_workbook(data: bytes, filename: str, issues: Issues, *, default_year: int | None = None) -> Workbook:
    """Every sheet that holds data, read into figures; problems go to ``issues`` (the file's raise)."""
    figures: list[Figure] = []
    with sheets.open_book(data, filename) as book:
        names = list(book.names)
        for name in names:
            sheet = book.sheet(name)
            if not any(cell is not None and sheets.cell_text(cell) for row in sheet.rows for cell in row):
                continue
            figures.extend(_read_sheet(sheet, issues, default_year))
    return Workbook(filename=filename, sheets=names, figures=figures)


# --- One sheet ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    header: Header
    roles: dict[str, str]  # header key → role
    groups: dict[str, str]  # header key → district (city sheet with column groups)
    group_cells: dict[str, str]  # district → the header cell naming it
    months: dict[str, int]  # header key of a 1—N月累计 column → N


def _read_sheet(sheet: Sheet, issues: Issues, default_year: int | None) -> list[Figure]:
    layout = _find_layout(sheet, issues)
    if layout is None:
        return []
    period = _sheet_period(sheet, layout.header.row, issues, default_year)
    if period is None:
        return []
    for key, month in layout.months.items():
        if month != period.month:
            issues.add(
                sheet.name,
                layout.header.row,
                layout.roles[key],
                _("The column says 1—%(column)d月 but the sheet is %(period)s.")
                % {"column": month, "period": period.label},
            )
    return list(_figures(sheet, layout, period, issues))


def _header_texts(sheet: Sheet, row: int) -> list[str]:
    return [sheets.header_text(v) for v in sheet.rows[row - 1]] if row <= len(sheet.rows) else []


def _find_layout(sheet: Sheet, issues: Issues) -> _Layout | None:
    """The header: a row with an indicator column and figure columns, or district groups above them."""
    for number in range(1, min(len(sheet.rows), lay.HEADER_SEARCH_ROWS) + 1):
        texts = _header_texts(sheet, number)
        found = [(i, lay.role_of(t)) for i, t in enumerate(texts)]
        roles = {i: r for i, r in found if r is not None}
        if not any(role == lay.INDICATOR for role, _m in roles.values()):
            continue
        if any(role in lay.FIGURES for role, _m in roles.values()):
            return _flat_layout(number, roles)
        grouped = _grouped_layout(sheet, number, texts, roles)
        if grouped is not None:
            return grouped
    issues.add(
        sheet.name,
        None,
        None,
        _(
            "No header row was found in the first %(n)d rows: a row with 指标 and 本月, 1—N月累计 or 比增%% "
            "columns, or with 指标 and a district's name above each group of such columns."
        )
        % {"n": lay.HEADER_SEARCH_ROWS},
    )
    return None


def _flat_layout(number: int, roles: dict[int, tuple[str, int | None]]) -> _Layout:
    index: dict[str, int] = {}
    keys: dict[str, str] = {}
    months: dict[str, int] = {}
    for position, (role, month) in roles.items():
        if role in index:
            continue  # the first column of a role counts
        index[role] = position
        keys[role] = role
        if month is not None:
            months[role] = month
    return _Layout(Header(number, index), keys, {}, {}, months)


def _grouped_layout(
    sheet: Sheet, number: int, texts: Sequence[str], roles: dict[int, tuple[str, int | None]]
) -> _Layout | None:
    """District names on row ``number`` (each over its group, carried right), figure roles below."""
    below = [lay.role_of(t) for t in _header_texts(sheet, number + 1)]
    index = {
        role: position
        for position, (role, _m) in roles.items()
        if role in (lay.INDICATOR, lay.CODE, lay.UNIT)
    }
    keys = {role: role for role in index}
    groups: dict[str, str] = {}
    cells: dict[str, str] = {}
    months: dict[str, int] = {}
    district = ""
    for position, text in enumerate(texts):
        if position in roles:
            district = ""
            continue
        if text:
            district = text
            cells[district] = f"{get_column_letter(position + 1)}{number}"
        sub = below[position] if position < len(below) else None
        if not district or sub is None or sub[0] not in (*lay.FIGURES, lay.RANK):
            continue
        key = f"{district}{SEP}{sub[0]}"
        if key in index:
            continue
        index[key], keys[key], groups[key] = position, sub[0], district
        if sub[1] is not None:
            months[key] = sub[1]
    if not groups:
        return None
    return _Layout(Header(number + 1, index), keys, groups, cells, months)


def _sheet_period(sheet: Sheet, header_row: int, issues: Issues, default_year: int | None) -> Period | None:
    titles = " ".join(
        sheets.cell_text(v) for row in sheet.rows[: header_row - 1] for v in row if v is not None
    )
    year_match = _YEAR.search(titles)
    year = int(year_match["year"]) if year_match else default_year
    period = parse_period_name(sheet.name, default_year=year) or period_in_title(titles)
    if period is not None and period.month:
        return period
    issues.add(
        sheet.name,
        None,
        None,
        _(
            "The sheet “%(sheet)s” does not name its month: name it like 2019年6月 or 1-6月 (with the year "
            "in the title above the header, or chosen when uploading)."
        )
        % {"sheet": sheet.name},
    )
    return None


def _figures(sheet: Sheet, layout: _Layout, period: Period, issues: Issues) -> Iterator[Figure]:
    index = layout.header.index
    districts = list(dict.fromkeys(layout.groups.values()))
    for record in sheets.records(sheet, layout.header, issues):
        indicator = sheets.cell_text(record[lay.INDICATOR])
        code = sheets.cell_text(record[lay.CODE]) if lay.CODE in index else ""
        if not indicator and not code:
            continue  # a note or a blank label: not an indicator row
        places: list[tuple[str | None, str | None, int, str]]
        if districts:
            places = [(d, d, layout.header.row - 1, layout.group_cells.get(d, "")) for d in districts]
        elif lay.SUBJECT in index:
            name = sheets.cell_text(record[lay.SUBJECT])
            places = [(None, name, record.row, _ref(index[lay.SUBJECT], record.row))]
        else:
            places = [(None, None, 0, "")]
        for group, subject, subject_row, subject_cell in places:
            numbers, cells = _numbers(sheet.name, record, layout, group, issues)
            yield Figure(
                sheet=sheet.name,
                row=record.row,
                indicator=indicator,
                code=code,
                subject=subject,
                period=period,
                month_value=numbers.get(lay.MONTH),
                cumulative=numbers.get(lay.CUMULATIVE),
                growth=numbers.get(lay.GROWTH),
                has_growth_column=lay.GROWTH in cells,
                cells={**cells, lay.INDICATOR: _ref(index.get(lay.INDICATOR), record.row)},
                subject_row=subject_row,
                subject_cell=subject_cell,
                group=group,
            )


def _numbers(
    sheet: str, record: sheets.Record, layout: _Layout, group: str | None, issues: Issues
) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    numbers: dict[str, Decimal | None] = {}
    cells: dict[str, str] = {}
    for key, position in layout.header.index.items():
        role = layout.roles.get(key, "")
        if role not in lay.FIGURES or layout.groups.get(key) != group:
            continue
        cells[role] = _ref(position, record.row)
        try:
            numbers[role] = parse_figure(record[key])
        except ValueError:
            column = f"{group} {role}" if group else role
            issues.add(
                sheet,
                record.row,
                column,
                _("“%(value)s” in cell %(cell)s is not a number.")
                % {"value": sheets.cell_text(record[key]), "cell": cells[role]},
            )
    return numbers, cells


def _ref(position: int | None, row: int) -> str:
    return f"{get_column_letter(position + 1)}{row}" if position is not None else ""
