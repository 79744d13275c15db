"""The hash function of the audit chain, shared by writing and verifying."""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Stable JSON: sorted keys, no whitespace, non-ASCII kept, dates as ISO text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(*, prev_hash: str, content: dict[str, Any]) -> str:
    payload = prev_hash + canonical(content)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def event_content(
    *,
    seq: int,
    at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    before: Any,
    after: Any,
) -> dict[str, Any]:
    """What the hash covers: every field but the hashes themselves."""
    return {
        "seq": seq,
        "at": at,
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "before": before,
        "after": after,
    }
