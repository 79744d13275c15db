"""Document ingestion in Chromium (issue 4, item 7): upload, review beside the text, accept into a source."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from playwright.sync_api import FilePayload, Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core import clock
from duban.core.roles import Role
from duban.ingest.models import DraftItem, DraftStatus, IngestRun
from duban.supervision.models import Item
from tests.browser.conftest import log_in, screenshot
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_source

# A work plan written for this test. It carries no date, so the reference date must be given.
# The background lines are facts, not measures, and make the text long enough to scroll.
BACKGROUND = [
    "近年来，园区经济总体平稳。",
    "2018年，园区实现地区生产总值120亿元，同比增长8.5%。",
    "园区位于城市东部，总面积约30平方公里。",
    "当前，园区正处于转型升级的关键时期。",
    "园区现有道路总长约85公里，其中主干道12条。",
]
PLAN = (
    "关于推进园区基础设施建设的工作方案\n\n一、基本情况\n"
    + "\n".join(BACKGROUND * 8)
    + """
为贯彻落实区委区政府决策部署，特制定本方案。
二、主要任务
（一）年底前完成园区主干道路面改造，由规划建设与交通局牵头。
（二）2020年6月底前建成2个公共停车场，由规划建设与交通局负责。
（三）9月底前完成老旧小区雨污分流改造方案编制，由经济发展局牵头。
"""
)
FILE_NAME = "园区基础设施建设工作方案.txt"
TASKS = [
    "年底前完成园区主干道路面改造",
    "2020年6月底前建成2个公共停车场",
    "9月底前完成老旧小区雨污分流改造方案编制",
]


def _plan_file() -> FilePayload:
    return {"name": FILE_NAME, "mimeType": "text/plain", "buffer": PLAN.encode("gb18030")}


def _upload(page: Page, ref_date: str | None) -> None:
    form = page.get_by_test_id("upload-form")
    form.locator("[name=file]").set_input_files(files=[_plan_file()])
    if ref_date is not None:
        form.locator("[name=ref_date]").fill(ref_date)
    form.locator("button[type=submit]").click()


def _in_viewport(page: Page, selector: str) -> bool:
    """True when the element's box meets the visible part of the document body and of the window."""
    return bool(page.evaluate(
        """(sel) => {
            const el = document.querySelector(sel), box = el.getBoundingClientRect();
            const pane = document.querySelector('[data-testid=doc-body]').getBoundingClientRect();
            const inPane = box.bottom > pane.top && box.top < pane.bottom;
            return inPane && box.top >= 0 && box.bottom <= innerHeight;
        }""",
        selector,
    ))


def test_supervisor_reviews_a_plan_and_accepts_two_drafts(
    open_page: Callable[[], Page], live_server: LiveServer
) -> None:
    # given the units the plan names, a supervisor and a source to accept drafts into
    base = live_server.url
    lead = make_unit(name="规划建设与交通局")
    make_unit(name="经济发展局")
    supervisor = make_user(Role.SUPERVISOR, username="sup_ingest")
    with clock.frozen(dt.date(2019, 3, 4)):
        source = make_source(supervisor, kind="document", title="园区基础设施建设工作方案",
                             date=dt.date(2019, 3, 1))
        page = open_page()
        log_in(page, base, supervisor.username)
        page.goto(f"{base}/ingest/")

        # when they upload the GB18030 plan without a reference date
        _upload(page, ref_date=None)

        # then the page asks for the date, on the field, and stores nothing
        error = page.locator("[data-field-error=ref_date]")
        expect(error).to_be_visible()
        expect(error).to_contain_text(FILE_NAME)
        expect(page.locator("[data-field-error=file]")).to_have_count(0)
        assert IngestRun.objects.count() == 0
        screenshot(page, "ingest-1-ref-date-required")

        # when they upload it again with the date
        _upload(page, ref_date="2019-03-01")

        # then the review page shows the cleaned text, each draft's sentence highlighted
        expect(page).to_have_url(re.compile(r"/ingest/\d+/$"))
        run = IngestRun.objects.get()
        drafts = list(DraftItem.objects.filter(run=run).order_by("order"))
        assert [d.title for d in drafts] == TASKS
        expect(page.get_by_test_id("ref-date-caller")).to_be_visible()
        body = page.get_by_test_id("doc-body")
        expect(body).to_contain_text("园区正处于转型升级的关键时期。")  # full-width commas become half-width
        marks = body.locator("mark[data-draft]")
        expect(marks).to_have_count(3)
        for draft, task in zip(drafts, TASKS, strict=True):
            expect(body.locator(f"mark#s-{draft.pk}")).to_have_text(task)
        assert [page.locator(f"[name=d{d.pk}-deadline]").input_value() for d in drafts] == [
            "2019-12-31", "2020-06-30", "2019-09-30"]
        screenshot(page, "ingest-2-review")

        # when they click "show in text" for the last draft, far down the long text
        last = drafts[-1]
        assert page.evaluate("(() => { const b = document.querySelector('[data-testid=doc-body]');"
                             " return b.scrollHeight > b.clientHeight; })()")
        assert not _in_viewport(page, f"#s-{last.pk}")
        page.locator(f"a[href='#s-{last.pk}']").click()

        # then the text scrolls to its mark
        expect(page).to_have_url(re.compile(rf"#s-{last.pk}$"))
        page.wait_for_function("document.querySelector('[data-testid=doc-body]').scrollTop > 0")
        assert _in_viewport(page, f"#s-{last.pk}")
        screenshot(page, "ingest-3-shown-in-text")

        # when they move the first draft's deadline, pick the first two and accept them into the source
        first, second = drafts[0], drafts[1]
        page.locator(f"[name=d{first.pk}-deadline]").fill("2019-11-30")
        page.locator(f"input[name=draft][value='{first.pk}']").check()
        page.locator(f"input[name=draft][value='{second.pk}']").check()
        page.locator("select[name=source]").select_option(str(source.pk))
        page.get_by_test_id("accept").click()

        # then the two drafts are items now, the third still waits
        expect(page.locator(f"input[name=draft][value='{first.pk}']")).to_have_count(0)
        expect(page.locator(f"input[name=draft][value='{last.pk}']")).to_have_count(1)
        assert [d.status for d in DraftItem.objects.filter(run=run).order_by("order")] == [
            DraftStatus.ACCEPTED, DraftStatus.ACCEPTED, DraftStatus.PENDING]
        screenshot(page, "ingest-4-accepted")

        # and the source's ledger lists them under the plan's section, with deadline and lead unit
        page.goto(f"{base}/supervision/sources/{source.pk}/")
        table = page.get_by_test_id("ledger-table")
        expect(page.get_by_test_id("ledger-row")).to_have_count(3)
        expected = [
            ("1", "二、主要任务", "—", "—"),
            ("1.1", TASKS[0], "2019-11-30", lead.name),
            ("1.2", TASKS[1], "2020-06-30", lead.name),
        ]
        for number, title, deadline, unit in expected:
            item = Item.objects.get(source=source, title=title)
            row = table.locator(f"[data-testid=ledger-row][data-item='{item.pk}']")
            cells = row.locator("td")
            expect(cells.nth(1)).to_have_text(number)
            expect(cells.nth(2)).to_contain_text(title)
            expect(cells.nth(5)).to_contain_text(unit)
            expect(cells.nth(7)).to_have_text(deadline)
        screenshot(page, "ingest-5-ledger")
