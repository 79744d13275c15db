"""Audit API: supervisors and administrators read events and verify; others get 404."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse

from duban.audit.models import AuditEvent
from duban.org import services
from duban.org.models import User

pytestmark = pytest.mark.django_db


def _url(name: str) -> str:
    try:
        return reverse(f"api-1.0.0:{name}")
    except NoReverseMatch:
        pytest.skip("the audit router is not registered in duban/api/main.py yet")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_events_are_listed_newest_first_with_changes(admin: User, supervisor: User) -> None:
    # given
    unit = services.unit_create(actor=admin, name="财政局", kind="department")
    services.unit_update(actor=admin, unit=unit, short_name="财政")
    services.unit_create(actor=admin, name="其他局", kind="department")
    # when
    body = (
        _client(supervisor)
        .get(_url("audit_event_list"), {"object_type": "org.unit", "object_id": str(unit.pk)})
        .json()
    )
    # then
    assert body["count"] == 2
    first = body["items"][0]
    assert first["action"] == "unit.update"
    assert first["changes"] == [{"name": "short_name", "before": "", "after": "财政"}]


@pytest.mark.parametrize("who", ["liaison_a", "leader_a"])
def test_other_roles_get_404(who: str, request: pytest.FixtureRequest) -> None:
    client = _client(request.getfixturevalue(who))
    assert client.get(_url("audit_event_list")).status_code == 404
    assert client.post(_url("audit_chain_verify")).status_code == 404


def test_verify_reports_the_first_broken_link(admin: User) -> None:
    # given
    for name in ("甲局", "乙局"):
        services.unit_create(actor=admin, name=name, kind="department")
    client = _client(admin)
    assert client.post(_url("audit_chain_verify")).json() == {
        "ok": True,
        "checked": 2,
        "broken_seq": None,
        "reason": "",
        "head": f"2:{AuditEvent.objects.get(seq=2).hash}",
    }
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET object_repr = %s WHERE seq = %s", ["篡改", 1])
    # when
    body = client.post(_url("audit_chain_verify")).json()
    # then
    assert body["ok"] is False and body["broken_seq"] == 1
