"""Panels that higher apps add to a lower app's page (关联信息), without the lower app importing them.

The item page (supervision), the unit and person pages (org) know nothing of the apps above
them, yet an item shows the accountability measures taken for it and the indicator warning
or project problem it came from. Such an app registers a provider from its
``AppConfig.ready``; the page renders ``{% related_panels "item" item %}`` (``duban_panels``
template tags), which asks every provider for the object and shows what they return.
A provider reads through its own app's scope rules with the viewer it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

PAGES = ("item", "unit", "person")


@dataclass(frozen=True)
class PanelLine:
    text: str
    link: str = ""
    note: str = ""


@dataclass(frozen=True)
class Panel:
    """A titled list of lines (each with an optional link and a small note)."""

    title: str | Promise
    lines: list[PanelLine] = field(default_factory=list)
    testid: str = ""
    action: PanelLine | None = None  # a link to act (e.g. record a measure), shown even with no lines


Provider = Callable[[Any, Any], Panel | None]  # (viewer, object) -> a panel or nothing
_PROVIDERS: dict[str, list[Provider]] = {page: [] for page in PAGES}


def register_panel(page: str, provider: Provider) -> None:
    """Add a panel to ``page`` (one of :data:`PAGES`); call from ``AppConfig.ready``."""
    if page not in _PROVIDERS:
        raise ValueError(f"unknown page for panels: {page}")
    if provider not in _PROVIDERS[page]:
        _PROVIDERS[page].append(provider)


def panels_for(page: str, viewer: Any, obj: Any) -> list[Panel]:
    """The panels the registered providers give for ``obj`` as ``viewer`` sees it (empty ones left out)."""
    found = [provider(viewer, obj) for provider in _PROVIDERS.get(page, [])]
    return [panel for panel in found if panel is not None and (panel.lines or panel.action)]
