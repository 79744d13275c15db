"""Accountability policy: who records measures (问责) and who sees which.

The supervision office (and an administrator) records measures. Those who see every
item see every measure; a leader in charge sees the measures on the units they oversee
and on their own units' people; a unit sees the measures taken against it or its people.
Out of scope is NotFound, as everywhere.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from duban.accountability.models import Measure
from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org import scope
from duban.org.scope import Viewer

READERS = (Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.LIAISON, Role.ADMIN)


def may_read(user: Viewer) -> bool:
    return scope.has_role(user, *READERS)


def may_record(user: Viewer) -> bool:
    return scope.has_role(user, Role.SUPERVISOR, Role.ADMIN)


def measures_visible(user: Viewer) -> QuerySet[Measure]:
    active = scope.active_user(user)
    if active is None or not may_read(active):
        return Measure.objects.none()
    if scope.sees_everything(active):
        return Measure.objects.all()
    units = scope.unit_ids_in_scope(active) or set()
    mine = Q(unit_id__in=units) | Q(person__unit_id__in=units)
    if active.person_id is not None:
        mine |= Q(person_id=active.person_id)
    return Measure.objects.filter(mine)


def access_measure(user: Viewer, measure_id: int) -> Measure:
    found = measures_visible(user).filter(pk=measure_id).first()
    if found is None:
        raise NotFound("accountability measure")
    return found
