"""The login lock page (登录锁定): how long to wait, from the cool-off setting and the lock's start.

django-axes locks a user name + address after ``AXES_FAILURE_LIMIT`` failures for
``AXES_COOLOFF_TIME``; ``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``
keeps attempts made during the lock from starting it again, so the wait shown
here only shrinks.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def minutes_left(cool_off: dt.timedelta, locked_at: dt.datetime | None, now: dt.datetime) -> int:
    """Whole minutes until the lock ends, rounded up, at least 1 (all of it if its start is unknown)."""
    remaining = cool_off if locked_at is None else cool_off - (now - locked_at)
    return max(1, math.ceil(remaining.total_seconds() / 60))


def wait_words(minutes: int) -> str:
    """A duration as the page says it (15 分钟, 2 小时, 1 小时 30 分钟)."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": rest}


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the lock page (429) saying how long to wait and how long a lock lasts."""
    cool_off = get_cool_off(request) or dt.timedelta(0)
    # axes stamps every request with its own clock (``axes_attempt_time``); the lock runs on it.
    now: dt.datetime = request.axes_attempt_time  # type: ignore[attr-defined]
    locked_at = (
        AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    context = {
        "wait": wait_words(minutes_left(cool_off, locked_at, now)),
        "lock": wait_words(minutes_left(cool_off, None, now)),
    }
    return render(
        request, "accounts/locked_out.html", context, status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    )
