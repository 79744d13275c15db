"""The item page: everything it shows, actions derived from the workflow, constant query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.milestone import milestone_add
from duban.supervision.services.report import instruction_add, report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db


def _pdf(name: str = "证明材料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")


def _history(item: Item, supervisor: User, liaison: User, leader: User, size: int) -> None:
    """An item with ``size`` reports (with files), children and instructions."""
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison)
    for i in range(size):
        report_submit(actor=liaison, item=item, text=f"第{i}次进展", percent=min(10 * i, 90), files=[_pdf()])
        instruction_add(actor=leader, item=item, text=f"批示{i}")
        make_item(supervisor, item.source, parent=item, lead_unit=item.lead_unit, title=f"子任务{i}")
        milestone_add(
            actor=supervisor, item=item, due=dt.date(2019, 3, 1) + dt.timedelta(days=i), title=f"节点{i}"
        )


def test_item_page_shows_details_history_and_light(
    supervisor: User, liaison_a: User, leader_a: User, item_a: Item, unit_b: Unit
) -> None:
    # given
    _history(item_a, supervisor, liaison_a, leader_a, 2)
    item_a.refresh_from_db()
    # when
    response = client_for(supervisor).get(reverse("supervision:item_detail", args=[item_a.pk]))
    # then
    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "推进园区污水管网建设",
        "第1次进展",
        "批示1",
        "子任务1",
        "节点1",
        "证明材料.pdf",
        "1.1",
        "每月",
    ):
        assert text in body, text
    page = response.context["page"]
    assert page.light is not None
    assert [t.action for t in page.timeline][:2] == ["Assign", "Acknowledge"]
    assert "audit/?object_type=supervision.item&amp;object_id=" in body


def test_condition_codes_show_as_words(supervisor: User, source: Source, unit_a: Unit) -> None:
    item = make_item(
        supervisor, source, lead_unit=unit_a, deadline=dt.date(2019, 7, 1), start_date=dt.date(2019, 1, 1)
    )
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    body = client_for(supervisor).get(reverse("supervision:item_detail", args=[item.pk])).content.decode()
    assert "已过完成时限" in body
    assert "overdue" not in [w for w in response_words(body)]


def response_words(body: str) -> list[str]:
    import re

    return re.findall(r"<li>([^<]+)</li>", body)


def test_buttons_follow_the_workflow_table(supervisor: User, liaison_a: User, item_a: Item) -> None:
    liaison_actions = [
        a
        for a, _ in client_for(liaison_a)
        .get(reverse("supervision:item_detail", args=[item_a.pk]))
        .context["page"]
        .actions
    ]
    sup_actions = [
        a
        for a, _ in client_for(supervisor)
        .get(reverse("supervision:item_detail", args=[item_a.pk]))
        .context["page"]
        .actions
    ]
    assert liaison_actions == [Action.ACKNOWLEDGE, Action.RETURN]
    assert set(sup_actions) == {Action.SUSPEND, Action.CANCEL}


def test_query_count_does_not_grow(  # noqa: PLR0917 - pytest fixtures
    supervisor: User,
    liaison_a: User,
    leader_a: User,
    source: Source,
    unit_a: Unit,
    django_assert_max_num_queries,
) -> None:
    # given
    small = make_item(supervisor, source, lead_unit=unit_a, title="小")
    large = make_item(supervisor, source, lead_unit=unit_a, title="大")
    for item, size in ((small, 1), (large, 12)):
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
        _history(item, supervisor, liaison_a, leader_a, size)
    client = client_for(supervisor)
    client.get(reverse("supervision:item_detail", args=[small.pk]))
    # when / then
    with django_assert_max_num_queries(36) as ctx:
        client.get(reverse("supervision:item_detail", args=[small.pk]))
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        client.get(reverse("supervision:item_detail", args=[large.pk]))
