"""The ledger as a liaison uses it, in Chromium and in Chinese: presets, several states at once, sorting.

The clock is frozen on Wednesday 2019-07-31; the live server runs in this process, so it shares it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.models import Item
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

# (title, lead unit is the liaison's, state, deadline)
ITEMS = [
    ("加快推进污水处理厂提标改造工程建设", True, "assigned", dt.date(2019, 8, 2)),
    ("编制园区产业发展规划", True, "in_progress", dt.date(2019, 7, 20)),
    ("开展营商环境专项整治", True, "completion_requested", dt.date(2019, 12, 31)),
    ("完成标准厂房建设一期", True, "closed", dt.date(2019, 6, 30)),
    ("张坂镇河道清淤整治", False, "in_progress", dt.date(2019, 9, 30)),
]
MINE_OPEN = [t for t, mine, state, _d in ITEMS if mine and state != "closed"]


@pytest.fixture
def _wednesday() -> Iterator[None]:
    with clock.frozen(dt.date(2019, 7, 31)):
        yield


@pytest.fixture
def liaison(_wednesday: None) -> User:
    economy: Unit = make_unit(name="经济发展局")
    town: Unit = make_unit(name="张坂镇", kind="town")
    office = make_user(Role.SUPERVISOR, username="office")
    source = make_source(office, title="2019年省委巡视反馈意见整改")
    for title, mine, state, deadline in ITEMS:
        item = make_item(office, source, lead_unit=economy if mine else town, title=title, deadline=deadline)
        item_transition(item=item, action=Action.ASSIGN, actor=office)
        Item.objects.filter(pk=item.pk).update(state=state)
    return make_user(Role.LIAISON, unit=economy, username="liaison_econ")


def _rows(page: Page) -> list[str]:
    return [t.strip() for t in page.get_by_test_id("ledger-row").locator("a.ledger-title").all_inner_texts()]


def test_liaison_picks_my_open_items_and_sorts_by_deadline(
    page: Page, live_server: LiveServer, liaison: User
) -> None:
    # given
    log_in(page, live_server.url, liaison.username)
    page.goto(f"{live_server.url}/supervision/ledger/")
    # when: the liaison picks the preset
    page.get_by_test_id("ledger-presets").get_by_text("我的在办事项").click()
    page.wait_for_url("**preset=mine**")
    # then: their three open items, the closed one and the town's not among them
    expect(page.get_by_test_id("preset-mine")).to_have_attribute("aria-current", "page")
    assert sorted(_rows(page)) == sorted(MINE_OPEN)
    expect(page.get_by_test_id("filter-state")).to_contain_text("已选 5 项")
    screenshot(page, "ledger_preset_mine_desktop")
    # when: sorted by deadline, the soonest first
    page.get_by_test_id("sort-deadline").click()
    page.wait_for_url("**sort=deadline**")
    # then
    assert _rows(page) == [
        "编制园区产业发展规划",
        "加快推进污水处理厂提标改造工程建设",
        "开展营商环境专项整治",
    ]
    expect(page.get_by_test_id("sort-deadline")).to_have_attribute("data-sorted", "asc")


def test_liaison_ticks_two_states_in_the_dropdown(page: Page, live_server: LiveServer, liaison: User) -> None:
    # given
    log_in(page, live_server.url, liaison.username)
    page.goto(f"{live_server.url}/supervision/ledger/")
    # when: two states ticked in the 状态 dropdown, then its 筛选
    page.locator("#f-state").click()
    page.get_by_label("已交办").check()
    page.get_by_label("申请办结中").check()
    expect(page.locator("#f-state")).to_have_text("全部")  # the summary is the server's, after filtering
    screenshot(page, "ledger_state_dropdown_open")
    page.get_by_test_id("filter-state-apply").click()
    page.wait_for_url("**state=**")
    # then: both states' items, not only the last one ticked
    assert sorted(_rows(page)) == sorted(["加快推进污水处理厂提标改造工程建设", "开展营商环境专项整治"])
    expect(page.locator("#f-state")).to_have_text("已交办、申请办结中")
    screenshot(page, "ledger_two_states_desktop")


def test_preset_on_a_phone(phone_page: Page, live_server: LiveServer, liaison: User) -> None:
    # given (the menu is folded on a phone, so the login waits for the home page's URL, not the menu)
    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.locator("#id_username").fill(liaison.username)
    phone_page.locator("#id_password").fill(PASSWORD)
    phone_page.get_by_test_id("login-form").locator("button[type=submit]").click()
    phone_page.wait_for_url(f"{live_server.url}/")
    phone_page.goto(f"{live_server.url}/supervision/ledger/")
    # when
    phone_page.get_by_test_id("preset-mine").click()
    phone_page.wait_for_url("**preset=mine**")
    # then: the presets are within reach without opening the filters, and the rows fit the width
    assert sorted(_rows(phone_page)) == sorted(MINE_OPEN)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone_page, "ledger_preset_mine_phone")
