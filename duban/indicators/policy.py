"""Indicators policy (指标监测的权限): who sees which indicators and who may write what.

One module for the domain, like :mod:`duban.supervision.policy`: ``access_*``
return the object or raise :class:`NotFound` alike for "missing" and "not
yours" (SPEC: 404, not a hint); ``*_visible`` return querysets already limited
to the user's scope; ``may_*`` answer "may this user do X?" and are what
services check (through ``check_*``) and what pages and the API consult to
offer buttons and forms, so both always agree.

Scope (SPEC "Users, roles and scope", issue 10):
- statistician (统计员): reads every indicator, and is the one who writes
  values, targets, definitions, subjects and peer sets, and imports workbooks;
- supervisor (督查室), top leader, leader in charge (分管领导), administrator:
  read every indicator (leaders read the whole economy, not only their portfolio);
- a unit's liaison or project officer: the indicators whose lead unit
  (牵头单位) is the user's unit, and their values;
- anyone else (no role, anonymous, deactivated): nothing.

Subjects and peer sets are reference data: whoever sees some indicator sees
them all (a peer's figure means nothing without the peer's name). Values and
targets follow their indicator.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from duban.core.errors import NotFound, PermissionDenied
from duban.core.roles import Role
from duban.indicators.models import IndicatorDefinition, IndicatorValue, PeerSet, Subject, Target
from duban.org import scope
from duban.org.scope import Viewer

# Roles that read every indicator.
READS_ALL = frozenset({Role.STATISTICIAN, Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.ADMIN})
# Roles that read the indicators their own unit leads.
READS_OWN_UNIT = frozenset({Role.LIAISON, Role.PROJECT_OFFICER})


def _indicator_scope_filter(user: Viewer) -> Q | None:
    """The Q limiting indicators to the user's scope; None means no limit."""
    active = scope.active_user(user)
    if active is None:
        return Q(pk__in=[])
    roles = active.role_set
    if roles & READS_ALL:
        return None
    if roles & READS_OWN_UNIT and active.unit_id is not None:
        return Q(lead_unit_id=active.unit_id)
    return Q(pk__in=[])


def may_read_indicators(user: Viewer) -> bool:
    """The user sees some indicators (the menu entry, the API's read endpoints)."""
    active = scope.active_user(user)
    if active is None:
        return False
    roles = active.role_set
    return bool(roles & READS_ALL) or bool(roles & READS_OWN_UNIT and active.unit_id is not None)


def sees_all_indicators(user: Viewer) -> bool:
    """The user reads every indicator (statisticians, leaders, the office, administrators)."""
    return _indicator_scope_filter(user) is None


def indicators_visible(user: Viewer) -> QuerySet[IndicatorDefinition]:
    """Indicator definitions in the user's scope."""
    condition = _indicator_scope_filter(user)
    definitions = IndicatorDefinition.objects.all()
    return definitions if condition is None else definitions.filter(condition)


def access_indicator(user: Viewer, indicator_id: int, *, for_update: bool = False) -> IndicatorDefinition:
    """The indicator, if in the user's scope; NotFound alike for missing and out of scope."""
    definitions = indicators_visible(user).select_related("lead_unit", "leader", "responsible")
    if for_update:
        definitions = definitions.select_for_update(of=("self",))
    definition = definitions.filter(pk=indicator_id).first()
    if definition is None:
        raise NotFound("indicator")
    return definition


def values_visible(user: Viewer) -> QuerySet[IndicatorValue]:
    """Values of the indicators in scope (every subject's: peers are compared with)."""
    condition = _indicator_scope_filter(user)
    values = IndicatorValue.objects.all()
    if condition is None:
        return values
    return values.filter(definition_id__in=indicators_visible(user).values("pk"))


def access_value(user: Viewer, value_id: int, *, for_update: bool = False) -> IndicatorValue:
    """One value, if its indicator is in scope; NotFound alike otherwise."""
    values = values_visible(user).select_related("definition", "subject")
    if for_update:
        values = values.select_for_update(of=("self",))
    value = values.filter(pk=value_id).first()
    if value is None:
        raise NotFound("indicator value")
    return value


def targets_visible(user: Viewer) -> QuerySet[Target]:
    """Annual targets of the indicators in scope."""
    condition = _indicator_scope_filter(user)
    targets = Target.objects.all()
    if condition is None:
        return targets
    return targets.filter(definition_id__in=indicators_visible(user).values("pk"))


def subjects_visible(user: Viewer) -> QuerySet[Subject]:
    """Subjects (主体): all of them for whoever sees some indicator, none otherwise."""
    subjects = Subject.objects.select_related("unit")
    return subjects if may_read_indicators(user) else subjects.none()


def access_subject(user: Viewer, subject_id: int) -> Subject:
    subject = subjects_visible(user).filter(pk=subject_id).first()
    if subject is None:
        raise NotFound("subject")
    return subject


def peer_sets_visible(user: Viewer) -> QuerySet[PeerSet]:
    """Peer sets (比较范围): as subjects."""
    peer_sets = PeerSet.objects.all()
    return peer_sets if may_read_indicators(user) else peer_sets.none()


def access_peer_set(user: Viewer, peer_set_id: int) -> PeerSet:
    peer_set = peer_sets_visible(user).filter(pk=peer_set_id).first()
    if peer_set is None:
        raise NotFound("peer set")
    return peer_set


# --- may: the one answer for services, buttons and the API ---------------------------


def may_write_values(user: Viewer) -> bool:
    """Entering, correcting and importing values (录入、更正、导入) is the statistician's."""
    return scope.has_role(user, Role.STATISTICIAN)


def check_write_values(user: Viewer) -> None:
    if not may_write_values(user):
        raise PermissionDenied(_("Only a statistician enters, corrects and imports indicator values."))


def may_import(user: Viewer) -> bool:
    """Importing the statistics workbook (统计月报导入) writes values: the statistician's."""
    return may_write_values(user)


def check_import(user: Viewer) -> None:
    check_write_values(user)


def may_set_targets(user: Viewer) -> bool:
    """Annual targets (年度目标) are set by the statistician."""
    return scope.has_role(user, Role.STATISTICIAN)


def check_set_targets(user: Viewer) -> None:
    if not may_set_targets(user):
        raise PermissionDenied(_("Only a statistician sets indicator targets."))


def may_define(user: Viewer) -> bool:
    """Definitions (指标定义), subjects and peer sets are maintained by the statistician."""
    return scope.has_role(user, Role.STATISTICIAN)


def check_define(user: Viewer) -> None:
    if not may_define(user):
        raise PermissionDenied(_("Only a statistician defines indicators, subjects and peer sets."))


def may_export(user: Viewer) -> bool:
    """Exporting the workbook: whoever reads indicators (the export holds only what they see)."""
    return may_read_indicators(user)


def may_turn_warning_into_item(user: Viewer) -> bool:
    """Turning a warning (预警) into a supervision item (督办事项) is the supervision office's."""
    return scope.has_role(user, Role.SUPERVISOR)


def check_turn_warning_into_item(user: Viewer) -> None:
    if not may_turn_warning_into_item(user):
        raise PermissionDenied(_("Only the supervision office turns a warning into a supervision item."))
