"""Indicator models (指标监测, SPEC C): definitions, subjects, peer sets, values, targets.

The choice values of frequency and direction are the pure modules' enums
(``expected.Frequency``, ``ranking.Direction``), so what is stored is what the
computation speaks. Values are ``Decimal`` in the indicator's unit (亿元, 万元,
%); growth is in % (比增). A value's period is a month (1–12) or a quarter
(1–4) of a year, or the year itself, as the definition's frequency says; 0
stands for "not this grain" so the uniqueness of (definition, subject, period)
holds in the database (NULLs would never collide).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duban.core.fields import TitleField
from duban.core.models import BaseModel
from duban.indicators.expected import Frequency
from duban.indicators.ranking import Direction
from duban.indicators.warnings import WarningKind
from duban.org.models import Person, Unit, User
from duban.supervision.models import Item

FREQUENCY_CHOICES = [
    (Frequency.MONTHLY.value, _("Monthly")),
    (Frequency.QUARTERLY.value, _("Quarterly")),
    (Frequency.ANNUAL.value, _("Annual")),
]
DIRECTION_CHOICES = [
    (Direction.HIGHER.value, _("Higher is better")),
    (Direction.LOWER.value, _("Lower is better")),
]


class ValueKind(models.TextChoices):
    """Whether a value is cumulative from January (累计值, 1—N月) or for the period itself (当期值)."""

    CUMULATIVE = "cumulative", _("Cumulative (year to date)")
    POINT = "point", _("Point value")


class IndicatorDefinition(BaseModel):
    """An indicator (指标): code, name, unit, frequency, kind, direction, and who answers for it."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = TitleField(_("name"), max_length=100)
    unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=FREQUENCY_CHOICES, default=Frequency.MONTHLY.value
    )
    value_kind = models.CharField(
        _("value kind"), max_length=10, choices=ValueKind.choices, default=ValueKind.CUMULATIVE
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=DIRECTION_CHOICES, default=Direction.HIGHER.value
    )
    category = models.CharField(_("category"), max_length=50, blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_indicators",
    )
    leader = models.ForeignKey(
        Person,
        verbose_name=_("leader in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_indicators",
    )
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_indicators",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class SubjectKind(models.TextChoices):
    ZONE = "zone", _("The zone")
    UNIT = "unit", _("Unit of the zone")
    PEER = "peer", _("Peer")


class Subject(BaseModel):
    """A subject (主体) values are measured for: the zone, one of its units, or a peer (兄弟县区, 开发区)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=SubjectKind.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicator_subjects",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=SubjectKind.UNIT) | Q(unit__isnull=False),
                name="indicators_subject_unit_has_unit",
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(unit__isnull=False), name="indicators_subject_unit_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PeerSet(BaseModel):
    """A named peer set (比较范围) such as the city's districts.

    ``scope_word`` (全市, 全省) is how sentences name it: "增幅排名全市第一".
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    scope_word = models.CharField(_("scope word"), max_length=10, default="全市")
    members = models.ManyToManyField(Subject, verbose_name=_("members"), related_name="peer_sets")

    class Meta:
        ordering = ["name"]
        verbose_name = _("peer set")
        verbose_name_plural = _("peer sets")

    def __str__(self) -> str:
        return self.name


class Provenance(models.TextChoices):
    ENTERED = "entered", _("Entered")
    IMPORTED = "imported", _("Imported")
    COMPUTED = "computed", _("Computed")


class IndicatorValue(BaseModel):
    """A value (指标值) of an indicator for a subject and period, with its growth and provenance.

    ``growth`` is in %; ``growth_entered`` marks a published figure (it wins over the
    computed one, see ``growth.growth_resolve``). An imported value names its file and row.
    """

    definition = models.ForeignKey(
        IndicatorDefinition, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), default=0)  # 1–12, 0 when not monthly
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)  # 1–4, 0 when not quarterly
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    growth = models.DecimalField(_("growth (%)"), null=True, blank=True, max_digits=9, decimal_places=2)
    growth_entered = models.BooleanField(_("growth entered as published"), default=False)
    provenance = models.CharField(
        _("provenance"), max_length=10, choices=Provenance.choices, default=Provenance.ENTERED
    )
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    source_row = models.CharField(_("source row"), max_length=100, blank=True)

    class Meta:
        ordering = ["definition", "subject", "year", "quarter", "month"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "subject", "year", "month", "quarter"],
                name="indicators_value_once_per_period",
            ),
            models.CheckConstraint(condition=Q(month__lte=12), name="indicators_value_month_range"),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="indicators_value_quarter_range"),
            models.CheckConstraint(
                condition=Q(month=0) | Q(quarter=0), name="indicators_value_month_or_quarter"
            ),
            models.CheckConstraint(
                condition=Q(growth_entered=False) | Q(growth__isnull=False),
                name="indicators_value_entered_growth",
            ),
            models.CheckConstraint(
                condition=~Q(provenance=Provenance.IMPORTED) | ~Q(source_file=""),
                name="indicators_value_imported_names_file",
            ),
        ]
        indexes = [models.Index(fields=["subject", "definition", "year"], name="indicators_value_subject")]

    def __str__(self) -> str:
        return f"{self.definition_id}/{self.subject_id}/{self.year}-{self.quarter or self.month}"

    def clean(self) -> None:
        """The period's grain follows the definition's frequency (a month for monthly figures …)."""
        super().clean()
        if self.definition_id is None:
            return
        frequency = self.definition.frequency
        if frequency == Frequency.MONTHLY and not 1 <= self.month <= 12:
            raise ValidationError({"month": _("A monthly indicator needs a month from 1 to 12.")})
        if frequency == Frequency.QUARTERLY and not 1 <= self.quarter <= 4:
            raise ValidationError({"quarter": _("A quarterly indicator needs a quarter from 1 to 4.")})
        if frequency != Frequency.MONTHLY and self.month:
            raise ValidationError({"month": _("Only a monthly indicator has a month.")})
        if frequency != Frequency.QUARTERLY and self.quarter:
            raise ValidationError({"quarter": _("Only a quarterly indicator has a quarter.")})


