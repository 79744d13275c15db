"""The projects API: scope (404 like missing: reports and photos too), roles (403), writes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from duban.accounts.services import token_create
from duban.org.models import Unit, User
from duban.projects.models import MonthlyReport, Project, ProjectItemLink
from tests.org.factories import make_person
from tests.projects.factories import PNG, make_officer, make_project, make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
BASE = "/api/v1/projects"


class Api:
    def __init__(self, user: User) -> None:
        _, raw = token_create(actor=user, name="tests")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(BASE + path, body, content_type="application/json")

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.patch(BASE + path, body, content_type="application/json")

    def form(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(BASE + path, body)


@pytest.fixture
def officer(db: None) -> User:
    return make_officer()


def test_the_office_adds_and_edits_a_project_others_may_not(
    officer: User, liaison_a: User, unit_a: Unit
) -> None:
    body = {
        "name": "金屿大桥",
        "year": 2019,
        "kind": "infrastructure",
        "lead_unit_id": unit_a.pk,
        "annual_investment": "12000",
        "planned_start": "2019-03-01",
        "status": "not_started",
    }
    assert Api(liaison_a).post("/projects", body).status_code == 403
    created = Api(officer).post("/projects", body)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["flags"] == ["far_behind", "not_started"]  # 0 done against 50 % by June; start passed
    assert data["colour"] == "red"
    patched = Api(officer).patch(
        f"/projects/{data['id']}",
        {"version": 1, "status": "under_construction", "actual_start": "2019-03-05"},
    )
    assert patched.status_code == 200, patched.content
    assert "not_started" not in patched.json()["flags"]
    stale = Api(officer).patch(f"/projects/{data['id']}", {"version": 1, "name": "改"})
    assert stale.status_code == 409
    assert Api(liaison_a).patch(f"/projects/{data['id']}", {"version": 2, "name": "改"}).status_code == 403


def test_scope_answers_404_for_the_project_and_its_reports(
    officer: User, liaison_a: User, liaison_b: User, unit_a: Unit
) -> None:
    project = make_project(officer, unit_a)
    make_report(liaison_a, project, 6, 3600)
    for path in (f"/projects/{project.pk}", f"/projects/{project.pk}/reports"):
        hidden, missing = (
            Api(liaison_b).get(path),
            Api(liaison_b).get(path.replace(str(project.pk), "999999")),
        )
        assert hidden.status_code == missing.status_code == 404
        assert hidden.json() == missing.json()
    assert Api(liaison_b).get("/projects").json()["items"] == []
    listed = Api(liaison_a).get("/projects", flag="behind")
    assert [p["name"] for p in listed.json()["items"]] == ["金屿大桥"]


def test_the_liaison_submits_a_report_with_a_photo_and_a_correction(
    officer: User, liaison_a: User, liaison_b: User, unit_a: Unit
) -> None:
    project = make_project(officer, unit_a)
    fields = {
        "year": 2019,
        "month": 6,
        "month_investment": "600",
        "ytd_investment": "3600",
        "progress": "主塔施工",
    }
    refused = Api(liaison_b).form(f"/projects/{project.pk}/reports", fields)
    assert refused.status_code == 404
    sent = Api(liaison_a).form(
        f"/projects/{project.pk}/reports", {**fields, "files": SimpleUploadedFile("现场.png", PNG)}
    )
    assert sent.status_code == 201, sent.content
    assert [p["original_name"] for p in sent.json()["photos"]] == ["现场.png"]
    again = Api(liaison_a).form(f"/projects/{project.pk}/reports", fields)
    assert again.status_code == 409
    corrected = Api(liaison_a).form(
        f"/projects/{project.pk}/reports",
        {**fields, "ytd_investment": "3700", "supersedes_id": sent.json()["id"]},
    )
    assert corrected.status_code == 201
    assert MonthlyReport.objects.filter(superseded_by__isnull=True).get().ytd_investment == Decimal(3700)
    detail = Api(liaison_a).get(f"/projects/{project.pk}").json()
    assert detail["actual"][5] == "3700.00" or Decimal(detail["actual"][5]) == Decimal(3700)


def test_the_supervision_office_turns_a_problem_into_an_item(
    officer: User, supervisor: User, liaison_a: User, unit_a: Unit
) -> None:
    leader = make_person(unit=unit_a, name="王副主任")
    project = make_project(officer, unit_a, leader=leader)
    report = make_report(liaison_a, project, 6, 3600, problems="征地滞后")
    body = {"title": "协调征地", "deadline": "2019-09-30", "report_id": report.pk}
    assert Api(liaison_a).post(f"/projects/{project.pk}/items", body).status_code == 403
    raised = Api(supervisor).post(f"/projects/{project.pk}/items", body)
    assert raised.status_code == 201, raised.content
    assert (raised.json()["lead_unit_id"], raised.json()["leader_id"], raised.json()["state"]) == (
        unit_a.pk,
        leader.pk,
        "assigned",
    )
    assert ProjectItemLink.objects.get().item_id == raised.json()["item_id"]
    assert Api(liaison_a).get(f"/projects/{project.pk}").json()["item_ids"] == [raised.json()["item_id"]]


def test_leads_advance_and_become_a_project(officer: User, liaison_b: User, unit_a: Unit) -> None:
    lead = Api(officer).post(
        "/leads",
        {
            "name": "台资电子",
            "origin": "taiwan",
            "unit_id": unit_a.pk,
            "talks_on": "2018-11-01",
            "amount": "8000",
        },
    )
    assert lead.status_code == 201, lead.content
    lead_id = lead.json()["id"]
    for stage, day in (("signed", "2018-12-01"), ("landed", "2019-01-10"), ("started", "2019-04-01")):
        moved = Api(officer).post(f"/leads/{lead_id}/advance", {"stage": stage, "on": day})
        assert moved.status_code == 200, moved.content
    assert (
        Api(liaison_b)
        .post(f"/leads/{lead_id}/advance", {"stage": "producing", "on": "2019-07-01"})
        .status_code
        == 404
    )
    made = Api(officer).post(f"/leads/{lead_id}/project", {"annual_investment": "3000"})
    assert made.status_code == 201, made.content
    assert Project.objects.get().actual_start == dt.date(2019, 4, 1)
    pipeline = Api(officer).get("/pipeline").json()
    assert [s["count"] for s in pipeline["steps"]] == [1, 1, 1, 1, 0]
