"""The workbook imports in Chromium: problems by sheet, row and column; a preview, then the confirmation."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook, load_workbook
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from duban.core.roles import Role
from duban.org.models import Person, Unit
from duban.reports.ledger_xlsx import rows_workbook
from duban.supervision.models import Item
from tests.browser.conftest import log_in, screenshot
from tests.org.factories import make_unit, make_user
from tests.org.workbooks import workbook_bytes
from tests.supervision.factories import make_source


def _save(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_org_import_refuses_then_previews_and_imports(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    # given an administrator and a workbook with a merged cell
    admin = make_user(Role.ADMIN, username="admin_browser")
    good = workbook_bytes(
        [("财政局", "财政", "部门", None, 1), ("税务所", "", "部门", "财政局", 2)],
        [("林一", "局长", "财政局", "", "", "")],
    )
    book = load_workbook(io.BytesIO(good))
    book["单位"].merge_cells("C2:C3")
    merged = io.BytesIO()
    book.save(merged)
    log_in(page, live_server.url, admin.username)
    page.goto(f"{live_server.url}/org/import/")
    # when the merged workbook is uploaded
    page.locator("#id_file").set_input_files(_save(tmp_path, "名单.xlsx", merged.getvalue()))
    page.get_by_test_id("import-form").locator("button[type=submit]").click()
    # then the merge is named at its sheet, row and column, in Chinese
    issues = page.get_by_test_id("import-issues")
    issues.wait_for()
    assert "单元格 C2:C3 为合并单元格" in issues.inner_text()
    screenshot(page, "org-import-refused")
    # when the corrected workbook is uploaded
    page.locator("#id_file").set_input_files(_save(tmp_path, "名单.xlsx", good))
    page.get_by_test_id("import-form").locator("button[type=submit]").click()
    # then the preview says what would happen, and nothing is written yet
    page.get_by_test_id("import-preview").wait_for()
    assert "将新建 3 条，修改 0 条，0 条不变。" in page.get_by_test_id("import-counts").inner_text()
    screenshot(page, "org-import-preview")
    assert not Unit.objects.filter(name="税务所").exists()
    # when confirmed
    page.get_by_test_id("import-confirm").locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/org/units/**")
    # then
    assert Person.objects.filter(name="林一", unit__name="财政局").exists()


def test_ledger_import_previews_and_imports(page: Page, live_server: LiveServer, tmp_path: Path) -> None:
    # given
    office = make_user(Role.SUPERVISOR, username="office_browser")
    make_unit(name="经济发展局")
    source = make_source(office)
    rows = [
        ("1", "产业发展质量不高", "经济发展局", None, None, None, "2019-12-31"),
        ("1.1", "编制产业发展规划", "经济发展局", None, None, None, "2019-09-30"),
    ]
    data = rows_workbook(["序号", "事项", "牵头单位", "配合单位", "分管领导", "责任人", "完成时限"], rows)
    log_in(page, live_server.url, office.username)
    page.goto(f"{live_server.url}/reports/ledger/import/?source={source.pk}")
    # when
    page.locator("#id_file").set_input_files(_save(tmp_path, "台账.xlsx", data))
    page.get_by_test_id("ledger-import-form").locator("button[type=submit]").click()
    page.get_by_test_id("import-preview").wait_for()
    screenshot(page, "ledger-import-preview")
    assert not Item.objects.filter(source=source).exists()
    page.get_by_test_id("import-confirm").locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/supervision/sources/{source.pk}/**")
    # then
    assert Item.objects.filter(source=source).count() == 2  # noqa: PLR2004


def test_an_empty_workbook_is_refused_in_words(page: Page, live_server: LiveServer, tmp_path: Path) -> None:
    admin = make_user(Role.ADMIN, username="admin_empty")
    out = io.BytesIO()
    Workbook().save(out)
    log_in(page, live_server.url, admin.username)
    page.goto(f"{live_server.url}/org/import/")
    page.locator("#id_file").set_input_files(_save(tmp_path, "空.xlsx", out.getvalue()))
    page.get_by_test_id("import-form").locator("button[type=submit]").click()
    page.get_by_test_id("import-issues").wait_for()
    assert "工作簿为空" in page.get_by_test_id("import-issues").inner_text()
