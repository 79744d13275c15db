"""The ledger services: audit rows, refusals naming the field, version conflicts, milestones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duban.audit.models import AuditEvent
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.org.models import Unit, User
from duban.projects.models import Project, ProjectSettings
from duban.projects.services.project import (
    milestone_add,
    milestone_mark,
    project_settings_update,
    project_update,
)
from tests.projects.factories import make_officer, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db: None) -> User:
    return make_officer()


def test_create_writes_the_project_and_its_audit_row(officer: User, unit_a: Unit, unit_b: Unit) -> None:
    # when
    project = make_project(officer, unit_a, code="JS-01", cooperating_units=[unit_b, unit_a])
    # then: the lead unit is never also a cooperating unit
    assert list(project.cooperating_units.all()) == [unit_b]
    event = AuditEvent.objects.get(action="project.create")
    assert event.object_id == str(project.pk)
    assert (event.after or {})["annual_investment"] == "12000"
    assert (event.after or {})["cooperating_units"] == [unit_b.pk]


def test_only_the_project_office_edits_the_ledger(supervisor: User, liaison_a: User, unit_a: Unit) -> None:
    for user in (supervisor, liaison_a):
        with pytest.raises(PermissionDenied):
            make_project(user, unit_a)
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"planned_start": dt.date(2019, 6, 1), "planned_finish": dt.date(2019, 5, 1)}, "planned_finish"),
        ({"actual_start": dt.date(2019, 6, 1), "actual_finish": dt.date(2019, 5, 1)}, "actual_finish"),
        ({"monthly_profile": [10] * 12}, "monthly_profile"),
        ({"name": "   "}, "name"),
        ({"planned_start": dt.date(1919, 3, 1)}, "planned_start"),
    ],
)
def test_refusals_name_the_field_and_write_nothing(
    officer: User, unit_a: Unit, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        make_project(officer, unit_a, **fields)
    assert field in caught.value.fields
    assert not Project.objects.exists()
    assert not AuditEvent.objects.filter(action="project.create").exists()


def test_a_number_is_unique_within_a_year(officer: User, unit_a: Unit) -> None:
    make_project(officer, unit_a, code="JS-01")
    make_project(officer, unit_a, code="JS-01", year=2020)  # another year's ledger
    with pytest.raises(DomainError) as caught:
        make_project(officer, unit_a, code="JS-01", name="百崎通道")
    assert caught.value.code == ErrorCode.DUPLICATE
    assert "JS-01" in caught.value.message


def test_update_records_before_and_after_and_refuses_a_stale_copy(officer: User, unit_a: Unit) -> None:
    project = make_project(officer, unit_a)
    project_update(actor=officer, project=project, expected_version=1, annual_investment=Decimal(15000))
    event = AuditEvent.objects.get(action="project.update")
    assert ((event.before or {})["annual_investment"], (event.after or {})["annual_investment"]) == (
        "12000.00",
        "15000",
    )
    with pytest.raises(DomainError) as caught:
        project_update(actor=officer, project=project, expected_version=1, name="改名")
    assert caught.value.code == ErrorCode.CONFLICT
    assert Project.objects.get().name == "金屿大桥"


def test_a_project_is_never_a_part_of_itself(officer: User, unit_a: Unit) -> None:
    network = make_project(officer, unit_a, name="五纵五横路网")
    segment = make_project(officer, unit_a, name="一纵", parent=network)
    with pytest.raises(DomainError) as caught:
        project_update(actor=officer, project=network, parent=segment)
    assert "parent" in caught.value.fields


def test_milestones_added_and_marked(officer: User, liaison_a: User, liaison_b: User, unit_a: Unit) -> None:
    project = make_project(officer, unit_a)
    node = milestone_add(actor=officer, project=project, due=dt.date(2019, 6, 30), title="主塔封顶")
    with pytest.raises(PermissionDenied):
        milestone_add(actor=liaison_a, project=project, due=dt.date(2019, 9, 30), title="合龙")
    # the lead unit's liaison marks it; another unit's liaison does not even see it
    milestone_mark(actor=liaison_a, milestone=node, done_on=dt.date(2019, 7, 2))
    node.refresh_from_db()
    assert node.done_on == dt.date(2019, 7, 2)
    with pytest.raises(DomainError) as caught:
        milestone_mark(actor=liaison_b, milestone=node, done_on=dt.date(2019, 7, 2))
    assert caught.value.code == ErrorCode.NOT_FOUND
    assert AuditEvent.objects.filter(action="project.milestone_done").count() == 1


def test_flag_settings(officer: User) -> None:
    project_settings_update(actor=officer, behind_margin=15, far_behind_margin=30)
    assert (ProjectSettings.current().behind_margin, ProjectSettings.current().far_behind_margin) == (15, 30)
    with pytest.raises(DomainError):
        project_settings_update(actor=officer, behind_margin=30, far_behind_margin=15)
