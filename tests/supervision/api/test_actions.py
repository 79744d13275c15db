"""The whole life cycle through the API; invalid, forbidden and stale actions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.audit.models import AuditEvent
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_life_cycle_through_the_api(as_user, supervisor, liaison_a, leader_a, item) -> None:
    sup, liaison, leader = as_user(supervisor), as_user(liaison_a), as_user(leader_a)

    def act(api, action: str, **body) -> dict[str, Any]:
        response = api.post(f"/items/{item.pk}/actions/{action}", body)
        assert response.status_code == 200, response.content
        result: dict[str, Any] = response.json()
        return result

    # when
    act(sup, "assign")
    assert [a["action"] for a in liaison.get(f"/items/{item.pk}/allowed-actions").json()] == [
        "acknowledge",
        "return",
    ]
    act(liaison, "acknowledge")
    report = liaison.multipart(
        f"/items/{item.pk}/reports",
        {
            "text": "已完成规划初稿",
            "percent": "40",
            "files": [SimpleUploadedFile("现场照片.png", PNG, "image/png")],
        },
    )
    act(liaison, "request_extension", comment="征迁未完成", new_deadline="2020-03-31")
    act(leader, "grant_extension", comment="同意")
    leader.post(f"/items/{item.pk}/instructions", {"text": "抓紧推进"})
    judged = sup.put(f"/items/{item.pk}/judgement", {"grade": "amber_green", "reason": "征迁有难度"})
    act(liaison, "request_completion")
    final = act(sup, "sign_off")
    detail = sup.get(f"/items/{item.pk}").json()
    # then
    assert report.status_code == 201, report.content
    assert report.json()["attachments"][0]["name"] == "现场照片.png"
    assert judged.json()["grade"] == "amber_green"
    assert final["item"]["state"] == "closed"
    assert final["transition"]["to_state"] == "closed"
    assert detail["deadline"] == "2020-03-31"
    assert [t["action"] for t in detail["transitions"]] == [
        "assign",
        "acknowledge",
        "start",
        "request_extension",
        "grant_extension",
        "request_completion",
        "sign_off",
    ]
    assert detail["instructions"][0]["text"] == "抓紧推进"
    assert detail["reports"][0]["percent"] == 40
    assert AuditEvent.objects.filter(object_id=str(item.pk), action="item.sign_off").exists()


def test_invalid_transition_is_400_with_code_and_changes_nothing(as_user, supervisor, item) -> None:
    api = as_user(supervisor)
    # when
    response = api.post(f"/items/{item.pk}/actions/sign_off")
    # then
    assert response.status_code == 400
    assert response.json()["code"] == "transition_not_allowed"
    assert api.get(f"/items/{item.pk}").json()["state"] == "draft"


def test_unknown_action_is_400(as_user, supervisor, item) -> None:
    response = as_user(supervisor).post(f"/items/{item.pk}/actions/explode")
    assert response.status_code == 400
    assert response.json()["fields"] == {"action": response.json()["message"]}


def test_reason_required(as_user, supervisor, item) -> None:
    response = as_user(supervisor).post(f"/items/{item.pk}/actions/cancel", {"comment": " "})
    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"
    assert "comment" in response.json()["fields"]


def test_liaison_may_not_sign_off_own_item(as_user, supervisor, liaison_a, item) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    item_transition(item=item, action=Action.REQUEST_COMPLETION, actor=liaison_a)
    # when
    response = as_user(liaison_a).post(f"/items/{item.pk}/actions/sign_off")
    # then
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_stale_version_is_409(as_user, supervisor, liaison_a, item) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    api = as_user(liaison_a)
    seen = api.get(f"/items/{item.pk}").json()["version"]
    item_transition(item=item, action=Action.SUSPEND, actor=supervisor, comment="暂缓")
    # when
    response = api.post(f"/items/{item.pk}/actions/acknowledge", {"version": seen})
    # then
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_liaison_of_another_unit_gets_404_on_actions(as_user, supervisor, liaison_b, item) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    api = as_user(liaison_b)
    # when
    acted = api.post(f"/items/{item.pk}/actions/acknowledge")
    unknown = api.post(f"/items/{item.pk}/actions/explode")
    # then
    assert acted.status_code == 404
    assert unknown.status_code == 404
    assert acted.json()["code"] == "not_found"
