"""Roles (SPEC "Users, roles and scope"): the vocabulary every domain's policy speaks.

They live in core because the lowest domains (audit) decide by role too; the
User that holds them is org's (``duban.org.models``).
"""

from typing import Protocol

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", _("Supervisor")
    TOP_LEADER = "top_leader", _("Top leader")
    LEADER = "leader", _("Leader in charge")
    LIAISON = "liaison", _("Unit liaison")
    STATISTICIAN = "statistician", _("Statistician")
    PROJECT_OFFICER = "project_officer", _("Project officer")
    ADMIN = "admin", _("Administrator")


# Roles whose holders see every object (SPEC: supervisor, top leader, administrator).
SEES_EVERYTHING = frozenset({Role.SUPERVISOR, Role.TOP_LEADER, Role.ADMIN})


class RoleHolder(Protocol):
    """Whoever holds roles, as the domains below org see them (``duban.org.models.User``)."""

    @property
    def is_active(self) -> bool: ...

    @property
    def role_set(self) -> frozenset[Role]: ...


def roles_of(user: RoleHolder | AnonymousUser) -> frozenset[Role]:
    """The roles of an active signed-in user; none for an anonymous or deactivated one."""
    if isinstance(user, AnonymousUser) or not user.is_active:
        return frozenset()
    return user.role_set
