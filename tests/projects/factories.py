"""Factories for projects: people with the projects' roles, projects and reports through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.projects.models import MonthlyReport, Project
from duban.projects.services.project import project_create
from duban.projects.services.report import report_submit
from tests.org.factories import make_user

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def make_officer(**kw: Any) -> User:
    """A project office user (项目办)."""
    kw.setdefault("username", "officer")
    return make_user(Role.PROJECT_OFFICER, **kw)


def make_project(actor: User, lead_unit: Unit, **kw: Any) -> Project:
    fields: dict[str, Any] = {
        "name": "金屿大桥",
        "year": 2019,
        "kind": "infrastructure",
        "annual_investment": Decimal(12000),
        "total_investment": Decimal(150000),
        "planned_start": dt.date(2019, 3, 1),
        "status": "under_construction",
        "actual_start": dt.date(2019, 3, 1),
    }
    fields.update(kw)
    return project_create(actor=actor, lead_unit=lead_unit, **fields)


def make_report(actor: User, project: Project, month: int, ytd: int, **kw: Any) -> MonthlyReport:
    fields: dict[str, Any] = {
        "year": 2019,
        "month": month,
        "month_investment": Decimal(min(ytd, 100)),
        "ytd_investment": Decimal(ytd),
        "progress": f"{month}月完成桩基施工",
    }
    fields.update(kw)
    return report_submit(actor=actor, project=project, **fields)
