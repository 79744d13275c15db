"""Progress reports (进展反馈) and leaders' instructions (领导批示)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.core.fields import long_text_validator, note_text_validator, validate_day, validate_percent
from duban.supervision.models.item import Item


class ProgressReport(models.Model):
    """A progress report: immutable once submitted; a correction is a new report."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(db_index=True)
    # The report date this one answers.
    due_date = models.DateField(null=True, blank=True, validators=[validate_day])
    text = models.TextField(_("progress"), validators=[long_text_validator])
    percent = models.PositiveSmallIntegerField(
        _("progress %"), null=True, blank=True, validators=[validate_percent]
    )
    actual_value = models.DecimalField(_("actual"), max_digits=18, decimal_places=4, null=True, blank=True)
    problems = models.TextField(_("problems met"), blank=True, validators=[note_text_validator])
    next_steps = models.TextField(_("next steps"), blank=True, validators=[note_text_validator])
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item_id} @ {self.submitted_at:%Y-%m-%d}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Guard, not behaviour: reports are immutable once submitted.
        if not self._state.adding:
            raise RuntimeError("progress reports are immutable; submit a correction instead")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Instruction(models.Model):
    """A leader's written instruction (领导批示) on an item."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="instructions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    text = models.TextField(_("instruction"), validators=[note_text_validator])

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.text[:20]}"
