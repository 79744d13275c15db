"""Writing the audit trail. Call inside the transaction of the change itself."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import F

from duban.audit.chain import GENESIS, canonical, event_content, event_hash, hasher
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


@dataclass(frozen=True)
class AuditEntry:
    """One event for :func:`audit_record_many`: as :func:`audit_record`'s arguments.

    ``before`` and ``after`` must already be JSON-safe (build them with
    :func:`snapshot`): the hash covers them as given and verification
    recomputes it from what the database stored.
    """

    action: str
    obj: models.Model | None = None
    object_type: str | None = None
    object_id: str | int | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


AUDIT_BATCH = 500


def audit_record_many(*, actor: Any, events: Sequence[AuditEntry]) -> list[AuditEvent]:
    """Append ``events`` to the chain, in order, one event each, as one change.

    The bulk form of :func:`audit_record` for imports: the same events and
    links (seq n+1…n+k, each ``prev_hash`` the hash before it), written with a
    single head bump, one read of the head and a batched INSERT instead of
    four statements per event. The head UPDATE claims all k sequence numbers at
    once and takes the write lock first, so concurrent writers still append
    one after another. Call inside the caller's ``transaction.atomic``.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record_many() must be called inside the change's transaction")
    if not events:
        return []
    resolved = [_resolve(entry) for entry in events]
    count = len(resolved)

    updated = AuditHead.objects.filter(pk=1).update(seq=F("seq") + count)
    if not updated:
        AuditHead.objects.create(pk=1, seq=count, last_hash=GENESIS)
    head = AuditHead.objects.select_for_update().get(pk=1)

    user = actor if getattr(actor, "pk", None) else None
    actor_label = str(getattr(user, "username", "") or actor or "system")
    at = clock.now()
    at_text = at.astimezone(dt.UTC).isoformat()
    prev_hash = head.last_hash
    base = hasher()
    rows: list[AuditEvent] = []
    for seq, (entry, object_type, object_id) in enumerate(resolved, start=head.seq - count + 1):
        content = event_content(
            seq=seq,
            at=at_text,
            actor_id=user.pk if user else None,
            actor_label=actor_label,
            action=entry.action,
            object_type=object_type,
            object_id=object_id,
            object_repr=(str(entry.obj) if entry.obj is not None else "")[:300],
            before=entry.before,
            after=entry.after,
        )
        digest = event_hash(prev_hash=prev_hash, content=content, base=base)
        rows.append(
            AuditEvent(
                seq=seq,
                at=at,
                actor=user,
                actor_label=actor_label,
                action=entry.action,
                object_type=object_type,
                object_id=object_id,
                object_repr=content["object_repr"],
                before=entry.before,
                after=entry.after,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        prev_hash = digest
    # bulk_create bypasses AuditEvent.save(), whose guard only refuses edits: these are new rows.
    AuditEvent.objects.bulk_create(rows, batch_size=AUDIT_BATCH)
    AuditHead.objects.filter(pk=1).update(last_hash=prev_hash)
    return rows


def _resolve(entry: AuditEntry) -> tuple[AuditEntry, str, str]:
    """(entry, object type, object id as text), as audit_record names the object."""
    object_type, object_id = entry.object_type, entry.object_id
    if entry.obj is not None:
        object_type = object_type or entry.obj._meta.label_lower
        object_id = object_id if object_id is not None else entry.obj.pk
    if object_type is None or object_id is None:
        raise ValueError("an audit entry needs obj or object_type and object_id")
    return entry, object_type, str(object_id)
