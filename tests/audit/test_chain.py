"""The audit chain: appended by services, verified, and tampering detected."""

from __future__ import annotations

import pytest
from django.db import connection

from duban.audit.models import AppendOnlyError, AuditEvent
from duban.audit.verify import verify_chain
from duban.org import services
from duban.org.models import User

pytestmark = pytest.mark.django_db


def test_services_write_a_verifiable_chain(admin: User) -> None:
    # given / when
    unit = services.unit_create(actor=admin, name="财政局", kind="department")
    services.unit_update(actor=admin, unit=unit, short_name="财政")
    # then
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.action for e in events] == ["unit.create", "unit.update"]
    before, after = events[1].before, events[1].after
    assert isinstance(before, dict) and isinstance(after, dict)
    assert before["short_name"] == "" and after["short_name"] == "财政"
    assert events[1].prev_hash == events[0].hash
    assert verify_chain().ok and verify_chain().checked == 2


def test_editing_a_row_behind_the_applications_back_breaks_verification(admin: User) -> None:
    # given
    for name in ("甲局", "乙局", "丙局"):
        services.unit_create(actor=admin, name=name, kind="department")
    second = AuditEvent.objects.get(seq=2)
    # when: someone edits the JSON directly in the database
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["篡改", second.pk])
    # then
    result = verify_chain()
    assert not result.ok
    assert result.broken_seq == 2
    assert result.checked == 1


def test_deleting_a_row_is_detected(admin: User) -> None:
    for name in ("甲局", "乙局", "丙局"):
        services.unit_create(actor=admin, name=name, kind="department")
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE seq = 2")
    result = verify_chain()
    assert not result.ok and result.broken_seq == 2


def test_rows_cannot_be_changed_through_the_orm(admin: User) -> None:
    services.unit_create(actor=admin, name="甲局", kind="department")
    event = AuditEvent.objects.get()
    event.action = "other"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_a_failed_change_leaves_no_audit_row(admin: User) -> None:
    from duban.core.errors import DomainError

    with pytest.raises(DomainError):
        services.unit_create(actor=admin, name="", kind="department")
    assert AuditEvent.objects.count() == 0
