"""The one source of "now" and "today" (injectable).

Production reads the system clock in the configured time zone. The demo runs
"as of" a fixed date (setting ``AS_OF``, SPEC I), and tests freeze the clock with
:func:`frozen`. Nothing else in duban may call ``datetime.now()`` or
``date.today()``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current instant, aware."""
    if _frozen is not None:
        return _frozen
    as_of = getattr(settings, "AS_OF", "")
    if as_of:
        day = dt.date.fromisoformat(as_of)
        real = timezone.localtime()
        return real.replace(year=day.year, month=day.month, day=day.day)
    return timezone.now()


def today() -> dt.date:
    """Today's date in the configured time zone (Asia/Shanghai by default)."""
    return timezone.localtime(now()).date()


def local_date(instant: dt.datetime) -> dt.date:
    """The date of an aware instant in the configured time zone (Asia/Shanghai by default).

    Never take ``instant.date()``: stored instants are UTC, so an item assigned
    at 03:52 Beijing time would fall on the day before.
    """
    return timezone.localtime(instant).date()


def is_simulated() -> bool:
    """True when the clock shows a date other than the real one (demo or test)."""
    return _frozen is not None or bool(getattr(settings, "AS_OF", ""))


@contextlib.contextmanager
def frozen(at: dt.datetime | dt.date) -> Iterator[None]:
    """Freeze the clock (tests, benchmarks). A date means 09:00 local time that day."""
    global _frozen  # noqa: PLW0603 - the clock is process-wide by design
    if not isinstance(at, dt.datetime):
        at = timezone.make_aware(dt.datetime.combine(at, dt.time(9, 0)))
    previous, _frozen = _frozen, at
    try:
        yield
    finally:
        _frozen = previous
