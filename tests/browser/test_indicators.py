"""Indicators in Chromium: a leader reads the demo's half-year — seed-004's sentences, the charts drawn."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page
from pytest_django.live_server_helper import LiveServer

from duban.demo import org_data
from duban.demo.load import demo_load
from duban.indicators.models import IndicatorDefinition
from tests.browser.conftest import log_in, screenshot


def _script_error(message: ConsoleMessage, errors: list[str]) -> None:
    # a failed load is checked by its response (which names the URL), not by its console line
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        errors.append(message.text)


def test_a_leader_reads_the_half_year_and_its_charts(
    page: Page, phone_page: Page, live_server: LiveServer
) -> None:
    # given the demo, and a browser that reports script errors (a CSP refusal is one)
    demo_load(say=lambda _line: None)
    errors: list[str] = []
    page.on("console", lambda m: _script_error(m, errors))
    page.on("pageerror", lambda e: errors.append(str(e)))
    # every asset the pages ask for is served (the browser's own favicon request aside)
    page.on(
        "response", lambda r: errors.append(r.url) if r.status >= 400 and "favicon" not in r.url else None
    )
    # when the secretary (a top leader) opens the indicators from the navigation
    log_in(page, live_server.url, "secretary", org_data.DEMO_PASSWORD)
    page.get_by_test_id("nav").get_by_role("link", name="指标监测").click()
    # then the report sentences are seed-004's
    sentences = page.get_by_test_id("sentences")
    sentences.wait_for()
    text = sentences.inner_text()
    assert "上半年，全区实现地区生产总值149.75亿元，比增9.7%" in text
    assert "4个指标增幅排名全市第一，6项指标进入全市前三，8项指标增幅高于年度目标" in text
    assert page.get_by_test_id("indicator-row").count() == len(org_data.ACCOUNTS) - 6  # nine indicators
    assert page.locator('[data-testid="indicator-row"][data-light="red"]').count() >= 1
    screenshot(page, "indicators-overview")
    # when they open 地区生产总值
    page.get_by_role("link", name="地区生产总值").click()
    page.get_by_test_id("rank-sentence").wait_for()
    assert page.get_by_test_id("rank-sentence").inner_text() == "增幅排名全市第一"
    # then Chart.js has drawn the three charts
    for chart in ("chart-trend", "chart-ranks", "chart-peers"):
        canvas = page.get_by_test_id(chart)
        assert page.evaluate("el => !!window.Chart.getChart(el)", canvas.element_handle())
        box = canvas.bounding_box()
        assert box is not None and box["height"] > 100  # noqa: PLR2004 - drawn, not collapsed
    screenshot(page, "indicators-gdp")
    assert errors == []
    # and on a phone the page reads too
    industry = IndicatorDefinition.objects.get(code="IND")
    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.locator("#id_username").fill("secretary")
    phone_page.locator("#id_password").fill(org_data.DEMO_PASSWORD)
    phone_page.get_by_test_id("login-form").locator("button[type=submit]").click()
    phone_page.wait_for_url(f"{live_server.url}/")
    phone_page.goto(f"{live_server.url}/indicators/")
    phone_page.get_by_test_id("sentences").wait_for()
    screenshot(phone_page, "indicators-overview-phone")
    phone_page.goto(f"{live_server.url}/indicators/{industry.pk}/")
    phone_page.get_by_test_id("warnings").wait_for()
    screenshot(phone_page, "indicators-industry-phone")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # nothing pushes the page sideways  # noqa: PLR2004
