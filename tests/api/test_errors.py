"""Bad input at the API boundary: refused as 400 ``invalid`` naming the field, never a server error.

The cases schemathesis found (issue 8): integers beyond 64 bits in paths and query strings,
``null`` for a source's optional texts, a lone surrogate and a NUL character in JSON text; and
the answers' shape: one status (400) for every validation error, fields named as sent, a
server error in the same ``{code, message, fields}`` shape.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from duban.accounts.services import token_create
from duban.core.inputs import MAX_ID
from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
ERROR_KEYS = {"code", "message", "fields"}
HUGE = str(2**64)


def client_of(user: User) -> Client:
    _token, raw = token_create(actor=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def assert_refused(response: Any, field: str) -> dict[str, Any]:
    assert response.status_code == 400, response.content
    body: dict[str, Any] = response.json()
    assert set(body) == ERROR_KEYS and body["code"] == "invalid"
    assert field in body["fields"], body
    return body


@pytest.fixture
def source(supervisor: User) -> Source:
    return make_source(
        supervisor, doc_number="闽委巡〔2019〕1号", issuer="省委巡视组", description="反馈意见"
    )


@pytest.fixture
def item(supervisor: User, source: Source, unit_a: Unit) -> Item:
    return make_item(supervisor, source, lead_unit=unit_a)


# --- integers beyond what a column holds -------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/supervision/items?limit=" + HUGE, "limit"),
        ("/api/v1/supervision/items?offset=" + HUGE, "offset"),
        ("/api/v1/supervision/items?leader=" + HUGE, "leader"),
        ("/api/v1/supervision/items?source=" + HUGE, "source"),
        ("/api/v1/supervision/items?unit=" + HUGE, "unit"),
        ("/api/v1/supervision/items?page=" + HUGE, "page"),
        ("/api/v1/supervision/items?source=" + "9" * 5000, "source"),
        ("/api/v1/supervision/items/" + HUGE, "item_id"),
        ("/api/v1/supervision/items/0", "item_id"),
        ("/api/v1/supervision/sources/" + HUGE, "source_id"),
        ("/api/v1/supervision/attachments/" + HUGE, "attachment_id"),
        ("/api/v1/supervision/notifications?offset=" + HUGE, "offset"),
        ("/api/v1/org/units?offset=" + HUGE, "offset"),
        ("/api/v1/org/units?limit=" + HUGE, "limit"),
        ("/api/v1/org/units/" + HUGE, "unit_id"),
        ("/api/v1/org/people?unit_id=" + HUGE, "unit_id"),
        ("/api/v1/audit/events?offset=" + HUGE, "offset"),
    ],
)
def test_an_integer_beyond_64_bits_is_refused_naming_the_parameter(
    supervisor: User, path: str, field: str
) -> None:
    # when
    response = client_of(supervisor).get(path)
    # then
    assert_refused(response, field)


def test_the_largest_id_is_read_as_a_missing_object(supervisor: User) -> None:
    response = client_of(supervisor).get(f"/api/v1/supervision/items/{MAX_ID}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/supervision/items", {"source_id": 2**64, "title": "标题"}, "source_id"),
        ("/api/v1/supervision/items", {"source_id": 1, "title": "标题", "leader_id": 2**63}, "leader_id"),
        ("/api/v1/org/units", {"name": "新单位", "kind": "town", "sort_order": 2**64}, "sort_order"),
    ],
)
def test_an_id_beyond_64_bits_in_a_body_is_refused(
    admin: User, supervisor: User, path: str, body: dict[str, Any], field: str
) -> None:
    user = admin if "/org/" in path else supervisor
    response = client_of(user).post(path, json.dumps(body), content_type="application/json")
    assert_refused(response, field)


# --- null on PATCH -----------------------------------------------------------------------------


def test_null_clears_a_sources_optional_texts(supervisor: User, source: Source) -> None:
    # when
    body = {"doc_number": None, "issuer": None, "description": None}
    response = client_of(supervisor).patch(
        f"/api/v1/supervision/sources/{source.pk}", json.dumps(body), content_type="application/json"
    )
    # then
    assert response.status_code == 200, response.content
    source.refresh_from_db()
    assert (source.doc_number, source.issuer, source.description) == ("", "", "")


@pytest.mark.parametrize("field", ["title", "kind", "date", "sign_off_mode", "is_archived"])
def test_null_for_a_field_a_source_always_has_is_refused(
    supervisor: User, source: Source, field: str
) -> None:
    response = client_of(supervisor).patch(
        f"/api/v1/supervision/sources/{source.pk}", json.dumps({field: None}), content_type="application/json"
    )
    assert_refused(response, field)
    source.refresh_from_db()
    assert source.title and source.kind


def test_null_for_a_units_name_is_refused(admin: User, unit_a: Unit) -> None:
    response = client_of(admin).patch(
        f"/api/v1/org/units/{unit_a.pk}", json.dumps({"name": None}), content_type="application/json"
    )
    assert_refused(response, "name")
    unit_a.refresh_from_db()
    assert unit_a.name == "经济发展局"


# --- text no database can store ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "words"),
    [("\\ud800", "代理"), ("a\\u0000b", "空字符")],
    ids=["lone-surrogate", "nul"],
)
def test_unstorable_text_is_refused_naming_the_field_in_chinese(
    supervisor: User, source: Source, raw: str, words: str
) -> None:
    # given: JSON text with the escape as a client sends it
    body = '{"title": "立项' + raw + '", "version": 1}'
    # when
    created = client_of(supervisor).post(
        "/api/v1/supervision/sources",
        '{"kind": "inspection", "date": "2019-01-14", "title": "来源' + raw + '"}',
        content_type="application/json",
    )
    edited = client_of(supervisor).patch(
        f"/api/v1/supervision/sources/{source.pk}", body, content_type="application/json"
    )
    # then
    for response in (created, edited):
        refusal = assert_refused(response, "title")
        assert words in refusal["fields"]["title"] and "title" in refusal["message"]
    assert Source.objects.count() == 1
    source.refresh_from_db()
    assert "立项" not in source.title


def test_nul_in_a_query_string_is_refused(supervisor: User) -> None:
    for path, field in (
        ("/api/v1/supervision/items?q=a%00b", "q"),
        ("/api/v1/org/units?q=a%00b", "q"),
        ("/api/v1/audit/events?actor=a%00b", "actor"),
    ):
        assert "空字符" in assert_refused(client_of(supervisor).get(path), field)["fields"][field]


# --- one status and one naming for validation errors -------------------------------------------


def test_schema_and_service_refusals_answer_the_same_status_and_field_names(
    supervisor: User, item: Item
) -> None:
    client = client_of(supervisor)
    path = f"/api/v1/supervision/items/{item.pk}"
    # when: a date the schema cannot read, and a priority the model refuses
    unreadable = client.patch(
        path, json.dumps({"version": item.version, "deadline": "明年"}), content_type="application/json"
    )
    unknown = client.patch(
        path, json.dumps({"version": item.version, "priority": "最高"}), content_type="application/json"
    )
    # then: both 400 invalid, each naming the field as sent (not ``payload.deadline``)
    assert assert_refused(unreadable, "deadline")["fields"]["deadline"] == "请输入日期（YYYY-MM-DD）。"
    assert_refused(unknown, "priority")


def test_a_server_error_answers_in_the_error_shape(supervisor: User, monkeypatch: Any) -> None:
    # given: a defect somewhere below the endpoint
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("duban.supervision.api.sources.policy.sources_visible", broken)
    # when
    response = client_of(supervisor).get("/api/v1/supervision/sources")
    # then
    assert response.status_code == 500
    assert response.json() == {
        "code": "server_error",
        "message": "服务器未能处理此请求，错误已记录。",
        "fields": {},
    }


# --- the OpenAPI schema documents what each operation answers ----------------------------------


def test_every_operation_documents_its_error_statuses() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            label = f"{method.upper()} {path}"
            assert {"401"} <= documented, label
            assert "422" not in documented, label
            if "{" in path:
                assert "404" in documented, label
            if operation.get("parameters") or operation.get("requestBody"):
                assert "400" in documented, label
            if method != "get" and not path.startswith("/api/v1/audit") and "read" not in path:
                assert "403" in documented, label
            for status in documented - {"200", "201", "204"}:
                ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorOut"), label
    patch_item = schema["paths"]["/api/v1/supervision/items/{item_id}"]["patch"]
    assert "409" in patch_item["responses"]


def test_null_clears_an_items_optional_texts(supervisor: User, item: Item) -> None:
    body = {"version": item.version, "content": None, "target_unit": None}
    response = client_of(supervisor).patch(
        f"/api/v1/supervision/items/{item.pk}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    item.refresh_from_db()
    assert (item.content, item.target_unit) == ("", "")
