"""Roles (SPEC "Users, roles and scope")."""

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
