"""The page frame's share of supervision: the unread notification count behind the bell."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest

from duban.org import scope
from duban.supervision.notifications import unread_count

_CACHE = "_duban_unread_notifications"


def unread_for(request: HttpRequest) -> int:
    """The signed-in user's unread count, counted at most once per request (0 when signed out)."""
    cached: int | None = getattr(request, _CACHE, None)
    if cached is None:
        user = getattr(request, "user", None)
        active = scope.active_user(user) if user is not None else None
        cached = unread_count(active) if active is not None else 0
        setattr(request, _CACHE, cached)
    return cached


def notifications(request: HttpRequest) -> dict[str, Any]:
    """``unread_notifications``: a callable, so a page that never shows the bell costs no query."""
    return {"unread_notifications": functools.partial(unread_for, request)}
