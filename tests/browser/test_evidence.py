"""Evidence photos in Chromium: a thumbnail on the item page, opened in the browser rather than downloaded."""

from __future__ import annotations

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from duban.core.roles import Role
from duban.org.models import Unit
from duban.supervision.services.report import report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import log_in, screenshot
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source


def _png(width: int = 48, height: int = 32) -> bytes:
    """A real (decodable) PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x2e\x9d\x4a" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def test_photo_shows_as_a_thumbnail_and_opens_in_the_browser(page: Page, live_server: LiveServer) -> None:
    # given an item whose liaison reported with a site photo
    economy: Unit = make_unit(name="经济发展局")
    office = make_user(Role.SUPERVISOR, username="office")
    liaison = make_user(Role.LIAISON, unit=economy, username="liaison_econ")
    item = make_item(office, make_source(office), lead_unit=economy, title="推进园区污水管网建设")
    item_transition(item=item, action=Action.ASSIGN, actor=office)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison)
    photo = SimpleUploadedFile("现场照片.png", _png(), "image/png")
    report_submit(actor=liaison, item=item, text="管网已铺设 3 公里", files=[photo])
    # when the office opens the item
    log_in(page, live_server.url, office.username)
    page.goto(f"{live_server.url}/supervision/items/{item.pk}/")
    thumb = page.locator("img.evidence-thumb").first
    thumb.wait_for()
    screenshot(page, "item-evidence-photo")
    # then the photo is drawn on the page, and opening it shows it in a tab instead of downloading it
    assert page.evaluate("img => img.complete && img.naturalWidth", thumb.element_handle()) == 48  # noqa: PLR2004
    with page.context.expect_page() as opened:
        page.get_by_test_id("file-preview").first.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.evaluate("document.contentType") == "image/png"
    assert tab.evaluate("document.images.length") == 1
