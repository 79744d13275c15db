"""Key projects (重点项目, SPEC E) and investment attraction (招商): the stored facts.

Money is ``Decimal`` in 万元 throughout. A project's plan is for one year
(``year``, 计划年度): its annual planned investment (年度计划投资) and, optionally,
a monthly profile (``monthly_profile``: twelve cumulative percentages of the
annual plan expected by the end of each month; empty means linear by month).
Monthly reports (月度调度) are immutable; a correction is a new report that
``supersedes`` the one it corrects, so the current report of a month is the one
nobody supersedes. Flags (低于序时进度, 未开工 …) are computed, never stored
(``duban.projects.schedule``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duban.core.fields import TitleField, long_text_validator, note_text_validator, validate_day
from duban.core.images import named_as_image
from duban.core.models import BaseModel
from duban.org.models import Person, Unit
from duban.supervision.models import Item

# Money in 万元 with two decimals (元 precision is 0.0001 万元; the 调度表 keeps 0.01).
MONEY_DIGITS, MONEY_PLACES = 14, 2


class ProjectKind(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    LIVELIHOOD = "livelihood", _("Livelihood")
    SOCIAL = "social", _("Social undertaking")


class ProjectStatus(models.TextChoices):
    PREPARATORY = "preparatory", _("Preparatory work")
    NOT_STARTED = "not_started", _("Not started")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    COMPLETED = "completed", _("Completed")
    PRODUCING = "producing", _("In production")


# Projects whose work is still ahead: they report monthly and carry flags.
OPEN_STATUSES = frozenset(
    {ProjectStatus.PREPARATORY, ProjectStatus.NOT_STARTED, ProjectStatus.UNDER_CONSTRUCTION}
)
# Projects that have not broken ground: 未开工 applies once the planned start has passed.
UNSTARTED_STATUSES = frozenset({ProjectStatus.PREPARATORY, ProjectStatus.NOT_STARTED})


class Project(BaseModel):
    """A key project (重点项目) on one year's ledger; ``parent`` groups segments (五纵五横 → 一纵)."""

    code = models.CharField(_("project No."), max_length=40, blank=True)
    name = TitleField(_("project name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("plan year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    area = models.ForeignKey(
        Unit,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="area_projects",
    )
    content = models.TextField(_("scale and content"), blank=True, validators=[note_text_validator])
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_projects"
    )
    cooperating_units = models.ManyToManyField(
        Unit, blank=True, related_name="cooperating_projects", verbose_name=_("cooperating units")
    )
    leader = models.ForeignKey(
        Person,
        verbose_name=_("leader in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_projects",
    )
    total_investment = models.DecimalField(
        _("total investment (10k yuan)"), default=0, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES
    )
    annual_investment = models.DecimalField(
        _("annual planned investment (10k yuan)"),
        default=0,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True, validators=[validate_day])
    planned_finish = models.DateField(_("planned finish"), null=True, blank=True, validators=[validate_day])
    actual_start = models.DateField(_("actual start"), null=True, blank=True, validators=[validate_day])
    actual_finish = models.DateField(_("actual finish"), null=True, blank=True, validators=[validate_day])
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PREPARATORY,
        db_index=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Twelve cumulative percentages (0–100, rising) of the annual plan expected by each month's end.
    monthly_profile = models.JSONField(_("monthly profile"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["year", "code", "name", "id"]
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")
        indexes = [
            models.Index(fields=["lead_unit", "status"]),
            models.Index(fields=["leader", "status"]),
            models.Index(fields=["year", "kind"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "code"], condition=~Q(code=""), name="project_code_unique_in_year"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Milestone(BaseModel):
    """A node of the project's plan (节点计划): a date and the output expected by then."""

    project = models.ForeignKey(
        Project, verbose_name=_("key project"), on_delete=models.CASCADE, related_name="milestones"
    )
    due = models.DateField(_("date"), validators=[validate_day])
    title = TitleField(_("expected output"), max_length=300)
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[validate_day])

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("project milestone")

    def __str__(self) -> str:
        return f"{self.due} {self.title}"


class MonthlyReport(models.Model):
    """A monthly report (月度调度): investment in the month and year to date (万元), physical progress.

    Immutable once submitted; a correction is a new report that ``supersedes`` this one.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("key project"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    month_investment = models.DecimalField(
        _("investment this month (10k yuan)"), max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES
    )
    ytd_investment = models.DecimalField(
        _("investment year to date (10k yuan)"), max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES
    )
    progress = models.TextField(_("physical progress"), validators=[long_text_validator])
    problems = models.TextField(
        _("problems needing coordination"), blank=True, validators=[note_text_validator]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("corrects report"),
    )

    class Meta:
        ordering = ["-year", "-month", "-submitted_at", "-id"]
        verbose_name = _("monthly report")
        indexes = [models.Index(fields=["project", "year", "month"])]

    def __str__(self) -> str:
        return f"{self.project_id} {self.year}-{self.month:02d}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Guard, not behaviour: reports are immutable once submitted.
        if not self._state.adding:
            raise RuntimeError("monthly reports are immutable; submit a correction instead")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ReportPhoto(models.Model):
    """A photo of physical progress (形象进度照片), checked by content; served only through scope."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="project-photos/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        """Named as a photo: pages show a thumbnail (serving checks the content again)."""
        return named_as_image(self.original_name)


class ProjectItemLink(models.Model):
    """A project (or one report's problem) ↔ a supervision item: read both ways."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="item_links")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="project_links")
    report = models.ForeignKey(
        MonthlyReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="item_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "item"], name="project_item_link_unique")]

    def __str__(self) -> str:
        return f"{self.project_id}↔{self.item_id}"


class LeadStage(models.TextChoices):
    """Stages of an attraction lead, in order (洽谈 → 签约 → 落地 → 开工 → 投产)."""

    TALKS = "talks", _("In talks")
    SIGNED = "signed", _("Signed")
    LANDED = "landed", _("Landed (registered)")
    STARTED = "started", _("Started")
    PRODUCING = "producing", _("Producing")


class LeadOrigin(models.TextChoices):
    TAIWAN = "taiwan", _("Taiwan-funded")
    FOREIGN = "foreign", _("Foreign-funded")
    DOMESTIC = "domestic", _("Domestic")


class Lead(BaseModel):
    """An attraction lead (招商项目): a firm or project followed from talks to production.

    Each stage reached keeps its date (``talks_on`` … ``producing_on``); ``stage`` is
    the furthest reached. ``project`` is the key project it became once started.
    """

    name = TitleField(_("lead name"), max_length=200)
    stage = models.CharField(_("stage"), max_length=12, choices=LeadStage.choices, default=LeadStage.TALKS)
    talks_on = models.DateField(_("talks began"), null=True, blank=True, validators=[validate_day])
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=[validate_day])
    landed_on = models.DateField(_("landed on"), null=True, blank=True, validators=[validate_day])
    started_on = models.DateField(_("started on"), null=True, blank=True, validators=[validate_day])
    producing_on = models.DateField(_("producing since"), null=True, blank=True, validators=[validate_day])
    amount = models.DecimalField(
        _("investment amount (10k yuan)"),
        null=True,
        blank=True,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
    )
    origin = models.CharField(_("origin of capital"), max_length=12, choices=LeadOrigin.choices)
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("working unit"), on_delete=models.PROTECT, related_name="leads"
    )
    note = models.TextField(_("note"), blank=True, validators=[note_text_validator])
    project = models.OneToOneField(
        Project,
        verbose_name=_("key project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-talks_on", "name", "id"]
        verbose_name = _("attraction lead")
        indexes = [models.Index(fields=["unit", "stage"]), models.Index(fields=["origin", "stage"])]

    def __str__(self) -> str:
        return self.name


class AttractionTarget(BaseModel):
    """A target (招商目标) for a period: between ``count_min`` and ``count_max`` leads reaching ``stage``.

    seed-000: 2019年春节前将有3—5个台资企业落户 → stage landed, origin Taiwan-funded,
    period up to the Spring Festival, range 3–5. Blank origin or sector count every lead.
    """

    title = TitleField(_("target"), max_length=200)
    period_start = models.DateField(_("period from"), validators=[validate_day])
    period_end = models.DateField(_("period to"), validators=[validate_day])
    stage = models.CharField(_("stage"), max_length=12, choices=LeadStage.choices, default=LeadStage.LANDED)
    origin = models.CharField(_("origin of capital"), max_length=12, choices=LeadOrigin.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    count_min = models.PositiveIntegerField(_("at least"))
    count_max = models.PositiveIntegerField(_("at most"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_end", "id"]
        verbose_name = _("attraction target")

    def __str__(self) -> str:
        return self.title


class ProjectSettings(models.Model):
    """How far behind the time-proportional investment a project turns yellow and red (percentage points).

    The colours follow the supervision lights' preset (``LightSettings.preset``).
    """

    behind_margin = models.PositiveSmallIntegerField(_("behind schedule by (points)"), default=10)
    far_behind_margin = models.PositiveSmallIntegerField(_("far behind schedule by (points)"), default=25)

    def __str__(self) -> str:
        return "projects"

    @classmethod
    def current(cls) -> ProjectSettings:
        return cls.objects.get_or_create(pk=1)[0]
