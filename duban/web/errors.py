"""Error pages duban answers itself (Django's own would be in English, outside the frame)."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger("django.security.csrf")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form post (CSRF check failed): 403 in the frame, in words the user can act on.

    ``reason`` is Django's technical sentence (English, about cookies and
    referers); it goes to the log, not to the page, and no advice about DEBUG is given.
    """
    logger.warning("CSRF failure on %s %s: %s", request.method, request.path, reason)
    return render(request, "web/csrf_failure.html", status=403)
