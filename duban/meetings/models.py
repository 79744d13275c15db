"""Review meetings (调度会) and the decision taken on each item (SPEC G)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.core.fields import TitleField
from duban.core.models import BaseModel
from duban.supervision.models import Item


class MeetingStatus(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    PUBLISHED = "published", _("Minutes published")


class DecisionKind(models.TextChoices):
    """What the meeting decided on an item; each lands on the item through a supervision service."""

    NOTED = "noted", _("Noted, carry on")
    NEW_DEADLINE = "new_deadline", _("New deadline")
    REQUIREMENT = "requirement", _("Requirement (sent to the units as an urge)")
    NEW_ITEM = "new_item", _("New item under it")
    ESCALATE = "escalate", _("Escalate (raised to urgent and urged)")


class Meeting(BaseModel):
    """A review meeting: when, who chairs, the filter that chose its items."""

    title = TitleField(_("title"), max_length=120)
    held_on = models.DateField(_("date"))
    chair = models.CharField(_("chaired by"), max_length=60, blank=True)
    selection = models.CharField(
        _("items chosen by"), max_length=500, blank=True
    )  # the ledger's query string
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PREPARED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    minutes = models.BinaryField(_("minutes"), null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")

    def __str__(self) -> str:
        return self.title


class MeetingItem(models.Model):
    """One item on the agenda and the decision on it (empty until decided)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="meeting_entries")
    position = models.PositiveIntegerField()
    decision = models.CharField(_("decision"), max_length=16, choices=DecisionKind.choices, blank=True)
    text = models.CharField(_("what was decided"), max_length=500, blank=True)
    new_deadline = models.DateField(_("new deadline"), null=True, blank=True)
    new_item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "item"], name="meetings_item_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id}:{self.item_id}"
