"""The ledger and item pages in a real Chromium, on a desktop and a phone: screenshots to look at.

Uses the browser fixtures of tests/browser (Debian's /usr/bin/chromium); the
screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.org.models import Unit, User
from duban.supervision.models import Item, Milestone, Source
from duban.supervision.services.milestone import milestone_add, milestone_done
from duban.supervision.services.report import delivery_judge, report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import browser, page, phone_page, screenshot  # noqa: F401 - fixtures
from tests.conftest import PASSWORD
from tests.org.factories import PersonFactory
from tests.supervision.factories import make_item

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _log_in(view: Page, live_server: LiveServer, username: str) -> None:
    view.goto(f"{live_server.url}/accounts/login/")
    view.locator("#id_username").fill(username)
    view.locator("#id_password").fill(PASSWORD)
    view.get_by_test_id("login-form").locator("button[type=submit]").click()


def _ledger(supervisor: User, liaison: User, source: Source, unit_a: Unit, unit_b: Unit) -> Item:
    leader = PersonFactory(unit=unit_a, name="林副主任", position="管委会副主任")
    problem = make_item(
        supervisor,
        source,
        lead_unit=unit_a,
        leader=leader,
        kind="problem",
        title="园区污水收集处理设施建设滞后",
        start_date=dt.date(2019, 1, 14),
        tags=["环保"],
    )
    measures = [
        make_item(
            supervisor,
            source,
            parent=problem,
            lead_unit=unit_a,
            leader=leader,
            title=title,
            start_date=dt.date(2019, 1, 14),
            deadline=deadline,
            report_frequency="monthly",
            cooperating_units=[unit_b],
        )
        for title, deadline in [
            ("完成污水管网铺设12公里", dt.date(2019, 6, 30)),
            ("污水处理厂提标改造", dt.date(2019, 8, 2)),
            ("建立雨污分流长效管护机制", dt.date(2019, 12, 31)),
        ]
    ]
    make_item(
        supervisor,
        source,
        parent=measures[0],
        lead_unit=unit_b,
        title="张坂镇段管网施工",
        deadline=dt.date(2019, 5, 31),
    )
    for item in Item.objects.order_by("path"):
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    target = measures[2]
    item_transition(item=target, action=Action.ACKNOWLEDGE, actor=liaison)
    milestone_add(actor=supervisor, item=target, due=dt.date(2019, 6, 30), title="完成方案编制", percent=40)
    report_submit(
        actor=liaison,
        item=target,
        text="已完成长效管护方案初稿，正在征求意见。",
        percent=55,
        problems="部分村居配合度不高",
        next_steps="8月底前印发实施",
        files=[SimpleUploadedFile("管护方案（征求意见稿）.pdf", b"%PDF-1.4 x")],
    )
    milestone_done(actor=liaison, milestone=Milestone.objects.get(item=target), done_on=dt.date(2019, 6, 28))
    delivery_judge(actor=supervisor, item=target, grade="amber_green", reason="方案进度正常，资金待落实")
    return target


@pytest.fixture
def ledger_item(supervisor: User, liaison_a: User, unit_a: Unit, unit_b: Unit) -> Item:
    from tests.supervision.factories import make_source

    source = make_source(supervisor, title="省委第三巡视组反馈意见整改", doc_number="闽委巡〔2019〕3号")
    return _ledger(supervisor, liaison_a, source, unit_a, unit_b)


def test_ledger_and_item_pages_on_desktop_and_phone(  # noqa: F811 - fixtures imported from tests/browser
    page: Page,  # noqa: F811
    phone_page: Page,  # noqa: F811
    live_server: LiveServer,
    supervisor: User,
    ledger_item: Item,
) -> None:
    for view, name in ((page, "desktop"), (phone_page, "phone")):
        _log_in(view, live_server, supervisor.username)
        view.goto(f"{live_server.url}/supervision/sources/{ledger_item.source_id}/")
        expect(view.get_by_test_id("ledger-table")).to_be_visible()
        assert view.get_by_test_id("ledger-row").count() == 5
        screenshot(view, f"supervision-ledger-{name}")
        view.goto(f"{live_server.url}/supervision/items/{ledger_item.pk}/")
        expect(view.get_by_test_id("item-title")).to_contain_text("建立雨污分流长效管护机制")
        screenshot(view, f"supervision-item-{name}")
