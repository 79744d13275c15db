"""Verification against the stored head, with a keyed hash and an outside anchor.

Each test plays one attack by someone who can write the database directly, and
expects verification to name the first event that does not hold.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import override_settings

from duban.audit.chain import GENESIS, canonical, chain_key, event_content
from duban.audit.models import AuditEvent, AuditHead
from duban.audit.services import AuditEntry, audit_record, audit_record_many
from duban.audit.verify import Anchor, stored_head, verify_chain

pytestmark = pytest.mark.django_db


def _chain(count: int) -> None:
    with transaction.atomic():
        for n in range(count):
            audit_record(
                actor=None, action="unit.create", object_type="org.unit", object_id=n, after={"n": n}
            )


def _delete(*seqs: int) -> None:
    with connection.cursor() as cur:
        for seq in seqs:
            cur.execute("DELETE FROM audit_auditevent WHERE seq = %s", [seq])


def _set_head(seq: int, last_hash: str) -> None:
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_audithead SET seq = %s, last_hash = %s WHERE id = 1", [seq, last_hash])


def _forge_append(mac: Callable[[bytes], str]) -> AuditEvent:
    """Append event n+1 as an attacker would: a well-formed row, its hash computed by ``mac``."""
    last = AuditEvent.objects.order_by("-seq").first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    fields: dict[str, Any] = {
        "actor_label": "admin1",
        "action": "unit.delete",
        "object_type": "org.unit",
        "object_id": "99",
        "object_repr": "伪造",
        "before": None,
        "after": None,
    }
    content = event_content(seq=seq, at=at.isoformat(), actor_id=None, **fields)
    payload = (prev + canonical(content)).encode("utf-8")
    digest = mac(payload)
    row = AuditEvent(seq=seq, at=at, prev_hash=prev, hash=digest, **fields)
    AuditEvent.objects.bulk_create([row])  # straight into the table, past the append-only guard
    _set_head(seq, digest)  # and the head follows, so only the hash can tell
    return row


def _unkeyed(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _wrong_key(payload: bytes) -> str:
    return hmac.new(b"not-the-deployment-key", payload, hashlib.sha256).hexdigest()


def test_the_normal_chain_verifies_and_reports_its_head() -> None:
    # given
    _chain(4)
    last = AuditEvent.objects.get(seq=4)
    # when
    result = verify_chain()
    # then
    assert result.ok and result.checked == 4
    assert result.head == Anchor(4, last.hash)
    assert result.key_derived  # test settings derive the key from SECRET_KEY


def test_an_empty_chain_verifies() -> None:
    result = verify_chain()
    assert result.ok and result.checked == 0 and result.head == Anchor(0, GENESIS)


@pytest.mark.parametrize("deleted", [(5,), (3, 4, 5)], ids=["last", "last-three"])
def test_deleting_from_the_end_is_detected(deleted: tuple[int, ...]) -> None:
    # given
    _chain(5)
    # when: the last rows go, the head stays
    _delete(*deleted)
    # then
    result = verify_chain()
    first = deleted[0]
    assert not result.ok
    assert (result.broken_seq, result.checked) == (first, first - 1)
    assert result.reason == f"末尾的第 {first}–5 条记录缺失（保存的链头为第 5 条）"


def test_deleting_every_row_is_detected() -> None:
    _chain(3)
    _delete(1, 2, 3)
    result = verify_chain()
    assert not result.ok and result.broken_seq == 1


def test_deleting_in_the_middle_is_detected() -> None:
    _chain(5)
    _delete(3)
    result = verify_chain()
    assert not result.ok and (result.broken_seq, result.checked) == (3, 2)
    assert result.reason == "第 3 条记录缺失"


def test_editing_a_row_is_detected() -> None:
    _chain(3)
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET actor_label = %s WHERE seq = 2", ["someone"])
    result = verify_chain()
    assert not result.ok and result.broken_seq == 2
    assert result.reason == "内容与其哈希值不符（被修改，或未用审计密钥写入）"


@pytest.mark.parametrize("mac", [_unkeyed, _wrong_key], ids=["unkeyed-sha256", "wrong-key"])
def test_a_forged_append_with_a_recomputed_hash_is_detected(mac: Callable[[bytes], str]) -> None:
    # given
    _chain(3)
    # when: a fourth event is appended with a correctly computed hash, without the key
    _forge_append(mac)
    # then
    result = verify_chain()
    assert not result.ok and (result.broken_seq, result.checked) == (4, 3)
    assert result.reason == "内容与其哈希值不符（被修改，或未用审计密钥写入）"


def test_an_append_with_the_key_but_past_the_head_is_detected() -> None:
    # given: a row whose hash is right (the key leaked) but whose head was not bumped
    _chain(3)
    head = stored_head()
    _forge_append(lambda payload: hmac.new(chain_key(), payload, hashlib.sha256).hexdigest())
    _set_head(head.seq, head.hash)
    # when
    result = verify_chain()
    # then
    assert not result.ok and result.broken_seq == 4
    assert result.reason == "该记录位于保存的链头（第 3 条）之后（绕过系统追加）"


def test_a_head_that_does_not_match_the_last_event_is_detected() -> None:
    _chain(3)
    _set_head(3, "f" * 64)
    result = verify_chain()
    assert not result.ok and (result.broken_seq, result.checked) == (3, 2)
    assert result.reason == "该记录与保存的链头不符"


def test_a_missing_head_row_is_detected() -> None:
    _chain(2)
    AuditHead.objects.all().delete()
    result = verify_chain()
    assert not result.ok and result.broken_seq == 1


def test_verifying_against_a_head_recorded_elsewhere() -> None:
    # given: the head as recorded by a backup or `audit_verify --head`, then more events
    _chain(3)
    anchor = stored_head()
    _chain(2)
    # then: the chain still passes through it
    assert verify_chain(expect=anchor).ok
    # when: someone holding the key rewrites event #3 and everything after, consistently
    assert not verify_chain(expect=Anchor(3, "a" * 64)).ok
    result = verify_chain(expect=Anchor(3, "a" * 64))
    assert (result.broken_seq, result.reason) == (3, "该记录与在别处记录的链头不符")


def test_a_chain_cut_back_before_an_outside_head_is_detected() -> None:
    # given: the chain was at #5 when recorded; it was cut to #3 and the head rewritten to match
    _chain(5)
    anchor = stored_head()
    _delete(4, 5)
    row = AuditEvent.objects.get(seq=3)
    _set_head(3, row.hash)
    # then: the database alone cannot tell; the outside head can
    assert verify_chain().ok
    result = verify_chain(expect=anchor)
    assert not result.ok and result.broken_seq == 4
    assert result.reason == "链止于第 3 条，早于在别处记录的链头（第 5 条）"


def test_changing_the_key_breaks_the_whole_chain() -> None:
    _chain(2)
    with override_settings(AUDIT_KEY="another-deployment"):
        result = verify_chain()
    assert not result.ok and result.broken_seq == 1


@pytest.mark.parametrize("text", ["3:" + "a" * 64, " 3:" + "A" * 64 + "\n"])
def test_an_anchor_reads_seq_colon_hash(text: str) -> None:
    assert Anchor.parse(text) == Anchor(3, "a" * 64)
    assert str(Anchor(3, "a" * 64)) == "3:" + "a" * 64


@pytest.mark.parametrize(
    "text", ["", "3", "x:" + "a" * 64, "3:" + "a" * 63, "3:" + "g" * 64, "-3:" + "a" * 64]
)
def test_anything_else_is_not_an_anchor(text: str) -> None:
    with pytest.raises(ValueError):
        Anchor.parse(text)


def test_record_many_keeps_the_head() -> None:
    # given: single and bulk appends mixed
    _chain(1)
    entries = [
        AuditEntry(action="item.create", object_type="supervision.item", object_id=n) for n in range(5000)
    ]
    # when
    with transaction.atomic():
        written = audit_record_many(actor=None, events=entries)
    _chain(1)
    # then: the head names the last event, and the whole chain verifies against it
    assert stored_head() == Anchor(5002, AuditEvent.objects.get(seq=5002).hash)
    assert written[-1].seq == 5001
    assert verify_chain().ok
    # Speed is a benchmark's to print (duban bench import verifies its chain), not a test's.
