"""A key project's month in Chromium (issue 11, "How it will be checked").

The lead unit's liaison files a monthly report with a site photo on a project 20 points
behind its time-proportional investment; the flag clears. The supervision office turns
the reported problem into a supervision item, which then shows on the project. The clock
is frozen on Mon 16 Sep 2019 (the live server runs in this process, so its clock too).
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from django.utils import translation
from playwright.sync_api import FilePayload, Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core import clock
from duban.core.roles import Role
from duban.projects.models import Project, ProjectItemLink
from duban.projects.schedule import FLAG_LABELS, Flag
from duban.projects.services.project import project_create
from duban.projects.services.report import report_submit
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD
from tests.org.factories import make_unit, make_user

TODAY = dt.date(2019, 9, 16)
PROBLEM = "穿越高速公路段顶管施工许可尚待协调。"


def _png(width: int = 96, height: int = 64) -> bytes:
    """A real (decodable) PNG: sky over ground."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + (b"\x78\xaa\xdc" if y < height // 2 else b"\x8c\x78\x3c") * width for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def zh(text: object) -> str:
    with translation.override("zh-hans"):
        return str(text)


@pytest.fixture
def _today() -> Iterator[None]:
    with clock.frozen(dt.datetime(2019, 9, 16, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        yield


@pytest.mark.usefixtures("_today")
def test_liaison_reports_with_a_photo_and_the_office_raises_the_problem(
    open_page: Callable[[], Page], live_server: LiveServer
) -> None:
    # given a project of the city-building group, reported in August at 47% of its plan (67% expected)
    group = make_unit(name="台商区城市建设集团", kind="state_firm")
    officer = make_user(Role.PROJECT_OFFICER, username="officer")
    liaison = make_user(Role.LIAISON, unit=group, username="liaison_group")
    make_user(Role.SUPERVISOR, username="office")
    project: Project = project_create(
        actor=officer,
        name="区第二供水通道连通工程",
        year=2019,
        kind="infrastructure",
        lead_unit=group,
        annual_investment=Decimal(15000),
        total_investment=Decimal(36000),
        status="under_construction",
        planned_start=dt.date(2018, 11, 1),
        actual_start=dt.date(2018, 11, 20),
    )
    report_submit(
        actor=liaison,
        project=project,
        year=2019,
        month=8,
        month_investment=Decimal(900),
        ytd_investment=Decimal(7050),
        progress="主管道铺设完成47%",
    )
    behind = zh(FLAG_LABELS[Flag.BEHIND])

    # when the liaison opens the project: behind schedule, yellow
    page = open_page()
    log_in(page, live_server.url, liaison.username)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    flags = page.get_by_test_id("project-flags")
    expect(flags).to_contain_text(behind)
    assert flags.get_attribute("data-light") == "yellow"
    # the chart is drawn by Chart.js from the page's JSON
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart]'))"
    )
    screenshot(page, "project-behind")

    # and files September's report with a site photo and a problem
    page.get_by_test_id("report-link").click()
    page.locator("#id_month").select_option("9")
    page.locator("#id_month_investment").fill("4200")
    page.locator("#id_ytd_investment").fill("11250")
    page.locator("#id_progress").fill("主管道铺设完成75%，过路段顶管准备中。")
    page.locator("#id_problems").fill(PROBLEM)
    photo: FilePayload = {"name": "9月现场照片.png", "mimeType": "image/png", "buffer": _png()}
    page.locator("#id_files").set_input_files(files=[photo])
    screenshot(page, "project-report-form")
    page.get_by_test_id("report-submit").click()

    # then the flag is gone and the photo shows as a thumbnail
    page.wait_for_url(f"{live_server.url}/projects/{project.pk}/")
    expect(page.get_by_test_id("project-flags")).not_to_contain_text(behind)
    thumb = page.locator("img.report-photo").first
    thumb.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    assert page.evaluate("img => img.naturalWidth", thumb.element_handle()) == 96  # noqa: PLR2004
    expect(page.get_by_test_id("problem-to-item")).to_have_count(0)  # a liaison does not register items
    screenshot(page, "project-reported")

    # when the supervision office turns the reported problem into a supervision item
    office = open_page()
    log_in(office, live_server.url, "office")
    office.goto(f"{live_server.url}/projects/{project.pk}/")
    office.get_by_test_id("problem-to-item").first.click()
    expect(office.locator("#id_title")).to_have_value(PROBLEM)
    office.locator("#id_title").fill("协调过路段顶管施工许可")
    office.get_by_test_id("problem-submit").click()

    # then the item shows on the project, under the report and among the linked items
    office.wait_for_url(f"{live_server.url}/projects/{project.pk}/")
    link = ProjectItemLink.objects.select_related("item").get(project=project)
    expect(office.get_by_test_id("problem-item")).to_contain_text("协调过路段顶管施工许可")
    expect(office.get_by_test_id("project-items")).to_contain_text("协调过路段顶管施工许可")
    assert link.item.lead_unit_id == group.pk
    screenshot(office, "project-problem-raised")
    # and the liaison finds it on the project, and opens it
    page.reload()
    page.get_by_test_id("problem-item").click()
    expect(page.get_by_test_id("item-title")).to_contain_text("协调过路段顶管施工许可")


@pytest.mark.usefixtures("_today")
def test_ledger_and_pipeline_fit_a_phone(phone_page: Page, live_server: LiveServer) -> None:
    # given a few projects, one not started
    unit = make_unit(name="规划建设与交通局")
    officer = make_user(Role.PROJECT_OFFICER, username="officer")
    for name, status in (
        ("金屿大桥", "preparatory"),
        ("天然气调压站", "not_started"),
        ("变电站建设工程", "under_construction"),
    ):
        project_create(
            actor=officer,
            name=name,
            year=2019,
            kind="infrastructure",
            lead_unit=unit,
            status=status,
            planned_start=dt.date(2019, 6, 30) if status == "not_started" else dt.date(2019, 12, 31),
        )
    # when the project office opens the ledger and the pipeline on a phone
    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.locator("#id_username").fill(officer.username)
    phone_page.locator("#id_password").fill(PASSWORD)
    phone_page.get_by_test_id("login-form").locator("button[type=submit]").click()
    phone_page.wait_for_url(f"{live_server.url}/")
    for path, name in (
        ("/projects/", "phone-project-ledger"),
        ("/projects/attraction/", "phone-attraction-funnel"),
        ("/projects/attraction/board/", "phone-attraction-board"),
    ):
        phone_page.goto(f"{live_server.url}{path}")
        screenshot(phone_page, name)
        # then nothing is wider than the screen
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)  # noqa: PLR2004
    phone_page.goto(f"{live_server.url}/projects/")
    expect(phone_page.get_by_test_id("project-table")).to_contain_text(zh(FLAG_LABELS[Flag.NOT_STARTED]))
    # and a project's page, chart and all, fits the phone too
    phone_page.get_by_role("link", name="天然气调压站").click()
    phone_page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart]'))"
    )
    screenshot(phone_page, "phone-project-detail")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390  # noqa: PLR2004
