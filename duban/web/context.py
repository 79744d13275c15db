"""Template context for the page frame: navigation by role, the as-of date."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from duban.core import clock
from duban.web.navigation import entries_for, menu_for


def frame(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = user.role_set if user is not None and user.is_authenticated else frozenset()
    return {
        "nav_entries": entries_for(roles),
        "nav_menu": menu_for(roles),
        "as_of": clock.today(),
        "clock_simulated": clock.is_simulated(),
        "user_roles": sorted(r.label for r in roles),
    }
