"""Supervision items (督办事项): the ledger tree, its fields and milestones."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.core import clock
from duban.core.fields import TAG_MAX, TitleField, validate_day, validate_percent
from duban.core.models import BaseModel
from duban.org.models import Person, Unit
from duban.supervision.models.source import Source
from duban.supervision.workflow import State


class ItemKind(models.TextChoices):
    PROBLEM = "problem", _("Problem")
    MEASURE = "measure", _("Measure")
    TASK = "task", _("Task")


class Priority(models.TextChoices):
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class ReportFrequency(models.TextChoices):
    NONE = "none", _("No regular report")
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Fortnightly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class Recurrence(models.TextChoices):
    """How a recurring item (a standing weekly 调度, annual work reported monthly) repeats."""

    NONE = "none", _("Does not recur")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every fortnight")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")


class DeliveryGrade(models.TextChoices):
    """The supervisor's judgement of the likelihood of delivery (four grades)."""

    NONE = "", _("Not judged")
    ON_TRACK = "green", _("On track")
    PROBLEMS = "amber_green", _("Problems, manageable")
    SERIOUS = "amber_red", _("Serious problems")
    UNLIKELY = "red", _("Delivery unlikely")


class Tag(models.Model):
    name = TitleField(_("name"), max_length=TAG_MAX, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Item(BaseModel):
    """A supervision item: problem, measure or task, in a source's ledger tree.

    ``number`` is the ledger number (1, 1.2, 1.2.3), kept by the tree services;
    ``path`` is the same as zero-padded text so the whole ledger sorts by it.
    ``version`` guards against lost updates (optimistic locking).
    """

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="items", verbose_name=_("source")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, default=ItemKind.MEASURE)
    position = models.PositiveIntegerField(default=1)
    number = models.CharField(_("No."), max_length=60, blank=True)
    path = models.CharField(max_length=200, blank=True, db_index=True)
    title = TitleField(_("title"), max_length=500)
    content = models.TextField(_("content"), blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_items",
        verbose_name=_("lead unit"),
    )
    cooperating_units = models.ManyToManyField(
        Unit, blank=True, related_name="cooperating_items", verbose_name=_("cooperating units")
    )
    leader = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_items",
        verbose_name=_("leader in charge"),
    )
    responsible = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_items",
        verbose_name=_("responsible person"),
    )
    start_date = models.DateField(_("start"), null=True, blank=True, validators=[validate_day])
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, db_index=True, validators=[validate_day]
    )
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_unit = models.CharField(_("target unit"), max_length=30, blank=True)
    actual_value = models.DecimalField(_("actual"), max_digits=18, decimal_places=4, null=True, blank=True)
    progress_percent = models.PositiveSmallIntegerField(
        _("progress %"), default=0, validators=[validate_percent]
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="items", verbose_name=_("tags"))
    report_frequency = models.CharField(
        _("reporting frequency"), max_length=12, choices=ReportFrequency.choices, default=ReportFrequency.NONE
    )
    state = models.CharField(
        _("status"), max_length=24, choices=State.choices, default=State.DRAFT, db_index=True
    )
    state_before_suspension = models.CharField(max_length=24, blank=True)
    # Asked for by an open extension request.
    pending_deadline = models.DateField(null=True, blank=True, validators=[validate_day])
    delivery_grade = models.CharField(
        _("delivery judgement"), max_length=12, choices=DeliveryGrade.choices, blank=True, default=""
    )
    delivery_reason = models.CharField(_("reason for the judgement"), max_length=500, blank=True)
    # The light as every page, list, filter, count, export and the API show it:
    # computed by lights.compute_light for the day ``light_on`` and refreshed by
    # services.lights (after each change, nightly, and before any read on a later day).
    light = models.CharField(_("light"), max_length=12, blank=True, db_index=True)
    light_reasons = models.JSONField(default=list, blank=True)
    light_on = models.DateField(null=True, blank=True, db_index=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    follow_up_date = models.DateField(_("follow-up check"), null=True, blank=True, validators=[validate_day])
    recurrence = models.CharField(
        _("recurs"), max_length=12, choices=Recurrence.choices, default=Recurrence.NONE
    )
    occurrence_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="occurrences"
    )
    occurrence_label = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["source_id", "path"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        indexes = [
            models.Index(fields=["lead_unit", "state"]),
            models.Index(fields=["leader", "state"]),
            models.Index(fields=["source", "path"]),
            # lights_current's "not today" reads (services/lights.py _stale_ids), on every list page.
            models.Index(fields=["state", "light_on"], name="item_state_light_on"),
            models.Index(fields=["light", "light_on"], name="item_light_light_on"),
        ]
        constraints = [
            # Behind services.tree.tree_lock, the last line of defence: a ledger number
            # names one item of its source (it spells the positions, so siblings'
            # positions are distinct too, top level included).
            models.UniqueConstraint(fields=["source", "number"], name="item_number_unique_in_source"),
            # A recurring item has one occurrence per period.
            models.UniqueConstraint(
                fields=["occurrence_of", "occurrence_label"],
                condition=models.Q(occurrence_of__isnull=False),
                name="item_occurrence_once_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def is_recurrence_template(self) -> bool:
        """A recurring item's template (周期模板): the schedule, not work of its own.

        Each period's occurrence is the tracked item; the template has no light
        and is not reminded (see services/recurrence.py).
        """
        return self.recurrence != Recurrence.NONE and self.occurrence_of_id is None

    @property
    def start_day(self) -> dt.date | None:
        """The day work starts (序时 counts from it): the start date, else the day of assignment.

        The day of assignment is taken in the office's time zone (an item assigned
        at 03:52 Beijing time starts that day, not on the UTC day before).
        """
        if self.start_date is not None:
            return self.start_date
        return clock.local_date(self.assigned_at) if self.assigned_at else None


# ``Item.is_recurrence_template`` as a query condition.
RECURRENCE_TEMPLATE = models.Q(occurrence_of__isnull=True) & ~models.Q(recurrence=Recurrence.NONE)


class Milestone(BaseModel):
    """A time node (时间节点): a date and the output expected by then."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="milestones")
    due = models.DateField(_("date"), validators=[validate_day])
    title = TitleField(_("expected output"), max_length=300)
    percent = models.PositiveSmallIntegerField(
        _("expected progress %"), null=True, blank=True, validators=[validate_percent]
    )
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[validate_day])

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return f"{self.due} {self.title}"


class DeadlineChange(models.Model):
    """The deadline's history: every change, who made it and why."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="deadline_changes")
    old = models.DateField(null=True)
    new = models.DateField(null=True)
    reason = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"
