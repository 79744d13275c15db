"""Periodic jobs on huey: local-time schedule, the jobs themselves, and a Redis-backed queue."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest

from duban.core import clock
from duban.supervision.tasks import daily_maintenance, lights_daily, local_crontab, reminders_daily


def test_local_crontab_fires_at_shanghai_time_from_a_utc_timestamp() -> None:
    due = local_crontab(hour=8, minute=30)
    assert due(dt.datetime(2019, 10, 8, 0, 30))  # noqa: DTZ001 - huey passes naive UTC
    assert not due(dt.datetime(2019, 10, 8, 8, 30))  # noqa: DTZ001
    assert local_crontab(hour=1, minute=0)(dt.datetime(2019, 10, 7, 17, 0))  # noqa: DTZ001


@pytest.mark.django_db
def test_jobs_run_through_the_queue(frozen_today: None) -> None:
    assert lights_daily.call_local() == {"spawned": 0, "lights_changed": 0}
    assert reminders_daily.call_local().startswith("items=0")
    assert daily_maintenance(clock.today()) == {"spawned": 0, "lights_changed": 0}


def _redis_huey():  # noqa: ANN202 - huey is untyped
    from huey import RedisHuey

    huey = RedisHuey(f"duban-test-{uuid.uuid4().hex[:8]}", url="redis://127.0.0.1:6379/15")
    try:
        huey.storage.conn.ping()
    except Exception as exc:  # noqa: BLE001 - any connection failure means "no Redis here"
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis is not reachable on 127.0.0.1:6379 ({exc.__class__.__name__})")
    return huey


def test_redis_backed_queue_enqueues_and_executes_a_task() -> None:
    # given a Redis-backed huey as settings.HUEY builds it when DUBAN_REDIS_URL is set
    huey = _redis_huey()

    @huey.task()  # type: ignore[untyped-decorator]
    def add(a: int, b: int) -> int:
        return a + b

    try:
        # when a producer enqueues and a worker dequeues and executes
        result = add(2, 3)
        assert huey.pending_count() == 1
        huey.execute(huey.dequeue())
        # then the result is stored in Redis
        assert result.get() == 5
        assert huey.pending_count() == 0
    finally:
        huey.flush()
