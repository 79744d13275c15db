"""The demo's provincial evaluation in the browser: results, points won and lost, gap, and a what-if.

A leader opens the 2018 evaluation of development zones, where the zone is 13th
of 21, reads where it lost points and how far it is from the median (seed-000's
goal, 中游水平), then tries the demo's what-if in the browser: technology and
land figures raised to a typical zone's. Every change is posted by htmx and the
result panel is swapped in; the zone's rank moves over the median at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core.roles import Role
from duban.demo import evaluation_data as data
from duban.demo.load_evaluation import demo_load_zone_evaluation
from duban.evaluation.models import Scenario, Scheme
from duban.indicators.models import Subject, SubjectKind
from tests.browser.conftest import ARTIFACTS, log_in, screenshot
from tests.conftest import PASSWORD
from tests.org.factories import make_user

# Chart.js has drawn a chart on the page's bar canvas.
CHART_DRAWN = "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-bars]'))"


@pytest.fixture
def demo_scheme() -> Scheme:
    statistician = make_user(Role.STATISTICIAN, username="statistician")
    make_user(Role.TOP_LEADER, username="secretary")
    demo_load_zone_evaluation(statistician=statistician)
    return Scheme.objects.get(name=data.ZONE_SCHEME_NAME, year=data.LATEST_YEAR)


@pytest.fixture
def complaints(page: Page) -> Iterator[list[str]]:
    """Console errors of the page: a refused script or style under the CSP, a script error.

    The browser's own request for /favicon.ico (404) is not the page's doing.
    """
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Failed to load resource" not in message.text:
            found.append(message.text)

    page.on("console", on_console)
    yield found


def test_a_what_if_lifts_the_zone_over_the_median(
    page: Page, live_server: LiveServer, demo_scheme: Scheme, complaints: list[str]
) -> None:
    zone = Subject.objects.get(kind=SubjectKind.ZONE)
    # given a leader on the 2018 results: the zone is 13th of 21
    log_in(page, live_server.url, "secretary")
    page.goto(f"{live_server.url}/evaluation/")
    page.get_by_test_id("evaluation-link").filter(has_text=str(data.LATEST_YEAR)).click()
    expect(page.get_by_test_id("home-rank")).to_contain_text("13")
    expect(page.get_by_test_id("note")).to_contain_text(data.GOAL_TEXT)
    zone_row = page.locator(f'[data-testid="result-row"][data-subject="{zone.name}"]')
    expect(zone_row).to_have_attribute("data-rank", "13")
    screenshot(page, "evaluation-results")

    # where it won and lost points: the chart is drawn (Chart.js from a static file)
    page.get_by_role("link", name="得失分").first.click()
    expect(page.get_by_test_id("chart-contributions")).to_be_visible()
    page.wait_for_function(CHART_DRAWN)
    screenshot(page, "evaluation-contributions")

    # the gap to the median (rank 11), with the indicators that gain most per 1%
    page.get_by_role("link", name="差距分析").first.click()
    expect(page.get_by_test_id("gap-sentence")).to_contain_text("距第11名还差")
    expect(page.get_by_test_id("goal")).to_contain_text(data.GOAL_TEXT)  # seed-000's goal: the median
    expect(page.get_by_test_id("lever").first).to_be_visible()
    screenshot(page, "evaluation-gap")

    # when the demo's what-if is typed in, box by box
    page.get_by_role("link", name="情景模拟").first.click()
    expect(page.get_by_test_id("after-rank")).to_have_text("13")
    for code, value in data.WHAT_IF_CHANGES.items():
        box = page.locator(f'[data-testid="what-if-value"][data-code="{code}"]')
        box.fill(str(value))
        box.dispatch_event("change")
    # then the zone's rank moves over the median without a page load
    expect(page.get_by_test_id("median-verdict")).to_contain_text("已达到中游水平")
    expect(page.get_by_test_id("after-rank")).to_have_text("10")
    expect(page.get_by_test_id("rank-change")).to_have_text("上升3位")
    screenshot(page, "evaluation-what-if")

    # and it is saved as a named scenario
    page.get_by_test_id("scenario-name-input").fill("科技与土地补短板")
    page.get_by_test_id("scenario-save").click()
    expect(page.get_by_text("情景“科技与土地补短板”已保存。")).to_be_visible()
    expect(page.get_by_test_id("after-rank")).to_have_text("10")
    assert Scenario.objects.filter(name="科技与土地补短板").count() == 1
    assert complaints == []


def test_the_gap_page_reads_on_a_phone(
    phone_page: Page, live_server: LiveServer, demo_scheme: Scheme
) -> None:
    zone = Subject.objects.get(kind=SubjectKind.ZONE)
    # the menu is folded on a phone: wait for the home page's URL instead of the navigation
    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.locator("#id_username").fill("secretary")
    phone_page.locator("#id_password").fill(PASSWORD)
    phone_page.get_by_test_id("login-form").locator("button[type=submit]").click()
    phone_page.wait_for_url(f"{live_server.url}/")
    phone_page.goto(f"{live_server.url}/evaluation/{demo_scheme.pk}/subjects/{zone.pk}/gap/")
    expect(phone_page.get_by_test_id("lacking")).to_be_visible()
    phone_page.wait_for_function(CHART_DRAWN)
    # nothing wider than the screen: the tables scroll inside their boxes
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone_page, "evaluation-gap-phone")
    phone_page.goto(f"{live_server.url}/evaluation/{demo_scheme.pk}/subjects/{zone.pk}/what-if/")
    expect(phone_page.get_by_test_id("after-rank")).to_have_text("13")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    # on a phone the result is below the form: a bar at the bottom shows the new rank at once
    box = phone_page.locator('[data-testid="what-if-value"][data-code="C1"]')
    box.fill("80")
    box.dispatch_event("change")
    expect(phone_page.get_by_test_id("bar-rank")).not_to_have_text("13")
    expect(phone_page.get_by_test_id("what-if-bar")).to_be_in_viewport()
    phone_page.screenshot(path=str(ARTIFACTS / "evaluation-what-if-phone-viewport.png"))  # what a thumb sees
    screenshot(phone_page, "evaluation-what-if-phone")
