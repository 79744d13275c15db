"""Language choice for the page frame: Simplified Chinese unless the user picked another."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is not consulted.

    duban is a Chinese office's system: its pages are in Simplified Chinese
    (settings.LANGUAGE_CODE) even in a browser set to English, until the user
    switches language with the switcher in the frame, which sets the language cookie.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        # A cookie naming a language duban does not offer is ignored.
        with contextlib.suppress(LookupError):
            if chosen:
                language = translation.get_supported_language_variant(chosen)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
