"""Workflow records: every transition, and approvals for dual sign-off."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.supervision.models.item import Item


class ItemTransition(models.Model):
    """One step of the workflow: who, when, from, to, comment (and files)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=24)
    from_state = models.CharField(max_length=24)
    to_state = models.CharField(max_length=24)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.from_state} → {self.to_state}"


class ItemApproval(models.Model):
    """An approval towards dual sign-off (双审), valid for one completion request."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="approvals")
    transition = models.OneToOneField(ItemTransition, on_delete=models.CASCADE, related_name="approval")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    is_current = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.item_id} approved by {self.actor_id}"
