"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work here, so the tests launch
``/usr/bin/chromium`` (Debian package ``chromium``; scripts/test installs it).
Without it the tests are skipped on a laptop and fail under ``CI=true``.
The live server serves static files through Django's staticfiles finders, so
Bootstrap comes from node_modules as configured in STATICFILES_DIRS (run ``npm ci``).
Screenshots go to ``test-artifacts/browser/`` (ignored by git).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright
from pytest_django.fixtures import Settings

from duban.core.management.commands.i18n_compile import catalogues, compile_catalogue
from tests.conftest import PASSWORD

CHROMIUM = Path(os.environ.get("DUBAN_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # The machine has no network beyond package registries: keep Chromium from calling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}  # an everyday phone, in CSS pixels


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues() -> None:
    """The UI is Chinese only once the .po files are compiled; do it when a .mo is missing or stale."""
    for po_path in catalogues([Path(p) for p in settings.LOCALE_PATHS]):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            compile_catalogue(po_path)


@pytest.fixture(scope="module")
def browser(django_db_setup: None) -> Iterator[Browser]:
    """One headless Chromium per test module.

    Playwright's sync API keeps an asyncio loop on this thread while it lives, and
    Django refuses ORM calls from a thread with a running loop. So the test
    database is set up first, the check is lifted only while the browser lives
    (the ORM calls the tests and fixtures make are still plain synchronous
    ones), and the scope is the module, not the session, so that the loop is
    gone before the next module's tests run.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium fonts-wqy-microhei (scripts/test does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def _context(browser: Browser, viewport: ViewportSize) -> BrowserContext:
    # A Chinese-speaking user's browser: Accept-Language zh-CN.
    context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    return context


def _chinese_default(settings: Settings) -> None:
    # The product's default language, whatever the test settings choose for other tests.
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def page(browser: Browser, settings: Settings) -> Iterator[Page]:
    """A desktop-sized page (1280×800) in a Chinese-speaking user's browser."""
    _chinese_default(settings)
    context = _context(browser, DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser: Browser, settings: Settings) -> Iterator[Page]:
    """A phone-sized page (390×844) in a Chinese-speaking user's browser."""
    _chinese_default(settings)
    context = _context(browser, PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def open_page(browser: Browser, settings: Settings) -> Iterator[Callable[[], Page]]:
    """Open desktop pages, each in a fresh browser context (one per person in a story)."""
    _chinese_default(settings)
    contexts: list[BrowserContext] = []

    def open_() -> Page:
        context = _context(browser, DESKTOP)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and wait for the home page."""
    page.goto(f"{base_url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_test_id("login-form").locator("button[type=submit]").click()
    page.get_by_test_id("nav").wait_for()


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/browser/ for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
