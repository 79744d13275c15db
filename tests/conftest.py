"""Fixtures shared by every test package.

Database lanes: SQLite by default; ``DUBAN_DATABASE_URL=postgres://…`` runs the
same suite on PostgreSQL (scripts/test does both).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import Unit, User
from tests.org.factories import make_unit, make_user

PASSWORD = "correct-horse-battery"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``postgres_only`` tests run in the PostgreSQL lane; other lanes skip them, saying why.

    ``@pytest.mark.postgres_only(reason="…")`` names what the test needs of PostgreSQL.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    for item in items:
        marker = item.get_closest_marker("postgres_only")
        if marker is not None:
            needs = marker.kwargs.get("reason", "PostgreSQL")
            item.add_marker(pytest.mark.skip(reason=f"needs {needs}; this lane is {connection.vendor}"))


@pytest.fixture
def frozen_today() -> Iterator[None]:
    """Freeze the clock at a fixed working day inside the demo story."""
    import datetime as dt

    with clock.frozen(dt.date(2019, 7, 31)):
        yield


@pytest.fixture
def unit_a(db: None) -> Unit:
    return make_unit(name="经济发展局")


@pytest.fixture
def unit_b(db: None) -> Unit:
    return make_unit(name="张坂镇", kind="town")


@pytest.fixture
def admin(db: None) -> User:
    return make_user(Role.ADMIN, username="admin1")


@pytest.fixture
def supervisor(db: None) -> User:
    return make_user(Role.SUPERVISOR, username="sup1")


@pytest.fixture
def liaison_a(unit_a: Unit) -> User:
    return make_user(Role.LIAISON, unit=unit_a, username="liaison_a")


@pytest.fixture
def liaison_b(unit_b: Unit) -> User:
    return make_user(Role.LIAISON, unit=unit_b, username="liaison_b")


@pytest.fixture
def leader_a(unit_a: Unit) -> User:
    """A leader in charge (分管领导) overseeing unit A."""
    return make_user(Role.LEADER, oversees=(unit_a,), username="leader_a")
