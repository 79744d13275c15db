"""The project pages read in a fixed number of queries, however many projects, reports and photos."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from duban.org.models import Unit, User
from duban.projects.models import Project
from tests.projects.factories import make_project, make_report
from tests.projects.views.conftest import client_for, photo

pytestmark = pytest.mark.django_db


def _projects(officer: User, liaison: User, unit: Unit, count: int, reports: int) -> list[Project]:
    made = []
    for n in range(count):
        project = make_project(officer, unit, name=f"项目{count}-{n}", annual_investment=Decimal(1200))
        for month in range(1, reports + 1):
            make_report(
                liaison,
                project,
                month,
                100 * month,
                files=[photo()] if month % 2 else [],
                problems="用地待协调" if month == reports else "",
            )
        made.append(project)
    return made


@pytest.mark.parametrize("who", ["officer", "liaison_a", "supervisor"])
def test_ledger_queries_do_not_grow(
    who: str,
    request: pytest.FixtureRequest,
    officer: User,
    liaison_a: User,
    unit_a: Unit,
    django_assert_max_num_queries: Any,
) -> None:
    # given
    client = client_for(request.getfixturevalue(who))
    url = reverse("projects:ledger")
    _projects(officer, liaison_a, unit_a, 2, 2)
    client.get(url)  # warm the session
    with django_assert_max_num_queries(25) as small:
        client.get(url)
        client.get(url, {"flag": "behind"})
    # when 30 more projects with 4 reports each
    _projects(officer, liaison_a, unit_a, 30, 4)
    # then
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
        client.get(url, {"flag": "behind"})
    assert len(response.context["rows"]) == 32


@pytest.mark.parametrize("who", ["officer", "liaison_a", "supervisor"])
def test_project_page_queries_do_not_grow(
    who: str,
    request: pytest.FixtureRequest,
    officer: User,
    liaison_a: User,
    supervisor: User,
    unit_a: Unit,
    django_assert_max_num_queries: Any,
) -> None:
    # given a project with 2 reports and one with 9, each with photos and a raised problem
    from duban.projects.services.report import problem_raise

    client = client_for(request.getfixturevalue(who))
    [few] = _projects(officer, liaison_a, unit_a, 1, 2)
    [many] = _projects(officer, liaison_a, unit_a, 1, 9)
    for project in (few, many):
        report = project.reports.get(month=1)
        problem_raise(
            actor=supervisor,
            project=project,
            report=report,
            title="协调用地",
            deadline=report.submitted_at.date(),
        )
    client.get(reverse("projects:detail", args=[few.pk]))  # warm the session
    # when / then
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("projects:detail", args=[few.pk]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("projects:detail", args=[many.pk]))
    assert len(response.context["reports"]) == 9
