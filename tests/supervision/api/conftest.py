"""API test helpers: a bearer-token client per user."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from duban.accounts.services import token_create
from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from tests.supervision.factories import make_item, make_source

BASE = "/api/v1/supervision"


class ApiClient:
    """JSON calls with ``Authorization: Bearer <token>``."""

    def __init__(self, user: User) -> None:
        _, raw = token_create(actor=user, name="tests")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(BASE + path, body or {}, content_type="application/json")

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.patch(BASE + path, body, content_type="application/json")

    def put(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.put(BASE + path, body, content_type="application/json")

    def multipart(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.post(BASE + path, data)


@pytest.fixture
def as_user() -> Any:
    return ApiClient


@pytest.fixture
def source(supervisor: User) -> Source:
    return make_source(supervisor)


@pytest.fixture
def item(supervisor: User, source: Source, unit_a: Unit) -> Item:
    return make_item(supervisor, source, lead_unit=unit_a, start_date=dt.date(2019, 1, 14))
