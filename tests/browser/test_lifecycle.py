"""A supervision item's whole life cycle in Chromium, with a frozen clock (issue 3, "How it will be checked").

July 2019 has no public holiday, so working days are plain weekdays:
registered and assigned Mon 1 July, deadline Fri 5 July, overdue on Tue 9 July
(two working days late), extension to Fri 19 July, closed Mon 15 July.
The live server runs in a thread of this process, so ``clock.frozen`` here
freezes the server's clock too.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import FilePayload, Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.audit.describe import action_label
from duban.core import clock
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision.models import Item, ReminderLog
from duban.supervision.models.reminder import ReminderKind
from duban.supervision.services.reminders import reminders_run
from duban.supervision.services.report import report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.views.common import CONDITION_WORDS
from duban.supervision.workflow import Action, State
from tests.browser.conftest import log_in, screenshot
from tests.org.factories import make_unit, make_user
from tests.supervision.channels.receiver import webhook_receiver
from tests.supervision.factories import make_item, make_source

TITLE = "完成园区污水管网改造一期工程"
BEIJING = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment in July 2019, Beijing time."""
    return dt.datetime(2019, 7, day, hour, minute, tzinfo=BEIJING)


@contextmanager
def on(moment: dt.datetime) -> Iterator[None]:
    with clock.frozen(moment):
        yield


def zh(text: object) -> str:
    """A msgid or lazily translated label as the Chinese UI shows it."""
    with translation.override("zh-hans"):
        return translation.gettext(text) if isinstance(text, str) else str(text)


def tiny_png() -> bytes:
    """A valid 1×1 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _person_named(user: User, name: str, position: str) -> User:
    assert user.person is not None
    user.person.name, user.person.position = name, position
    user.person.save()
    return user


def _item_id(page: Page) -> int:
    match = re.search(r"/supervision/items/(\d+)/$", page.url)
    assert match, page.url
    return int(match.group(1))


def _link(item_id: int) -> str:
    """The selector of a link to the item's page."""
    return f"a[href='/supervision/items/{item_id}/']"


def _act(page: Page, item_id: int, action: Action, *, fill: dict[str, str] | None = None) -> None:
    """Click the action's button on the item page, fill its form, submit, and land back on the item."""
    page.get_by_test_id("item-actions").locator(f"a[data-action={action.value}]").click()
    form = page.get_by_test_id("action-form")
    for name, value in (fill or {}).items():
        form.locator(f"[name={name}]").fill(value)
    page.get_by_test_id("action-submit").click()
    expect(page).to_have_url(re.compile(rf"/supervision/items/{item_id}/$"))


def _state(page: Page, state: State) -> None:
    expect(page.get_by_test_id("item-state")).to_have_text(zh(state.label))


