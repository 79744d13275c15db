"""Scope of projects, reports, photos and leads: out of scope answers exactly as missing (404)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.projects import policy
from duban.projects.models import Project
from duban.projects.services.lead import lead_create
from tests.org.factories import make_user
from tests.projects.factories import PNG, make_officer, make_project, make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def officer(db: None) -> User:
    return make_officer()


@pytest.fixture
def project(officer: User, unit_a: Unit, leader_a: User) -> Project:
    return make_project(officer, unit_a, leader=leader_a.person)


def test_another_units_liaison_gets_not_found_on_the_project_its_reports_and_photos(
    project: Project, liaison_a: User, liaison_b: User
) -> None:
    report = make_report(liaison_a, project, 6, 3600, files=[SimpleUploadedFile("现场.png", PNG)])
    photo = report.photos.get()
    # the lead unit's liaison reaches all three
    assert policy.access_project(liaison_a, project.pk) == project
    assert policy.access_report(liaison_a, report.pk) == report
    assert policy.access_photo(liaison_a, photo.pk) == photo
    # another unit's liaison: exactly as if none existed
    for access, pk in (
        (policy.access_project, project.pk),
        (policy.access_report, report.pk),
        (policy.access_photo, photo.pk),
    ):
        with pytest.raises(NotFound) as hidden:
            access(liaison_b, pk)
        with pytest.raises(NotFound) as missing:
            access(liaison_b, pk + 1000)
        assert hidden.value.message == missing.value.message
    assert not policy.projects_visible(liaison_b).exists()


def test_a_leader_sees_the_projects_they_lead(project: Project, officer: User, unit_b: Unit) -> None:
    other = make_project(officer, unit_b, name="百崎通道")
    leader = User.objects.get(username="leader_a")
    assert list(policy.projects_visible(leader)) == [project]
    with pytest.raises(NotFound):
        policy.access_project(leader, other.pk)


def test_a_cooperating_units_liaison_sees_but_does_not_report(
    officer: User, unit_a: Unit, unit_b: Unit, liaison_b: User
) -> None:
    project = make_project(officer, unit_a, cooperating_units=[unit_b])
    assert policy.access_project(liaison_b, project.pk) == project
    assert not policy.may_report(liaison_b, project)


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.TOP_LEADER, Role.ADMIN, Role.PROJECT_OFFICER])
def test_the_offices_and_top_leaders_see_everything(project: Project, role: Role) -> None:
    user = make_user(role, username=f"u_{role}")
    assert list(policy.projects_visible(user)) == [project]


@pytest.mark.parametrize("role", [Role.STATISTICIAN, None])
def test_others_see_nothing(project: Project, role: Role | None, unit_a: Unit) -> None:
    user = make_user(*([role] if role else []), unit=unit_a, username="other")
    assert not policy.projects_visible(user).exists()
    assert not policy.may_read_projects(user)


def test_leads_are_seen_by_their_unit_and_its_leader(
    officer: User, liaison_a: User, liaison_b: User, leader_a: User, unit_a: Unit
) -> None:
    lead = lead_create(
        actor=officer, name="台资企业甲", origin="taiwan", unit=unit_a, talks_on=dt.date(2019, 1, 2)
    )
    assert policy.access_lead(liaison_a, lead.pk) == lead
    assert policy.access_lead(leader_a, lead.pk) == lead
    with pytest.raises(NotFound):
        policy.access_lead(liaison_b, lead.pk)
