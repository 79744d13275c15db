"""Office configuration of lights and reminders (one row each)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LightPreset(models.TextChoices):
    TRAFFIC = "traffic", _("Green / yellow / red")
    BY_CAUSE = "by_cause", _("Blue near deadline, yellow behind, red overdue")
    LADDER = "ladder", _("Escalation ladder blue → orange → red")


class LightSettings(models.Model):
    """Thresholds and colour preset for lights (SPEC B). Working days throughout."""

    preset = models.CharField(
        _("colour scheme"), max_length=12, choices=LightPreset.choices, default=LightPreset.TRAFFIC
    )
    near_days = models.PositiveSmallIntegerField(_("deadline near within (working days)"), default=3)
    behind_margin = models.PositiveSmallIntegerField(_("behind schedule by (points)"), default=10)
    far_behind_margin = models.PositiveSmallIntegerField(_("far behind schedule by (points)"), default=25)
    escalate_days = models.PositiveSmallIntegerField(_("ladder step (working days)"), default=5)

    def __str__(self) -> str:
        return self.preset

    @classmethod
    def current(cls) -> LightSettings:
        return cls.objects.get_or_create(pk=1)[0]


class ReminderSettings(models.Model):
    """When to remind, urge and escalate (SPEC B, 催办/督办). Working days."""

    before_deadline = models.CharField(
        _("remind before deadline (days, comma-separated)"), max_length=40, default="5,3,1"
    )
    before_report = models.CharField(_("remind before report date (days)"), max_length=40, default="2,0")
    urge_every = models.PositiveSmallIntegerField(_("urge overdue items every (days)"), default=3)
    escalate_leader_after = models.PositiveSmallIntegerField(
        _("escalate to leader in charge after (days)"), default=3
    )
    escalate_top_after = models.PositiveSmallIntegerField(
        _("escalate to top leader after (days)"), default=10
    )
    send_email = models.BooleanField(_("send email"), default=True)

    def __str__(self) -> str:
        return "reminders"

    @classmethod
    def current(cls) -> ReminderSettings:
        return cls.objects.get_or_create(pk=1)[0]
