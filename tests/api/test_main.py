"""The HTTP API frame (duban/api): token auth, one error shape, OpenAPI schema, interactive docs."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from duban.accounts.services import token_create
from duban.org.models import Unit, User

pytestmark = pytest.mark.django_db
ERROR_KEYS = {"code", "message", "fields"}


def bearer(user: User) -> dict[str, str]:
    _token, raw = token_create(actor=user, name="test")
    return {"authorization": f"Bearer {raw}"}


# --- authentication ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": "Bearer dbn_not-a-real-token"}, {"authorization": "Basic eDp5"}],
    ids=["none", "unknown-token", "wrong-scheme"],
)
def test_without_a_valid_token_the_answer_is_401_in_the_error_shape(headers: dict[str, str]) -> None:
    response = Client().get("/api/v1/org/units", headers=headers)
    assert response.status_code == 401
    assert set(response.json()) == ERROR_KEYS and response.json()["code"] == "unauthenticated"


def test_a_token_authenticates_with_the_owners_scope(liaison_a: User, unit_a: Unit, unit_b: Unit) -> None:
    client = Client()
    headers = bearer(liaison_a)
    assert client.get(f"/api/v1/org/units/{unit_a.pk}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/org/units/{unit_b.pk}", headers=headers).status_code == 404


def test_a_token_write_needs_no_csrf_and_is_checked_like_a_page(admin: User, liaison_a: User) -> None:
    client = Client(enforce_csrf_checks=True)
    body = json.dumps({"name": "新单位", "kind": "town"})
    ok = client.post("/api/v1/org/units", body, content_type="application/json", headers=bearer(admin))
    refused = client.post(
        "/api/v1/org/units", body, content_type="application/json", headers=bearer(liaison_a)
    )
    assert ok.status_code == 201
    assert refused.status_code == 403 and set(refused.json()) == ERROR_KEYS
    assert refused.json()["code"] == "permission_denied"


def test_a_session_write_needs_the_csrf_token(admin: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post(
        "/api/v1/org/units", json.dumps({"name": "新单位", "kind": "town"}), content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert not Unit.objects.filter(name="新单位").exists()


# --- error shape ------------------------------------------------------------------------------


def test_every_error_has_the_same_shape(admin: User) -> None:
    client = Client()
    headers = bearer(admin)
    not_found = client.get("/api/v1/org/units/999999", headers=headers)
    invalid = client.post("/api/v1/org/units", "{}", content_type="application/json", headers=headers)
    for response, status, code in ((not_found, 404, "not_found"), (invalid, 400, "invalid")):
        assert response.status_code == status
        assert set(response.json()) == ERROR_KEYS and response.json()["code"] == code
    # fields are named as the client sends them, not by ninja's parameter ("payload.name")
    assert set(invalid.json()["fields"]) == {"name", "kind"}
    assert invalid.json()["fields"]["name"] == "这个字段是必填项。"  # as on the forms (Django's wording)


def test_a_body_that_is_not_json_has_the_error_shape(admin: User) -> None:
    response = Client().post(
        "/api/v1/org/units", "{not json", content_type="application/json", headers=bearer(admin)
    )
    assert response.status_code == 400 and set(response.json()) == ERROR_KEYS


# --- OpenAPI schema and docs -------------------------------------------------------------------


def test_openapi_schema_lists_the_org_endpoints_and_bearer_auth() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/org/units"]) == {"get", "post"}
    assert set(paths["/api/v1/org/units/{unit_id}"]) == {"get", "patch"}
    assert set(paths["/api/v1/org/people"]) == {"get", "post"}
    assert set(paths["/api/v1/org/people/{person_id}"]) == {"get", "patch"}
    assert any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["properties"]) == ERROR_KEYS


def test_interactive_docs_load() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content and b"swagger" in response.content.lower()


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_docs_reference_only_local_static_assets() -> None:
    html = Client().get("/api/v1/docs").content.decode()
    urls = _asset_urls(html)
    assert urls and all(u.startswith(settings.STATIC_URL) for u in urls), urls
    for url in urls:
        assert finders.find(url.removeprefix(settings.STATIC_URL)), url
