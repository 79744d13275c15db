"""The pages under the Content-Security-Policy, in Chromium: no violation on any of them.

Chromium reports a refused inline script, handler or style both on the console and as a
``securitypolicyviolation`` event; the page fixture below records both, and every test
ends by asserting that nothing was recorded. The behaviour that used to be inline (the
confirm before a form is sent, "select all", the ledger's progress bars) is exercised too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core import clock
from duban.core.roles import Role
from duban.supervision.models import Item, RobotChannel
from duban.supervision.services.milestone import milestone_add
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import log_in
from tests.browser.test_ingest_review import _upload
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.__csp.push(
        e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.fixture
def watched(page: Page) -> Iterator[tuple[Page, list[str]]]:
    """The page, and every CSP complaint of its console so far."""
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            console.append(message.text)

    page.on("console", on_console)
    page.add_init_script(RECORD_VIOLATIONS)
    yield page, console


def _visit(page: Page, console: list[str], url: str) -> None:
    """Open ``url``, let its scripts run, and fail on any violation."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "script-src 'self'" in (response.header_value("content-security-policy") or "")
    page.wait_for_load_state("load")
    events = page.evaluate("window.__csp")
    assert (url, console, events) == (url, [], [])


def _story() -> Item:
    unit = make_unit(name="经济发展局")
    supervisor = make_user(Role.SUPERVISOR, username="office")
    make_user(Role.ADMIN, username="root")
    make_unit(name="规划建设与交通局")
    with clock.frozen(dt.date(2019, 7, 1)):
        item = make_item(
            supervisor,
            make_source(supervisor),
            lead_unit=unit,
            title="完成园区污水管网改造一期工程",
            start_date=dt.date(2019, 7, 1),
            deadline=dt.date(2019, 9, 30),
        )
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
        milestone_add(actor=supervisor, item=item, due=dt.date(2019, 7, 31), title="完成管网设计")
    Item.objects.filter(pk=item.pk).update(progress_percent=40)
    RobotChannel.objects.create(name="督查室群", kind="wecom", webhook_url="https://qyapi.weixin.qq.com/x")
    return item


def test_the_office_pages_keep_the_policy(watched: tuple[Page, list[str]], live_server: LiveServer) -> None:
    # given
    page, console = watched
    base = live_server.url
    item = _story()
    source = item.source_id
    with clock.frozen(dt.date(2019, 7, 10)):
        log_in(page, base, "office")
        # when / then: every page the office opens
        for path in [
            "/",
            "/supervision/ledger/",
            f"/supervision/sources/{source}/",
            f"/supervision/items/{item.pk}/",
            f"/supervision/items/{item.pk}/edit/",
            f"/supervision/sources/{source}/items/new/",
            f"/supervision/items/{item.pk}/report/",
            "/supervision/sources/new/",
            "/supervision/todo/",
            "/supervision/notifications/",
            "/audit/",
            "/audit/verify/",
            "/settings/",
            "/ingest/",
            "/reports/ledger/import/",
            "/accounts/tokens/",
            "/api/v1/docs",
        ]:
            _visit(page, console, f"{base}{path}")
        # the ledger's progress bar is drawn by duban.js, not by a style attribute
        _visit(page, console, f"{base}/supervision/ledger/")
        bar = page.locator(
            f"[data-item='{item.pk}'] .progress-bar, tr:has-text('完成园区污水管网') .progress-bar"
        ).first
        expect(bar).to_have_text("40%")
        width = bar.evaluate(
            "(b) => b.getBoundingClientRect().width / b.parentElement.getBoundingClientRect().width"
        )
        assert 0.35 < width < 0.45
        # the verify button posts and the result page keeps the policy too
        page.goto(f"{base}/audit/verify/")
        page.get_by_test_id("verify-button").click()
        expect(page.get_by_test_id("verify-ok")).to_be_visible()
        assert page.evaluate("window.__csp") == [] and console == []


def test_confirm_and_select_all_work_without_inline_script(
    watched: tuple[Page, list[str]], live_server: LiveServer
) -> None:
    # given
    page, console = watched
    base = live_server.url
    _story()
    log_in(page, base, "office")
    robot = RobotChannel.objects.get()
    # when the office deletes the robot channel but says no to the question
    _visit(page, console, f"{base}/settings/")
    asked: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.locator(f"form[action$='/robots/{robot.pk}/delete/'] button[type=submit]").click()
    # then it asked, and nothing was deleted
    expect(page.get_by_test_id("nav")).to_be_visible()
    assert asked and "机器人" in asked[0]
    assert RobotChannel.objects.filter(pk=robot.pk).exists()

    # when a document is ingested and "select all" is ticked on the review page
    with clock.frozen(dt.date(2019, 3, 4)):
        _visit(page, console, f"{base}/ingest/")
        _upload(page, ref_date="2019-03-01")
        expect(page).to_have_url(re.compile(r"/ingest/\d+/$"))
        drafts = page.locator("input[name=draft]")
        expect(drafts.first).to_be_visible()
        page.locator("input[data-check-all=draft]").check()
    # then every draft is ticked, and no policy was violated on the way
    assert drafts.count() == 3
    assert all(drafts.nth(n).is_checked() for n in range(3))
    assert page.evaluate("window.__csp") == [] and console == []


def test_the_administrators_pages_keep_the_policy(
    watched: tuple[Page, list[str]], live_server: LiveServer
) -> None:
    page, console = watched
    base = live_server.url
    _story()
    log_in(page, base, "root")
    for path in ["/org/units/", "/org/units/new/", "/org/people/", "/org/users/", "/org/import/"]:
        _visit(page, console, f"{base}{path}")
