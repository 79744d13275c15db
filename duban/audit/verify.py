"""Verifying the audit chain: recompute every hash and find the first broken link."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from duban.audit.chain import GENESIS, event_content, event_hash
from duban.audit.models import AuditEvent


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify_chain(*, batch: int = 2000) -> VerifyResult:
    """Walk the chain in order; stop at the first row that does not hold."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    rows = AuditEvent.objects.order_by("seq").iterator(chunk_size=batch)
    for row in rows:
        if row.seq != expected_seq:
            missing = _("event #%(seq)s is missing") % {"seq": expected_seq}
            return VerifyResult(False, checked, expected_seq, missing)
        if row.prev_hash != prev_hash:
            return VerifyResult(False, checked, row.seq, _("previous-hash link does not match"))
        content = event_content(
            seq=row.seq,
            at=row.at.astimezone(dt.UTC).isoformat(),
            actor_id=row.actor_id,
            actor_label=row.actor_label,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            object_repr=row.object_repr,
            before=row.before,
            after=row.after,
        )
        if event_hash(prev_hash=prev_hash, content=content) != row.hash:
            return VerifyResult(False, checked, row.seq, _("content does not match its hash (edited)"))
        prev_hash, expected_seq, checked = row.hash, expected_seq + 1, checked + 1
    return VerifyResult(True, checked)
