"""The navigation, by role. Each module adds its entries here."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duban.org.roles import Role

EVERYONE = frozenset(Role)


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    icon: str = ""


NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry(_("Home"), "web:home", EVERYONE, "house"),
    NavEntry(_("Units"), "org:unit_list", EVERYONE, "diagram-3"),
    NavEntry(_("People"), "org:person_list", EVERYONE, "people"),
    NavEntry(_("Users"), "org:user_list", frozenset({Role.ADMIN}), "person-gear"),
    NavEntry(_("Import"), "org:import", frozenset({Role.ADMIN}), "upload"),
    NavEntry(_("Audit trail"), "audit:event_list", frozenset({Role.SUPERVISOR, Role.ADMIN}), "shield-check"),
    NavEntry(_("API"), "api-1.0.0:openapi-view", EVERYONE, "braces"),
)


def entries_for(roles: frozenset[Role]) -> list[NavEntry]:
    return [entry for entry in NAVIGATION if entry.roles & roles]
