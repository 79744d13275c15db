"""Scope on the project pages: another unit's liaison meets the project, its reports and photos as missing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.org.models import User
from duban.projects.models import MonthlyReport, Project
from tests.projects.views.conftest import client_for

pytestmark = pytest.mark.django_db


def _urls(project: Project, report: MonthlyReport) -> list[str]:
    photo = report.photos.get()
    return [
        reverse("projects:detail", args=[project.pk]),
        reverse("projects:report_new", args=[project.pk]),
        reverse("projects:problem_to_item", args=[project.pk, report.pk]),
        reverse("projects:photo", args=[photo.pk]),
        reverse("projects:photo_preview", args=[photo.pk]),
    ]


def test_another_units_liaison_gets_404_everywhere(
    liaison_b: User, project_a: Project, report_a: MonthlyReport
) -> None:
    # given a liaison of unit B, and unit A's project with a report and a photo
    client = client_for(liaison_b)
    # when / then: every page of it answers as a missing one would
    for url in _urls(project_a, report_a):
        assert client.get(url).status_code == 404, url
    missing = reverse("projects:detail", args=[project_a.pk + 1000])
    assert client.get(missing).status_code == 404
    # and the ledger does not list it
    rows = client.get(reverse("projects:ledger")).context["rows"]
    assert project_a.pk not in [r.project.pk for r in rows]


def test_the_lead_units_liaison_sees_it_and_its_photo(
    liaison_a: User, project_a: Project, report_a: MonthlyReport
) -> None:
    client = client_for(liaison_a)
    photo = report_a.photos.get()
    assert client.get(reverse("projects:detail", args=[project_a.pk])).status_code == 200
    preview = client.get(reverse("projects:photo_preview", args=[photo.pk]))
    assert preview.status_code == 200
    assert preview["Content-Type"] == "image/png"
    assert preview["Content-Security-Policy"].startswith("default-src 'none'")
    download = client.get(reverse("projects:photo", args=[photo.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    # a liaison reports but does not register items: no button, the form is missing to them
    assert (
        client.get(reverse("projects:problem_to_item", args=[project_a.pk, report_a.pk])).status_code == 404
    )


def test_a_cooperating_units_liaison_reads_but_does_not_report(
    officer: User, liaison_b: User, project_a: Project
) -> None:
    from duban.projects.services.project import project_update

    assert liaison_b.unit is not None
    project_update(actor=officer, project=project_a, cooperating_units=[liaison_b.unit])
    client = client_for(liaison_b)
    page = client.get(reverse("projects:detail", args=[project_a.pk]))
    assert page.status_code == 200
    assert page.context["may_report"] is False
    assert client.get(reverse("projects:report_new", args=[project_a.pk])).status_code == 404


def test_a_statistician_finds_no_project_pages(project_a: Project) -> None:
    from duban.core.roles import Role
    from tests.org.factories import make_user

    client = client_for(make_user(Role.STATISTICIAN, username="stat"))
    assert client.get(reverse("projects:ledger")).status_code == 404
    assert client.get(reverse("projects:pipeline")).status_code == 404
