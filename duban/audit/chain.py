"""The hash function of the audit chain, shared by writing and verifying.

Each event's ``hash`` is HMAC-SHA256, keyed with ``settings.AUDIT_KEY``, over the
previous event's hash and the canonical JSON of the event's content. The key lives
outside the database (the deployment's ``DUBAN_AUDIT_KEY``): whoever can write the
database but not read the key cannot recompute a valid chain after editing,
deleting or appending rows (README, "Audit trail").
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENESIS = "0" * 64


def chain_key() -> bytes:
    """The chain's HMAC key, read when used (tests may override the setting); never empty."""
    key = str(getattr(settings, "AUDIT_KEY", "") or "")
    if not key:
        raise ImproperlyConfigured("settings.AUDIT_KEY is empty: the audit chain cannot be keyed.")
    return key.encode("utf-8")


def hasher(key: bytes | None = None) -> hmac.HMAC:
    """A keyed hasher to ``copy()`` per event: bulk paths derive the key schedule once."""
    return hmac.new(chain_key() if key is None else key, digestmod=hashlib.sha256)


def canonical(value: Any) -> str:
    """Stable JSON: sorted keys, no whitespace, non-ASCII kept, dates as ISO text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(*, prev_hash: str, content: dict[str, Any], base: hmac.HMAC | None = None) -> str:
    """The event's link: HMAC(key, prev_hash + canonical(content)), hex.

    ``base`` is a :func:`hasher` reused over many events (it is copied, never updated).
    """
    mac = (base or hasher()).copy()
    mac.update((prev_hash + canonical(content)).encode("utf-8"))
    return mac.hexdigest()


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
