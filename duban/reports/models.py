"""Supervision bulletins (督查通报): the office's template and every bulletin issued.

A bulletin is issued once and kept as it was sent (its .docx is stored), so a
later download gives the same document even after the ledger has moved on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duban.core.models import BaseModel


class BulletinTemplate(models.Model):
    """The office's bulletin template (通报模板, one row): 版头, 文号, wording of the fixed parts.

    ``number_format`` and ``title_format`` take ``{year}``, ``{serial}``, ``{start}``, ``{end}``
    (dates as 2019年6月30日); the paragraphs are plain text, one paragraph per line.
    """

    issuer = models.CharField(_("issuing body (版头)"), max_length=60, default="督查室")
    number_format = models.CharField(
        _("document number (文号)"), max_length=60, default="督查通报〔{year}〕{serial}号"
    )
    title_format = models.CharField(
        _("title"), max_length=120, default="关于{start}至{end}重点工作督查情况的通报"
    )
    recipients = models.CharField(_("recipients (主送)"), max_length=200, default="各单位：")
    opening = models.TextField(
        _("opening paragraph"),
        default="为推动各项工作落到实处，现将{start}至{end}督办事项落实情况通报如下。",
    )
    next_steps = models.TextField(
        _("next steps"),
        default=(
            "各牵头单位要对照逾期事项逐项明确整改措施和完成时限，主要负责同志亲自过问、亲自推动。\n"
            "督查室将持续跟踪督办，对整改不力、进度滞后的单位和个人按规定予以通报问责。"
        ),
    )
    signature = models.CharField(_("signature (落款)"), max_length=60, default="督查室")
    weekly_issuer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issue last week's bulletin every Monday as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A supervision office account; empty: bulletins are issued by hand only."),
    )

    def __str__(self) -> str:
        return self.issuer

    @classmethod
    def current(cls) -> BulletinTemplate:
        return cls.objects.get_or_create(pk=1)[0]


class Bulletin(BaseModel):
    """One issued bulletin (期): its number in the year, the period and scope it covers, the document."""

    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveSmallIntegerField(_("serial number"))
    number = models.CharField(_("document number"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    as_of = models.DateField(_("as of"))
    scope_label = models.CharField(_("scope"), max_length=100, blank=True)
    figures = models.JSONField(_("figures"), default=dict)
    document = models.BinaryField(_("document"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("bulletin", "issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-serial"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="reports_bulletin_serial_once")
        ]

    def __str__(self) -> str:
        return self.number


class DigestLog(models.Model):
    """Every weekly digest sent, once: ``key`` (the week) and the recipient make a second run send nothing."""

    key = models.CharField(max_length=40)  # e.g. "2019-W31"
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=20)  # in_app, email
    sent_at = models.DateTimeField()
    ok = models.BooleanField(default=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["key", "user", "channel"], name="reports_digest_once")]

    def __str__(self) -> str:
        return f"{self.key}:{self.user_id}:{self.channel}"