class Target(BaseModel):
    """The zone's annual target (年度目标) of an indicator: a value, a growth in %, or both."""

    definition = models.ForeignKey(
        IndicatorDefinition, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target value"), null=True, blank=True, max_digits=20, decimal_places=4)
    growth = models.DecimalField(
        _("growth target (%)"), null=True, blank=True, max_digits=9, decimal_places=2
    )

    class Meta:
        ordering = ["definition", "-year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["definition", "year"], name="indicators_target_once_per_year"),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(growth__isnull=False),
                name="indicators_target_value_or_growth",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition_id}/{self.year}"


WARNING_KIND_CHOICES = [
    (WarningKind.BELOW_EXPECTED.value, _("Below the expected value")),
    (WarningKind.BELOW_GROWTH_TARGET.value, _("Growth below the target")),
    (WarningKind.RANK_DROPPED.value, _("Rank dropped")),
    (WarningKind.REPEATED_DECLINE.value, _("Repeated decline of growth")),
]


class IndicatorItemLink(BaseModel):
    """A warning (预警) of an indicator turned into a supervision item (预警转督办): both ends link.

    One item per warning: the indicator, subject, period and kind of warning are unique, so
    a second request for the same warning finds the item instead of creating another.
    """

    definition = models.ForeignKey(
        IndicatorDefinition, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="item_links"
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="item_links"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), default=0)
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    warning_kind = models.CharField(_("warning"), max_length=30, choices=WARNING_KIND_CHOICES)
    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="indicator_links"
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("warning turned into an item")
        verbose_name_plural = _("warnings turned into items")
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "subject", "year", "month", "quarter", "warning_kind"],
                name="indicators_item_link_once_per_warning",
            ),
        ]

    def __str__(self) -> str:
        period = self.quarter or self.month
        return f"{self.definition_id}/{self.subject_id}/{self.year}-{period}/{self.warning_kind}"