def test_item_lives_from_registration_to_sign_off(
    open_page: Callable[[], Page], live_server: LiveServer, mailoutbox: list[mail.EmailMessage]
) -> None:
    # given a lead unit with its liaison, a leader in charge of it, the supervision office
    base = live_server.url
    unit = make_unit(name="规划建设与交通局")
    liaison = make_user(Role.LIAISON, unit=unit, username="liaison_gj", email="liaison@gj.example.cn")
    leader = _person_named(
        make_user(Role.LEADER, oversees=(unit,), username="leader_lin", email="lin@gwh.example.cn"),
        "林志强", "管委会副主任",
    )
    supervisor = _person_named(make_user(Role.SUPERVISOR, username="sup_chen"), "陈督查", "督查室主任")
    _person_named(liaison, "黄联络", "办公室科员")
    assert leader.person is not None
    sup = open_page()
    png = tiny_png()

    # --- 1. the supervisor registers a source and an item, and assigns it (Mon 1 July) ---
    with on(at(1, 9)):
        log_in(sup, base, supervisor.username)
        sup.goto(f"{base}/supervision/sources/new/")
        form = sup.get_by_test_id("source-form")
        form.locator("[name=kind]").select_option("meeting")
        form.locator("[name=title]").fill("管委会2019年第12次主任办公会议定事项")
        form.locator("[name=doc_number]").fill("泉台管纪〔2019〕12号")
        form.locator("[name=date]").fill("2019-06-28")
        form.locator("[name=sign_off_mode]").select_option("single")
        form.locator("button[type=submit]").click()
        expect(sup).to_have_url(re.compile(r"/supervision/sources/\d+/$"))
        expect(sup.get_by_test_id("source-meta")).to_contain_text("泉台管纪〔2019〕12号")

        sup.get_by_test_id("item-new").click()
        form = sup.get_by_test_id("item-form")
        form.locator("[name=title]").fill(TITLE)
        form.locator("[name=lead_unit]").select_option(str(unit.pk))
        form.locator("[name=leader]").select_option(str(leader.person.pk))
        form.locator("[name=deadline]").fill("2019-07-05")
        form.locator("[name=report_frequency]").select_option("monthly")
        form.locator("button[type=submit]").click()
        expect(sup).to_have_url(re.compile(r"/supervision/items/\d+/$"))
        item_id = _item_id(sup)
        item_url = sup.url
        expect(sup.get_by_test_id("item-title")).to_contain_text(TITLE)
        _state(sup, State.DRAFT)

        _act(sup, item_id, Action.ASSIGN)
        _state(sup, State.ASSIGNED)
        expect(sup.get_by_test_id("item-details")).to_contain_text("规划建设与交通局")
        expect(sup.get_by_test_id("item-deadline")).to_have_text("2019-07-05")
        screenshot(sup, "lifecycle-1-assigned")

    # --- 2. the liaison finds it in 待办, acknowledges, reports with evidence (Tue 2 July) ---
    with on(at(2, 10)):
        li = open_page()
        log_in(li, base, liaison.username)
        li.goto(f"{base}/supervision/todo/")
        to_acknowledge = li.get_by_test_id("todo-acknowledge")
        expect(to_acknowledge.locator(_link(item_id))).to_have_text(TITLE)
        screenshot(li, "lifecycle-2-todo")
        to_acknowledge.locator(_link(item_id)).click()

        _act(li, item_id, Action.ACKNOWLEDGE)
        _state(li, State.ACKNOWLEDGED)

        li.get_by_test_id("report-link").click()
        form = li.get_by_test_id("subform")
        form.locator("[name=text]").fill("已完成管网测绘和施工招标，施工队伍7月3日进场。")
        form.locator("[name=percent]").fill("30")
        evidence: FilePayload = {"name": "现场照片.png", "mimeType": "image/png", "buffer": png}
        form.locator("[name=files]").set_input_files(files=[evidence])
        form.locator("button[type=submit]").click()
        expect(li).to_have_url(item_url)
        _state(li, State.IN_PROGRESS)  # the lead unit's first report starts the work
        report = li.get_by_test_id("report")
        expect(report).to_contain_text("施工队伍7月3日进场")
        link = report.get_by_test_id("file-link")
        expect(link).to_have_text("现场照片.png")
        href = link.get_attribute("href") or ""
        assert re.fullmatch(r"/supervision/files/\d+/", href), href
        with li.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert download.suggested_filename == "现场照片.png"
        assert Path(download.path()).read_bytes() == png
        screenshot(li, "lifecycle-2-reported")

    # --- 3. the deadline passes: the light turns red (Tue 9 July, two working days late) ---
    with on(at(9, 9)):
        sup.goto(f"{base}/supervision/ledger/")
        row = sup.locator(f"[data-testid=ledger-row][data-item='{item_id}']")
        dots = row.locator(".light-dot")
        expect(dots.first).to_have_attribute("data-light", "red")
        assert dots.count() == 2  # the phone column's dot and the desktop column's
        for n in range(dots.count()):
            expect(dots.nth(n)).to_have_attribute("data-light", "red")
            expect(dots.nth(n)).to_have_class(re.compile(r"\blight-red\b"))
        expect(row.locator("[data-overdue='1']")).to_have_text("2019-07-05")
        screenshot(sup, "lifecycle-3-ledger-red")

        sup.goto(item_url)
        light_card = sup.get_by_test_id("light-card")
        expect(light_card.locator(".light-dot")).to_have_attribute("data-light", "red")
        expect(sup.get_by_test_id("conditions")).to_contain_text(zh(CONDITION_WORDS["overdue"]))
        expect(sup.get_by_test_id("item-deadline")).to_contain_text(zh("overdue"))
        screenshot(sup, "lifecycle-3-item-red")

        # --- 4. reminders: a WeCom robot for the unit, escalation after one working day ---
        with webhook_receiver() as receiver:
            sup.goto(f"{base}/settings/")
            reminders = sup.get_by_test_id("reminder-settings")
            reminders.locator("[name=reminders-escalate_leader_after]").fill("1")
            reminders.locator("button[type=submit]").click()
            expect(sup.get_by_test_id("reminder-settings").locator("[name=reminders-escalate_leader_after]")).to_have_value("1")

            sup.goto(f"{base}/settings/robots/new/")
            form = sup.get_by_test_id("robot-form")
            form.locator("[name=name]").fill("规划建设与交通局工作群")
            form.locator("[name=kind]").select_option("wecom")
            form.locator("[name=webhook_url]").fill(receiver.url("/cgi-bin/webhook/send?key=gj-test"))
            form.locator("[name=unit]").select_option(str(unit.pk))
            form.locator("button[type=submit]").click()
            expect(sup.get_by_test_id("robot-channels")).to_contain_text("规划建设与交通局工作群")

            first = reminders_run(today=dt.date(2019, 7, 9))
            posts_after_first = list(receiver.received)
            mails_after_first = [(m.to, m.subject) for m in mailoutbox]
            call_command("remind", "--date", "2019-07-09", stdout=io.StringIO())
            second_posts, second_mails = list(receiver.received), [(m.to, m.subject) for m in mailoutbox]

        # then one urging notice and one escalation reached the group, each once
        assert first.by_kind == {"overdue": 1, "escalate_leader": 1}, first
        assert [p.path for p in posts_after_first] == ["/cgi-bin/webhook/send"] * 2
        assert all(p.query == {"key": "gj-test"} for p in posts_after_first)
        contents = [p.body["markdown"]["content"] for p in posts_after_first]
        assert all(TITLE in c for c in contents), contents
        robot_kinds = sorted(ReminderLog.objects.filter(channel="wecom").values_list("kind", flat=True))
        assert robot_kinds == [ReminderKind.ESCALATE_LEADER, ReminderKind.OVERDUE]
        # and one mail per recipient per reminder: the liaison is urged, the leader is escalated to
        recipients = sorted(to for to, _subject in mails_after_first)
        assert recipients == [["liaison@gj.example.cn"], ["lin@gwh.example.cn"]]
        assert all(TITLE in subject for _to, subject in mails_after_first)
        # and the second run sent nothing again
        assert second_posts == posts_after_first
        assert second_mails == mails_after_first

    # --- 5. the liaison asks for an extension; the leader in charge grants it ---
    with on(at(9, 14, 30)):
        li.goto(item_url)
        _act(li, item_id, Action.REQUEST_EXTENSION,
             fill={"new_deadline": "2019-07-19", "comment": "管材供应延迟到货，申请延期至7月19日。"})
        _state(li, State.EXTENSION_REQUESTED)
        expect(li.get_by_test_id("item-deadline")).to_contain_text("2019-07-19")  # asked for, not yet granted

    with on(at(10, 9)):
        le = open_page()
        log_in(le, base, leader.username)
        le.goto(f"{base}/supervision/todo/")
        asked = le.get_by_test_id("todo-extension_requests").locator(_link(item_id))
        expect(asked).to_have_text(TITLE)
        asked.click()
        _act(le, item_id, Action.GRANT_EXTENSION)
        _state(le, State.IN_PROGRESS)
        expect(le.get_by_test_id("item-deadline")).to_have_text("2019-07-19")
        history = le.get_by_test_id("deadline-history").locator("li")
        expect(history).to_have_count(2)
        expect(history.nth(1)).to_contain_text("2019-07-05 → 2019-07-19")
        expect(history.nth(1)).to_contain_text("林志强")
        light = le.get_by_test_id("light-card").locator(".light-dot")
        expect(light).not_to_have_attribute("data-light", "red")
        screenshot(le, "lifecycle-5-extended")

    # --- 6. the liaison asks for completion; the supervisor signs off (Mon 15 July) ---
    with on(at(15, 10)):
        li.goto(item_url)
        _act(li, item_id, Action.REQUEST_COMPLETION)
        _state(li, State.COMPLETION_REQUESTED)

    with on(at(15, 16)):
        sup.goto(f"{base}/supervision/todo/")
        waiting = sup.get_by_test_id("todo-completion_requests").locator(_link(item_id))
        waiting.click()
        _act(sup, item_id, Action.SIGN_OFF)
        expect(sup.get_by_test_id("item-state")).to_have_text("已销号")
        screenshot(sup, "lifecycle-6-closed")

        # --- 7. the audit trail shows every step with actor and time ---
        sup.get_by_test_id("audit-link").click()
        expect(sup.get_by_test_id("object-history")).to_be_visible()
        rows = sup.get_by_test_id("audit-row")
        seen = [
            tuple(cell.strip() for cell in rows.nth(n).locator("td").all_inner_texts()[1:4])
            for n in range(rows.count())
        ]
        screenshot(sup, "lifecycle-7-audit")

    system = zh("system")
    expected = [
        ("2019-07-01 09:00:00", "陈督查", "item.create"),
        ("2019-07-01 09:00:00", "陈督查", "item.assign"),
        ("2019-07-02 10:00:00", "黄联络", "item.acknowledge"),
        ("2019-07-02 10:00:00", "黄联络", "item.start"),
        ("2019-07-02 10:00:00", "黄联络", "report.submit"),
        ("2019-07-09 09:00:00", system, "item.remind"),
        ("2019-07-09 09:00:00", system, "item.escalate"),
        ("2019-07-09 14:30:00", "黄联络", "item.request_extension"),
        ("2019-07-10 09:00:00", "林志强", "item.grant_extension"),
        ("2019-07-15 10:00:00", "黄联络", "item.request_completion"),
        ("2019-07-15 16:00:00", "陈督查", "item.sign_off"),
    ]
    # the page names the actions in words (交办, 签收, …), not by their stored codes
    with translation.override("zh-hans"):
        expected = [(at_, who, action_label(code)) for at_, who, code in expected]
    assert sorted(seen) == sorted(expected), seen
    item = Item.objects.get(pk=item_id)
    assert item.state == State.CLOSED
    assert item.deadline == dt.date(2019, 7, 19)


