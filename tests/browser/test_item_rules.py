"""The item rules a user meets in the browser: the milestone action asks first, failed deliveries are listed.

The live server runs in this process's thread, so ``clock.frozen`` freezes it too.
"""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Dialog, Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.models import Item, Milestone, ReminderLog, RobotChannel
from duban.supervision.services.milestone import milestone_add
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import log_in, screenshot
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

TODAY = dt.date(2019, 7, 10)


def _story() -> tuple[User, User, Item, Unit]:
    unit = make_unit(name="经济发展局")
    supervisor = make_user(Role.SUPERVISOR, username="office")
    liaison = make_user(Role.LIAISON, unit=unit, username="liaison")
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
    return supervisor, liaison, item, unit


def test_marking_a_milestone_done_asks_first(page: Page, live_server: LiveServer) -> None:
    # given a liaison on their item's page
    _supervisor, _liaison, item, _unit = _story()
    milestone = Milestone.objects.get(item=item)
    with clock.frozen(TODAY):
        log_in(page, live_server.url, "liaison")
        page.goto(f"{live_server.url}/supervision/items/{item.pk}/")
        button = page.get_by_test_id("milestone-done")
        expect(button).to_have_text("标记完成")
        asked: list[str] = []

        def dismiss(dialog: Dialog) -> None:
            asked.append(dialog.message)
            dialog.dismiss()

        # when they click and then cancel the question
        page.once("dialog", dismiss)
        button.click()
        # then nothing is marked
        expect(button).to_be_visible()
        assert asked == ["确认将时间节点“完成管网设计”标记为今天完成？标记后不能撤销。"]
        milestone.refresh_from_db()
        assert milestone.done_on is None
        screenshot(page, "item-milestone-mark-done")

        # when they click and confirm
        def accept(dialog: Dialog) -> None:
            dialog.accept()

        page.once("dialog", accept)
        button.click()
        # then it is marked done today
        expect(page.get_by_text("时间节点已标为完成。")).to_be_visible()
        expect(page.get_by_test_id("milestone-done")).to_have_count(0)
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY


def test_office_sees_failed_deliveries(page: Page, live_server: LiveServer) -> None:
    # given a robot that refused two messages
    _supervisor, _liaison, item, unit = _story()
    robot = RobotChannel.objects.create(
        name="经发局工作群", kind="dingtalk", unit=unit, webhook_url="http://127.0.0.1:9/robot/send"
    )
    with clock.frozen(TODAY):
        now = clock.now()
        for n in range(2):
            ReminderLog.objects.create(
                item=item,
                kind="before_deadline",
                key=f"{item.pk}:before_deadline:2019-09-30:{n}",
                channel="dingtalk",
                recipient=f"robot:{robot.pk}",
                sent_at=now,
                ok=False,
                error="机器人拒收消息：310000 keywords not in content",
                message={"title": "距完成时限还有 3 个工作日", "text": "牵头单位：经济发展局", "url": ""},
            )
        # when the office opens the settings and follows the failed-deliveries link
        log_in(page, live_server.url, "office")
        page.goto(f"{live_server.url}/settings/")
        page.get_by_test_id("failed-link").click()
        # then both are listed with robot, item and error, each with a resend button
        rows = page.get_by_test_id("failed-delivery")
        expect(rows).to_have_count(2)
        expect(rows.nth(0)).to_contain_text("经发局工作群")
        expect(rows.nth(0)).to_contain_text("钉钉机器人")
        expect(rows.nth(0)).to_contain_text("310000")
        expect(rows.nth(0).get_by_test_id("retry")).to_have_text("重新发送")
        screenshot(page, "settings-failed-deliveries")
        # when one is sent again and the robot is still unreachable, the page says so
        rows.nth(0).get_by_test_id("retry").click()
        expect(page.get_by_text("重新发送仍然失败")).to_be_visible()
        expect(page.get_by_test_id("failed-delivery")).to_have_count(2)


def test_recurring_template_and_its_occurrence(page: Page, live_server: LiveServer) -> None:
    supervisor, _liaison, item, unit = _story()
    with clock.frozen(TODAY):
        template = make_item(
            supervisor,
            item.source,
            lead_unit=unit,
            title="月度经济运行调度",
            recurrence="monthly",
            start_date=dt.date(2019, 7, 1),
            deadline=dt.date(2019, 12, 31),
        )
        item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
        occurrence = Item.objects.get(occurrence_of=template)
        log_in(page, live_server.url, "liaison")
        page.goto(f"{live_server.url}/supervision/items/{template.pk}/")
        expect(page.get_by_test_id("occurrences")).to_contain_text("2019年7月")
        screenshot(page, "item-recurring-template")
        page.get_by_test_id("occurrences").get_by_role("link").click()
        expect(page.get_by_test_id("item-title")).to_contain_text(occurrence.title)
        expect(page.get_by_test_id("template-link")).to_be_visible()
