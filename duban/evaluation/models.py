"""Evaluation models (考核评价, SPEC D): schemes, their tree of nodes, subjects, values, events, scenarios.

A scheme is one year's evaluation (``year``); the same ``name`` over several
years is its history. Subjects are the indicators app's (``indicators.Subject``:
peers such as the province's other zones, or the zone's own units), each in an
optional regional group (区域分组). The tree is ``SchemeNode`` rows (categories,
intermediate nodes, indicators) whose weights are points or percentages as the
scheme says; an indicator node may read its values from an indicator of the
indicators app (``indicator`` and ``measure``), else from entered values.
Everything stored is validated by the pure :func:`duban.evaluation.scheme.scheme_build`
before it is written (see ``services``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duban.core.fields import TitleField
from duban.core.models import BaseModel
from duban.evaluation.scheme import AdjustmentKind, WeightMode
from duban.evaluation.scoring import Method
from duban.indicators.models import DIRECTION_CHOICES, IndicatorDefinition, Subject
from duban.indicators.ranking import Direction
from duban.org.models import User

MODE_CHOICES = [
    (WeightMode.POINTS.value, _("Points out of the total")),
    (WeightMode.PERCENT.value, _("Percentages")),
]
METHOD_CHOICES = [
    (Method.MIN_MAX.value, _("Min–max over the peers")),
    (Method.Z_SCORE.value, _("Z-score")),
    (Method.RATIO_TO_BEST.value, _("Ratio to the best")),
    (Method.TARGET.value, _("Achievement against target")),
    (Method.RANK_POINTS.value, _("Points by rank")),
    (Method.BANDS.value, _("Threshold bands")),
    (Method.ENTERED.value, _("Entered score")),
]
KIND_CHOICES = [(AdjustmentKind.BONUS.value, _("Bonus")), (AdjustmentKind.DEDUCTION.value, _("Deduction"))]


class Measure(models.TextChoices):
    """What an indicator node reads of its linked indicator: the value (总量) or its growth (增幅)."""

    VALUE = "value", _("Value")
    GROWTH = "growth", _("Growth")


class Scheme(BaseModel):
    """An evaluation scheme (评价体系) for one year, its total points and how its weights are written."""

    name = TitleField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.DecimalField(_("total points"), max_digits=10, decimal_places=2)
    weight_mode = models.CharField(
        _("weights"), max_length=10, choices=MODE_CHOICES, default=WeightMode.POINTS.value
    )
    description = models.TextField(_("description"), blank=True)
    subjects: models.ManyToManyField[Subject, SchemeSubject] = models.ManyToManyField(
        Subject, through="SchemeSubject", verbose_name=_("subjects"), related_name="schemes"
    )

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="evaluation_scheme_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class SchemeSubject(BaseModel):
    """A subject evaluated by a scheme (被评价对象), in its regional group ("" when none)."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="members"
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.CharField(_("regional group"), max_length=50, blank=True)

    class Meta:
        ordering = ["scheme", "subject__sort_order", "subject__name"]
        verbose_name = _("evaluated subject")
        verbose_name_plural = _("evaluated subjects")
        constraints = [models.UniqueConstraint(fields=["scheme", "subject"], name="evaluation_subject_once")]

    def __str__(self) -> str:
        return f"{self.scheme_id}/{self.subject_id}"


class SchemeNode(BaseModel):
    """A category or indicator of a scheme (类别 / 指标); an indicator has a method, a category children."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=40)
    name = TitleField(_("name"), max_length=100)
    weight = models.DecimalField(_("weight"), max_digits=10, decimal_places=4)
    method = models.CharField(_("scoring method"), max_length=20, choices=METHOD_CHOICES, blank=True)
    params = models.JSONField(_("method parameters"), default=dict, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=DIRECTION_CHOICES, default=Direction.HIGHER.value
    )
    indicator = models.ForeignKey(
        IndicatorDefinition,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_nodes",
    )
    measure = models.CharField(_("measure"), max_length=10, choices=Measure.choices, default=Measure.VALUE)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["scheme", "sort_order", "pk"]
        verbose_name = _("scheme node")
        verbose_name_plural = _("scheme nodes")
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="evaluation_node_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SchemeAdjustment(BaseModel):
    """A bonus or deduction item (加分项 / 扣分项): points per counted event, up to a cap."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="adjustments"
    )
    code = models.CharField(_("code"), max_length=40)
    name = TitleField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES)
    per_event = models.DecimalField(_("points per event"), max_digits=8, decimal_places=2)
    cap = models.DecimalField(_("at most"), max_digits=8, decimal_places=2)
    category = models.ForeignKey(
        SchemeNode,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["scheme", "sort_order", "pk"]
        verbose_name = _("bonus or deduction item")
        verbose_name_plural = _("bonus and deduction items")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="evaluation_adjustment_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EvaluationValue(BaseModel):
    """An entered value or score (录入值 / 评分) of an indicator node for a subject, and its own target.

    For an entered (qualitative) indicator ``value`` is the points given. An entered
    value wins over the linked indicator's figure.
    """

    node = models.ForeignKey(
        SchemeNode, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), null=True, blank=True, max_digits=20, decimal_places=4)
    target = models.DecimalField(_("target"), null=True, blank=True, max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["node", "subject"]
        verbose_name = _("evaluation value")
        verbose_name_plural = _("evaluation values")
        constraints = [
            models.UniqueConstraint(fields=["node", "subject"], name="evaluation_value_once"),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(target__isnull=False), name="evaluation_value_or_target"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.node_id}/{self.subject_id}"


class AdjustmentEvent(BaseModel):
    """A counted event of a bonus or deduction item (e.g. one problem an inspection fed back)."""

    adjustment = models.ForeignKey(
        SchemeAdjustment,
        verbose_name=_("bonus or deduction item"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveIntegerField(_("number of events"), default=1)
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["adjustment", "subject", "occurred_on", "pk"]
        verbose_name = _("bonus or deduction event")
        verbose_name_plural = _("bonus and deduction events")
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="evaluation_event_counts")]

    def __str__(self) -> str:
        return f"{self.adjustment_id}/{self.subject_id} ×{self.count}"


class Scenario(BaseModel):
    """A named what-if (情景模拟) of a scheme: changed values, kept by its owner.

    ``changes`` is a list of ``{"indicator": node code, "subject": subject id, "value": "12.5" | null}``.
    """

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="scenarios"
    )
    owner = models.ForeignKey(User, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+")
    name = TitleField(_("name"), max_length=100)
    changes = models.JSONField(_("changed values"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["scheme", "owner", "name"]
        verbose_name = _("what-if scenario")
        verbose_name_plural = _("what-if scenarios")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "owner", "name"], name="evaluation_scenario_name_once")
        ]

    def __str__(self) -> str:
        return self.name
