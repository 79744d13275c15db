"""Recording an accountability measure (问责), with its audit row in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from duban.accountability import policy
from duban.accountability.models import Measure
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.core.validation import validate
from duban.org.models import Person, Unit, User
from duban.supervision import policy as item_policy
from duban.supervision.models import Item


@transaction.atomic
def measure_record(
    *,
    actor: User,
    kind: str,
    unit: Unit | None,
    person: Person | None,
    items: Sequence[Item],
    taken_on: dt.date,
    reason: str,
) -> Measure:
    """Record a measure against ``unit`` and/or ``person`` for ``items`` (at least one item, in scope)."""
    if not policy.may_record(actor):
        raise PermissionDenied(_("Only the supervision office records accountability measures."))
    if unit is None and person is None:
        raise DomainError(
            ErrorCode.INVALID, _("Name the unit or the person the measure is taken against."), field="unit"
        )
    if not items:
        raise DomainError(ErrorCode.INVALID, _("Link the measure to the items behind it."), field="items")
    if taken_on > clock.today():
        raise DomainError(ErrorCode.INVALID, _("A measure cannot be dated in the future."), field="taken_on")
    ids = [i.pk for i in items]
    if item_policy.items_visible(actor).filter(pk__in=ids).count() != len(set(ids)):
        raise DomainError(ErrorCode.INVALID, _("One of the items was not found."), field="items")
    for target, field in ((unit, "unit"), (person, "person")):
        if target is not None and not target.is_active:
            raise DomainError(ErrorCode.INVALID, _("This unit or person is no longer active."), field=field)
    measure = Measure(
        kind=kind, unit=unit, person=person, taken_on=taken_on, reason=reason, recorded_by=actor
    )
    validate(measure, exclude=["recorded_by", "unit", "person"])
    measure.save()
    measure.items.set(ids)
    audit_record(
        actor=actor,
        action="accountability.record",
        obj=measure,
        after={
            "kind": kind,
            "unit_id": unit.pk if unit else None,
            "person_id": person.pk if person else None,
            "items": sorted(set(ids)),
            "taken_on": taken_on.isoformat(),
            "reason": measure.reason,
        },
    )
    return measure
