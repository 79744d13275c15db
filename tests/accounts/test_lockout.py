"""The login lock page (duban/accounts/lockout.py): how long to wait, and a lock that attempts do not prolong.

Before: the page said "locked for a while", and every attempt during the lock
started the 15 minutes again (django-axes resets the cool-off by default).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from duban.accounts.lockout import minutes_left, wait_words
from duban.org.models import User
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
HOME = "/"
T0 = dt.datetime(2019, 7, 31, 9, 0, tzinfo=dt.UTC)
QUARTER = dt.timedelta(minutes=15)


def login(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


def _lock(client: Client) -> Any:
    response = None
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "liaison_a", "wrong-password")
    return response


def _lock_started_ago(minutes: int) -> None:
    """Time passes: the lock started ``minutes`` ago (axes keeps its start in AccessAttempt)."""
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes))


@pytest.mark.parametrize(
    ("cool_off", "locked_at", "now", "expected"),
    [
        (QUARTER, None, T0, 15),
        (QUARTER, T0, T0, 15),
        (QUARTER, T0, T0 + dt.timedelta(minutes=10), 5),
        (QUARTER, T0, T0 + dt.timedelta(minutes=14, seconds=1), 1),  # rounded up
        (QUARTER, T0, T0 + dt.timedelta(minutes=20), 1),  # at least a minute
        (dt.timedelta(hours=2), T0, T0 + dt.timedelta(minutes=30), 90),
    ],
)
def test_minutes_left(
    cool_off: dt.timedelta, locked_at: dt.datetime | None, now: dt.datetime, expected: int
) -> None:
    assert minutes_left(cool_off, locked_at, now) == expected


@pytest.mark.parametrize(("minutes", "words"), [(15, "15 分钟"), (60, "1 小时"), (90, "1 小时 30 分钟")])
def test_wait_words(minutes: int, words: str) -> None:
    assert wait_words(minutes) == words


@pytest.mark.django_db
def test_the_lock_page_says_how_long_to_wait(liaison_a: User) -> None:
    # when the fifth failure locks the account
    locked = _lock(Client())
    # then the page says, in Chinese, when to try again and how long a lock lasts
    page = locked.content.decode()
    assert locked.status_code == 429
    assert 'data-testid="locked-out"' in page
    assert "请在 15 分钟后再试" in page
    assert "每次锁定 15 分钟" in page


@pytest.mark.django_db
def test_attempts_during_the_lock_do_not_prolong_it(liaison_a: User) -> None:
    client = Client()
    _lock(client)
    # given ten minutes of the lock gone by
    _lock_started_ago(10)
    # when someone keeps trying meanwhile
    again = login(client, "liaison_a", "wrong-password")
    again = login(client, "liaison_a", PASSWORD)
    # then the lock still ends at the same time: five minutes left
    assert again.status_code == 429
    assert "请在 5 分钟后再试" in again.content.decode()
    # and once the fifteen minutes are over, the right password gets in
    _lock_started_ago(16)
    assert login(client, "liaison_a", PASSWORD).status_code == 302
    assert client.get(HOME).status_code == 200
