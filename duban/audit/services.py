"""Writing the audit trail. Call inside the transaction of the change itself."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import models, transaction
from django.db.models import F

from duban.audit.chain import GENESIS, canonical, event_content, event_hash
from duban.audit.models import AuditEvent, AuditHead
from duban.core import clock


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a model's concrete fields (FKs as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"password", "created_at", "updated_at"}:
            continue
        data[field.attname] = getattr(obj, field.attname)
    # Round-trip through JSON so dates and decimals become text, as stored.
    return dict(json.loads(canonical(data)))


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain.

    Must run inside the caller's ``transaction.atomic`` so that the change and
    its audit row commit or roll back together. The head row is bumped first
    with an UPDATE, which takes the write lock (row lock on PostgreSQL, the
    database lock on SQLite) before the previous hash is read: concurrent
    writers therefore append one after another, never on the same link.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must be called inside the change's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id if object_id is not None else obj.pk
    if object_type is None or object_id is None:
        raise ValueError("audit_record needs obj or object_type and object_id")

    updated = AuditHead.objects.filter(pk=1).update(seq=F("seq") + 1)
    if not updated:
        AuditHead.objects.create(pk=1, seq=1, last_hash=GENESIS)
    head = AuditHead.objects.select_for_update().get(pk=1)

    user = actor if getattr(actor, "pk", None) else None
    at = clock.now()
    content = event_content(
        seq=head.seq,
        at=at.astimezone(dt.UTC).isoformat(),
        actor_id=user.pk if user else None,
        actor_label=str(getattr(user, "username", "") or actor or "system"),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=(str(obj) if obj is not None else "")[:300],
        before=before,
        after=after,
    )
    digest = event_hash(prev_hash=head.last_hash, content=content)
    event = AuditEvent(
        seq=head.seq,
        at=at,
        actor=user,
        actor_label=content["actor_label"],
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=content["object_repr"],
        before=before,
        after=after,
        prev_hash=head.last_hash,
        hash=digest,
    )
    event.save()
    AuditHead.objects.filter(pk=1).update(last_hash=digest)
    return event
