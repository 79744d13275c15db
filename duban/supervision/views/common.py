"""What the supervision pages share: scope → 404, display words for codes, optional links."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duban.core.errors import DomainError, NotFound
from duban.supervision import policy
from duban.supervision.lights import Colour, Condition, Light, calendar_unknown_message
from duban.supervision.models import Item, Source

P = ParamSpec("P")

PAGE_SIZE = 50

CONDITION_WORDS: dict[str, str | Promise] = {
    Condition.OVERDUE: _("past the deadline"),
    Condition.DEADLINE_NEAR: _("deadline near"),
    Condition.BEHIND: _("behind schedule"),
    Condition.FAR_BEHIND: _("far behind schedule"),
    Condition.MILESTONE_MISSED: _("a milestone was missed"),
    Condition.REPORT_MISSED: _("a progress report is missing"),
    Condition.CALENDAR_UNKNOWN: _("working days unknown for this year (calendar days used)"),
}

def condition_words(light: Light | None) -> list[str | Promise]:
    """What is wrong, in words; an unknown official calendar names its years."""
    if light is None:
        return []
    return [
        calendar_unknown_message(light.unknown_years)
        if c == Condition.CALENDAR_UNKNOWN and light.unknown_years
        else CONDITION_WORDS.get(c, c)
        for c in light.conditions
    ]


COLOUR_WORDS: dict[str, str | Promise] = {
    Colour.GREEN: _("green"),
    Colour.BLUE: _("blue"),
    Colour.YELLOW: _("yellow"),
    Colour.ORANGE: _("orange"),
    Colour.RED: _("red"),
    Colour.NONE: _("no light"),
}


def not_found_as_404(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Turn scope's NotFound into a 404 page (missing and out of scope look alike)."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            raise Http404 from exc

    return wrapped


def item_or_404(request: HttpRequest, item_id: int) -> Item:
    try:
        return policy.access_item(request.user, item_id)
    except NotFound as exc:
        raise Http404 from exc


def source_or_404(request: HttpRequest, source_id: int) -> Source:
    try:
        return policy.access_source(request.user, source_id)
    except NotFound as exc:
        raise Http404 from exc


def require_register(request: HttpRequest) -> None:
    """Registering and editing are the supervision office's; others get 404 (no hint)."""
    if not policy.may_register(request.user):
        raise Http404


def optional_url(name: str, *args: Any) -> str | None:
    """The URL of a page another module may not have yet (export, reminders)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def flash_error(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, error.message)
