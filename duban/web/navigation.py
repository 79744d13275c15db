"""The navigation, by role. Each module adds its entries here.

The main navigation holds the pages people work in; reference pages every role
has (the API documentation) sit in the user menu of ``base.html`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duban.core.roles import Role

EVERYONE = frozenset(Role)
# Roles that work with supervision items (督办事项).
SEES_ITEMS = frozenset({Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.LIAISON, Role.ADMIN})
# Roles that read indicators (duban.indicators.policy: a liaison or project officer sees its unit's).
READS_INDICATORS = frozenset({Role.STATISTICIAN, Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.ADMIN,
                              Role.LIAISON, Role.PROJECT_OFFICER})

# Roles that read evaluations (duban.evaluation.policy).
READS_EVALUATIONS = frozenset({Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.ADMIN, Role.STATISTICIAN})
# Roles that read key projects (duban.projects.policy: a liaison its unit's, a leader its portfolio).
READS_PROJECTS = frozenset({Role.PROJECT_OFFICER, Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.LIAISON,
                            Role.ADMIN})


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    icon: str = ""


NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry(_("Home"), "web:home", EVERYONE, "house"),
    NavEntry(_("To-do"), "supervision:todo", frozenset({Role.LIAISON, Role.LEADER, Role.SUPERVISOR}),
             "check2-square"),
    NavEntry(_("Ledger"), "supervision:ledger", SEES_ITEMS, "list-check"),
    NavEntry(_("Portfolio"), "supervision:portfolio", frozenset({Role.LEADER, Role.TOP_LEADER}), "briefcase"),
    NavEntry(_("Sources"), "supervision:source_list", SEES_ITEMS, "journal-text"),
    NavEntry(_("Indicators"), "indicators:overview", READS_INDICATORS, "graph-up"),
    NavEntry(_("Evaluation"), "evaluation:home", READS_EVALUATIONS, "trophy"),
    NavEntry(_("Key projects"), "projects:ledger", READS_PROJECTS, "building"),
    NavEntry(_("Units"), "org:unit_list", EVERYONE, "diagram-3"),
    NavEntry(_("People"), "org:person_list", EVERYONE, "people"),
    NavEntry(_("Users"), "org:user_list", frozenset({Role.ADMIN}), "person-gear"),
    NavEntry(_("Import"), "org:import", frozenset({Role.ADMIN}), "upload"),
    NavEntry(_("Documents"), "ingest:run_list", frozenset({Role.SUPERVISOR}), "file-earmark-text"),
    NavEntry(_("Settings"), "supervision_config:home", frozenset({Role.SUPERVISOR, Role.ADMIN}), "gear"),
    NavEntry(_("Audit trail"), "audit:event_list", frozenset({Role.SUPERVISOR, Role.ADMIN}), "shield-check"),
)


def entries_for(roles: frozenset[Role]) -> list[NavEntry]:
    return [entry for entry in NAVIGATION if entry.roles & roles]
