"""Abstract base model shared by every domain model."""

from django.db import models


class BaseModel(models.Model):
    """Every row knows when it was created and last changed (aware datetimes)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
