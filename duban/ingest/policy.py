"""Ingest policy: documents read for drafting are the supervision office's working material."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from duban.core.errors import NotFound
from duban.ingest.models import IngestRun
from duban.supervision.policy import may_register


def ingest_runs_visible(user: Any) -> QuerySet[IngestRun]:
    """Documents read for drafting: the supervision office's working material."""
    runs = IngestRun.objects.select_related("created_by")
    return runs if may_register(user) else runs.none()


def access_ingest_run(user: Any, run_id: int) -> IngestRun:
    run = ingest_runs_visible(user).filter(pk=run_id).first()
    if run is None:
        raise NotFound("document")
    return run
