"""Reports policy: who issues supervision bulletins (督查通报) and who reads them.

A bulletin is addressed to every unit (主送 各单位), so everyone who works with
items reads the issued ones; the supervision office (and an administrator)
issues them and adjusts the template. The figures inside were read through the
issuer's scope when it was issued.
"""

from __future__ import annotations

from django.db.models import QuerySet

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org import scope
from duban.org.scope import Viewer
from duban.reports.models import Bulletin

READERS = (Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.LIAISON, Role.ADMIN)


def may_issue_bulletin(user: Viewer) -> bool:
    return scope.has_role(user, Role.SUPERVISOR, Role.ADMIN)


def may_read_bulletins(user: Viewer) -> bool:
    return scope.has_role(user, *READERS)


def bulletins_visible(user: Viewer) -> QuerySet[Bulletin]:
    if not may_read_bulletins(user):
        return Bulletin.objects.none()
    return Bulletin.objects.all()


def access_bulletin(user: Viewer, bulletin_id: int) -> Bulletin:
    found = bulletins_visible(user).filter(pk=bulletin_id).first()
    if found is None:
        raise NotFound("bulletin")
    return found
