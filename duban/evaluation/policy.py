"""Evaluation policy (考核评价的权限): who reads schemes and results, who writes what.

One module for the domain, like :mod:`duban.indicators.policy`: ``access_*``
return the object or raise :class:`NotFound` alike for "missing" and "not
yours"; ``*_visible`` are querysets in the user's scope; ``may_*`` are what
services check (through ``check_*``) and pages and the API consult.

Scope (SPEC D, issue 10):
- the supervision office (督查室), the top leader, leaders in charge and
  administrators read every scheme, its results, gap analysis and what-if;
- supervisors and statisticians (统计员) write: create and import schemes, enter
  values and scores, record bonus and deduction events — and so read too;
- whoever reads a scheme may save what-if scenarios of it; a scenario is its
  owner's: others neither see nor change it (404, as missing);
- anyone else (unit liaisons, project officers, no role): nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from duban.core.errors import NotFound, PermissionDenied
from duban.core.roles import Role
from duban.evaluation.models import Scenario, Scheme, SchemeAdjustment, SchemeNode, SchemeSubject
from duban.indicators.models import Subject
from duban.org import scope
from duban.org.scope import Viewer

WRITES = frozenset({Role.SUPERVISOR, Role.STATISTICIAN})
READS = frozenset({Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.ADMIN}) | WRITES


def may_read_evaluations(user: Viewer) -> bool:
    """The user reads evaluation schemes and their results (the menu entry, the API's reads)."""
    return scope.has_role(user, *READS)


def may_write_evaluations(user: Viewer) -> bool:
    """Creating and importing schemes, entering values and events (supervisor or statistician)."""
    return scope.has_role(user, *WRITES)


def check_read_evaluations(user: Viewer) -> None:
    if not may_read_evaluations(user):
        raise NotFound("evaluation scheme")


def check_write_evaluations(user: Viewer) -> None:
    if not may_write_evaluations(user):
        raise PermissionDenied(_("Only the supervision office or a statistician changes evaluations."))


def schemes_visible(user: Viewer) -> QuerySet[Scheme]:
    """Schemes the user reads: all of them for the reading roles, none otherwise."""
    schemes = Scheme.objects.all()
    return schemes if may_read_evaluations(user) else schemes.none()


def access_scheme(user: Viewer, scheme_id: int, *, for_update: bool = False) -> Scheme:
    """The scheme, if the user reads it; NotFound alike for missing and out of scope."""
    schemes = schemes_visible(user)
    if for_update:
        schemes = schemes.select_for_update()
    scheme = schemes.filter(pk=scheme_id).first()
    if scheme is None:
        raise NotFound("evaluation scheme")
    return scheme


def access_node(user: Viewer, scheme: Scheme, code: str) -> SchemeNode:
    """An indicator or category of a scheme the user reads, by its code."""
    node = SchemeNode.objects.filter(scheme__in=schemes_visible(user), scheme=scheme, code=code).first()
    if node is None:
        raise NotFound("evaluation indicator")
    return node


def access_adjustment(user: Viewer, scheme: Scheme, code: str) -> SchemeAdjustment:
    """A bonus or deduction item of a scheme the user reads, by its code."""
    items = SchemeAdjustment.objects.filter(scheme__in=schemes_visible(user), scheme=scheme, code=code)
    item = items.first()
    if item is None:
        raise NotFound("bonus or deduction item")
    return item


def access_member(user: Viewer, scheme: Scheme, subject_id: int) -> Subject:
    """A subject the scheme evaluates (被评价对象), by id; NotFound for any other."""
    member = (
        SchemeSubject.objects.filter(scheme__in=schemes_visible(user), scheme=scheme, subject_id=subject_id)
        .select_related("subject")
        .first()
    )
    if member is None:
        raise NotFound("subject")
    return member.subject


def scenarios_visible(user: Viewer) -> QuerySet[Scenario]:
    """The user's own scenarios of the schemes they read."""
    active = scope.active_user(user)
    if active is None or not may_read_evaluations(user):
        return Scenario.objects.none()
    return Scenario.objects.filter(owner=active)


def access_scenario(user: Viewer, scenario_id: int, *, for_update: bool = False) -> Scenario:
    """One of the user's own scenarios; another's is NotFound, as a missing one."""
    scenarios = scenarios_visible(user).select_related("scheme")
    if for_update:
        scenarios = scenarios.select_for_update(of=("self",))
    scenario = scenarios.filter(pk=scenario_id).first()
    if scenario is None:
        raise NotFound("what-if scenario")
    return scenario


def may_save_scenario(user: Viewer) -> bool:
    """Saving a what-if of a readable scheme (everyone who reads evaluations)."""
    return may_read_evaluations(user)


def check_save_scenario(user: Viewer) -> None:
    if not may_save_scenario(user):
        raise NotFound("evaluation scheme")
