"""Key the audit chain: re-link every existing event with HMAC-SHA256 under settings.AUDIT_KEY.

Before this migration each event's hash was an unkeyed SHA-256, which anyone able to
write the database could recompute after a forgery. The existing chain is verified
with the old function first (links, hashes and the stored head) and only then
re-linked with the key, so a chain tampered with before the upgrade is refused
rather than laundered: restore a backup made before the tampering, then migrate.
Heads recorded elsewhere before the upgrade (old backup manifests) name unkeyed
hashes and no longer match the re-linked chain.

The hash functions are frozen here on purpose: this migration must keep doing what
it did even if duban.audit.chain changes later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

GENESIS = "0" * 64
BATCH = 2000


def _payload(row: Any) -> str:
    content = {
        "seq": row.seq,
        "at": row.at.astimezone(dt.UTC).isoformat(),
        "actor_id": row.actor_id,
        "actor_label": row.actor_label,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "object_repr": row.object_repr,
        "before": row.before,
        "after": row.after,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _refuse(seq: int) -> RuntimeError:
    return RuntimeError(
        f"The audit chain is broken at event #{seq} (unkeyed verification): it cannot be keyed "
        "without hiding the tampering. Restore a backup made before it, then migrate."
    )


def _batches(event_model: Any) -> Any:
    last_seq = 0
    while rows := list(event_model.objects.filter(seq__gt=last_seq).order_by("seq")[:BATCH]):
        yield rows
        last_seq = rows[-1].seq


def _verify_unkeyed(event_model: Any, head_model: Any) -> None:
    """The whole legacy chain and its head, as verified before keying; nothing written."""
    prev, last_seq = GENESIS, 0
    for rows in _batches(event_model):
        for row in rows:
            unkeyed = hashlib.sha256((prev + _payload(row)).encode("utf-8")).hexdigest()
            if row.seq != last_seq + 1 or row.prev_hash != prev or row.hash != unkeyed:
                raise _refuse(last_seq + 1)
            prev, last_seq = row.hash, row.seq
    head = head_model.objects.filter(pk=1).values_list("seq", "last_hash").first() or (0, GENESIS)
    if tuple(head) != (last_seq, prev):
        raise _refuse(min(head[0], last_seq) + 1)


def rekey(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditHead")
    _verify_unkeyed(event_model, head_model)
    key = str(settings.AUDIT_KEY).encode("utf-8")
    prev = GENESIS
    for rows in _batches(event_model):
        for row in rows:
            keyed = hmac.new(key, (prev + _payload(row)).encode("utf-8"), hashlib.sha256).hexdigest()
            row.prev_hash, row.hash, prev = prev, keyed, keyed
        event_model.objects.bulk_update(rows, ["prev_hash", "hash"], batch_size=500)
    head_model.objects.filter(pk=1).update(last_hash=prev)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop, elidable=False)]
