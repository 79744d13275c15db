"""Periodic jobs of the reports app on the task queue (huey), Mondays: last week's bulletin at 07:50
(when the office has named whom it is issued as), the weekly digest at 08:00.

Times are in the office's time zone, as for supervision's jobs (``supervision.tasks.local_crontab``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from huey.contrib.djhuey import db_periodic_task

from duban.core import clock
from duban.reports.digest import digests_send
from duban.reports.services import bulletin_weekly
from duban.supervision.tasks import local_crontab

log = logging.getLogger(__name__)
MONDAY = 0


def weekly_at(*, weekday: int, hour: int, minute: int) -> Callable[[dt.datetime], bool]:
    """A periodic-task test firing once a week, on ``weekday`` at hour:minute local time."""
    at_time = local_crontab(hour=hour, minute=minute)

    def due(timestamp: dt.datetime) -> bool:
        aware = timestamp if timestamp.tzinfo else timestamp.replace(tzinfo=dt.UTC)
        return at_time(timestamp) and aware.astimezone(ZoneInfo(settings.TIME_ZONE)).weekday() == weekday

    return due


@db_periodic_task(weekly_at(weekday=MONDAY, hour=8, minute=0))  # type: ignore[untyped-decorator]
def digests_weekly() -> int:
    sent = digests_send(today=clock.today())
    log.info("weekly digests: %d deliveries", sent)
    return sent


@db_periodic_task(weekly_at(weekday=MONDAY, hour=7, minute=50))  # type: ignore[untyped-decorator]
def bulletin_monday() -> str:
    bulletin = bulletin_weekly(today=clock.today())
    log.info("weekly bulletin: %s", bulletin.number if bulletin else "none issued")
    return bulletin.number if bulletin else ""
