"""Monthly reports: immutable, a correction supersedes; photos checked; a problem becomes an item."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.audit.models import AuditEvent
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.org.models import Unit, User
from duban.projects.models import MonthlyReport, ProjectItemLink, ReportPhoto
from duban.projects.services.report import current_report, photo_attach, problem_raise
from duban.supervision.workflow import State
from tests.org.factories import make_person
from tests.projects.factories import PNG, make_officer, make_project, make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def officer(db: None) -> User:
    return make_officer()


def test_the_lead_units_liaison_reports_with_photos(officer: User, liaison_a: User, unit_a: Unit) -> None:
    project = make_project(officer, unit_a)
    photo = SimpleUploadedFile("桩基.png", PNG)
    report = make_report(liaison_a, project, 6, 3600, files=[photo], problems="征地拆迁滞后")
    assert report.photos.get().original_name == "桩基.png"
    assert report.photos.get().content_type == "image/png"
    event = AuditEvent.objects.get(action="project.report")
    assert (event.after or {})["ytd_investment"] == "3600"
    assert (event.after or {})["files"] == ["桩基.png"]


def test_another_units_liaison_and_a_leader_do_not_report(
    officer: User, liaison_b: User, leader_a: User, unit_a: Unit
) -> None:
    project = make_project(officer, unit_a, leader=leader_a.person)
    with pytest.raises(DomainError) as caught:
        make_report(liaison_b, project, 6, 3600)
    assert caught.value.code == ErrorCode.NOT_FOUND
    with pytest.raises(PermissionDenied):
        make_report(leader_a, project, 6, 3600)
    assert not MonthlyReport.objects.exists()


def test_a_correction_supersedes_and_a_second_report_is_refused(
    officer: User, liaison_a: User, unit_a: Unit
) -> None:
    project = make_project(officer, unit_a)
    first = make_report(liaison_a, project, 6, 3600)
    with pytest.raises(DomainError) as caught:
        make_report(liaison_a, project, 6, 3700)
    assert caught.value.code == ErrorCode.CONFLICT
    correction = make_report(liaison_a, project, 6, 3700, supersedes=first)
    assert current_report(project, 2019, 6) == correction
    # the corrected one cannot be corrected again; only the current one
    with pytest.raises(DomainError):
        make_report(liaison_a, project, 6, 3800, supersedes=first)
    first.refresh_from_db()
    assert first.ytd_investment == Decimal(3600)  # unchanged: immutable


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"month": 8}, "month"),  # 31 July 2019: August is still to come
        ({"month": 13}, "month"),
        ({"progress": "  "}, "progress"),
        ({"month_investment": Decimal(5000)}, "month_investment"),  # more than the year to date
        ({"ytd_investment": Decimal(-1), "month_investment": Decimal(0)}, "ytd_investment"),
    ],
)
def test_bad_reports_are_refused_naming_the_field(
    officer: User, liaison_a: User, unit_a: Unit, fields: dict[str, object], field: str
) -> None:
    project = make_project(officer, unit_a)
    with pytest.raises(DomainError) as caught:
        make_report(liaison_a, project, int(str(fields.pop("month", 6))), 3600, **fields)
    assert field in caught.value.fields
    assert not MonthlyReport.objects.exists()


def test_a_photo_that_is_not_one_is_refused_and_nothing_is_left(
    officer: User, liaison_a: User, unit_a: Unit
) -> None:
    project = make_project(officer, unit_a)
    fake = SimpleUploadedFile("现场.png", b"%PDF-1.4 not a photo")
    with pytest.raises(DomainError) as caught:
        make_report(liaison_a, project, 6, 3600, files=[fake])
    assert caught.value.code == ErrorCode.INVALID_FILE
    assert not MonthlyReport.objects.exists()
    pdf = SimpleUploadedFile("方案.pdf", b"%PDF-1.4 ...")
    with pytest.raises(DomainError):
        make_report(liaison_a, project, 6, 3600, files=[pdf])  # evidence, but not a photo


def test_photos_added_to_the_current_report_only(officer: User, liaison_a: User, unit_a: Unit) -> None:
    project = make_project(officer, unit_a)
    first = make_report(liaison_a, project, 6, 3600)
    photo_attach(
        actor=liaison_a, report=first, files=[SimpleUploadedFile("a.jpg", b"\xff\xd8\xff" + b"0" * 20)]
    )
    make_report(liaison_a, project, 6, 3700, supersedes=first)
    with pytest.raises(DomainError):
        photo_attach(actor=liaison_a, report=first, files=[SimpleUploadedFile("b.png", PNG)])
    assert ReportPhoto.objects.count() == 1


def test_a_problem_becomes_an_assigned_item_linked_both_ways(
    officer: User, supervisor: User, liaison_a: User, unit_a: Unit, unit_b: Unit
) -> None:
    # given: a project with a leader in charge, and a report naming a problem
    leader = make_person(unit=unit_a, name="王副主任")
    project = make_project(officer, unit_a, leader=leader, cooperating_units=[unit_b])
    report = make_report(liaison_a, project, 6, 3600, problems="征地拆迁滞后，需协调自然资源局")
    # when
    item = problem_raise(
        actor=supervisor,
        project=project,
        report=report,
        title="协调金屿大桥征地拆迁",
        deadline=dt.date(2019, 9, 30),
    )
    # then: lead unit and leader pre-filled, assigned, linked both ways
    assert (item.lead_unit, item.leader, item.state) == (unit_a, leader, State.ASSIGNED)
    assert list(item.cooperating_units.all()) == [unit_b]
    assert "征地拆迁滞后" in item.content
    assert [link.item for link in project.item_links.all()] == [item]
    assert [link.project for link in ProjectItemLink.objects.filter(item=item)] == [project]
    assert ProjectItemLink.objects.get().report == report
    assert AuditEvent.objects.filter(action="project.raise_item").count() == 1
    # a second problem goes to the same standing source
    other = problem_raise(
        actor=supervisor, project=project, title="协调施工用电", deadline=dt.date(2019, 9, 30)
    )
    assert other.source_id == item.source_id


def test_only_the_supervision_office_raises_an_item(officer: User, liaison_a: User, unit_a: Unit) -> None:
    project = make_project(officer, unit_a)
    for user in (officer, liaison_a):
        with pytest.raises(PermissionDenied):
            problem_raise(actor=user, project=project, title="协调", deadline=dt.date(2019, 9, 30))
    assert not ProjectItemLink.objects.exists()
