"""Ingest policy: documents read for drafting are the supervision office's working material."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from duban.core.errors import NotFound, PermissionDenied
from duban.ingest.models import IngestRun
from duban.org.scope import Viewer
from duban.supervision.policy import may_register


def may_ingest(user: Viewer) -> bool:
    """Reading documents and drafting items from them feeds registration: the office's (督查室)."""
    return may_register(user)


def check_ingest(user: Viewer) -> None:
    if not may_ingest(user):
        raise PermissionDenied(_("Only the supervision office reads documents and drafts items from them."))


def ingest_runs_visible(user: Viewer) -> QuerySet[IngestRun]:
    """Documents read for drafting: the supervision office's working material."""
    runs = IngestRun.objects.select_related("created_by")
    return runs if may_ingest(user) else runs.none()


def access_ingest_run(user: Viewer, run_id: int) -> IngestRun:
    run = ingest_runs_visible(user).filter(pk=run_id).first()
    if run is None:
        raise NotFound("document")
    return run
