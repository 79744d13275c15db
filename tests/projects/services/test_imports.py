"""Project sheets: a broken one refused naming rows and columns; a fixed one applied exactly; round trips."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from duban.core.sheets import SheetError
from duban.org.models import Unit, User
from duban.projects import sheet_format as fmt
from duban.projects.export import ledger_export_write, report_sheet_write
from duban.projects.models import MonthlyReport, Project
from duban.projects.services.imports import ledger_import, ledger_import_preview
from duban.projects.services.report_import import report_import, report_import_preview
from duban.reports.ledger_xlsx import rows_workbook
from tests.org.factories import make_person, make_unit
from tests.projects.factories import make_officer, make_project, make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
HEADERS = [
    fmt.CODE,
    fmt.NAME,
    fmt.KIND,
    fmt.AREA,
    fmt.TOTAL,
    fmt.ANNUAL,
    fmt.PLANNED_START,
    fmt.STATUS,
    fmt.LEAD,
    fmt.COOPERATING,
    fmt.LEADER,
    fmt.PARENT,
]


@pytest.fixture
def officer(db: None) -> User:
    return make_officer()


@pytest.fixture
def area(db: None) -> Unit:
    return make_unit(name="湖东片区", kind="area")


def _ledger(*rows: list[object]) -> bytes:
    return rows_workbook(HEADERS, rows)


GOOD = [
    [
        "JS-01",
        "五纵五横路网",
        "基础设施",
        "湖东片区",
        500000,
        60000,
        "2019-03-01",
        "在建",
        "经济发展局",
        "张坂镇",
        "",
        "",
    ],
    [
        "JS-02",
        "一纵",
        "基础设施",
        "湖东片区",
        80000,
        12000,
        dt.date(2019, 4, 1),
        "未开工",
        "经济发展局",
        "",
        "王副主任",
        "五纵五横路网",
    ],
]


def test_a_broken_ledger_is_refused_naming_each_row_and_column_and_nothing_is_written(
    officer: User, unit_a: Unit, unit_b: Unit, area: Unit
) -> None:
    # given: row 2 an unknown unit and a bad amount; row 3 a bad kind, a bad date and an unknown parent
    broken = _ledger(
        [
            "JS-01",
            "五纵五横路网",
            "基础设施",
            "湖东片区",
            "五十万",
            60000,
            "2019-03-01",
            "在建",
            "不存在局",
            "",
            "",
            "",
        ],
        [
            "JS-02",
            "一纵",
            "高速",
            "湖东片区",
            80000,
            12000,
            "2019-02-30",
            "未开工",
            "经济发展局",
            "",
            "",
            "二横",
        ],
        ["", "", "基础设施", "", 1, 1, "", "", "经济发展局", "", "", ""],
    )
    # when
    with pytest.raises(SheetError) as refused:
        ledger_import(actor=officer, year=2019, data=broken, filename="台账.xlsx")
    # then: every problem at its row and column, in Chinese
    places = {(i.row, i.column) for i in refused.value.issues}
    assert places == {
        (2, fmt.TOTAL),
        (2, fmt.LEAD),
        (3, fmt.KIND),
        (3, fmt.PLANNED_START),
        (4, fmt.NAME),
    }
    assert "第" in str(refused.value.issues[0]) or "行" in str(refused.value.issues[0])
    assert "不存在局" in refused.value.message
    assert not Project.objects.exists()


def test_a_fixed_ledger_applies_exactly(officer: User, unit_a: Unit, unit_b: Unit, area: Unit) -> None:
    leader = make_person(unit=unit_a, name="王副主任")
    preview = ledger_import_preview(actor=officer, year=2019, data=_ledger(*GOOD), filename="台账.xlsx")
    assert (preview.created, preview.updated) == (2, 0)
    assert not Project.objects.exists()  # the preview writes nothing
    result = ledger_import(actor=officer, year=2019, data=_ledger(*GOOD), filename="台账.xlsx")
    assert (result.created, result.updated) == (2, 0)
    network = Project.objects.get(code="JS-01")
    segment = Project.objects.get(code="JS-02")
    assert (network.kind, network.area, network.status, network.lead_unit) == (
        "infrastructure",
        area,
        "under_construction",
        unit_a,
    )
    assert (network.total_investment, network.annual_investment) == (Decimal(500000), Decimal(60000))
    assert list(network.cooperating_units.all()) == [unit_b]
    assert (segment.parent, segment.leader, segment.planned_start) == (network, leader, dt.date(2019, 4, 1))
    assert segment.status == "not_started"


def test_the_exported_ledger_imports_again_unchanged_and_a_change_updates(
    officer: User, unit_a: Unit, unit_b: Unit, area: Unit
) -> None:
    make_person(unit=unit_a, name="王副主任")
    ledger_import(actor=officer, year=2019, data=_ledger(*GOOD), filename="台账.xlsx")
    out = io.BytesIO()
    assert ledger_export_write(out, user=officer, year=2019) == 2
    preview = ledger_import_preview(actor=officer, year=2019, data=out.getvalue(), filename="导出.xlsx")
    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, 2)
    changed = [list(GOOD[0]), list(GOOD[1])]
    changed[1][5] = 15000
    preview = ledger_import_preview(actor=officer, year=2019, data=_ledger(*changed), filename="台账.xlsx")
    assert [(c.row, c.fields) for c in preview.shown()] == [(3, (fmt.ANNUAL,))]
    ledger_import(actor=officer, year=2019, data=_ledger(*changed), filename="台账.xlsx")
    assert Project.objects.get(code="JS-02").annual_investment == Decimal(15000)


REPORT_HEADERS = [fmt.CODE, fmt.NAME, fmt.MONTH_INVESTMENT, fmt.YTD_INVESTMENT, fmt.PROGRESS, fmt.PROBLEMS]


def test_the_report_sheet_refuses_then_applies_then_round_trips(
    officer: User, liaison_a: User, unit_a: Unit, unit_b: Unit
) -> None:
    bridge = make_project(officer, unit_a, code="JS-01", name="金屿大桥")
    channel = make_project(officer, unit_b, code="JS-02", name="百崎通道")
    broken = rows_workbook(
        REPORT_HEADERS,
        [
            ["JS-01", "金屿大桥", 900, 600, "主塔施工", ""],  # the month more than the year to date
            [
                "JS-02",
                "百崎通道",
                100,
                500,
                "桩基",
                "",
            ],  # another unit's project: the liaison does not report on it
            ["JS-09", "不存在", 100, 500, "桩基", ""],
            ["", "金屿大桥", "-5", 500, "", ""],
        ],
    )
    with pytest.raises(SheetError) as refused:
        report_import(actor=liaison_a, year=2019, month=6, data=broken, filename="6月调度.xlsx")
    assert {(i.row, i.column) for i in refused.value.issues} == {
        (2, fmt.MONTH_INVESTMENT),
        (3, fmt.CODE),
        (4, fmt.CODE),
        (5, fmt.NAME),
    }
    assert not MonthlyReport.objects.exists()
    fixed = rows_workbook(REPORT_HEADERS, [["JS-01", "金屿大桥", 600, 3600, "主塔施工至40米", "征地滞后"]])
    result = report_import(actor=liaison_a, year=2019, month=6, data=fixed, filename="6月调度.xlsx")
    assert (result.created, result.updated) == (1, 0)
    report = MonthlyReport.objects.get()
    assert (report.project, report.month, report.month_investment, report.ytd_investment) == (
        bridge,
        6,
        Decimal(600),
        Decimal(3600),
    )
    assert (report.progress, report.problems) == ("主塔施工至40米", "征地滞后")
    # the office exports the month (both projects; 百崎通道 blank) and imports it back: nothing changes
    out = io.BytesIO()
    assert report_sheet_write(out, user=officer, year=2019, month=6) == 2
    again = report_import_preview(
        actor=officer, year=2019, month=6, data=out.getvalue(), filename="导出.xlsx"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    # a changed figure is a correction that supersedes the current report
    corrected = rows_workbook(
        REPORT_HEADERS, [["JS-01", "金屿大桥", 700, 3700, "主塔施工至40米", "征地滞后"]]
    )
    assert report_import(actor=officer, year=2019, month=6, data=corrected, filename="更正.xlsx").updated == 1
    latest = MonthlyReport.objects.get(superseded_by__isnull=True)
    assert (latest.supersedes, latest.ytd_investment) == (report, Decimal(3700))
    assert channel.reports.count() == 0
    make_report(officer, channel, 5, 100)  # another month is its own report
