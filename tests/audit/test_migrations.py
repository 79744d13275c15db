"""Migration 0003: an unkeyed chain from before keying is verified, then re-linked with the key."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from duban.audit.chain import GENESIS, canonical, event_content
from duban.audit.models import AuditEvent, AuditHead
from duban.audit.verify import verify_chain

pytestmark = pytest.mark.django_db

rekey = importlib.import_module("duban.audit.migrations.0003_keyed_chain").rekey


def _legacy_chain(count: int) -> None:
    """Rows as duban wrote them before keying: SHA-256 over prev_hash + content."""
    prev, rows = GENESIS, []
    at = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    for seq in range(1, count + 1):
        fields: dict[str, Any] = {
            "actor_label": "system",
            "action": "unit.create",
            "object_type": "org.unit",
            "object_id": str(seq),
            "object_repr": f"单位{seq}",
            "before": None,
            "after": {"name": f"单位{seq}"},
        }
        content = event_content(seq=seq, at=at.isoformat(), actor_id=None, **fields)
        digest = hashlib.sha256((prev + canonical(content)).encode("utf-8")).hexdigest()
        rows.append(AuditEvent(seq=seq, at=at, prev_hash=prev, hash=digest, **fields))
        prev = digest
    AuditEvent.objects.bulk_create(rows)
    AuditHead.objects.create(pk=1, seq=count, last_hash=prev)


def test_an_intact_legacy_chain_is_keyed() -> None:
    # given: the unkeyed chain does not verify under the keyed function
    _legacy_chain(5)
    assert not verify_chain().ok
    # when
    rekey(apps, connection.schema_editor())
    # then
    result = verify_chain()
    assert result.ok and result.checked == 5
    assert AuditHead.objects.get().last_hash == AuditEvent.objects.get(seq=5).hash


def test_an_empty_chain_needs_nothing() -> None:
    rekey(apps, connection.schema_editor())
    assert verify_chain().ok


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_auditevent SET object_repr = 'x' WHERE seq = 2",
        "DELETE FROM audit_auditevent WHERE seq = 5",
        "UPDATE audit_audithead SET seq = 6",
    ],
    ids=["edited", "tail-deleted", "head-moved"],
)
def test_a_tampered_legacy_chain_is_refused_not_laundered(tamper: str) -> None:
    # given
    _legacy_chain(5)
    with connection.cursor() as cur:
        cur.execute(tamper)
    hashes = list(AuditEvent.objects.order_by("seq").values_list("hash", flat=True))
    # when / then
    with pytest.raises(RuntimeError, match="audit chain is broken at event"):
        rekey(apps, connection.schema_editor())
    assert list(AuditEvent.objects.order_by("seq").values_list("hash", flat=True)) == hashes
