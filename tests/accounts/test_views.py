"""Accounts (duban/accounts): login/logout, throttling, password change, session expiry, API tokens."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duban.accounts.models import ApiToken
from duban.audit.models import AuditEvent
from duban.core.roles import Role
from duban.org.models import Unit, User
from tests.conftest import PASSWORD
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db
# Literal paths: reversing at import time would load every URLconf during collection.
LOGIN = "/accounts/login/"
HOME = "/"


def login(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


# --- login / logout -----------------------------------------------------------------------


def test_paths_match_the_url_names() -> None:
    assert (
        reverse("accounts:login"),
        reverse("web:home"),
        reverse("accounts:password_change"),
        reverse("accounts:tokens"),
    ) == (LOGIN, HOME, CHANGE, TOKENS)


def test_login_page_renders() -> None:
    page = Client().get(LOGIN)
    assert page.status_code == 200 and b'data-testid="login-form"' in page.content


def test_login_then_logout(liaison_a: User) -> None:
    client = Client()
    # when
    response = login(client, "liaison_a", PASSWORD)
    # then
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    out = client.post(reverse("accounts:logout"))
    assert out.status_code == 302 and out["Location"] == LOGIN
    assert client.get(HOME).status_code == 302


def test_wrong_password_shows_an_error_and_stays_logged_out(liaison_a: User) -> None:
    client = Client()
    page = login(client, "liaison_a", "wrong-password")
    assert page.status_code == 400 and page.context["form"].errors
    assert client.get(HOME).status_code == 302


def test_login_redirects_to_next(liaison_a: User) -> None:
    client = Client()
    response = client.post(LOGIN, {"username": "liaison_a", "password": PASSWORD, "next": "/org/units/"})
    assert response["Location"] == "/org/units/"


def test_an_inactive_user_cannot_log_in(liaison_a: User) -> None:
    User.objects.filter(pk=liaison_a.pk).update(is_active=False)
    client = Client()
    assert login(client, "liaison_a", PASSWORD).status_code == 400
    assert client.get(HOME).status_code == 302


# --- throttling (django-axes) ---------------------------------------------------------------


def test_five_failures_lock_the_account_even_for_the_right_password(liaison_a: User) -> None:
    client = Client()
    # given four failures: still the login form
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "liaison_a", "wrong-password").status_code == 400
    # when the fifth fails
    locked = login(client, "liaison_a", "wrong-password")
    # then the locked page answers, and keeps answering even with the right password
    assert locked.status_code == 429
    assert b'data-testid="locked-out"' in locked.content
    again = login(client, "liaison_a", PASSWORD)
    assert again.status_code == 429
    assert client.get(HOME).status_code == 302


def test_a_lock_on_one_user_does_not_lock_another(liaison_a: User, liaison_b: User) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "liaison_a", "wrong-password")
    ok = login(client, "liaison_b", PASSWORD)
    assert ok.status_code == 302


def test_success_before_the_limit_resets_the_count(liaison_a: User) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "liaison_a", "wrong-password")
    assert login(client, "liaison_a", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "liaison_a", "wrong-password").status_code == 400


# --- session expiry -----------------------------------------------------------------------------


def test_session_expires_at_browser_close_and_after_the_configured_age(liaison_a: User) -> None:
    client = Client()
    login(client, "liaison_a", PASSWORD)
    # then the cookie is a browser-session cookie (no Max-Age / Expires)
    response = client.get(HOME)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == "" and cookie["httponly"]
    # and the server side ends it after SESSION_COOKIE_AGE of inactivity
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 8 * 3600
    # when the stored session has passed its expiry
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    # then the user is sent to the login page
    page = client.get(HOME)
    assert page.status_code == 302 and page["Location"].startswith(LOGIN)


def test_each_request_extends_the_session(liaison_a: User) -> None:
    client = Client()
    login(client, "liaison_a", PASSWORD)
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    client.get(HOME)
    assert Session.objects.get().expire_date > timezone.now() + dt.timedelta(hours=7)


# --- password change --------------------------------------------------------------------------

CHANGE = "/accounts/password/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {
                "old_password": "wrong",
                "new_password1": "new-Secret-pass-1",
                "new_password2": "new-Secret-pass-1",
            },
            "old_password",
        ),
        ({"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}, "new_password1"),
        (
            {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
            "new_password1",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "98765432101234", "new_password2": "98765432101234"},
            "new_password1",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "liaison_a1234", "new_password2": "liaison_a1234"},
            "new_password1",
        ),
        (
            {
                "old_password": PASSWORD,
                "new_password1": "new-Secret-pass-1",
                "new_password2": "other-Secret-2",
            },
            "new_password2",
        ),
    ],
    ids=["wrong-old", "too-short", "common", "numeric", "like-username", "mismatch"],
)
def test_password_change_refuses_bad_input(liaison_a: User, data: dict[str, str], field: str) -> None:
    page = logged_in(liaison_a).post(CHANGE, data)
    assert page.status_code == 400 and field in page.context["form"].errors
    liaison_a.refresh_from_db()
    assert liaison_a.check_password(PASSWORD)


def test_password_change_keeps_the_session_and_the_new_password_works(liaison_a: User) -> None:
    client = logged_in(liaison_a)
    response = client.post(
        CHANGE,
        {
            "old_password": PASSWORD,
            "new_password1": "new-Secret-pass-1",
            "new_password2": "new-Secret-pass-1",
        },
    )
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert login(Client(), "liaison_a", "new-Secret-pass-1").status_code == 302
    assert AuditEvent.objects.filter(action="user.password_change", actor=liaison_a).exists()


def test_only_an_admin_changes_another_users_password(liaison_a: User, liaison_b: User) -> None:
    from duban.core.errors import PermissionDenied
    from duban.org.services import user_password_change

    with pytest.raises(PermissionDenied):
        user_password_change(
            actor=liaison_a, user=liaison_b, old_password=None, new_password="new-Secret-pass-1"
        )


# --- API tokens ----------------------------------------------------------------------------------

TOKENS = "/accounts/tokens/"


def test_token_create_use_and_revoke(liaison_a: User, unit_a: Unit) -> None:
    client = logged_in(liaison_a)
    # when a token is created
    page = client.post(TOKENS, {"name": "报表脚本"})
    raw = page.context["raw_key"]
    # then it is shown once and stored only as a hash
    assert raw and raw.encode() in page.content
    token = ApiToken.objects.get(user=liaison_a)
    assert token.key_hash != raw and raw not in token.key_hash
    assert raw.encode() not in client.get(TOKENS).content
    # when it is used as a bearer token (no session)
    api = Client()
    response = api.get("/api/v1/org/units", HTTP_AUTHORIZATION=f"Bearer {raw}")
    # then it acts with the owner's scope
    assert response.status_code == 200
    assert [u["id"] for u in response.json()["items"]] == [unit_a.pk]
    token.refresh_from_db()
    assert token.last_used_at is not None
    # when it is revoked
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    # then it no longer works
    refused = api.get("/api/v1/org/units", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert refused.status_code == 401 and refused.json()["code"] == "unauthenticated"


def test_token_of_an_inactive_user_is_refused(liaison_a: User) -> None:
    from duban.accounts.services import token_create

    _token, raw = token_create(actor=liaison_a, name="x")
    User.objects.filter(pk=liaison_a.pk).update(is_active=False)
    assert Client().get("/api/v1/org/units", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_someone_elses_token_cannot_be_revoked(liaison_a: User, liaison_b: User) -> None:
    from duban.accounts.services import token_create

    token, _raw = token_create(actor=liaison_b, name="b的令牌")
    response = logged_in(liaison_a).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_page_lists_only_own_tokens_and_escapes_names(liaison_a: User, liaison_b: User) -> None:
    from duban.accounts.services import token_create

    token_create(actor=liaison_a, name="<b>mine</b>")
    token_create(actor=liaison_b, name="theirs")
    page = logged_in(liaison_a).get(TOKENS)
    assert b"&lt;b&gt;mine&lt;/b&gt;" in page.content and b"theirs" not in page.content


def test_blank_token_name_is_refused(liaison_a: User) -> None:
    page = logged_in(liaison_a).post(TOKENS, {"name": "   "})
    assert page.status_code == 400 and "name" in page.context["form"].errors
    assert not ApiToken.objects.exists()


def test_roles_fixture_factory() -> None:
    assert make_user(Role.SUPERVISOR).role_set == {Role.SUPERVISOR}
