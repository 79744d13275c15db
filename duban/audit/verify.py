"""Verifying the audit chain: recompute every keyed hash, then compare the end with the head.

Three checks, each for a different attack (README, "Audit trail"):

- every link and keyed hash from event #1 on: an edited, deleted or inserted row, and a
  row written by anyone without the chain key (even with a correctly recomputed unkeyed
  hash), breaks its link;
- the end of the chain against the stored head (``AuditHead``, bumped in the same
  transaction as every append): events deleted from the end, or appended past it;
- optionally, against a head recorded outside the database (a backup's manifest, a
  printed ``duban audit_verify --head``): a consistent rewrite by someone holding both
  the key and the database, which only an outside record can reveal.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from duban.audit.chain import GENESIS, event_content, event_hash, hasher
from duban.audit.models import AuditEvent, AuditHead

ANCHOR_RE = re.compile(r"^(\d{1,18}):([0-9a-f]{64})$")


@dataclass(frozen=True)
class Anchor:
    """A point of the chain: event ``seq`` has ``hash`` (written ``SEQ:HASH``)."""

    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """``"1234:ab12…"`` → Anchor; ValueError for anything else."""
        match = ANCHOR_RE.match(text.strip().lower())
        if match is None:
            raise ValueError(text)
        return cls(int(match.group(1)), match.group(2))

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    head: Anchor | None = None  # the stored head after the walk
    key_derived: bool = False  # the key is derived from SECRET_KEY (development and tests only)


@dataclass
class _Walk:
    """What the row walk saw: the last event, and the hash at the seq a head names."""

    last: Anchor
    broken: VerifyResult | None = None
    at_head: str | None = None


def stored_head() -> Anchor:
    """The head as stored (0 / genesis for a chain not yet started)."""
    row = AuditHead.objects.filter(pk=1).values_list("seq", "last_hash").first()
    return Anchor(int(row[0]), str(row[1])) if row else Anchor(0, GENESIS)


def verify_chain(*, expect: Anchor | None = None, batch: int = 2000) -> VerifyResult:
    """Walk the chain in order, stop at the first row that does not hold, then check the end.

    The head is read before and after the walk: an append committed meanwhile is
    legitimate (its row and head bump commit together), so the walk must reach the
    first head and must not pass the second.
    """
    before = stored_head()
    walk = _walk(checked_seq=before.seq, expect=expect, batch=batch)
    after = stored_head()
    result = walk.broken or _check_end(walk, before=before, after=after, expect=expect)
    if result is None:
        result = VerifyResult(True, walk.last.seq)
    return VerifyResult(
        result.ok,
        result.checked,
        result.broken_seq,
        result.reason,
        head=after,
        key_derived=bool(getattr(settings, "AUDIT_KEY_DERIVED", False)),
    )


def _walk(*, checked_seq: int, expect: Anchor | None, batch: int) -> _Walk:
    base = hasher()
    walk = _Walk(last=Anchor(0, GENESIS))
    for row in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch):
        prev_hash, checked = walk.last.hash, walk.last.seq
        if row.seq != checked + 1:
            walk.broken = _broken(checked, checked + 1, _("event #%(seq)s is missing") % {"seq": checked + 1})
            return walk
        if row.prev_hash != prev_hash:
            walk.broken = _broken(checked, row.seq, _("previous-hash link does not match"))
            return walk
        if event_hash(prev_hash=prev_hash, content=_content(row), base=base) != row.hash:
            reason = _("content does not match its hash (edited, or written without the audit key)")
            walk.broken = _broken(checked, row.seq, reason)
            return walk
        if expect is not None and row.seq == expect.seq and row.hash != expect.hash:
            walk.broken = _broken(checked, row.seq, _("event does not match the head recorded elsewhere"))
            return walk
        if row.seq == checked_seq:
            walk.at_head = row.hash
        walk.last = Anchor(row.seq, row.hash)
    return walk


def _check_end(walk: _Walk, *, before: Anchor, after: Anchor, expect: Anchor | None) -> VerifyResult | None:
    """The walked chain against the stored heads and an outside one; None when it holds."""
    last = walk.last.seq
    if last < before.seq:
        reason = _("events #%(first)s–#%(last)s are missing from the end (the stored head is #%(last)s)")
        return _broken(last, last + 1, reason % {"first": last + 1, "last": before.seq})
    if before.seq and walk.at_head != before.hash:
        return _broken(before.seq - 1, before.seq, _("event does not match the stored head"))
    if last > after.seq:
        reason = _("event is past the stored head #%(head)s (appended behind the application's back)")
        return _broken(after.seq, after.seq + 1, reason % {"head": after.seq})
    if expect is not None and last < expect.seq:
        reason = _("the chain ends at #%(last)s, before the head #%(seq)s recorded elsewhere")
        return _broken(last, last + 1, reason % {"last": last, "seq": expect.seq})
    return None


def _broken(checked: int, seq: int, reason: str) -> VerifyResult:
    return VerifyResult(False, checked, seq, reason)


def _content(row: AuditEvent) -> dict[str, object]:
    return event_content(
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
