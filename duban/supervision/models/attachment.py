"""Uploaded evidence: stored outside the web root, served only through scope."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.core.images import named_as_image
from duban.supervision.models.item import Item
from duban.supervision.models.report import ProgressReport
from duban.supervision.models.source import Source
from duban.supervision.models.transition import ItemTransition


class Attachment(models.Model):
    """A file attached to a source, an item, a report or a transition.

    The scope of a file is the scope of what it is attached to; ``item`` is set
    for every item-level file so that one check covers them.
    """

    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    transition = models.ForeignKey(
        ItemTransition, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        """Named as a photo: pages show a preview (the preview itself checks the content)."""
        return named_as_image(self.original_name)
