"""Small screens in Chromium: ledger titles on a phone take two lines at most, the whole title kept."""

from __future__ import annotations

from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from duban.core.roles import Role
from duban.org.models import Unit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

LONG_TITLE = (
    "围绕园区高质量发展目标，加快推进污水处理厂提标改造工程、配套管网建设和雨污分流改造，"
    "确保年底前出水水质稳定达到一级A标准并通过环保部门验收"
)


def test_phone_ledger_clamps_long_titles_to_two_lines(phone_page: Page, live_server: LiveServer) -> None:
    # given a liaison whose unit leads an item with a long title
    economy: Unit = make_unit(name="经济发展局")
    office = make_user(Role.SUPERVISOR, username="office")
    item = make_item(office, make_source(office), lead_unit=economy, title=LONG_TITLE)
    item_transition(item=item, action=Action.ASSIGN, actor=office)
    liaison = make_user(Role.LIAISON, unit=economy, username="liaison_econ")
    # when they open the ledger on a phone (the menu is folded: wait for the home page's URL)
    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.locator("#id_username").fill(liaison.username)
    phone_page.locator("#id_password").fill(PASSWORD)
    phone_page.get_by_test_id("login-form").locator("button[type=submit]").click()
    phone_page.wait_for_url(f"{live_server.url}/")
    phone_page.goto(f"{live_server.url}/supervision/ledger/")
    title = phone_page.get_by_test_id("ledger-row").locator("a.ledger-title").first
    screenshot(phone_page, "phone-ledger-titles")
    # then the title takes two lines at most, and the whole of it is still there to read
    lines = phone_page.evaluate(
        "el => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)",
        title.element_handle(),
    )
    assert lines <= 2.1  # noqa: PLR2004 - two lines, rounding
    assert title.get_attribute("title") == LONG_TITLE
    assert LONG_TITLE in (title.text_content() or "")
