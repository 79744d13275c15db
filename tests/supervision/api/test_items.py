"""Items through the API: list with filters and lights, get, create, edit with version, move; scope."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.core import clock
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item

pytestmark = pytest.mark.django_db


def test_supervisor_creates_source_and_items_and_reads_the_ledger(
    as_user, supervisor, unit_a, unit_b
) -> None:
    # given
    api = as_user(supervisor)
    # when
    src = api.post(
        "/sources",
        {
            "kind": "inspection",
            "title": "省委巡视反馈",
            "date": "2019-01-14",
            "doc_number": "闽委巡〔2019〕1号",
        },
    )
    parent = api.post(
        "/items", {"source_id": src.json()["id"], "title": "产业发展问题", "lead_unit_id": unit_a.pk}
    )
    child = api.post(
        "/items",
        {
            "source_id": src.json()["id"],
            "parent_id": parent.json()["id"],
            "title": "编制规划",
            "lead_unit_id": unit_a.pk,
            "cooperating_unit_ids": [unit_b.pk],
            "deadline": "2019-12-31",
            "tags": ["巡视整改"],
        },
    )
    listed = api.get("/items", source=src.json()["id"])
    # then
    assert src.status_code == 201, src.content
    assert child.status_code == 201, child.content
    assert child.json()["number"] == "1.1"
    assert child.json()["cooperating_units"] == [{"id": unit_b.pk, "name": unit_b.name}]
    assert listed.json()["count"] == 2
    assert [i["number"] for i in listed.json()["items"]] == ["1", "1.1"]


def test_keyword_and_state_filters(as_user, supervisor, source, unit_a) -> None:
    make_item(supervisor, source, lead_unit=unit_a, title="推进污水处理厂建设")
    make_item(supervisor, source, lead_unit=unit_a, title="编制产业规划")
    api = as_user(supervisor)
    # when
    by_word = api.get("/items", q="污水")
    by_state = api.get("/items", state=["assigned"])
    # then
    assert [i["title"] for i in by_word.json()["items"]] == ["推进污水处理厂建设"]
    assert by_state.json()["count"] == 0


def test_list_shows_red_light_for_overdue_item(as_user, supervisor, item, liaison_a) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    api = as_user(liaison_a)
    # when
    with clock.frozen(dt.date(2020, 1, 6)):
        body = api.get("/items").json()
    # then
    assert body["items"][0]["light"] == "red"
    assert "overdue" in body["items"][0]["light_reasons"]


def test_update_with_stale_version_is_conflict_and_changes_nothing(as_user, supervisor, item) -> None:
    api = as_user(supervisor)
    first = api.patch(f"/items/{item.pk}", {"version": item.version, "title": "新标题"})
    # when
    second = api.patch(f"/items/{item.pk}", {"version": item.version, "title": "另一个标题"})
    # then
    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["code"] == "conflict"
    assert api.get(f"/items/{item.pk}").json()["title"] == "新标题"


def test_update_deadline_keeps_history(as_user, supervisor, item) -> None:
    api = as_user(supervisor)
    # when
    body = api.patch(
        f"/items/{item.pk}",
        {"version": item.version, "deadline": "2020-03-31", "deadline_reason": "规划调整"},
    ).json()
    # then
    assert [(c["old"], c["new"], c["reason"]) for c in body["deadline_changes"]] == [
        (None, "2019-12-31", ""),
        ("2019-12-31", "2020-03-31", "规划调整"),
    ]


def test_invalid_field_answers_400_naming_the_field(as_user, supervisor, item) -> None:
    api = as_user(supervisor)
    # when
    response = api.patch(f"/items/{item.pk}", {"version": item.version, "start_date": "2020-01-01"})
    # then
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "deadline" in response.json()["fields"]


def test_move_renumbers(as_user, supervisor, source, unit_a) -> None:
    first = make_item(supervisor, source, lead_unit=unit_a, title="一")
    second = make_item(supervisor, source, lead_unit=unit_a, title="二")
    api = as_user(supervisor)
    # when
    moved = api.post(f"/items/{second.pk}/move", {"parent_id": first.pk, "position": 1})
    # then
    assert moved.status_code == 200, moved.content
    assert moved.json()["number"] == "1.1"


def test_liaison_cannot_register_items(as_user, liaison_a, item) -> None:
    api = as_user(liaison_a)
    # when
    response = api.post("/items", {"source_id": item.source_id, "title": "x"})
    # then
    assert response.status_code in (403, 404)


def test_liaison_of_another_unit_sees_nothing(as_user, supervisor, item, liaison_b) -> None:
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    api = as_user(liaison_b)
    # when / then
    assert api.get("/items").json()["count"] == 0
    assert api.get(f"/items/{item.pk}").status_code == 404
    assert api.get(f"/items/{item.pk}/reports").status_code == 404
    assert api.get(f"/items/{item.pk}/allowed-actions").status_code == 404
    assert api.get(f"/sources/{item.source_id}").status_code == 404
    assert api.patch(f"/items/{item.pk}", {"version": 1, "title": "x"}).status_code == 404


def test_unauthenticated_gets_401(client, item) -> None:
    response = client.get("/api/v1/supervision/items")
    assert response.status_code == 401


@pytest.mark.parametrize("size", [3, 12])
def test_list_query_count_is_constant(  # noqa: PLR0917 - pytest fixtures
    as_user, supervisor, source, unit_a, unit_b, liaison_a, size, django_assert_num_queries
) -> None:
    # given: items with cooperating units, tags, milestones, reports
    for n in range(size):
        it = make_item(
            supervisor, source, lead_unit=unit_a, title=f"事项{n}", cooperating_units=[unit_b], tags=["重点"]
        )
        item_transition(item=it, action=Action.ASSIGN, actor=supervisor)
    api = as_user(liaison_a)
    api.get("/items")  # warm LightSettings row
    # when / then: auth (the token; its last use was written a moment ago), stale lights (none),
    # roles, page, 2 prefetches, count;
    # the lights are the stored ones
    with django_assert_num_queries(QUERIES):
        response = api.get("/items")
    assert response.json()["count"] == size


QUERIES = 7


def test_assigned_items_deadline_needs_a_reason_and_a_closed_item_is_not_edited(
    as_user, supervisor, liaison_a, item
) -> None:
    api = as_user(supervisor)
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item.refresh_from_db()
    # when the deadline moves without a reason
    refused = api.patch(f"/items/{item.pk}", {"version": item.version, "deadline": "2020-03-31"})
    # then
    assert refused.status_code == 400
    assert refused.json()["code"] == "reason_required" and "deadline_reason" in refused.json()["fields"]
    # given the item closed
    steps = (
        (Action.ACKNOWLEDGE, liaison_a),
        (Action.REQUEST_COMPLETION, liaison_a),
        (Action.SIGN_OFF, supervisor),
    )
    for action, actor in steps:
        item_transition(item=item, action=action, actor=actor)
    item.refresh_from_db()
    closed = api.patch(f"/items/{item.pk}", {"version": item.version, "title": "改了"})
    assert closed.status_code >= 400 and closed.json()["code"] == "transition_not_allowed"
    assert api.get(f"/items/{item.pk}").json()["title"] != "改了"
