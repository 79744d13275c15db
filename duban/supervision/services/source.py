"""Registering sources (立项)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from duban.audit.services import audit_record, snapshot
from duban.org.models import User
from duban.supervision.models import Attachment, Source
from duban.supervision.policy import check_register
from duban.supervision.services.attachment import attachment_store
from duban.supervision.services.common import validate

SOURCE_FIELDS = (
    "kind",
    "title",
    "doc_number",
    "date",
    "issuer",
    "description",
    "sign_off_mode",
    "is_archived",
)


@transaction.atomic
def source_create(*, actor: User, files: Sequence[UploadedFile] = (), **fields: Any) -> Source:
    """Register a source (来源) of supervision items, with its document and annexes."""
    check_register(actor)
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise ValueError(f"unknown source fields: {unknown}")
    source = Source(created_by=actor, **fields)
    validate(source)
    source.save()
    audit_record(actor=actor, action="source.create", obj=source, after=snapshot(source))
    source_attach(actor=actor, source=source, files=files)
    return source


@transaction.atomic
def source_update(
    *, actor: User, source: Source, files: Sequence[UploadedFile] = (), **changes: Any
) -> Source:
    check_register(actor)
    if changes:
        before = snapshot(source)
        for name, value in changes.items():
            if name not in SOURCE_FIELDS:
                raise ValueError(f"unknown source field: {name}")
            setattr(source, name, value)
        validate(source)
        source.save(update_fields=[*changes, "updated_at"])
        audit_record(actor=actor, action="source.update", obj=source, before=before, after=snapshot(source))
    source_attach(actor=actor, source=source, files=files)
    return source


@transaction.atomic
def source_attach(*, actor: User, source: Source, files: Sequence[UploadedFile]) -> list[Attachment]:
    """Attach files (the document itself, annexes) to a source; all or none are stored."""
    check_register(actor)
    stored = [attachment_store(actor=actor, upload=upload, source=source) for upload in files]
    if stored:
        audit_record(
            actor=actor,
            action="source.attach",
            obj=source,
            after={"files": [{"id": a.pk, "name": a.original_name, "sha256": a.sha256} for a in stored]},
        )
    return stored
