"""Indicator definitions (指标定义): create and edit, by the statistician."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record, snapshot
from duban.core.errors import DomainError, ErrorCode
from duban.core.validation import validate
from duban.indicators import policy
from duban.indicators.models import IndicatorDefinition
from duban.indicators.services.common import apply_fields
from duban.org.models import User

DEFINITION_FIELDS = (
    "code",
    "name",
    "unit",
    "frequency",
    "value_kind",
    "direction",
    "category",
    "lead_unit",
    "leader",
    "responsible",
    "sort_order",
    "is_active",
)
# Values are stored in the grain of the frequency and summed or not by the kind: once an
# indicator has values, changing either would misread them.
FIXED_ONCE_VALUED = ("frequency", "value_kind")


def _check_code_free(code: str, *, other_than: int | None = None) -> None:
    others = IndicatorDefinition.objects.filter(code=code)
    taken = (others.exclude(pk=other_than) if other_than is not None else others).exists()
    if taken:
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("An indicator with the code “%(code)s” already exists.") % {"code": code},
            field="code",
        )


@transaction.atomic
def indicator_create(*, actor: User, **fields: Any) -> IndicatorDefinition:
    """Define an indicator (新增指标): code, name, unit, frequency, kind, direction, who answers for it."""
    policy.check_define(actor)
    unknown = set(fields) - set(DEFINITION_FIELDS)
    if unknown:
        raise ValueError(f"unknown indicator fields: {sorted(unknown)}")
    definition = IndicatorDefinition(**fields)
    _check_code_free(definition.code)
    validate(definition)
    definition.save()
    audit_record(actor=actor, action="indicator.create", obj=definition, after=snapshot(definition))
    return definition


@transaction.atomic
def indicator_update(*, actor: User, definition: IndicatorDefinition, **changes: Any) -> IndicatorDefinition:
    """Edit a definition; frequency and kind are fixed once values exist (they say how values read)."""
    policy.check_define(actor)
    definition = IndicatorDefinition.objects.select_for_update().get(pk=definition.pk)
    before = snapshot(definition)
    changed = apply_fields(definition, DEFINITION_FIELDS, changes)
    if not changed:
        return definition
    fixed = [name for name in FIXED_ONCE_VALUED if name in changed]
    if fixed and definition.values.exists():
        raise DomainError(
            ErrorCode.INVALID,
            _("The indicator has values: its frequency and value kind can no longer change."),
            field=fixed[0],
        )
    if "code" in changed:
        _check_code_free(definition.code, other_than=definition.pk)
    validate(definition)
    definition.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor, action="indicator.update", obj=definition, before=before, after=snapshot(definition)
    )
    return definition
