"""Leaders' outputs in Chromium, in Chinese: the cockpit for two roles with different scopes, a figure
followed to the ledger list with the same count, and the bulletin and statistics sheet downloaded.

The clock is frozen on Wednesday 2019-07-31; the live server runs in this process, so it shares it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import LeaderUnit, Unit, User
from duban.supervision.models import Item
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import log_in, screenshot
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

# (title, unit, deadline): on 31 July the first three are overdue, the last is due in August.
ITEMS = [
    ("编制园区产业发展规划", "经济发展局", dt.date(2019, 6, 30)),
    ("开展营商环境专项整治", "经济发展局", dt.date(2019, 7, 15)),
    ("张坂镇河道清淤整治", "张坂镇", dt.date(2019, 7, 1)),
    ("建设标准厂房一期", "张坂镇", dt.date(2019, 12, 31)),
]


@pytest.fixture
def zone() -> Iterator[dict[str, User]]:
    with clock.frozen(dt.date(2019, 6, 3)):
        units: dict[str, Unit] = {
            "经济发展局": make_unit(name="经济发展局"),
            "张坂镇": make_unit(name="张坂镇", kind="town"),
        }
        office = make_user(Role.SUPERVISOR, username="office")
        source = make_source(office, title="2019年重点工作督办")
        for title, unit, deadline in ITEMS:
            item = make_item(office, source, lead_unit=units[unit], title=title, deadline=deadline)
            item_transition(item=item, action=Action.ASSIGN, actor=office)
        top = make_user(Role.TOP_LEADER, username="top")
        leader = make_user(Role.LEADER, username="leader_town")
        assert leader.person is not None
        LeaderUnit.objects.create(leader=leader.person, unit=units["张坂镇"])
    with clock.frozen(dt.date(2019, 7, 31)):
        yield {"office": office, "top": top, "leader": leader}


def _count(page: Page, testid: str) -> int:
    return int(page.get_by_test_id(testid).locator("[data-count]").inner_text())


def test_the_cockpit_by_role_and_a_figure_followed_to_its_list(
    page: Page, live_server: LiveServer, zone: dict[str, User]
) -> None:
    # given the top leader, who sees the zone
    log_in(page, live_server.url, "top")
    page.goto(f"{live_server.url}/reports/cockpit/")
    expect(page.get_by_role("heading", name="领导驾驶舱")).to_be_visible()
    assert (_count(page, "fig-open"), _count(page, "fig-overdue")) == (4, 3)
    expect(page.locator("canvas[data-chart='chart-units']")).to_be_visible()
    screenshot(page, "cockpit-top-leader")
    # when they follow the overdue figure
    page.get_by_test_id("fig-overdue").click()
    # then the ledger lists the same three items
    expect(page.get_by_test_id("ledger-row")).to_have_count(3)
    # and a leader in charge of the town sees only the town's items
    page.context.clear_cookies()
    log_in(page, live_server.url, "leader_town")
    page.goto(f"{live_server.url}/reports/cockpit/")
    assert (_count(page, "fig-open"), _count(page, "fig-overdue")) == (2, 1)
    units = page.get_by_test_id("overdue-unit")
    expect(units).to_have_count(1)
    expect(units).to_contain_text("张坂镇")
    screenshot(page, "cockpit-leader")
    units.get_by_role("link").click()
    expect(page.get_by_test_id("ledger-row")).to_have_count(1)


def test_the_office_issues_and_downloads_the_bulletin_and_the_statistics(
    page: Page, live_server: LiveServer, zone: dict[str, User]
) -> None:
    log_in(page, live_server.url, "office")
    # the statistics sheet of the year so far, by lead unit
    page.goto(f"{live_server.url}/reports/statistics/?start=2019-01-01&end=2019-07-31&by=unit")
    rows = page.get_by_test_id("statistics-row")
    expect(rows).to_have_count(2)
    screenshot(page, "statistics")
    with page.expect_download() as sheet:
        page.get_by_test_id("statistics-export").click()
    book = load_workbook(io.BytesIO(open(sheet.value.path(), "rb").read()))  # noqa: SIM115 - read at once
    figures = {row[0]: row for row in book.active.iter_rows(min_row=3, values_only=True)}  # type: ignore[union-attr]
    assert figures["经济发展局"][5] == 2 and figures["张坂镇"][5] == 1 and figures["合计"][5] == 3
    # the bulletin for July, issued and downloaded
    page.goto(f"{live_server.url}/reports/bulletins/")
    page.locator("#id_start").fill("2019-07-01")
    page.locator("#id_end").fill("2019-07-31")
    page.get_by_test_id("bulletin-issue").click()
    expect(page.get_by_test_id("bulletin-row")).to_have_count(1)
    screenshot(page, "bulletins")
    with page.expect_download() as download:
        page.get_by_test_id("bulletin-download").click()
    text = "\n".join(p.text for p in Document(str(download.value.path())).paragraphs)
    assert "逾期未办结3项，涉及2个单位" in text
    assert Item.objects.count() == len(ITEMS)