def _scoped_item(supervisor: User, unit: Unit, liaison: User) -> tuple[Item, int]:
    """An item of ``unit`` with one report carrying an evidence file (made through the services)."""
    source = make_source(supervisor)
    item = make_item(supervisor, source, lead_unit=unit, title=TITLE, deadline=dt.date(2019, 7, 5))
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison)
    upload = SimpleUploadedFile("现场照片.png", tiny_png(), content_type="image/png")
    report = report_submit(actor=liaison, item=item, text="已进场施工。", files=[upload])
    attachment = report.attachments.get()
    return item, attachment.pk


def test_another_units_liaison_gets_404_for_the_item_and_its_file(
    open_page: Callable[[], Page], live_server: LiveServer
) -> None:
    # given an item of one unit with an evidence file, and the liaison of another unit
    base = live_server.url
    unit = make_unit(name="规划建设与交通局")
    other = make_unit(name="张坂镇", kind="town")
    supervisor = make_user(Role.SUPERVISOR, username="sup_scope")
    own_liaison = make_user(Role.LIAISON, unit=unit, username="liaison_own")
    stranger = make_user(Role.LIAISON, unit=other, username="liaison_other")
    with on(at(2, 10)):
        item, file_id = _scoped_item(supervisor, unit, own_liaison)
        page = open_page()
        log_in(page, base, stranger.username)

        # when the stranger opens the item page and the file's address directly
        item_response = page.goto(f"{base}/supervision/items/{item.pk}/")
        assert item_response is not None
        item_status = item_response.status
        expect(page.get_by_test_id("not-found")).to_be_visible()
        expect(page.locator("body")).not_to_contain_text(TITLE)
        screenshot(page, "lifecycle-scope-404")
        file_response = page.goto(f"{base}/supervision/files/{file_id}/")
        assert file_response is not None
        file_status = file_response.status
        expect(page.get_by_test_id("not-found")).to_be_visible()

        # and looks for it in the ledger
        page.goto(f"{base}/supervision/ledger/?q=污水管网")
        ledger_rows = page.get_by_test_id("ledger-row").count()

    # then both are "not found", and the ledger does not list it
    assert (item_status, file_status) == (404, 404)
    assert ledger_rows == 0

    # while the own unit's liaison downloads the same file
    own = open_page()
    with on(at(2, 11)):
        log_in(own, base, own_liaison.username)
        response = own.request.get(f"{base}/supervision/files/{file_id}/")
    assert response.status == 200
    assert response.body() == tiny_png()
