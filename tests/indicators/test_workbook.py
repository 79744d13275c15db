"""The statistics workbook: both shapes read, previewed and imported all or nothing; export reads back.

Workbooks are built here with openpyxl, as statisticians' sheets look: a title row, the
header, indicator rows (with heading rows that carry no figures).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from duban.audit.models import AuditEvent
from duban.core.errors import PermissionDenied
from duban.core.sheets import ChangeKind, SheetError
from duban.indicators.models import IndicatorDefinition, IndicatorValue, Provenance
from duban.indicators.services.imports import values_import, values_import_preview
from duban.indicators.services.values import indicator_value_enter
from duban.indicators.workbook.export import city_workbook_export, workbook_export
from duban.indicators.workbook.read import parse_figure
from duban.org.models import User
from tests.indicators.write_fixtures import World, world_fixture  # noqa: F401 - the world fixture

pytestmark = pytest.mark.django_db

HEADER = ["指标", "单位", "本月", "1-6月累计", "比增%", "排名"]


def book(sheets: dict[str, list[list[Any]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def june(*rows: list[Any], name: str = "2019年6月") -> bytes:
    return book({name: [["2019年1-6月主要经济指标"], HEADER, ["一、经济总量"], *rows]})


def values(world: World) -> dict[tuple[str, str, int, int], IndicatorValue]:
    rows = IndicatorValue.objects.select_related("definition", "subject")
    return {(v.definition.code, v.subject.name, v.year, v.month or v.quarter): v for v in rows}


def issues_of(error: SheetError) -> list[tuple[str, int | None, str | None, str]]:
    return [(i.sheet, i.row, i.column, i.message) for i in error.issues]


@pytest.mark.parametrize(
    ("cell", "figure"),
    [
        (149.75, "149.75"),
        (12, "12"),
        ("1,234.5", "1234.5"),
        ("9.7%", "9.7"),
        ("\u22123.2", "-3.2"),  # the minus sign
        ("－3.2", "-3.2"),  # the full-width hyphen-minus
        ("—", None),
        ("", None),
        (None, None),
    ],
)
def test_figures_are_numbers_or_blank(cell: Any, figure: str | None) -> None:
    assert parse_figure(cell) == (Decimal(figure) if figure is not None else None)


def test_a_period_sheet_imports_the_zone_figures_with_provenance(world: World) -> None:
    # given the June sheet of the zone: GDP with a published growth, CPI (a point value) without
    data = june(
        ["地区生产总值", "亿元", 30.1, 149.75, 9.7, 1], ["居民消费价格指数", "%", 102.3, None, None, None]
    )
    # when the statistician imports it
    result = values_import(actor=world.statistician, data=data, filename="2019年6月统计月报.xlsx")
    # then both values are stored for the zone, imported from their cells
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    stored = values(world)
    gdp = stored[("GDP", "本区", 2019, 6)]
    assert gdp.value == Decimal("149.75")  # the cumulative indicator takes 1—6月累计
    assert (gdp.growth, gdp.growth_entered) == (Decimal("9.7"), True)  # the published growth wins
    assert gdp.provenance == Provenance.IMPORTED
    assert (gdp.source_file, gdp.source_row) == ("2019年6月统计月报.xlsx", "'2019年6月'!D4")
    cpi = stored[("CPI", "本区", 2019, 6)]
    assert cpi.value == Decimal("102.3") and cpi.source_row == "'2019年6月'!C5"  # a point value takes 本月
    assert (cpi.growth, cpi.growth_entered) == (None, False)  # no prior year: no growth
    # and one audit row records the import with its counts
    event = AuditEvent.objects.get(action="indicator_values.import")
    assert event.after is not None
    assert (event.after["file"], event.after["created"], event.after["updated"]) == (
        "2019年6月统计月报.xlsx",
        2,
        0,
    )


def test_blank_growth_is_computed_from_the_prior_year_in_the_same_workbook(world: World) -> None:
    # given June 2018 and June 2019 of GDP, with no growth written for 2019
    data = book(
        {
            "2018年6月": [["指标", "1-6月累计", "比增%"], ["地区生产总值", 136.5, None]],
            "2019年6月": [["指标", "1-6月累计", "比增%"], ["地区生产总值", 149.75, None]],
        }
    )
    values_import(actor=world.statistician, data=data, filename="two.xlsx")
    # then 2019's growth is computed: (149.75 - 136.5) / 136.5 = 9.706…% → 9.7 (half-up, one decimal)
    gdp = values(world)[("GDP", "本区", 2019, 6)]
    assert (gdp.growth, gdp.growth_entered) == (Decimal("9.7"), False)


def test_preview_shows_new_changed_and_unchanged_and_writes_nothing(world: World) -> None:
    # given GDP June 2019 already entered at 149.00 and CPI at 102.3
    indicator_value_enter(
        actor=world.statistician,
        definition=world.gdp,
        subject=world.zone,
        year=2019,
        month=6,
        value=Decimal("149.00"),
    )
    indicator_value_enter(
        actor=world.statistician,
        definition=world.cpi,
        subject=world.zone,
        year=2019,
        month=6,
        value=Decimal("102.3"),
    )
    before = AuditEvent.objects.count()
    data = book(
        {
            "2019年6月": [
                ["指标", "本月", "1-6月累计"],
                ["地区生产总值", None, 149.75],
                ["居民消费价格指数", 102.3, None],
            ],
            "2019年5月": [["指标", "本月", "1-5月累计"], ["地区生产总值", None, 120.4]],
        }
    )
    # when the workbook is previewed
    preview = values_import_preview(actor=world.statistician, data=data, filename="m.xlsx")
    # then it says what would change, by sheet and row, and nothing is written
    kinds = {(c.sheet, c.row): (c.kind, c.fields) for c in preview.changes}
    assert kinds == {
        ("2019年6月", 2): (ChangeKind.UPDATE, ("累计",)),
        ("2019年6月", 3): (ChangeKind.UNCHANGED, ()),
        ("2019年5月", 2): (ChangeKind.CREATE, ()),
    }
    assert (preview.created, preview.updated, preview.unchanged) == (1, 1, 1)
    assert values(world)[("GDP", "本区", 2019, 6)].value == Decimal("149.00")
    assert AuditEvent.objects.count() == before


def test_a_city_sheet_with_district_groups_imports_every_district(world: World) -> None:
    # given the city's sheet: indicators in rows, a group of columns per district (name over its group)
    data = book(
        {
            "2019年6月": [
                ["全市各县区2019年1-6月主要经济指标"],
                ["指标", "本区", None, "思明区", None, "湖里区", None],
                [None, "累计", "比增%", "累计", "比增%", "累计", "比增%"],
                ["地区生产总值", 149.75, 9.7, 820.4, 7.5, 610.2, 8.1],
            ]
        }
    )
    result = values_import(actor=world.statistician, data=data, filename="city.xlsx")
    assert result.created == 3
    stored = values(world)
    assert stored[("GDP", "思明区", 2019, 6)].value == Decimal("820.4")
    assert stored[("GDP", "湖里区", 2019, 6)].growth == Decimal("8.1")
    assert stored[("GDP", "湖里区", 2019, 6)].source_row == "'2019年6月'!F4"


def test_a_city_sheet_with_districts_in_rows(world: World) -> None:
    data = book(
        {
            "1-6月": [
                ["2019年1-6月各县区主要指标"],
                ["地区", "指标", "累计", "比增%"],
                ["思明区", "地区生产总值", 820.4, 7.5],
                ["本区", "地区生产总值", 149.75, 9.7],
            ]
        }
    )
    values_import(actor=world.statistician, data=data, filename="rows.xlsx")
    stored = values(world)
    assert stored[("GDP", "思明区", 2019, 6)].value == Decimal("820.4")  # the year from the title
    assert stored[("GDP", "本区", 2019, 6)].growth == Decimal("9.7")


def test_names_match_without_spaces_or_a_sub_indicator_prefix(world: World) -> None:
    data = book(
        {
            "2019年6月": [
                ["指标", "1-6月累计", "本月"],
                ["  地 区 生 产 总 值", 149.75],
                ["其中：一般公共预算收入", 12],
                ["居民消费价格指数(%)", None, 102.3],
            ]
        }
    )
    result = values_import(actor=world.statistician, data=data, filename="names.xlsx")
    assert result.created == 3  # with its unit after the name, CPI is CPI


def test_a_month_figure_alone_adds_to_the_month_before(world: World) -> None:
    # given May's 1—5月累计 stored, and a workbook with 本月 alone for June and July
    indicator_value_enter(
        actor=world.statistician,
        definition=world.gdp,
        subject=world.zone,
        year=2019,
        month=5,
        value=Decimal("120.4"),
    )
    header = ["指标", "本月", "累计"]
    data = book(
        {
            "2019年6月": [header, ["地区生产总值", 29.35, None]],
            "2019年7月": [header, ["地区生产总值", 25, None]],
        }
    )
    values_import(actor=world.statistician, data=data, filename="months.xlsx")
    # then 1—6月 = 120.4 + 29.35 = 149.75 and 1—7月 = 149.75 + 25 = 174.75, marked computed with both sources
    june, july = values(world)[("GDP", "本区", 2019, 6)], values(world)[("GDP", "本区", 2019, 7)]
    assert (june.value, june.provenance, june.source_row) == (
        Decimal("149.75"),
        Provenance.COMPUTED,
        "'2019年6月'!B2 + 1—5月累计",
    )
    assert july.value == Decimal("174.75")


def test_a_month_figure_without_the_month_before_is_refused(world: World) -> None:
    data = book({"2019年6月": [["指标", "本月", "累计"], ["地区生产总值", 29.35, None]]})
    with pytest.raises(SheetError) as refused:
        values_import(actor=world.statistician, data=data, filename="june.xlsx")
    assert issues_of(refused.value) == [
        ("2019年6月", 2, "累计", "缺少1—6月累计，也没有1—5月累计可与本月数相加")
    ]


def test_a_quarterly_indicator_takes_the_quarter_of_the_month_sheet(world: World) -> None:
    data = book({"2019年6月": [["指标", "1-6月累计"], ["一般公共预算收入", 12.5]]})
    values_import(actor=world.statistician, data=data, filename="q.xlsx")
    assert values(world)[("REV", "本区", 2019, 2)].value == Decimal("12.5")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            book({"说明": [["指标", "1-6月累计"], ["地区生产总值", 149.75]]}),
            ("说明", None, None, "未写明月份"),
            id="a sheet name that names no month",
        ),
        pytest.param(
            june(["地区生产总值", "亿元", 30.1, "约150", 9.7, 1]),
            ("2019年6月", 4, "累计", "单元格D4中的“约150”不是数字。"),
            id="text in a figure cell",
        ),
        pytest.param(
            june(["地区生产总值", "亿元", 30.1, 149.75, 9.7, 1], ["工业增加值", "亿元", 10, 50.2, 6.1, 2]),
            ("2019年6月", 5, "指标", "未知指标“工业增加值”"),
            id="an unknown indicator",
        ),
        pytest.param(
            book({"2019年5月": [["指标", "1-5月累计"], ["一般公共预算收入", 10]]}),
            ("2019年5月", 2, "指标", "2019年5月没有该指标数据"),
            id="a quarterly indicator in May",
        ),
    ],
)
def test_a_bad_workbook_names_sheet_row_and_column_and_writes_nothing(
    world: World, data: bytes, expected: tuple[str, int | None, str | None, str]
) -> None:
    with pytest.raises(SheetError) as refused:
        values_import(actor=world.statistician, data=data, filename="bad.xlsx")
    sheet, row, column, words = expected
    found = issues_of(refused.value)
    assert any(s == sheet and r == row and c == column and words in m for s, r, c, m in found), found
    assert "未导入任何数据" in refused.value.message  # the summary says nothing was written
    assert IndicatorValue.objects.count() == 0
    assert not AuditEvent.objects.filter(action="indicator_values.import").exists()


def test_one_bad_cell_keeps_every_good_row_out_too(world: World) -> None:
    data = june(
        ["地区生产总值", "亿元", 30.1, 149.75, 9.7, 1],
        ["居民消费价格指数", "%", "一百零二", None, None, None],
    )
    with pytest.raises(SheetError) as refused:
        values_import(actor=world.statistician, data=data, filename="bad.xlsx")
    assert "2019年6月" in refused.value.message and "C5" in refused.value.message
    assert "不是数字" in refused.value.message  # in Chinese
    assert IndicatorValue.objects.count() == 0


def test_only_a_statistician_imports(world: World, liaison_a: User) -> None:
    with pytest.raises(PermissionDenied):
        values_import_preview(
            actor=liaison_a, data=june(["地区生产总值", "亿元", 30, 149.75, 9.7, 1]), filename="x.xlsx"
        )


def test_export_reads_back_unchanged(world: World) -> None:
    # given values imported from a period sheet and a city sheet
    values_import(
        actor=world.statistician,
        filename="a.xlsx",
        data=june(
            ["地区生产总值", "亿元", 30.1, 149.75, 9.7, 1], ["居民消费价格指数", "%", 102.3, None, None, None]
        ),
    )
    values_import(
        actor=world.statistician,
        filename="b.xlsx",
        data=book(
            {
                "2019年6月": [
                    ["指标", "思明区", None, "湖里区", None],
                    [None, "累计", "比增%", "累计", "比增%"],
                    ["地区生产总值", 820.4, 7.5, 610.2, 8.1],
                ]
            }
        ),
    )
    # when both shapes are exported and imported again
    zone_sheet = workbook_export(user=world.statistician, subject=world.zone, year=2019, months=[6])
    city_sheet = city_workbook_export(user=world.statistician, peer_set=world.city, year=2019, month=6)
    # then nothing would change
    for data in (zone_sheet, city_sheet):
        preview = values_import_preview(actor=world.statistician, data=data, filename="export.xlsx")
        assert preview.created == preview.updated == 0 and preview.unchanged > 0
    # and the city sheet ranks the districts by growth (本区 9.7 first, 湖里区 8.1, 思明区 7.5)
    sheet = load_workbook(io.BytesIO(city_sheet), read_only=True)["2019年6月"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[1]
    gdp = next(r for r in rows if r[0] == "地区生产总值")
    ranks = {rows[1][i]: gdp[i + 3] for i, name in enumerate(header) if name in ("本区", "思明区", "湖里区")}
    assert ranks == {"本区": 1, "湖里区": 2, "思明区": 3}


def test_preview_queries_do_not_grow_with_rows(world: World, django_assert_num_queries: Any) -> None:
    for n in range(12):
        IndicatorDefinition.objects.create(code=f"X{n}", name=f"指标{n}", lead_unit=world.gdp.lead_unit)

    def sheet(count: int) -> bytes:
        rows = [[f"指标{n}", None, n + 1, None] for n in range(count)]
        return book(
            {
                "2019年6月": [["指标", "本月", "1-6月累计", "比增%"], *rows],
                "2018年6月": [["指标", "本月", "1-6月累计", "比增%"], *rows],
            }
        )

    values_import_preview(actor=world.statistician, data=sheet(1), filename="warm.xlsx")  # caches filled
    with CaptureQueriesContext(connection) as few:
        values_import_preview(actor=world.statistician, data=sheet(2), filename="a.xlsx")
    with django_assert_num_queries(len(few.captured_queries)):
        values_import_preview(actor=world.statistician, data=sheet(12), filename="b.xlsx")
