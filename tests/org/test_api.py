"""Organisation API (duban/org/api.py): reads in scope, administrators' writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from duban.audit.models import AuditEvent
from duban.org.models import Person, Unit, User
from tests.org.factories import make_person, make_unit

pytestmark = pytest.mark.django_db
BASE = "/api/v1/org"


def api(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def send(client: Client, method: str, path: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(f"{BASE}{path}", data=json.dumps(body), content_type="application/json")


def test_admin_creates_a_unit(admin: User, unit_a: Unit) -> None:
    # when
    response = send(
        api(admin), "post", "/units", {"name": "招商服务中心", "kind": "department", "parent_id": unit_a.pk}
    )
    # then
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "招商服务中心" and body["parent_id"] == unit_a.pk and body["sort_order"] == 100
    assert AuditEvent.objects.filter(action="unit.create", object_id=str(body["id"])).exists()


def test_admin_patches_only_the_fields_sent(admin: User, unit_a: Unit) -> None:
    # given
    parent = make_unit(name="开发区管委会")
    Unit.objects.filter(pk=unit_a.pk).update(parent=parent, short_name="经发局")
    # when
    response = send(api(admin), "patch", f"/units/{unit_a.pk}", {"sort_order": 7})
    # then
    assert response.status_code == 200
    unit_a.refresh_from_db()
    assert (unit_a.sort_order, unit_a.parent_id, unit_a.short_name) == (7, parent.pk, "经发局")
    # when parent_id is sent as null the unit becomes a root
    assert send(api(admin), "patch", f"/units/{unit_a.pk}", {"parent_id": None}).json()["parent_id"] is None


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"name": "经济发展局", "kind": "department"}, "name", 400),
        ({"name": "新单位", "kind": "department", "parent_id": 999999}, "parent_id", 400),
        ({"name": "新单位", "kind": "nonsense"}, "kind", 400),
        ({"kind": "department"}, "name", 400),
    ],
    ids=["duplicate", "unknown-parent", "bad-kind", "no-name"],
)
def test_unit_create_errors_have_one_shape(
    admin: User, unit_a: Unit, body: dict[str, Any], field: str, status: int
) -> None:
    # when
    response = send(api(admin), "post", "/units", body)
    # then
    assert response.status_code == status
    data = response.json()
    assert set(data) == {"code", "message", "fields"} and field in data["fields"]
    assert not Unit.objects.filter(name="新单位").exists()


def test_a_cycle_is_refused(admin: User) -> None:
    top = make_unit(name="甲")
    child = make_unit(name="乙", parent=top)
    response = send(api(admin), "patch", f"/units/{top.pk}", {"parent_id": child.pk})
    assert response.status_code == 400 and response.json()["fields"] == {"parent": response.json()["message"]}


def test_admin_creates_and_patches_a_person_with_units_overseen(
    admin: User, unit_a: Unit, unit_b: Unit
) -> None:
    client = api(admin)
    # when
    created = send(
        client,
        "post",
        "/people",
        {
            "name": "林一",
            "position": "副主任",
            "unit_id": unit_a.pk,
            "oversees_ids": [unit_a.pk, unit_b.pk],
        },
    )
    # then
    assert created.status_code == 201
    body = created.json()
    assert sorted(body["oversees_ids"]) == sorted([unit_a.pk, unit_b.pk])
    patched = send(client, "patch", f"/people/{body['id']}", {"position": "主任", "oversees_ids": []})
    assert patched.status_code == 200 and patched.json()["oversees_ids"] == []
    assert Person.objects.get(pk=body["id"]).position == "主任"


def test_person_errors(admin: User, unit_a: Unit) -> None:
    client = api(admin)
    bad_email = send(client, "post", "/people", {"name": "林一", "unit_id": unit_a.pk, "email": "nope"})
    no_unit = send(client, "post", "/people", {"name": "林一", "unit_id": 999999})
    null_unit = send(client, "patch", f"/people/{make_person(unit=unit_a).pk}", {"unit_id": None})
    assert (bad_email.status_code, list(bad_email.json()["fields"])) == (400, ["email"])
    assert (no_unit.status_code, list(no_unit.json()["fields"])) == (400, ["unit_id"])
    assert (null_unit.status_code, list(null_unit.json()["fields"])) == (400, ["unit_id"])


def test_writes_by_a_non_admin_are_403_in_scope_and_404_out_of_scope(
    liaison_a: User, unit_a: Unit, unit_b: Unit
) -> None:
    client = api(liaison_a)
    person_b = make_person(unit=unit_b)
    cases: list[tuple[str, str, dict[str, Any], int]] = [
        ("post", "/units", {"name": "新单位", "kind": "department"}, 403),
        ("patch", f"/units/{unit_a.pk}", {"name": "改名"}, 403),
        ("patch", f"/units/{unit_b.pk}", {"name": "改名"}, 404),
        ("post", "/people", {"name": "林一", "unit_id": unit_a.pk}, 403),
        ("patch", f"/people/{liaison_a.person_id}", {"name": "改名"}, 403),
        ("patch", f"/people/{person_b.pk}", {"name": "改名"}, 404),
    ]
    for method, path, body, status in cases:
        response = send(client, method, path, body)
        assert response.status_code == status, (method, path)
        assert set(response.json()) == {"code", "message", "fields"}
    assert not Unit.objects.filter(name__in=["新单位", "改名"]).exists()


def test_list_filters(admin: User, unit_a: Unit, unit_b: Unit) -> None:
    make_person(name="林一", unit=unit_a)
    make_person(name="林二", unit=unit_b)
    client = api(admin)
    towns = client.get(f"{BASE}/units", {"kind": "town"}).json()["items"]
    people = client.get(f"{BASE}/people", {"unit_id": str(unit_b.pk), "q": "林"}).json()["items"]
    assert [u["name"] for u in towns] == [unit_b.name]
    assert [p["name"] for p in people] == ["林二"]


def test_list_query_count_is_flat(admin: User, django_assert_num_queries: Any) -> None:
    # session, user, roles, count, rows (the session is not written again within the minute)
    # — and for people the units overseen
    client = api(admin)
    for n in (3, 30):
        for i in range(n):
            leader = make_person()
            leader.oversees.add(make_unit(name=f"API测试{n}-{i}"))
        with django_assert_num_queries(6):
            assert client.get(f"{BASE}/people?limit=100").status_code == 200
        with django_assert_num_queries(5):
            assert client.get(f"{BASE}/units?limit=100").status_code == 200
