"""Registering sources (立项)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from duban.audit.services import audit_record, snapshot
from duban.org.scope import check_register
from duban.supervision.models import Source
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
def source_create(*, actor: Any, **fields: Any) -> Source:
    """Register a source (来源) of supervision items."""
    check_register(actor)
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise ValueError(f"unknown source fields: {unknown}")
    source = Source(created_by=actor, **fields)
    validate(source)
    source.save()
    audit_record(actor=actor, action="source.create", obj=source, after=snapshot(source))
    return source


@transaction.atomic
def source_update(*, actor: Any, source: Source, **changes: Any) -> Source:
    check_register(actor)
    before = snapshot(source)
    for name, value in changes.items():
        if name not in SOURCE_FIELDS:
            raise ValueError(f"unknown source field: {name}")
        setattr(source, name, value)
    validate(source)
    source.save(update_fields=[*changes, "updated_at"])
    audit_record(actor=actor, action="source.update", obj=source, before=before, after=snapshot(source))
    return source
