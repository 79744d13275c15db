"""The progress timeline (.docx): fields and every kind of event, in date order."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from duban.core import clock
from duban.core.errors import NotFound
from duban.reports.timeline import item_for_timeline, timeline_docx, timeline_events
from duban.supervision.models import Item
from duban.supervision.services.report import instruction_add, report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def history(ledger, supervisor, liaison_a, leader_a):
    """Item 1.1 with acknowledgement, a report with a file, an instruction and an extension."""
    _source, (_problem, first, _second) = ledger
    days = iter(dt.date(2019, 7, d) for d in range(1, 20))
    with clock.frozen(next(days)):
        item_transition(item=first, action=Action.ACKNOWLEDGE, actor=liaison_a)
    with clock.frozen(next(days)):
        report_submit(
            actor=liaison_a,
            item=first,
            text="规划初稿已完成",
            percent=40,
            files=[SimpleUploadedFile("初稿.png", PNG, "image/png")],
        )
    with clock.frozen(next(days)):
        instruction_add(actor=leader_a, item=first, text="请加快进度")
    with clock.frozen(next(days)):
        item_transition(
            item=first,
            action=Action.REQUEST_EXTENSION,
            actor=liaison_a,
            comment="专家评审推迟",
            new_deadline=dt.date(2019, 9, 30),
        )
    with clock.frozen(next(days)):
        item_transition(item=first, action=Action.GRANT_EXTENSION, actor=leader_a, comment="同意延期")
    return first


def test_events_in_date_order(history, supervisor) -> None:
    events = timeline_events(item_for_timeline(user=supervisor, item_id=history.pk))
    assert [e.at for e in events] == sorted(e.at for e in events)
    kinds = [e.kind for e in events]
    assert kinds.count("Report") == 1
    assert kinds.count("Instruction") == 1
    assert kinds.count("Deadline") == 2  # set at registration, changed by the extension
    assert kinds.count("Workflow") == 5  # assign, acknowledge, start (first report), request, grant


def test_docx_opens_and_contains_fields_and_events(history, supervisor) -> None:
    # when
    data = timeline_docx(item_for_timeline(user=supervisor, item_id=history.pk), generated_at=clock.now())
    # then
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "编制产业发展规划" in text
    assert "经济发展局" in cells
    assert "王明" in cells
    assert "2019-09-30" in cells  # the deadline after the extension
    events = document.tables[1]
    assert len(events.rows) == 1 + 9
    body = "\n".join(cells)
    for expected in (
        "规划初稿已完成",
        "初稿.png",
        "请加快进度",
        "专家评审推迟",
        "同意延期",
        "Deadline changed from 2019-06-30 to 2019-09-30",
    ):
        assert expected in body


def test_out_of_scope_is_not_found(history, liaison_b, supervisor, ledger) -> None:
    _source, (problem, _first, _second) = ledger
    with pytest.raises(NotFound):
        item_for_timeline(user=liaison_b, item_id=problem.pk)  # led by unit A, no part for the town


def test_docx_is_a4_and_shows_quantities_without_trailing_zeros(ledger, supervisor) -> None:
    # given an item with a target of 5 家, 3.5 家 done (stored with four decimal places)
    _source, (_problem, first, _second) = ledger
    Item.objects.filter(pk=first.pk).update(
        target_value=Decimal("5"), target_unit="家", actual_value=Decimal("3.5")
    )
    # when
    data = timeline_docx(item_for_timeline(user=supervisor, item_id=first.pk), generated_at=clock.now())
    # then: every page is A4 (210 × 297 mm), and the quantities read as people write them
    document = Document(io.BytesIO(data))
    for section in document.sections:
        assert section.page_width is not None and section.page_height is not None
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "5 家 / 3.5 家" in cells
    assert not any("0000" in text for text in cells)
