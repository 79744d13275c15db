"""The session store (duban/accounts/sessions.py) and the token's last use: no write per read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from duban.accounts.models import ApiToken
from duban.accounts.services import token_create
from duban.core.roles import Role
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db
HOME = "/"


def writes(captured: CaptureQueriesContext, table: str) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and table in q["sql"]
    ]


def test_a_page_view_right_after_another_does_not_write_the_session() -> None:
    # given a signed-in user who has just viewed a page
    client = Client()
    client.force_login(make_user(Role.SUPERVISOR))
    assert client.get(HOME).status_code == 200
    # when they view another at once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    # then the session row is read, not written
    assert writes(captured, "django_session") == []


def test_the_expiry_still_slides_once_a_minute_has_passed() -> None:
    # given a session whose stored expiry was pushed out two minutes ago
    client = Client()
    client.force_login(make_user(Role.SUPERVISOR))
    age = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    Session.objects.update(expire_date=timezone.now() + age - dt.timedelta(minutes=2))
    # when the user views a page
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    # then the expiry moves to a full age from now
    assert len(writes(captured, "django_session")) == 1
    assert Session.objects.get().expire_date > timezone.now() + age - dt.timedelta(seconds=5)


def test_a_changed_session_is_saved_at_once() -> None:
    # given a fresh session
    client = Client()
    client.force_login(make_user(Role.SUPERVISOR))
    session = client.session
    # when its data changes
    session["seen"] = "yes"
    session.save()
    # then the change is stored, though the expiry was fresh
    assert Session.objects.get().get_decoded()["seen"] == "yes"


def test_a_token_used_twice_within_a_minute_writes_its_last_use_once() -> None:
    # given a token
    user = make_user(Role.SUPERVISOR)
    _token, raw = token_create(actor=user, name="script")
    api = Client()
    auth = {"Authorization": f"Bearer {raw}"}
    # when it is used twice in a row
    assert api.get("/api/v1/org/units", headers=auth).status_code == 200
    first = ApiToken.objects.get().last_used_at
    with CaptureQueriesContext(connection) as captured:
        assert api.get("/api/v1/org/units", headers=auth).status_code == 200
    # then the second call writes nothing to the token
    assert first is not None and writes(captured, "accounts_apitoken") == []
    # when its last use is more than a minute old
    ApiToken.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
    assert api.get("/api/v1/org/units", headers=auth).status_code == 200
    # then the use is written again
    last = ApiToken.objects.get().last_used_at
    assert last is not None and last > timezone.now() - dt.timedelta(seconds=30)
