"""Accountability measures (问责, SPEC G): 约谈, 通报批评, 诫勉谈话 … against a unit or a person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duban.core.fields import TitleField
from duban.core.models import BaseModel
from duban.org.models import Person, Unit
from duban.supervision.models import Item


class MeasureKind(models.TextChoices):
    """The measures offices take, mildest first."""

    REMINDER_TALK = "reminder_talk", _("Reminder talk (提醒谈话)")
    INTERVIEW = "interview", _("Interview (约谈)")
    WRITTEN_EXPLANATION = "written_explanation", _("Written explanation (书面说明)")
    PUBLIC_CRITICISM = "public_criticism", _("Public criticism (通报批评)")
    ADMONITION = "admonition", _("Admonition (诫勉谈话)")
    ORDER_TO_RECTIFY = "order_to_rectify", _("Order to rectify within a deadline (责令限期整改)")
    OTHER = "other", _("Other measure")


class Measure(BaseModel):
    """One measure (问责措施) against a unit or a person (or both), for the items behind it."""

    kind = models.CharField(_("measure"), max_length=24, choices=MeasureKind.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_measures",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_measures",
    )
    items = models.ManyToManyField(Item, verbose_name=_("items"), related_name="accountability_measures")
    taken_on = models.DateField(_("date"))
    reason = TitleField(pgettext_lazy("accountability", "reason"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-taken_on", "-id"]
        verbose_name = _("accountability measure")
        verbose_name_plural = _("accountability measures")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(person__isnull=False),
                name="accountability_measure_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit or self.person}"

    @property
    def target(self) -> str:
        """Who it was taken against: 经济发展局, 王明, or 经济发展局 王明."""
        return " ".join(str(x.name) for x in (self.unit, self.person) if x is not None)
