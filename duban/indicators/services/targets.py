"""Annual targets (年度目标): a value, a growth in %, or both, per indicator and year."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record, snapshot
from duban.core.errors import DomainError, ErrorCode
from duban.core.validation import validate
from duban.indicators import policy
from duban.indicators.models import IndicatorDefinition, Target
from duban.indicators.reporting_periods import YEAR_MAX, YEAR_MIN
from duban.org.models import User

TARGET_FIELDS = ["definition", "year", "value", "growth"]


@transaction.atomic
def target_set(
    *,
    actor: User,
    definition: IndicatorDefinition,
    year: int,
    value: Decimal | None = None,
    growth: Decimal | None = None,
) -> Target:
    """Set the year's target of an indicator (设定目标): create it, or replace both figures."""
    policy.check_set_targets(actor)
    if value is None and growth is None:
        raise DomainError(
            ErrorCode.INVALID, _("Give the target value, the growth target, or both."), field="value"
        )
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise DomainError(ErrorCode.INVALID, _("The year is out of range."), field="year")
    target = Target.objects.select_for_update().filter(definition=definition, year=year).first()
    before = snapshot(target, TARGET_FIELDS) if target is not None else None
    if target is None:
        target = Target(definition=definition, year=year)
    target.value, target.growth = value, growth
    validate(target, exclude=["definition"])
    after = snapshot(target, TARGET_FIELDS)
    if after == before:
        return target
    target.save()
    action = "target.set" if before is None else "target.change"
    audit_record(actor=actor, action=action, obj=target, before=before, after=snapshot(target, TARGET_FIELDS))
    return target
