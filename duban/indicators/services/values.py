"""Indicator values (指标值): entry and correction by the statistician, with growth (比增).

Growth follows SPEC C: a growth entered as published (official growth at comparable
prices cannot be recomputed) wins and is marked as entered; otherwise it is computed
from the same period of the prior year where that value exists (``growth.growth_resolve``).
A value entered or corrected is the prior of the next year's same period, whose computed
growth is brought up to date in the same transaction (an entered growth there stays).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core.errors import DomainError, ErrorCode
from duban.core.validation import validate
from duban.indicators import policy
from duban.indicators.growth import growth_compute, growth_resolve
from duban.indicators.models import IndicatorDefinition, IndicatorValue, Provenance, Subject
from duban.indicators.reporting_periods import Period, period_of
from duban.indicators.services.common import value_picture
from duban.org.models import User


class Keep(Enum):
    """A correction's argument left out: the field stays as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


def checked_period(definition: IndicatorDefinition, *, year: int, month: int = 0, quarter: int = 0) -> Period:
    """The period of a value of ``definition``, refused in words when its grain does not fit the frequency."""
    try:
        return period_of(definition.frequency, year=year, month=month, quarter=quarter)
    except ValueError as exc:
        message = _("“%(indicator)s” is reported %(frequency)s: give a year and %(grain)s.") % {
            "indicator": definition.name,
            "frequency": definition.get_frequency_display(),
            "grain": _grain(definition.frequency),
        }
        raise DomainError(ErrorCode.INVALID, message, field="period") from exc


def _grain(frequency: str) -> str:
    return {"monthly": _("a month"), "quarterly": _("a quarter")}.get(frequency, _("no month or quarter"))


def _period_values(definition_id: int, subject_id: int, period: Period) -> dict[str, int]:
    return {
        "definition_id": definition_id,
        "subject_id": subject_id,
        "year": period.year,
        "month": period.month,
        "quarter": period.quarter,
    }


def prior_value(definition_id: int, subject_id: int, period: Period) -> Decimal | None:
    """The value of the same period one year earlier, which growth is computed against."""
    row = IndicatorValue.objects.filter(**_period_values(definition_id, subject_id, period.prior_year()))
    return row.values_list("value", flat=True).first()


def refresh_following(value: IndicatorValue) -> None:
    """The next year's same period: its computed growth now has (another) prior value."""
    period = Period(value.year, value.month, value.quarter)
    following = Period(period.year + 1, period.month, period.quarter)
    rows = IndicatorValue.objects.filter(
        **_period_values(value.definition_id, value.subject_id, following), growth_entered=False
    )
    for row in rows.select_for_update():
        growth = growth_compute(current=row.value, prior=value.value)
        if growth != row.growth:
            row.growth = growth
            row.save(update_fields=["growth", "updated_at"])


@transaction.atomic
def indicator_value_enter(
    *,
    actor: User,
    definition: IndicatorDefinition,
    subject: Subject,
    year: int,
    month: int = 0,
    quarter: int = 0,
    value: Decimal,
    growth: Decimal | None = None,
) -> IndicatorValue:
    """Enter a value (录入) for a subject and period; ``growth`` given is the published figure and wins."""
    policy.check_write_values(actor)
    period = checked_period(definition, year=year, month=month, quarter=quarter)
    where = _period_values(definition.pk, subject.pk, period)
    if IndicatorValue.objects.filter(**where).exists():
        message = _(
            "%(subject)s already has a value of “%(indicator)s” for %(period)s; correct it instead."
        ) % {
            "subject": subject.name,
            "indicator": definition.name,
            "period": period.label,
        }
        raise DomainError(ErrorCode.DUPLICATE, message, field="period")
    resolved = growth_resolve(
        current=value, prior=prior_value(definition.pk, subject.pk, period), entered=growth
    )
    row = IndicatorValue(
        **where,
        value=value,
        growth=resolved.percent,
        growth_entered=resolved.entered,
        provenance=Provenance.ENTERED,
    )
    validate(row)
    row.save()
    audit_record(actor=actor, action="indicator_value.enter", obj=row, after=value_picture(row))
    refresh_following(row)
    return row


@transaction.atomic
def indicator_value_correct(
    *,
    actor: User,
    indicator_value: IndicatorValue,
    value: Decimal | Keep = KEEP,
    growth: Decimal | None | Keep = KEEP,
    reason: str = "",
) -> IndicatorValue:
    """Correct a value (更正): a new figure, a published growth, or ``growth=None`` to compute it again.

    The corrected value is the statistician's from now on (provenance ``entered``); the
    audit row keeps what it was, where it came from, and the reason.
    """
    policy.check_write_values(actor)
    row = IndicatorValue.objects.select_for_update().get(pk=indicator_value.pk)
    before = value_picture(row)
    if not isinstance(value, Keep):
        row.value = value
    entered = row.growth if row.growth_entered else None
    if not isinstance(growth, Keep):
        entered = growth
    period = Period(row.year, row.month, row.quarter)
    resolved = growth_resolve(
        current=row.value, prior=prior_value(row.definition_id, row.subject_id, period), entered=entered
    )
    row.growth, row.growth_entered = resolved.percent, resolved.entered
    after_figures = value_picture(row)
    if after_figures == before:
        return row
    row.provenance, row.source_file, row.source_row = Provenance.ENTERED, "", ""
    validate(row)
    row.save()
    after = {**value_picture(row), "reason": reason.strip()}
    audit_record(actor=actor, action="indicator_value.correct", obj=row, before=before, after=after)
    refresh_following(row)
    return row
