"""A liaison finds what was sent to them: the bell's count, the notification list, the item with its urges.

The live server runs in this process's thread, so ``clock.frozen`` freezes it too.
"""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.models import Item
from duban.supervision.services.reminders import item_urge
from duban.supervision.services.report import instruction_add
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

TITLE = "完成园区污水管网改造一期工程"
URGE_WORDS = "请于本周五前报送整改进展，并附现场照片。"
TODAY = dt.date(2019, 7, 10)


def _named(user: User, name: str, position: str) -> User:
    assert user.person is not None
    user.person.name, user.person.position = name, position
    user.person.save()
    return user


def _story() -> tuple[User, Item]:
    """An overdue item of 经济发展局, urged by the office and instructed by its leader in charge."""
    unit: Unit = make_unit(name="经济发展局")
    supervisor = _named(make_user(Role.SUPERVISOR, username="office"), "王督查", "督查室主任")
    leader = _named(make_user(Role.LEADER, oversees=(unit,), username="leader"), "李分管", "管委会副主任")
    liaison = _named(make_user(Role.LIAISON, unit=unit, username="liaison"), "陈联络", "联络员")
    with clock.frozen(dt.date(2019, 7, 1)):
        item = make_item(
            supervisor, make_source(supervisor), lead_unit=unit, title=TITLE, deadline=dt.date(2019, 7, 5)
        )
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    with clock.frozen(dt.datetime(2019, 7, 9, 10, 30, tzinfo=dt.UTC)):
        instruction_add(actor=leader, item=item, text="此项已逾期，请经济发展局抓紧推进。")
    with clock.frozen(dt.datetime(2019, 7, 10, 1, 15, tzinfo=dt.UTC)):
        item_urge(actor=supervisor, item=item, message=URGE_WORDS)
    return liaison, item


def _walk(page: Page, live_server: LiveServer, name: str) -> None:
    # when the liaison logs in (the phone's menu is folded: wait for the bell, not the menu)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("liaison")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_test_id("login-form").locator("button[type=submit]").click()
    # then the frame's bell shows two unread, on any page
    bell = page.get_by_test_id("bell")
    expect(page.get_by_test_id("bell-count")).to_have_text("2")
    expect(bell).to_have_attribute("aria-label", "通知：2 条未读")
    screenshot(page, f"notifications-bell-{name}")
    # when they open the list
    bell.click()
    expect(page.get_by_role("heading", name="通知")).to_be_visible()
    rows = page.get_by_test_id("notification")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("督查室催办")
    expect(rows.nth(0)).to_contain_text(URGE_WORDS)
    expect(rows.nth(1)).to_contain_text("领导批示")
    expect(rows.nth(1)).to_contain_text("李分管批示")
    expect(page.locator('[data-unread="true"]')).to_have_count(2)
    screenshot(page, f"notifications-list-{name}")
    # when they open the urge's item
    rows.nth(0).get_by_test_id("notification-link").click()
    # then the item page shows who urged, when, and the words; and no 催办 action for them
    expect(page.get_by_test_id("item-title")).to_contain_text(TITLE)
    expect(page.get_by_test_id("latest-urge")).to_contain_text(URGE_WORDS)
    urges = page.get_by_test_id("urges")
    expect(urges).to_contain_text("王督查")
    expect(urges).to_contain_text("2019-07-10 09:15")
    expect(urges).to_contain_text(URGE_WORDS)
    expect(page.get_by_test_id("urge-link")).to_have_count(0)
    urges.scroll_into_view_if_needed()
    screenshot(page, f"notifications-item-{name}")
    # when they go back and mark all read, the bell has no count left
    page.go_back()
    page.get_by_test_id("read-all").click()
    expect(page.get_by_text("已标为已读：2 条。")).to_be_visible()
    expect(page.get_by_test_id("bell-count")).to_have_count(0)


def test_liaison_finds_the_urge_from_the_bell_on_a_desktop(page: Page, live_server: LiveServer) -> None:
    _story()
    with clock.frozen(TODAY):
        _walk(page, live_server, "desktop")


def test_liaison_finds_the_urge_from_the_bell_on_a_phone(phone_page: Page, live_server: LiveServer) -> None:
    _story()
    with clock.frozen(TODAY):
        # the bell is outside the folded menu: reachable without opening it
        _walk(phone_page, live_server, "phone")
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390


def test_supervisor_urges_from_the_item_page(page: Page, live_server: LiveServer) -> None:
    # given the story's item, and the office's supervisor on its page
    _liaison, item = _story()
    with clock.frozen(dt.date(2019, 7, 11)):
        page.goto(f"{live_server.url}/accounts/login/")
        page.locator("#id_username").fill("office")
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_test_id("login-form").locator("button[type=submit]").click()
        page.goto(f"{live_server.url}/supervision/items/{item.pk}/")
        # when they urge with a message
        page.get_by_test_id("urge-link").click()
        page.get_by_label("附言").fill("明天上午前务必回复。")
        screenshot(page, "notifications-urge-form")
        page.get_by_test_id("subform").locator("button[type=submit]").click()
        # then they are back on the item, which lists the new urge first
        expect(page.get_by_text("已催办，发出通知 1 条。")).to_be_visible()
        expect(page.get_by_test_id("urge").first).to_contain_text("明天上午前务必回复。")
        expect(page.get_by_test_id("urge")).to_have_count(2)
