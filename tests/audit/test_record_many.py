"""Appending many audit events at once: the same chain as one audit_record per event."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from duban.audit.models import AuditEvent, AuditHead
from duban.audit.services import AuditEntry, audit_record, audit_record_many
from duban.audit.verify import verify_chain
from duban.org.models import Unit, User

pytestmark = pytest.mark.django_db


def test_events_are_chained_after_and_before_single_ones(admin: User, unit_a: Unit) -> None:
    # given: a chain with one event
    audit_record(actor=admin, action="unit.create", obj=unit_a, after={"name": unit_a.name})
    # when: three at once, then one more alone
    written = audit_record_many(
        actor=admin,
        events=[
            AuditEntry(action="item.create", object_type="supervision.item", object_id=7, after={"n": 1}),
            AuditEntry(action="item.update", obj=unit_a, before={"name": "甲"}, after={"name": "乙"}),
            AuditEntry(action="item.create", object_type="supervision.item", object_id="8", after=None),
        ],
    )
    audit_record(actor=admin, action="unit.update", obj=unit_a, before={}, after={"short_name": "经发局"})
    # then
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert [e.seq for e in written] == [2, 3, 4]
    assert [e.action for e in events] == [
        "unit.create",
        "item.create",
        "item.update",
        "item.create",
        "unit.update",
    ]
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:], strict=False))
    assert (events[1].object_type, events[1].object_id) == ("supervision.item", "7")
    assert (events[2].object_type, events[2].object_id, events[2].object_repr) == (
        "org.unit",
        str(unit_a.pk),
        str(unit_a),
    )
    assert events[2].actor_id == admin.pk and events[2].actor_label == admin.username
    head = AuditHead.objects.get(pk=1)
    assert (head.seq, head.last_hash) == (5, events[-1].hash)
    result = verify_chain()
    assert result.ok and result.checked == 5


def test_the_first_events_start_the_chain() -> None:
    # given: no head yet
    assert not AuditHead.objects.exists()
    # when
    audit_record_many(
        actor=None,
        events=[AuditEntry(action="system.seed", object_type="x", object_id=n) for n in range(3)],
    )
    # then
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", "actor_label")) == [
        (1, "system"),
        (2, "system"),
        (3, "system"),
    ]
    assert AuditHead.objects.get(pk=1).seq == 3
    assert verify_chain().ok


def test_nothing_to_record_leaves_the_chain_alone(admin: User, unit_a: Unit) -> None:
    audit_record(actor=admin, action="unit.create", obj=unit_a)
    assert audit_record_many(actor=admin, events=[]) == []
    assert AuditHead.objects.get(pk=1).seq == 1


def test_a_bulk_event_edited_later_breaks_verification(admin: User) -> None:
    # given
    audit_record_many(
        actor=admin,
        events=[
            AuditEntry(action="item.create", object_type="supervision.item", object_id=n) for n in range(4)
        ],
    )
    # when
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET object_id = %s WHERE seq = 3", ["99"])
    # then
    result = verify_chain()
    assert not result.ok and result.broken_seq == 3


def test_an_entry_must_name_its_object(admin: User) -> None:
    with pytest.raises(ValueError, match="obj or object_type"):
        audit_record_many(actor=admin, events=[AuditEntry(action="x", object_type="t")])
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_refuses(admin: User) -> None:
    assert not transaction.get_connection().in_atomic_block
    with pytest.raises(RuntimeError, match="inside the change's transaction"):
        audit_record_many(actor=admin, events=[AuditEntry(action="x", object_type="t", object_id=1)])
