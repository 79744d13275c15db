"""Forms of the indicator pages: entering a value (录入) and correcting one (更正)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duban.indicators.expected import Frequency
from duban.indicators.models import IndicatorDefinition, IndicatorValue, Subject
from duban.web.forms import StyledForm

MONTHS = [(m, str(m)) for m in range(1, 13)]
QUARTERS = [(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))]
GROWTH_HELP = _(
    "The growth as published (at comparable prices). Leave it empty to compute it "
    "from the same period of last year."
)


def _value_field() -> forms.DecimalField:
    return forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)


def _growth_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Growth (%)"), max_digits=9, decimal_places=2, required=False, help_text=GROWTH_HELP
    )


class ValueEntryForm(StyledForm):
    """A new value of one indicator for a subject and period; the period's grain follows the frequency."""

    subject = forms.ModelChoiceField(label=_("Subject"), queryset=Subject.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("Month"), choices=MONTHS, coerce=int)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    value = _value_field()
    growth = _growth_field()

    def __init__(
        self, *args: Any, definition: IndicatorDefinition, subjects: QuerySet[Subject], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects  # type: ignore[attr-defined]
        frequency = Frequency(definition.frequency)
        if frequency is not Frequency.MONTHLY:
            del self.fields["month"]
        if frequency is not Frequency.QUARTERLY:
            del self.fields["quarter"]


class ValueCorrectionForm(StyledForm):
    """A corrected figure; an empty growth is computed again, and the reason goes into the audit trail."""

    value = _value_field()
    growth = _growth_field()
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500, required=False)

    @staticmethod
    def initial_from(row: IndicatorValue) -> dict[str, Decimal | None]:
        return {"value": row.value, "growth": row.growth if row.growth_entered else None}
