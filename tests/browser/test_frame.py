"""The page frame in a real browser: login, navigation by role, language switch, phone layout."""

from __future__ import annotations

import re
from typing import cast

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.web.navigation import menu_for
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.org.factories import UnitFactory, make_user


def _unit(name: str, kind: str = "department") -> Unit:
    return cast(Unit, UnitFactory(name=name, kind=kind))


def _user_with(role: Role) -> User:
    unit = _unit("经济发展局")
    if role == Role.LEADER:
        return make_user(role, unit=unit, oversees=(unit,), username=f"demo_{role.value}")
    return make_user(role, unit=unit, username=f"demo_{role.value}")


def _log_in(page: Page, live_server: LiveServer, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_test_id("login-form").locator("button[type=submit]").click()


def _nav_labels(page: Page) -> list[str]:
    return [text.strip() for text in page.get_by_test_id("nav").locator("a.nav-link").all_inner_texts()]


def _all_entries(page: Page) -> list[str]:
    """Every link of the navigation, those inside a group's menu too."""
    links = page.get_by_test_id("nav").locator("a.nav-link:not(.dropdown-toggle), a.dropdown-item")
    return [text.strip() for text in links.all_text_contents()]


def _expected_labels(role: Role, language: str) -> list[str]:
    with translation.override(language):
        return [str(node.label) for node in menu_for(frozenset({role}))]


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_logs_in_and_sees_its_navigation(page: Page, live_server: LiveServer, role: Role) -> None:
    # given a user holding only this role
    user = _user_with(role)

    # when they log in
    _log_in(page, live_server, user.username)

    # then the home page shows, in Chinese, exactly the entries meant for the role
    expect(page.get_by_test_id("nav")).to_be_visible()
    assert page.url == f"{live_server.url}/"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert _nav_labels(page) == _expected_labels(role, "zh-hans")
    screenshot(page, f"home-{role.value}")


def test_admin_sees_users_and_liaison_does_not(page: Page, live_server: LiveServer) -> None:
    # given an administrator and a unit's liaison
    admin = _user_with(Role.ADMIN)
    liaison = make_user(Role.LIAISON, unit=_unit("张坂镇", "town"), username="liaison_z")

    # when each logs in
    _log_in(page, live_server, admin.username)
    admin_nav = _all_entries(page)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="退出登录").click()
    expect(page.locator("#id_username")).to_be_visible()
    _log_in(page, live_server, liaison.username)
    liaison_nav = _all_entries(page)

    # then only the administrator manages users
    assert "用户" in admin_nav
    assert "用户" not in liaison_nav
    assert "首页" in liaison_nav


def test_bootstrap_styles_and_scripts_are_served_by_the_app(page: Page, live_server: LiveServer) -> None:
    # given the login page, whose assets come from npm packages served by duban itself
    page.goto(f"{live_server.url}/accounts/login/")

    # when the browser has applied them
    navbar_display = page.evaluate("getComputedStyle(document.querySelector('.navbar')).display")
    button_colour = page.evaluate("getComputedStyle(document.querySelector('.btn-primary')).backgroundColor")
    has_bootstrap_js = page.evaluate("typeof window.bootstrap === 'object'")
    has_htmx = page.evaluate("typeof window.htmx === 'object'")

    # then Bootstrap's CSS and JS and htmx are live (no CDN is reachable from here)
    assert navbar_display == "flex"
    assert button_colour == "rgb(13, 110, 253)"
    assert has_bootstrap_js
    assert has_htmx
    screenshot(page, "login")


def test_wrong_password_is_refused_with_a_message(page: Page, live_server: LiveServer) -> None:
    # given a user
    user = _user_with(Role.SUPERVISOR)

    # when they type a wrong password
    _log_in(page, live_server, user.username, password="not-the-password")

    # then the login page stays, with an error, and nobody is logged in
    alert = page.get_by_test_id("login-form").locator(".alert-danger")
    expect(alert).to_be_visible()
    assert "/accounts/login/" in page.url
    assert page.get_by_test_id("nav").count() == 0
    screenshot(page, "login-wrong-password")


def test_language_switches_between_chinese_and_english(page: Page, live_server: LiveServer) -> None:
    # given a supervisor on the Chinese home page
    user = _user_with(Role.SUPERVISOR)
    _log_in(page, live_server, user.username)
    assert _nav_labels(page) == _expected_labels(Role.SUPERVISOR, "zh-hans")

    # when they choose English
    page.get_by_test_id("lang-en").click()

    # then the frame speaks English, and stays so on the next page
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert _nav_labels(page) == _expected_labels(Role.SUPERVISOR, "en")
    assert "Home" in _nav_labels(page)
    page.reload()
    assert "Home" in _nav_labels(page)
    screenshot(page, "home-supervisor-en")

    # when they switch back to Chinese
    page.get_by_test_id("lang-zh-hans").click()

    # then Chinese is back
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    assert "首页" in _nav_labels(page)


def test_phone_layout_collapses_the_menu(phone_page: Page, live_server: LiveServer) -> None:
    # given a liaison on a phone-sized screen (390×844)
    page = phone_page
    user = _user_with(Role.LIAISON)
    _log_in(page, live_server, user.username)

    # then the menu is folded behind the toggler, and the page does not scroll sideways
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.get_by_test_id("nav")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "phone-home-collapsed")

    # when the toggler is tapped
    toggler.click()

    # then the menu unfolds (once Bootstrap's collapse animation has finished)
    expect(page.locator("#mainnav")).to_have_class(re.compile(r"\bshow\b"))
    expect(page.get_by_test_id("nav")).to_be_visible()
    assert "首页" in _nav_labels(page)
    screenshot(page, "phone-home-open")


def test_phone_login_page_fits_the_screen(phone_page: Page, live_server: LiveServer) -> None:
    # given the login page on a phone
    phone_page.goto(f"{live_server.url}/accounts/login/")

    # then the form fills the width without sideways scrolling
    expect(phone_page.locator("#id_username")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone_page, "phone-login")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMIN], ids=["supervisor", "admin"])
def test_navigation_stays_on_one_line_at_1024(
    page: Page, live_server: LiveServer, role: Role, language: str
) -> None:
    # given the roles with the most entries, on a 1,024-pixel screen
    user = _user_with(role)
    page.set_viewport_size({"width": 1024, "height": 768})
    _log_in(page, live_server, user.username)
    if language == "en":
        page.get_by_test_id("lang-en").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")

    # then every entry and the user menu sit on the bar's one row, no label broken
    screenshot(page, f"nav-1024-{role.value}-{language}")
    boxes = page.evaluate(
        "[...document.querySelectorAll('.navbar .nav-link')].filter(a => a.offsetParent)"
        ".map(a => { const r = a.getBoundingClientRect(); "
        "return [a.innerText, r.top + r.height / 2, r.height]; })"
    )
    assert len({round(middle) for _text, middle, _height in boxes}) == 1, boxes
    assert max(height for _text, _middle, height in boxes) < 48, boxes  # noqa: PLR2004 - one line and padding
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
