"""Document ingestion (文件智能分解): a run per uploaded document, and its draft items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.core.models import BaseModel
from duban.org.models import Unit


class IngestRun(BaseModel):
    """One document read: its cleaned text, metadata and the extractor's full result."""

    file_name = models.CharField(_("file"), max_length=255)
    file_kind = models.CharField(max_length=10)
    sha256 = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=300, blank=True)
    published = models.DateTimeField(_("published"), null=True, blank=True)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    ref_date = models.DateField(_("reference date"))
    ref_date_source = models.CharField(max_length=10)  # "document" or "caller"
    body = models.TextField()
    result = models.JSONField(default=dict)
    warnings = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or self.file_name


class DraftKind(models.TextChoices):
    TASK = "task", _("Task")
    PROBLEM = "problem", _("Problem")


class DraftStatus(models.TextChoices):
    PENDING = "pending", _("To review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class DraftItem(models.Model):
    """A drafted ledger line: what the extractor proposes, edited by the reviewer."""

    run = models.ForeignKey(IngestRun, on_delete=models.CASCADE, related_name="drafts")
    order = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=DraftKind.choices)
    title = models.CharField(_("title"), max_length=500)
    sentence = models.TextField()  # the source text it came from
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    section = models.CharField(_("section"), max_length=300, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(max_length=100, blank=True)
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_unit = models.CharField(_("target unit"), max_length=30, blank=True)
    owner_text = models.CharField(_("owner as written"), max_length=200, blank=True)
    lead_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("lead unit"))
    cooperating = models.JSONField(_("cooperating units as written"), default=list, blank=True)
    reported_done = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=DraftStatus.choices, default=DraftStatus.PENDING)
    item = models.ForeignKey("supervision.Item", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        ordering = ["run", "order"]

    def __str__(self) -> str:
        return self.title
