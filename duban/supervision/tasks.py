"""Periodic jobs on the task queue (huey): lights at 01:00, reminders at 08:30.

Times are in the office's time zone (``settings.TIME_ZONE``, Asia/Shanghai),
whatever the worker's clock: huey hands periodic checks a UTC timestamp, which
:func:`local_crontab` converts first. The queue is SQLite-backed by default (no
extra server); with ``DUBAN_REDIS_URL`` set, workers share a Redis queue and
can run on several hosts (settings.HUEY). Start a worker with ``duban run_huey``;
only one worker (or one ``-s`` scheduler) should run the periodic schedule.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from duban.core import clock
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.recurrence import recurrence_spawn
from duban.supervision.services.reminders import reminders_run

log = logging.getLogger(__name__)


def local_crontab(*, hour: int, minute: int) -> Callable[[dt.datetime], bool]:
    """A periodic-task test that fires at hour:minute in settings.TIME_ZONE."""

    def due(timestamp: dt.datetime) -> bool:
        if timestamp.tzinfo is None:
            tz = dt.UTC if getattr(HUEY, "utc", True) else None
            timestamp = timestamp.replace(tzinfo=tz) if tz else timestamp.astimezone()
        local = timestamp.astimezone(ZoneInfo(settings.TIME_ZONE))
        return (local.hour, local.minute) == (hour, minute)

    return due


def daily_maintenance(today: dt.date) -> dict[str, int]:
    """Spawn this period's recurring occurrences, then refresh every light."""
    spawned = recurrence_spawn(today=today)
    changed = lights_refresh(today=today).changed
    return {"spawned": len(spawned), "lights_changed": changed}


@db_periodic_task(local_crontab(hour=1, minute=0))  # type: ignore[untyped-decorator]
def lights_daily() -> dict[str, int]:
    result = daily_maintenance(clock.today())
    log.info("daily maintenance: %s", result)
    return result


@db_periodic_task(local_crontab(hour=8, minute=30))  # type: ignore[untyped-decorator]
def reminders_daily() -> str:
    summary = reminders_run(today=clock.today())
    log.info("reminders: %s", summary)
    return str(summary)


@db_task()  # type: ignore[untyped-decorator]
def reminders_now(day: str | None = None) -> str:
    """Run reminders on demand through the queue (``day`` as YYYY-MM-DD)."""
    today = dt.date.fromisoformat(day) if day else clock.today()
    return str(reminders_run(today=today))
