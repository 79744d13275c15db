"""The statistics workbook import in Chromium: a bad cell named by sheet, row and column; preview; confirm."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from duban.indicators.models import IndicatorValue
from tests.browser.conftest import log_in, screenshot
from tests.indicators.write_fixtures import World, world_fixture  # noqa: F401 - the world fixture


def _workbook(tmp_path: Path, rows: list[list[Any]]) -> str:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2019年6月"
    sheet.append(["2019年1-6月主要经济指标"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "2019年6月统计月报.xlsx"
    book.save(path)
    return str(path)


def test_statistics_workbook_refused_then_previewed_and_imported(
    page: Page, live_server: LiveServer, tmp_path: Path, world: World
) -> None:
    log_in(page, live_server.url, world.statistician.username)
    page.goto(f"{live_server.url}/indicators/import/")
    header = ["指标", "本月", "1-6月累计", "比增%"]
    # when a workbook with text in a figure cell is uploaded
    page.locator("#id_file").set_input_files(
        _workbook(tmp_path, [header, ["地区生产总值", 30.1, "约150", 9.7]])
    )
    page.get_by_test_id("import-form").locator("button[type=submit]").click()
    # then the cell is named by sheet, row and column, in Chinese, and nothing is written
    issues = page.get_by_test_id("import-issues")
    issues.wait_for()
    assert "单元格C3中的“约150”不是数字。" in issues.inner_text()
    screenshot(page, "indicators-import-refused")
    assert not IndicatorValue.objects.exists()
    # when the corrected workbook is uploaded
    page.locator("#id_file").set_input_files(
        _workbook(
            tmp_path, [header, ["地区生产总值", 30.1, 149.75, 9.7], ["居民消费价格指数", 102.3, None, None]]
        )
    )
    page.get_by_test_id("import-form").locator("button[type=submit]").click()
    # then the preview lists what would be added
    page.get_by_test_id("import-preview").wait_for()
    assert "地区生产总值 · 本区 · 2019年6月" in page.get_by_test_id("import-preview").inner_text()
    screenshot(page, "indicators-import-preview")
    assert not IndicatorValue.objects.exists()
    # when confirmed, the values are stored with their file and cell
    page.get_by_test_id("import-confirm").locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/indicators/**")
    gdp = IndicatorValue.objects.get(definition=world.gdp)
    assert (str(gdp.value), gdp.growth_entered, gdp.source_row) == ("149.7500", True, "'2019年6月'!C3")
    screenshot(page, "indicators-import-done")
