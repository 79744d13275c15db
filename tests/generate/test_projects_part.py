"""The generated key projects: counts by size, reports by the lead unit's liaison, flags that vary, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.audit.models import AuditEvent
from duban.core.roles import Role
from duban.generate import shape
from duban.generate.projects import SCALES, write_projects
from duban.generate.writer import PARTS, Keys, write_org
from duban.projects.models import Lead, MonthlyReport, Project
from duban.projects.selectors import LedgerQuery, project_ledger
from duban.projects.services.report import current_report
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def test_the_part_is_registered() -> None:
    assert write_projects in PARTS


def test_small_projects() -> None:
    # given
    plan = shape.plan("small", seed=3, today=TODAY)
    keys = Keys()
    write_org(plan, keys, tag="")
    # when
    counts = write_projects(plan, keys, lambda stage, done, total: None)
    # then: 60 projects × 12 months (2025-06 … 2026-05), one report in twenty missed
    scale = SCALES["small"]
    assert counts["projects"] == Project.objects.count() == scale.projects
    assert counts["project_reports"] == MonthlyReport.objects.count()
    assert 0.9 * scale.projects * scale.months < counts["project_reports"] < scale.projects * scale.months
    assert Lead.objects.count() == scale.leads
    assert AuditEvent.objects.filter(action="project.report").count() == counts["project_reports"]
    # year to date restarts in January and is the sum of the months reported or not
    project = Project.objects.order_by("id").first()
    assert project is not None
    january = current_report(project, 2026, 1)
    if january is not None:
        assert january.ytd_investment == january.month_investment
    # the ledger shows flags, and not the same for every project
    officer = make_user(Role.PROJECT_OFFICER, username="officer-gen")
    rows = project_ledger(user=officer, query=LedgerQuery(), today=TODAY)
    flags = {str(f) for row in rows for f in row.light.flags}
    assert len(flags) >= 2
    assert flags & {"behind", "far_behind"}
    assert len({row.light.colour for row in rows}) >= 2
