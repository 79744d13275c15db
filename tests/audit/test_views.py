"""The audit trail page and the chain-verification page (HTTP, end to end)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban.audit.models import AuditEvent
from duban.audit.views import history_url
from duban.core.roles import Role
from duban.org import services
from duban.org.models import Unit, User
from tests.conftest import PASSWORD
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db

LIST = reverse("audit:event_list")
VERIFY = reverse("audit:verify")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _units(admin: User, count: int, prefix: str = "单位") -> list[Unit]:
    return [services.unit_create(actor=admin, name=f"{prefix}{i}", kind="department") for i in range(count)]


@pytest.mark.parametrize("who", ["admin", "supervisor"])
def test_supervisors_and_admins_read_the_trail_newest_first(who: str, request: pytest.FixtureRequest) -> None:
    # given
    admin: User = request.getfixturevalue("admin")
    reader: User = request.getfixturevalue(who)
    first, second = _units(admin, 2)
    # when
    response = _client(reader).get(LIST)
    # then
    assert response.status_code == 200
    rows = [r.event for r in response.context["rows"]]
    assert [e.object_id for e in rows] == [str(second.pk), str(first.pk)]
    assert f"{second.name}" in response.content.decode()


@pytest.mark.parametrize("who", ["liaison_a", "leader_a"])
def test_other_roles_get_404(who: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(who)
    client = _client(user)
    assert client.get(LIST).status_code == 404
    assert client.get(VERIFY).status_code == 404
    assert client.post(VERIFY).status_code == 404


def test_anonymous_users_are_sent_to_login() -> None:
    response = Client().get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_filter_by_object_shows_its_history_only(admin: User, supervisor: User) -> None:
    # given
    unit, other = _units(admin, 2)
    services.unit_update(actor=admin, unit=unit, short_name="简称")
    # when
    response = _client(supervisor).get(history_url(unit))
    # then
    events = [r.event for r in response.context["rows"]]
    assert [e.action for e in events] == ["unit.update", "unit.create"]
    assert all(e.object_id == str(unit.pk) for e in events)
    assert 'data-testid="object-history"' in response.content.decode()


def test_filter_by_user_and_by_action(admin: User, supervisor: User) -> None:
    # given: the admin creates units and a user; the bootstrap is "system"
    services.admin_bootstrap(username="root", password=PASSWORD)
    unit = _units(admin, 1)[0]
    services.unit_update(actor=admin, unit=unit, short_name="x")
    client = _client(supervisor)
    # when
    by_admin = client.get(LIST, {"actor": admin.username}).context["rows"]
    by_system = client.get(LIST, {"actor": "system"}).context["rows"]
    updates = client.get(LIST, {"action": "unit.update"}).context["rows"]
    # then
    assert {r.event.action for r in by_admin} == {"unit.create", "unit.update"}
    assert [r.event.action for r in by_system] == ["user.bootstrap_admin"]
    assert [r.event.action for r in updates] == ["unit.update"]


def test_a_row_shows_a_readable_diff_of_changed_fields_only(admin: User, supervisor: User) -> None:
    # given
    unit = _units(admin, 1)[0]
    services.unit_update(actor=admin, unit=unit, short_name="新简称", sort_order=5)
    # when
    response = _client(supervisor).get(LIST, {"action": "unit.update"})
    # then
    (row,) = response.context["rows"]
    assert [(c.name, c.before, c.after) for c in row.changes] == [
        ("short_name", "", "新简称"),
        ("sort_order", "100", "5"),
    ]
    html = response.content.decode()
    assert "新简称" in html
    # the actor and action are links that filter the list
    assert f'href="?action=unit.update&amp;actor={admin.username}"' in html
    assert f'href="?object_type=org.unit&amp;object_id={unit.pk}"' in html


def test_markup_in_recorded_values_is_escaped(admin: User, supervisor: User) -> None:
    # given
    services.unit_create(actor=admin, name="<script>alert(1)</script>局", kind="department")
    # when
    html = _client(supervisor).get(LIST).content.decode()
    # then
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in html


def test_the_list_paginates_by_50(admin: User, supervisor: User) -> None:
    # given
    _units(admin, 55)
    client = _client(supervisor)
    # when
    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})
    # then
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 5
    assert second.context["rows"][-1].event.seq == 1


def _queries_for_list(client: Client, params: dict[str, str]) -> int:
    client.get(LIST, params)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params", [{}, {"actor": "admin1", "action": "unit.create"}], ids=["all", "filtered"]
)
def test_query_count_does_not_grow_with_the_data(
    admin: User, supervisor: User, params: dict[str, str]
) -> None:
    # given: a small trail
    client = _client(supervisor)
    _units(admin, 3, prefix="小")
    small = _queries_for_list(client, params)
    # when: the trail grows past a page, with more actors and actions
    other_admin = make_user(Role.ADMIN, username="admin2")
    for unit in _units(admin, 60, prefix="大"):
        services.unit_update(actor=other_admin, unit=unit, short_name="简")
    large = _queries_for_list(client, params)
    # then: session, user, roles, count, page, the units' names (one query for all rows),
    # actions, the frame's notification count and person, session save (+ savepoint)
    assert small == large
    assert large <= 12


def test_verify_page_reports_an_intact_chain(admin: User, supervisor: User) -> None:
    # given
    _units(admin, 3)
    client = _client(supervisor)
    # when
    page = client.get(VERIFY)
    result = client.post(VERIFY)
    # then
    assert page.status_code == 200 and page.context["result"] is None
    assert result.context["result"].ok
    assert result.context["result"].checked == 3
    assert 'data-testid="verify-ok"' in result.content.decode()


def test_verify_page_names_the_first_broken_link(admin: User, supervisor: User) -> None:
    # given: an event edited behind the application's back
    _units(admin, 3)
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET action = %s WHERE seq = %s", ["unit.delete", 2])
    # when
    response = _client(supervisor).post(VERIFY)
    # then
    result = response.context["result"]
    assert not result.ok and result.broken_seq == 2
    assert response.context["broken"] == AuditEvent.objects.get(seq=2)
    html = response.content.decode()
    assert 'data-testid="verify-broken"' in html and "unit.delete" in html


def test_verify_page_names_a_deleted_tail_in_chinese_and_shows_the_head(
    admin: User, supervisor: User
) -> None:
    # given
    _units(admin, 3)
    client = _client(supervisor)
    intact = client.post(VERIFY).content.decode()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE seq = %s", [3])
    # when
    response = client.post(VERIFY)
    # then
    assert f'data-testid="verify-head">3:{response.context["result"].head.hash}' in intact
    html = response.content.decode()
    assert 'data-testid="verify-broken"' in html
    assert "末尾的第 3–3 条记录缺失（保存的链头为第 3 条）" in html
