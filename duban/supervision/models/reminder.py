"""Reminders (催办), escalations (督办), in-app notifications and robot channels."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.org.models import Unit
from duban.supervision.models.item import Item


class RobotKind(models.TextChoices):
    DINGTALK = "dingtalk", _("DingTalk robot")
    WECOM = "wecom", _("WeCom robot")
    FEISHU = "feishu", _("Feishu robot")


class RobotChannel(models.Model):
    """A chat-group robot webhook; ``unit`` empty means the supervision office's group."""

    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=RobotKind.choices)
    webhook_url = models.URLField(_("webhook URL"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=200, blank=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="robots")
    is_active = models.BooleanField(_("active"), default=True)

    def __str__(self) -> str:
        return self.name


class ReminderKind(models.TextChoices):
    BEFORE_DEADLINE = "before_deadline", _("Deadline reminder")
    REPORT_DUE = "report_due", _("Report reminder")
    OVERDUE = "overdue", _("Urging notice")
    ESCALATE_LEADER = "escalate_leader", _("Escalated to leader in charge")
    ESCALATE_TOP = "escalate_top", _("Escalated to top leader")
    MANUAL = "manual", _("Urged by the supervision office")


class ReminderLog(models.Model):
    """Every reminder sent, once: ``key`` makes a second run of the job send nothing."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    key = models.CharField(max_length=200)
    channel = models.CharField(max_length=20)  # in_app, email, dingtalk, wecom, feishu
    recipient = models.CharField(max_length=300)
    sent_at = models.DateTimeField()
    ok = models.BooleanField(default=True)
    error = models.CharField(max_length=500, blank=True)
    # The message as composed ({title, text, url}), kept when a send fails so that it can be resent.
    message = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["key", "channel", "recipient"], name="reminder_once")]
        # The office's page of failed deliveries reads only these, newest first.
        indexes = [models.Index(fields=["-sent_at"], condition=models.Q(ok=False), name="reminder_failed")]

    def __str__(self) -> str:
        return self.key


class NotificationKind(models.TextChoices):
    """What a notification is about: the reminder kinds and a leader's instruction (批示)."""

    BEFORE_DEADLINE = ReminderKind.BEFORE_DEADLINE.value, ReminderKind.BEFORE_DEADLINE.label
    REPORT_DUE = ReminderKind.REPORT_DUE.value, ReminderKind.REPORT_DUE.label
    OVERDUE = ReminderKind.OVERDUE.value, ReminderKind.OVERDUE.label
    ESCALATE_LEADER = ReminderKind.ESCALATE_LEADER.value, ReminderKind.ESCALATE_LEADER.label
    ESCALATE_TOP = ReminderKind.ESCALATE_TOP.value, ReminderKind.ESCALATE_TOP.label
    MANUAL = ReminderKind.MANUAL.value, ReminderKind.MANUAL.label
    INSTRUCTION = "instruction", _("Leader's instruction")
    DIGEST = "digest", _("Weekly digest")


class Notification(models.Model):
    """An in-app message to a user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The frame counts a user's unread ones on every page.
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class Urge(models.Model):
    """A supervisor's urging of an item (催办): who, when, with what words.

    The deliveries themselves are ``ReminderLog`` rows of kind ``manual``.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="urges")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    message = models.CharField(_("message"), max_length=500, blank=True)
    deliveries = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.item_id}@{self.at:%Y-%m-%d}"
