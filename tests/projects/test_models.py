"""The stored facts: reports are immutable (a correction is a new report)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duban.core.roles import Role
from duban.org.models import Unit
from duban.projects.models import MonthlyReport, Project
from tests.org.factories import make_user


@pytest.mark.django_db
def test_a_saved_report_cannot_be_changed(unit_a: Unit) -> None:
    # given
    author = make_user(Role.LIAISON, unit=unit_a, username="r1")
    project = Project.objects.create(name="金屿大桥", year=2019, kind="infrastructure", lead_unit=unit_a)
    report = MonthlyReport.objects.create(
        project=project,
        year=2019,
        month=5,
        month_investment=Decimal("100"),
        ytd_investment=Decimal("500"),
        progress="桩基施工",
        author=author,
        submitted_at=dt.datetime(2019, 5, 30, tzinfo=dt.UTC),
    )
    # when / then
    report.progress = "改"
    with pytest.raises(RuntimeError):
        report.save()
