"""Evaluation API: results, contributions, gap, what-if, scenarios — scope as 404, constant queries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from duban.accounts.services import token_create
from duban.core.roles import Role
from duban.evaluation.models import Scenario, Scheme
from duban.indicators.models import Subject
from duban.org.models import User
from tests.evaluation.factories import hand_scheme_json, make_hand_scheme, make_scheme_of
from tests.evaluation.tables import HAND_TOTALS
from tests.indicators.factories import SubjectFactory
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db
BASE = "/api/v1/evaluation"
# The token (read, then its last use stamped), the roles, the scheme and its six reads.
QUERIES_OF_RESULTS = 10


def client_of(user: User) -> Client:
    _token, raw = token_create(actor=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def stored() -> tuple[Scheme, dict[str, Subject]]:
    scheme, subjects, _definition = make_hand_scheme(make_user(Role.STATISTICIAN, username="stat1"))
    return scheme, subjects


def _json(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def test_results_best_first(stored: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = stored
    body = _json(client_of(make_user(Role.LEADER)).get(f"{BASE}/schemes/{scheme.pk}/results"))
    assert [r["name"] for r in body["results"]] == ["丙开发区", "乙开发区", "甲开发区"]
    first = body["results"][0]
    assert first["total"] == pytest.approx(HAND_TOTALS["C"])
    assert first["rank"] == {"position": 1, "of": 3, "tied": False}
    assert first["group_rank"]["position"] == 1 and set(first["categories"]) == {"S", "Q"}


def test_contributions_and_gap(stored: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = stored
    client = client_of(make_user(Role.SUPERVISOR))
    found = _json(client.get(f"{BASE}/schemes/{scheme.pk}/subjects/{subjects['A'].pk}/contributions"))
    assert found[0]["code"] == "I1" and found[0]["lost"] == 40
    gap = _json(client.get(f"{BASE}/schemes/{scheme.pk}/subjects/{subjects['A'].pk}/gap"))
    assert gap["target_rank"] == 2 and gap["lacking"] == pytest.approx(HAND_TOTALS["B"] - HAND_TOTALS["A"])
    assert {lever["code"] for lever in gap["levers"]} == {"I1", "I2", "I3", "I4"}
    to_first = _json(client.get(f"{BASE}/schemes/{scheme.pk}/subjects/{subjects['A'].pk}/gap?target_rank=1"))
    assert to_first["lacking"] == pytest.approx(HAND_TOTALS["C"] - HAND_TOTALS["A"])


def test_history_over_years(stored: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = stored
    client = client_of(make_user(Role.LEADER))
    body = _json(client.get(f"{BASE}/schemes/{scheme.pk}/subjects/{subjects['A'].pk}/history"))
    assert body == [
        {
            "year": 2019,
            "total": pytest.approx(HAND_TOTALS["A"]),
            "rank": {"position": 3, "of": 3, "tied": False},
            "change": None,
        }
    ]
    assert client.get(f"{BASE}/schemes/{scheme.pk}/subjects/999999/history").status_code == 404


def test_what_if_changes_the_rank_and_saves_nothing(stored: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = stored
    a = subjects["A"].pk
    payload = {
        "changes": [
            {"indicator": "I1", "subject": a, "value": 30},
            {"indicator": "I3", "subject": a, "value": 120},
        ]
    }
    body = _json(
        client_of(make_user(Role.TOP_LEADER)).post(
            f"{BASE}/schemes/{scheme.pk}/what-if", payload, content_type="application/json"
        )
    )
    assert [r["name"] for r in body["results"]] == ["丙开发区", "甲开发区", "乙开发区"]
    moved = {m["subject_id"]: m for m in body["moved"]}
    assert moved[a]["rank_before"]["position"] == 3 and moved[a]["rank_after"]["position"] == 2
    assert not Scenario.objects.exists()


def test_what_if_with_an_unknown_indicator_names_it(stored: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = stored
    payload = {"changes": [{"indicator": "Z9", "subject": subjects["A"].pk, "value": 1}]}
    response = client_of(make_user(Role.LEADER)).post(
        f"{BASE}/schemes/{scheme.pk}/what-if", payload, content_type="application/json"
    )
    body = _json(response, 400)
    assert body["code"] == "invalid" and "changes[1].indicator" in body["fields"]
    assert "Z9" in body["message"]


def test_scenarios_are_their_owners(stored: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = stored
    owner, other = client_of(make_user(Role.LEADER)), client_of(make_user(Role.LEADER))
    payload = {"name": "追赶中游", "changes": [{"indicator": "I1", "subject": subjects["A"].pk, "value": 30}]}
    saved = _json(
        owner.post(f"{BASE}/schemes/{scheme.pk}/scenarios", payload, content_type="application/json"), 201
    )
    assert saved["changes"] == [{"indicator": "I1", "subject": subjects["A"].pk, "value": "30"}]
    assert [s["name"] for s in _json(owner.get(f"{BASE}/schemes/{scheme.pk}/scenarios"))] == ["追赶中游"]
    assert _json(other.get(f"{BASE}/schemes/{scheme.pk}/scenarios")) == []
    assert other.delete(f"{BASE}/scenarios/{saved['id']}").status_code == 404
    assert owner.delete(f"{BASE}/scenarios/{saved['id']}").status_code == 204
    assert not Scenario.objects.exists()


@pytest.mark.parametrize("role", [Role.LIAISON, Role.PROJECT_OFFICER])
def test_out_of_scope_answers_404_as_missing(stored: tuple[Scheme, dict[str, Subject]], role: Role) -> None:
    scheme, subjects = stored
    client = client_of(make_user(role))
    a = subjects["A"].pk
    for path in (
        f"/schemes/{scheme.pk}/results",
        f"/schemes/{scheme.pk}/subjects/{a}/gap",
        f"/schemes/{scheme.pk}/subjects/{a}/contributions",
        f"/schemes/{scheme.pk}/subjects/{a}/history",
        f"/schemes/{scheme.pk}/scenarios",
    ):
        response = client.get(BASE + path)
        assert response.status_code == 404, path
        missing = client_of(make_user(Role.LEADER)).get(BASE + path.replace(f"/{scheme.pk}/", "/999999/"))
        assert response.json() == missing.json()
    post = client.post(
        f"{BASE}/schemes/{scheme.pk}/what-if", {"changes": []}, content_type="application/json"
    )
    assert post.status_code == 404
    assert _json(client.get(f"{BASE}/schemes")) == []


@pytest.mark.parametrize("count", [5, 20])
def test_results_api_queries_constant(django_assert_num_queries: DjangoAssertNumQueries, count: int) -> None:
    # given a scheme of 5 or 20 subjects, read by a leader
    scheme = make_scheme_of(make_user(Role.STATISTICIAN, username="stat1"), count)
    client = client_of(make_user(Role.TOP_LEADER))
    # when the results are asked for, then the queries are the same for both sizes
    with django_assert_num_queries(QUERIES_OF_RESULTS):
        response = client.get(f"{BASE}/schemes/{scheme.pk}/results")
    assert len(response.json()["results"]) == count


def test_scheme_import_by_api_and_refusals(stored: tuple[Scheme, dict[str, Subject]]) -> None:
    _scheme, _subjects = stored
    statistician, leader = client_of(make_user(Role.STATISTICIAN)), client_of(make_user(Role.LEADER))
    data = hand_scheme_json([("甲开发区", "北片")], year=2020)
    # a leader reads but does not write
    refused = leader.post(f"{BASE}/schemes", {"scheme": data}, content_type="application/json")
    assert refused.status_code == 403
    created = _json(
        statistician.post(f"{BASE}/schemes", {"scheme": data}, content_type="application/json"), 201
    )
    assert (created["name"], created["year"]) == ("三主体四指标", 2020)
    # a mistake is named by its place, and nothing is stored
    data = hand_scheme_json([], year=2021)
    data["categories"][0]["weight"] = 71
    body = _json(statistician.post(f"{BASE}/schemes", {"scheme": data}, content_type="application/json"), 400)
    assert "三主体四指标" in body["fields"]
    assert not Scheme.objects.filter(year=2021).exists()


def test_values_and_events_by_api(stored: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = stored
    client = client_of(make_user(Role.STATISTICIAN))
    a = subjects["A"].pk
    row = _json(
        client.put(
            f"{BASE}/schemes/{scheme.pk}/values",
            {"indicator": "I1", "subject": a, "value": "30"},
            content_type="application/json",
        )
    )
    assert Decimal(row["value"]) == 30
    event = client.post(
        f"{BASE}/schemes/{scheme.pk}/events",
        {"item": "D1", "subject": a, "count": 3},
        content_type="application/json",
    )
    assert _json(event, 201)["count"] == 3
    results = _json(client.get(f"{BASE}/schemes/{scheme.pk}/results"))["results"]
    first = next(r for r in results if r["subject_id"] == a)
    # I1 now 40 (tied best) instead of 0; 3 events × 2, capped at 5
    assert first["total"] == pytest.approx(HAND_TOTALS["A"] + 40 - 5)


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("values", {"indicator": "NOPE", "subject": 0, "value": 1}, "subject"),
        ("values", {"indicator": "NOPE", "value": 1}, "indicator"),
        ("values", {"indicator": "I1", "value": 1, "subject_of": "outsider"}, "subject"),
        ("events", {"item": "NOPE", "count": 1}, "item"),
        ("events", {"item": "D1", "count": 1, "subject_of": "outsider"}, "subject"),
    ],
)
def test_write_bodies_naming_unknown_things_are_400(
    stored: tuple[Scheme, dict[str, Subject]], path: str, payload: dict[str, Any], field: str
) -> None:
    scheme, subjects = stored
    body = dict(payload)
    if body.pop("subject_of", None):
        body["subject"] = SubjectFactory.create(name="外省开发区").pk
    body.setdefault("subject", subjects["A"].pk)
    response = (
        client_of(make_user(Role.SUPERVISOR)).post(
            f"{BASE}/schemes/{scheme.pk}/{path}", body, content_type="application/json"
        )
        if path == "events"
        else client_of(make_user(Role.SUPERVISOR)).put(
            f"{BASE}/schemes/{scheme.pk}/{path}", body, content_type="application/json"
        )
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
