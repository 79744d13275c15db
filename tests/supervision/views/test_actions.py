"""Workflow actions, reports and the other item forms through HTTP: state changes, clear refusals,
optimistic locking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.org.models import Unit, User
from duban.supervision.models import Attachment, DeadlineChange, Item, ItemTransition, ProgressReport, Source
from duban.supervision.workflow import State
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db


def _act(item: Item, action: str) -> str:
    return reverse("supervision:item_action", args=[item.pk, action])


def test_acknowledge_by_post_changes_state_and_records_comment(liaison_a: User, item_a: Item) -> None:
    # when
    response = client_for(liaison_a).post(
        _act(item_a, "acknowledge"), {"comment": "已签收", "version": item_a.version}
    )
    # then
    assert response.status_code == 302
    item_a.refresh_from_db()
    assert item_a.state == State.ACKNOWLEDGED
    assert ItemTransition.objects.filter(item=item_a, action="acknowledge", comment="已签收").exists()


def test_forbidden_action_gives_a_clear_message_and_changes_nothing(liaison_a: User, item_a: Item) -> None:
    # given
    before = item_a.version
    client = client_for(liaison_a)
    # when: a liaison tries to cancel; and a state the table does not allow
    cancel = client.post(_act(item_a, "cancel"), {"comment": "不想办了", "version": item_a.version})
    sign_off = client.post(_act(item_a, "sign_off"), {"version": item_a.version})
    # then
    assert cancel.status_code == 403
    assert "您不能对此事项执行“撤销”" in cancel.content.decode()
    assert "不想办了" in cancel.content.decode()
    assert sign_off.status_code == 409
    assert "事项处于“已交办”状态，不能“销号”" in sign_off.content.decode()
    item_a.refresh_from_db()
    assert item_a.state == State.ASSIGNED and item_a.version == before


def test_get_of_a_forbidden_action_says_so(liaison_a: User, item_a: Item) -> None:
    body = client_for(liaison_a).get(_act(item_a, "cancel")).content.decode()
    assert "您现在不能对此事项执行“撤销”" in body


def test_unknown_action_is_404(supervisor: User, item_a: Item) -> None:
    assert client_for(supervisor).get(_act(item_a, "explode")).status_code == 404


def test_reason_is_required_where_the_table_says_so(liaison_a: User, item_a: Item) -> None:
    response = client_for(liaison_a).post(_act(item_a, "return"), {"comment": "", "version": item_a.version})
    assert response.status_code == 400
    assert 'data-field-error="comment"' in response.content.decode()
    item_a.refresh_from_db()
    assert item_a.state == State.ASSIGNED


def test_extension_request_and_grant_keep_the_deadline_history(
    liaison_a: User, leader_a: User, item_a: Item
) -> None:
    # given
    liaison, leader = client_for(liaison_a), client_for(leader_a)
    liaison.post(_act(item_a, "acknowledge"), {"version": item_a.version})
    item_a.refresh_from_db()
    # when
    asked = liaison.post(
        _act(item_a, "request_extension"),
        {"comment": "征迁未完成", "new_deadline": "2020-03-31", "version": item_a.version},
    )
    item_a.refresh_from_db()
    granted = leader.post(_act(item_a, "grant_extension"), {"version": item_a.version})
    # then
    assert asked.status_code == 302 and granted.status_code == 302
    item_a.refresh_from_db()
    assert item_a.deadline == dt.date(2020, 3, 31)
    assert DeadlineChange.objects.filter(item=item_a).count() == 2
    body = leader.get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    assert "2020-03-31" in body and "征迁未完成" in body


def test_a_bad_new_deadline_is_refused_on_the_form(liaison_a: User, item_a: Item) -> None:
    client = client_for(liaison_a)
    client.post(_act(item_a, "acknowledge"), {"version": item_a.version})
    item_a.refresh_from_db()
    response = client.post(
        _act(item_a, "request_extension"),
        {"comment": "延期", "new_deadline": "2019-01-01", "version": item_a.version},
    )
    assert response.status_code == 400
    assert "请填写晚于当前完成时限的新完成时限" in response.content.decode()
    item_a.refresh_from_db()
    assert item_a.state == State.ACKNOWLEDGED


def test_second_of_two_concurrent_forms_gets_the_conflict_and_keeps_its_text(
    liaison_a: User, supervisor: User, item_a: Item
) -> None:
    # given: both open the form on the same version
    version = item_a.version
    liaison, sup = client_for(liaison_a), client_for(supervisor)
    # when
    first = liaison.post(_act(item_a, "acknowledge"), {"comment": "收到", "version": version})
    second = sup.post(_act(item_a, "suspend"), {"comment": "等待上级政策明确后再办", "version": version})
    # then
    assert first.status_code == 302
    assert second.status_code == 409
    body = second.content.decode()
    assert "您编辑期间，其他人修改了此事项" in body
    assert "等待上级政策明确后再办" in body
    item_a.refresh_from_db()
    assert item_a.state == State.ACKNOWLEDGED


def test_concurrent_edits_of_the_item_form(supervisor: User, item_a: Item, unit_a: Unit) -> None:
    # given
    url = reverse("supervision:item_edit", args=[item_a.pk])
    client = client_for(supervisor)
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(lead_unit=unit_a.pk, cooperating_units=[], deadline="2019-12-31", start_date="2019-01-14")
    # when
    first = client.post(url, {**data, "title": "第一人的标题"})
    second = client.post(url, {**data, "title": "第二人的标题"})
    # then
    assert first.status_code == 302
    assert second.status_code == 409  # a conflict, as every refused form page answers
    assert "您编辑期间，其他人修改了此事项" in second.content.decode()
    assert "第二人的标题" in second.content.decode()
    item_a.refresh_from_db()
    assert item_a.title == "第一人的标题"


def test_report_with_evidence_and_its_correction(liaison_a: User, item_a: Item) -> None:
    # given
    client = client_for(liaison_a)
    client.post(_act(item_a, "acknowledge"), {"version": item_a.version})
    url = reverse("supervision:report_new", args=[item_a.pk])
    # when
    first = client.post(
        url,
        {
            "text": "完成管网铺设3公里",
            "percent": 30,
            "files": [SimpleUploadedFile("现场照片.png", b"\x89PNG\r\n\x1a\n....")],
        },
    )
    original = ProgressReport.objects.get()
    corrected = client.post(url, {"text": "完成管网铺设2.5公里", "percent": 25, "corrects": original.pk})
    # then
    assert first.status_code == 302 and corrected.status_code == 302
    item_a.refresh_from_db()
    assert item_a.state == State.IN_PROGRESS and item_a.progress_percent == 25
    assert Attachment.objects.get().original_name == "现场照片.png"
    body = client.get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    assert f"更正第 {original.pk} 号" in body


def test_a_wrong_file_is_named_and_nothing_is_written(liaison_a: User, item_a: Item) -> None:
    client = client_for(liaison_a)
    client.post(_act(item_a, "acknowledge"), {"version": item_a.version})
    response = client.post(
        reverse("supervision:report_new", args=[item_a.pk]),
        {"text": "进展", "files": [SimpleUploadedFile("病毒.exe", b"MZ....")]},
    )
    assert response.status_code == 400
    assert "病毒.exe" in response.content.decode()
    assert ProgressReport.objects.count() == 0
    item_a.refresh_from_db()
    assert item_a.state == State.ACKNOWLEDGED


def test_instruction_judgement_and_milestone(supervisor: User, leader_a: User, item_a: Item) -> None:
    leader, sup = client_for(leader_a), client_for(supervisor)
    assert (
        leader.post(
            reverse("supervision:instruction_new", args=[item_a.pk]), {"text": "请加快进度"}
        ).status_code
        == 302
    )
    no_reason = sup.post(reverse("supervision:judgement_edit", args=[item_a.pk]), {"grade": "amber_red"})
    assert no_reason.status_code == 400 and "reason" in no_reason.content.decode()
    assert (
        sup.post(
            reverse("supervision:judgement_edit", args=[item_a.pk]),
            {"grade": "amber_red", "reason": "资金未到位"},
        ).status_code
        == 302
    )
    assert (
        sup.post(
            reverse("supervision:milestone_new", args=[item_a.pk]),
            {"due": "2019-09-30", "title": "完成主体工程", "percent": 60},
        ).status_code
        == 302
    )
    body = sup.get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    for text in ("请加快进度", "问题严重", "资金未到位", "完成主体工程"):
        assert text in body, text


def test_register_and_move_items(supervisor: User, source: Source, unit_a: Unit) -> None:
    # given
    client = client_for(supervisor)
    new = reverse("supervision:item_new", args=[source.pk])
    base = {
        "kind": "measure",
        "priority": "normal",
        "report_frequency": "none",
        "recurrence": "none",
        "lead_unit": unit_a.pk,
    }
    # when
    client.post(new, {**base, "title": "一"})
    client.post(new, {**base, "title": "二"})
    first = Item.objects.get(title="一")
    client.post(f"{new}?parent={first.pk}", {**base, "title": "一之一", "parent": first.pk})
    second = Item.objects.get(title="二")
    moved = client.post(reverse("supervision:item_move", args=[second.pk]), {"parent": "", "position": 1})
    # then
    assert moved.status_code == 302
    numbers = dict(Item.objects.values_list("title", "number"))
    assert numbers == {"二": "1", "一": "2", "一之一": "2.1"}


def test_register_item_with_bad_dates_names_the_field(supervisor: User, source: Source) -> None:
    response = client_for(supervisor).post(
        reverse("supervision:item_new", args=[source.pk]),
        {
            "kind": "measure",
            "priority": "normal",
            "report_frequency": "none",
            "recurrence": "none",
            "title": "倒置",
            "start_date": "2019-12-01",
            "deadline": "2019-01-01",
        },
    )
    assert response.status_code == 400
    assert 'data-field-error="deadline"' in response.content.decode()
    assert not Item.objects.filter(title="倒置").exists()


def test_assign_then_the_supervisor_sees_state(supervisor: User, source: Source, unit_a: Unit) -> None:
    from tests.supervision.factories import make_item

    item = make_item(supervisor, source, lead_unit=unit_a)
    response = client_for(supervisor).post(_act(item, "assign"), {"version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.ASSIGNED
