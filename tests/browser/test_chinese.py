"""In Chromium, a refused action and the audit page read in Chinese (issue 7, points 1 and 4).

Screenshots: test-artifacts/browser/refused_action_zh.png, audit_page_zh.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core.roles import Role
from duban.supervision.services.transition import item_transition
from duban.supervision.services.tree import item_update
from duban.supervision.workflow import Action
from tests.browser.conftest import log_in, screenshot
from tests.core.test_i18n_refusals import english_in
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "推进园区污水管网建设"


def _story() -> tuple[int, str, str]:
    lead, other = make_unit(name="经济发展局"), make_unit(name="张坂镇", kind="town")
    supervisor = make_user(Role.SUPERVISOR, username="sup_zh")
    liaison = make_user(Role.LIAISON, unit=lead, username="liaison_zh")
    item = make_item(supervisor, make_source(supervisor), lead_unit=other, title=TITLE)
    item_update(actor=supervisor, item=item, lead_unit=lead)
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return item.pk, supervisor.username, liaison.username


def _main_text(page: Page) -> str:
    return page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")


def test_a_refused_action_and_the_audit_page_read_in_chinese(page: Page, live_server: LiveServer) -> None:
    # given an assigned item whose lead unit changed once
    item_id, supervisor, liaison = _story()

    # when the liaison tries to cancel it (only the office may)
    log_in(page, live_server.url, liaison)
    page.goto(f"{live_server.url}/supervision/items/{item_id}/act/cancel/")
    page.locator("#id_comment").fill("不想办了")
    page.get_by_test_id("action-submit").click()
    # then the refusal is in Chinese, and nothing on the page is an English sentence
    expect(page.locator("body")).to_contain_text("您不能对此事项执行“撤销”。")
    screenshot(page, "refused_action_zh")
    assert not english_in(_main_text(page)), _main_text(page)

    # when the supervisor reads the audit trail
    page.context.clear_cookies()
    log_in(page, live_server.url, supervisor)
    page.goto(f"{live_server.url}/audit/")
    table = page.get_by_test_id("audit-table")
    # then actions, states, units and the item read in words, not codes
    expect(table).to_contain_text("交办")
    expect(table).to_contain_text("草稿")
    expect(table).to_contain_text("已交办")
    expect(table).to_contain_text("牵头单位")
    expect(table).to_contain_text("张坂镇")
    expect(table).to_contain_text(f"1 {TITLE}")
    screenshot(page, "audit_page_zh")
    text = table.inner_text()
    assert "item.assign" not in text and "draft" not in text and "lead_unit_id" not in text
    assert not english_in(text), text
