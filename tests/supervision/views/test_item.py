"""The item page: everything it shows, actions derived from the workflow, constant query count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
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
    assert [t.action for t in page.timeline][:2] == ["交办", "签收"]
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
    for item in (small, large):  # the first view stores the light it shows (no refresh ran here)
        client.get(reverse("supervision:item_detail", args=[item.pk]))
    # when / then
    with django_assert_max_num_queries(36) as ctx:
        client.get(reverse("supervision:item_detail", args=[small.pk]))
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        client.get(reverse("supervision:item_detail", args=[large.pk]))


# --- item rules: deadline reason, closed items, milestones, recurring templates (in Chinese) ------


def _zh(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _edit_data(item: Item, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": item.kind, "title": item.title, "lead_unit": item.lead_unit_id or "",
        "priority": item.priority, "report_frequency": item.report_frequency, "recurrence": item.recurrence,
        "deadline": item.deadline.isoformat() if item.deadline else "", "version": item.version,
    }
    data.update(changes)
    return data


def test_editing_the_deadline_without_a_reason_is_refused_on_the_form(
    supervisor: User, item_a: Item
) -> None:
    client = _zh(supervisor)
    url = reverse("supervision:item_edit", args=[item_a.pk])
    # when the deadline is moved without a reason
    response = client.post(url, _edit_data(item_a, deadline="2020-03-31"))
    body = response.content.decode()
    # then the form says so on the reason field and nothing changes
    assert response.status_code == 400
    assert "请填写变更完成时限的理由" in body and 'data-field-error="deadline_reason"' in body
    item_a.refresh_from_db()
    assert item_a.deadline == dt.date(2019, 12, 31)
    # and with a reason the change shows in the deadline history on the item page
    client.post(url, _edit_data(item_a, deadline="2020-03-31", deadline_reason="规划调整"))
    page = client.get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    history = page.split('data-testid="deadline-history"')[1].split("</ul>")[0]
    assert "2019-12-31 → 2020-03-31" in history and "规划调整" in history


def test_a_closed_item_offers_no_edit_and_its_edit_page_says_reopen(
    supervisor: User, liaison_a: User, item_a: Item
) -> None:
    for action, actor in ((Action.ACKNOWLEDGE, liaison_a), (Action.REQUEST_COMPLETION, liaison_a),
                          (Action.SIGN_OFF, supervisor)):
        item_transition(item=item_a, action=action, actor=actor)
    client = _zh(supervisor)
    page = client.get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    assert 'data-testid="edit-link"' not in page and 'data-action="reopen"' in page
    response = client.get(reverse("supervision:item_edit", args=[item_a.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("supervision:item_detail", args=[item_a.pk])
    assert "已销号的事项不能修改，请先重新打开" in response.content.decode()
    client.post(reverse("supervision:item_edit", args=[item_a.pk]), _edit_data(item_a, title="改了"))
    item_a.refresh_from_db()
    assert item_a.title == "推进园区污水管网建设"


def test_the_milestone_action_reads_as_an_action_and_asks_first(supervisor: User, item_a: Item) -> None:
    milestone_add(actor=supervisor, item=item_a, due=dt.date(2019, 8, 30), title="完成管网设计")
    page = _zh(supervisor).get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    button = page.split('data-testid="milestones"')[1].split("</ul>")[0]
    assert "标记完成" in button and "已完成" not in button
    assert 'data-confirm="确认将时间节点“完成管网设计”标记为今天完成' in button


def test_template_lists_its_occurrences_and_an_occurrence_links_its_template(
    supervisor: User, liaison_a: User, source: Source, unit_a: Unit
) -> None:
    # given a monthly template, assigned: its July occurrence came with it
    template = make_item(supervisor, source, lead_unit=unit_a, title="月度调度", recurrence="monthly",
                         start_date=dt.date(2019, 7, 1))
    item_transition(item=template, action=Action.ASSIGN, actor=supervisor)
    occurrence = Item.objects.get(occurrence_of=template)
    # then the template page lists it, and says the template has no light of its own
    page = _zh(liaison_a).get(reverse("supervision:item_detail", args=[template.pk])).content.decode()
    listed = page.split('data-testid="occurrences"')[1].split("</ul>")[0]
    assert reverse("supervision:item_detail", args=[occurrence.pk]) in listed and "2019年7月" in listed
    assert "模板本身不亮灯、不提醒" in page and 'data-testid="template-no-light"' in page
    assert 'data-action="acknowledge"' not in page
    # and the occurrence page links back to the template
    page = _zh(liaison_a).get(reverse("supervision:item_detail", args=[occurrence.pk])).content.decode()
    recurrence = page.split('data-testid="recurrence"')[1].split("</dd>")[0]
    assert "本期：2019年7月" in recurrence
    assert reverse("supervision:item_detail", args=[template.pk]) in recurrence


def test_quantities_show_without_trailing_zeros(supervisor: User, liaison_a: User, item_a: Item) -> None:
    # given a target of 5 家 (stored as 5.0000) and a report of 2.5 家
    Item.objects.filter(pk=item_a.pk).update(target_value=Decimal("5"), target_unit="家")
    item_transition(item=item_a, action=Action.ACKNOWLEDGE, actor=liaison_a)
    report_submit(actor=liaison_a, item=item_a, text="已签约", actual_value=Decimal("2.5"))
    # when
    body = client_for(supervisor).get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    # then
    assert "5 家" in body and "2.5 家" in body
    assert "5.0000" not in body and "2.5000" not in body
