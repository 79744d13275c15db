"""Sources (来源): where supervision items come from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.core.fields import TitleField, validate_day
from duban.core.models import BaseModel


class SourceKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection feedback")
    MEETING = "meeting", _("Meeting decision")
    INSTRUCTION = "instruction", _("Leader's instruction")
    DOCUMENT = "document", _("Document or plan")
    KEY_WORK = "key_work", _("Annual key work")
    LIVELIHOOD = "livelihood", _("Livelihood project")
    SUGGESTION = "suggestion", _("Deputies' suggestion or proposal")
    VISIT = "visit", _("Enterprise visit problem")
    PETITION = "petition", _("Petition or dispute")


class SignOffMode(models.TextChoices):
    SINGLE = "single", _("Supervisor signs off")
    DUAL_LEADER = "dual_leader", _("Leader in charge approves, then supervisor signs off")
    DUAL_SUPERVISOR = "dual_supervisor", _("Two different supervisors")


class Source(BaseModel):
    """A source (来源) with a date, document number (文号) and attachments."""

    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    title = TitleField(_("title"), max_length=300)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    date = models.DateField(_("date"), validators=[validate_day])
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    sign_off_mode = models.CharField(
        _("sign-off"), max_length=20, choices=SignOffMode.choices, default=SignOffMode.SINGLE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title
