"""Security headers Django 5.2 does not set itself: the Content-Security-Policy.

Django's own CSP support arrives in 6.0; until then this middleware adds
``settings.CONTENT_SECURITY_POLICY`` to every response that does not carry a policy
of its own. The pages keep it: scripts and styles are static files served by duban
(``duban/static``, the npm packages), with no inline ``<script>``, ``style=`` or
``on…=`` handlers; ``tests/web/test_security.py`` scans the templates for them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

HEADER = "Content-Security-Policy"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.policy = str(getattr(settings, "CONTENT_SECURITY_POLICY", ""))

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.policy and HEADER not in response:
            response[HEADER] = self.policy
        return response
