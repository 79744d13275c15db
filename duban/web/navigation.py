"""The navigation, by role and grouped by task. Each module adds its entries here.

The main navigation holds the pages people work in; reference pages every role
has (the API documentation) sit in the user menu of ``base.html`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


@dataclass(frozen=True)
class NavGroup:
    """Entries grouped by task (督办 / 指标 / 项目 / 考核 / 报表 / 管理); a menu in the frame."""

    label: str | Promise
    icon: str
    entries: tuple[NavEntry, ...]


SUPERVISION_WORK = frozenset({Role.LIAISON, Role.LEADER, Role.SUPERVISOR})
LEADERS = frozenset({Role.TOP_LEADER, Role.LEADER})
OFFICE = frozenset({Role.SUPERVISOR, Role.ADMIN})

MENU: tuple[NavEntry | NavGroup, ...] = (
    NavEntry(_("Home"), "web:home", EVERYONE, "house"),
    NavEntry(_("Cockpit"), "reports:cockpit", frozenset({Role.TOP_LEADER, Role.LEADER, Role.SUPERVISOR}),
             "speedometer2"),
    NavGroup(pgettext_lazy("navigation", "Supervision"), "list-check", (
        NavEntry(_("To-do"), "supervision:todo", SUPERVISION_WORK, "check2-square"),
        NavEntry(_("Ledger"), "supervision:ledger", SEES_ITEMS, "list-check"),
        NavEntry(_("Portfolio"), "supervision:portfolio", LEADERS, "briefcase"),
        NavEntry(_("Sources"), "supervision:source_list", SEES_ITEMS, "journal-text"),
        NavEntry(_("Review meetings"), "meetings:list", SEES_ITEMS, "people"),
        NavEntry(_("Accountability measures"), "accountability:list", SEES_ITEMS, "exclamation-octagon"),
        NavEntry(_("Documents"), "ingest:run_list", frozenset({Role.SUPERVISOR}), "file-earmark-text"),
    )),
    NavGroup(pgettext_lazy("navigation", "Indicators"), "graph-up", (
        NavEntry(_("Indicators"), "indicators:overview", READS_INDICATORS, "graph-up"),
    )),
    NavGroup(pgettext_lazy("navigation", "Projects"), "building", (
        NavEntry(_("Key projects"), "projects:ledger", READS_PROJECTS, "building"),
    )),
    NavGroup(pgettext_lazy("navigation", "Evaluation"), "trophy", (
        NavEntry(_("Evaluation"), "evaluation:home", READS_EVALUATIONS, "trophy"),
    )),
    NavGroup(pgettext_lazy("navigation", "Reports"), "bar-chart", (
        NavEntry(_("Statistics"), "reports:statistics", SEES_ITEMS, "bar-chart"),
        NavEntry(_("Bulletins"), "reports:bulletin_list", SEES_ITEMS, "file-earmark-word"),
    )),
    NavGroup(pgettext_lazy("navigation", "Admin"), "gear", (
        NavEntry(_("Units"), "org:unit_list", EVERYONE, "diagram-3"),
        NavEntry(_("People"), "org:person_list", EVERYONE, "people"),
        NavEntry(_("Users"), "org:user_list", frozenset({Role.ADMIN}), "person-gear"),
        NavEntry(_("Import"), "org:import", frozenset({Role.ADMIN}), "upload"),
        NavEntry(_("Settings"), "supervision_config:home", OFFICE, "gear"),
        NavEntry(_("Audit trail"), "audit:event_list", OFFICE, "shield-check"),
    )),
)
NAVIGATION: tuple[NavEntry, ...] = tuple(
    entry for node in MENU for entry in (node.entries if isinstance(node, NavGroup) else (node,))
)


@dataclass(frozen=True)
class MenuNode:
    """What the frame shows: a link (``url_name``), or a menu of ``children`` (a group of several)."""

    label: str | Promise
    icon: str
    url_name: str = ""
    children: tuple[NavEntry, ...] = ()


def menu_for(roles: frozenset[Role]) -> list[MenuNode]:
    """The frame's menu for these roles: a group the role sees one entry of is that entry's link."""
    nodes = []
    for node in MENU:
        if isinstance(node, NavEntry):
            if node.roles & roles:
                nodes.append(MenuNode(node.label, node.icon, node.url_name))
            continue
        visible = tuple(e for e in node.entries if e.roles & roles)
        if len(visible) == 1:
            nodes.append(MenuNode(visible[0].label, visible[0].icon, visible[0].url_name))
        elif visible:
            nodes.append(MenuNode(node.label, node.icon, children=visible))
    return nodes


def entries_for(roles: frozenset[Role]) -> list[NavEntry]:
    return [entry for entry in NAVIGATION if entry.roles & roles]
