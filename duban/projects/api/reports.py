"""Monthly reports (月度调度) with photos, and a problem turned into a supervision item."""

# No ``from __future__ import annotations``: ninja's ``paginate`` wrapper resolves the list
# operations' parameter annotations in its own module.
import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from pydantic import Field

from duban.core.downloads import file_response
from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.core.inputs import CleanText, Id
from duban.core.responses import READ_ERRORS, WRITE_ERRORS
from duban.projects import policy
from duban.projects.api.common import Money, caller
from duban.projects.models import (
    MonthlyReport,
    Project,
)
from duban.projects.services.report import problem_raise, report_submit

router = Router(tags=["projects: reports"])


class PhotoOut(Schema):
    id: int
    original_name: str
    size: int
    content_type: str


class ProjectReportOut(Schema):
    id: int
    project_id: int
    year: int
    month: int
    month_investment: Decimal
    ytd_investment: Decimal
    progress: str
    problems: str
    author_id: int
    submitted_at: dt.datetime
    supersedes_id: int | None
    photos: list[PhotoOut]


def _reports(project: Project) -> list[MonthlyReport]:
    return list(project.reports.prefetch_related("photos"))


@router.get(
    "/projects/{project_id}/reports",
    response={200: list[ProjectReportOut], **READ_ERRORS},
    summary="List monthly reports",
)
def report_list(request: HttpRequest, project_id: Id) -> list[MonthlyReport]:
    """The project's monthly reports, latest month first, corrections included (``supersedes_id``)."""
    return _reports(policy.access_project(caller(request), project_id))


class ProjectReportIn(Schema):
    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)
    month_investment: Money = Field(ge=0, max_digits=14, decimal_places=2)
    ytd_investment: Money = Field(ge=0, max_digits=14, decimal_places=2)
    progress: CleanText
    problems: CleanText = ""
    supersedes_id: Id | None = Field(None, description="The current report of the month this one corrects.")


@router.post(
    "/projects/{project_id}/reports",
    response={201: ProjectReportOut, **WRITE_ERRORS},
    summary="Submit a monthly report",
)
def report_post(
    request: HttpRequest,
    project_id: Id,
    payload: Form[ProjectReportIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[MonthlyReport]:
    """Submit a month's report (multipart: the fields, and photos as ``files``: PNG, JPEG or GIF).

    The lead unit's liaison, or the project office. A report is immutable; a correction is a
    new report with ``supersedes_id`` naming the month's current report.
    """
    user = caller(request)
    project = policy.access_project(user, project_id)
    data = payload.model_dump()
    supersedes_id = data.pop("supersedes_id")
    supersedes = None
    if supersedes_id is not None:
        supersedes = project.reports.filter(pk=supersedes_id).first()
        if supersedes is None:
            raise DomainError(ErrorCode.INVALID, _("Unknown report to correct."), field="supersedes_id")
    report = report_submit(actor=user, project=project, files=files or [], supersedes=supersedes, **data)
    return Status(201, project.reports.prefetch_related("photos").get(pk=report.pk))


class ProblemIn(Schema):
    title: CleanText = Field(max_length=500)
    deadline: dt.date
    report_id: Id | None = Field(None, description="The report whose problem this is.")
    content: CleanText = ""


class RaisedItemOut(Schema):
    item_id: int
    number: str
    state: str
    lead_unit_id: int | None
    leader_id: int | None


@router.post(
    "/projects/{project_id}/items",
    response={201: RaisedItemOut, **WRITE_ERRORS},
    summary="Turn a problem into a supervision item",
)
def problem_post(request: HttpRequest, project_id: Id, payload: ProblemIn) -> Status[dict[str, Any]]:
    """The supervision office registers and assigns an item (the project's lead unit and leader), linked."""
    user = caller(request)
    project = policy.access_project(user, project_id)
    report = None
    if payload.report_id is not None:
        report = project.reports.filter(pk=payload.report_id).first()
        if report is None:
            raise DomainError(ErrorCode.INVALID, _("Unknown report of this project."), field="report_id")
    item = problem_raise(
        actor=user,
        project=project,
        title=payload.title,
        deadline=payload.deadline,
        report=report,
        content=payload.content,
    )
    return Status(
        201,
        {
            "item_id": item.pk,
            "number": item.number,
            "state": item.state,
            "lead_unit_id": item.lead_unit_id,
            "leader_id": item.leader_id,
        },
    )


@router.get("/photos/{photo_id}", response={200: None, **READ_ERRORS}, summary="Download a progress photo")
def photo_get(request: HttpRequest, photo_id: Id) -> HttpResponseBase:
    """The photo as a file, if its project is in the caller's scope (404 like a missing one otherwise)."""
    photo = policy.access_photo(caller(request), photo_id)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError as exc:
        raise NotFound("project photo") from exc
    return file_response(handle, name=photo.original_name)
