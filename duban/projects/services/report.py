"""Monthly reports (月度调度): immutable; a correction is a new report that supersedes the old one.

Photos of physical progress (形象进度照片) go through the one upload check (images
only, by content) and live only as long as their row (``core.filestore``). A problem
needing coordination becomes a supervision item in one step (问题转督办), registered by
the supervision item services with the project's lead unit and leader pre-filled, and
linked both ways (``ProjectItemLink``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.core.fields import visible_text
from duban.core.filestore import keep_only_on_commit
from duban.core.uploads import content_type, upload_check
from duban.core.validation import validate
from duban.org.models import User
from duban.projects import policy
from duban.projects.models import MonthlyReport, Project, ProjectItemLink, ReportPhoto
from duban.supervision.models import Item, Source
from duban.supervision.models.item import ItemKind
from duban.supervision.models.source import SourceKind
from duban.supervision.services.source import source_create
from duban.supervision.services.transition import item_transition
from duban.supervision.services.tree import item_create
from duban.supervision.workflow import Action

PHOTOS = (".png", ".jpg", ".jpeg", ".gif")


def current_report(project: Project, year: int, month: int) -> MonthlyReport | None:
    """The report of that month nobody has superseded (the one that counts)."""
    return (
        MonthlyReport.objects.filter(project=project, year=year, month=month, superseded_by__isnull=True)
        .order_by("-submitted_at", "-id")
        .first()
    )


def _check_month(year: int, month: int) -> None:
    today = clock.today()
    if (year, month) > (today.year, today.month):
        raise DomainError(ErrorCode.INVALID, _("A month still to come cannot be reported."), field="month")


def _check_supersedes(project: Project, year: int, month: int, supersedes: MonthlyReport | None) -> None:
    """A month has one current report: a second one must say it corrects the current one."""
    current = current_report(project, year, month)
    if supersedes is None and current is not None:
        raise DomainError(
            ErrorCode.CONFLICT,
            _("%(year)s-%(month)02d is already reported; submit a correction of that report instead.")
            % {"year": year, "month": month},
            field="supersedes",
        )
    if supersedes is not None and (current is None or supersedes.pk != current.pk):
        raise DomainError(
            ErrorCode.INVALID,
            _("Only the current report of the same project and month can be corrected."),
            field="supersedes",
        )


def _check_amounts(report: MonthlyReport) -> None:
    if report.ytd_investment < 0 or report.month_investment < 0:
        raise DomainError(ErrorCode.INVALID, _("Investment is not negative."), field="ytd_investment")
    if report.month_investment > report.ytd_investment:
        raise DomainError(
            ErrorCode.INVALID,
            _("The investment of the month is more than the year to date."),
            field="month_investment",
        )


def report_check(report: MonthlyReport) -> None:
    """Field rules, a described progress and sound amounts (before anything is written)."""
    if not visible_text(report.progress):
        raise DomainError(ErrorCode.INVALID, _("Describe the physical progress."), field="progress")
    report.progress, report.problems = report.progress.strip(), report.problems.strip()
    validate(report, exclude=["author", "project", "supersedes", "submitted_at"])
    _check_amounts(report)


@transaction.atomic
def report_submit(
    *,
    actor: User,
    project: Project,
    year: int,
    month: int,
    month_investment: Decimal,
    ytd_investment: Decimal,
    progress: str,
    problems: str = "",
    files: Sequence[UploadedFile] = (),
    supersedes: MonthlyReport | None = None,
) -> MonthlyReport:
    """Submit a month's report (the lead unit's liaison, or the project office for it); immutable from now."""
    project = policy.access_project(actor, project.pk, for_update=True)  # one writer per project at a time
    policy.check_report(actor, project)
    report = MonthlyReport(
        project=project,
        year=year,
        month=month,
        month_investment=month_investment,
        ytd_investment=ytd_investment,
        progress=progress,
        problems=problems,
        author=actor,
        submitted_at=clock.now(),
        supersedes=supersedes,
    )
    report_check(report)
    _check_month(year, month)
    _check_supersedes(project, year, month, supersedes)
    report.save()
    photos = [_photo_store(actor, report, upload) for upload in files]
    audit_record(
        actor=actor,
        action="project.report",
        obj=project,
        after={
            "report": report.pk,
            "year": year,
            "month": month,
            "month_investment": str(report.month_investment),
            "ytd_investment": str(report.ytd_investment),
            "supersedes": supersedes.pk if supersedes else None,
            "files": [p.original_name for p in photos],
        },
    )
    return report


def _photo_store(actor: User, report: MonthlyReport, upload: UploadedFile) -> ReportPhoto:
    """Store one checked photo (images only, by content); call inside the report's transaction."""
    name = upload_check(upload, kinds=PHOTOS, field="files")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    photo = ReportPhoto(
        report=report,
        original_name=name,
        size=upload.size or 0,
        content_type=content_type(name),
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        uploaded_at=clock.now(),
    )
    photo.file.save(name, upload, save=False)
    keep_only_on_commit(photo.file.storage, photo.file.name)
    photo.save()
    return photo


@transaction.atomic
def photo_attach(*, actor: User, report: MonthlyReport, files: Sequence[UploadedFile]) -> list[ReportPhoto]:
    """Add photos to the current report of a month (a superseded report is history)."""
    report = policy.access_report(actor, report.pk)
    policy.access_project(actor, report.project_id, for_update=True)
    policy.check_report(actor, report.project)  # photos are added by whoever may report (may_attach_photos)
    if hasattr(report, "superseded_by"):
        raise DomainError(ErrorCode.INVALID, _("Photos go to the current report, not a corrected one."))
    if not files:
        raise DomainError(ErrorCode.INVALID, _("Choose at least one photo."), field="files")
    photos = [_photo_store(actor, report, upload) for upload in files]
    audit_record(
        actor=actor,
        action="project.photo_attach",
        obj=report.project,
        after={"report": report.pk, "files": [p.original_name for p in photos]},
    )
    return photos


def _problems_source(actor: User, year: int) -> Source:
    """The standing source of the year's project problems (重点项目调度问题), registered once."""
    # Stored data, found again by its title: the office's own words, not interface text (not translated).
    title = f"{year}年重点项目调度协调问题"
    source = Source.objects.filter(kind=SourceKind.KEY_WORK, title=title).order_by("id").first()
    if source is None:
        source = source_create(actor=actor, kind=SourceKind.KEY_WORK, title=title, date=dt.date(year, 1, 1))
    return source


@transaction.atomic
def problem_raise(
    *,
    actor: User,
    project: Project,
    title: str,
    deadline: dt.date,
    report: MonthlyReport | None = None,
    content: str = "",
    assign: bool = True,
) -> Item:
    """Turn a problem needing coordination into a supervision item in one step (问题转督办).

    The item is registered under the year's project-problems source with the project's
    lead unit, cooperating units, leader in charge and responsible person, assigned at
    once (``assign``), and linked to the project (and the report it came from).
    """
    project = policy.access_project(actor, project.pk, for_update=True)
    policy.check_raise_item(actor, project)
    if report is not None and report.project_id != project.pk:
        raise DomainError(ErrorCode.INVALID, _("The report belongs to another project."), field="report")
    text = content or (report.problems if report is not None else "")
    item = item_create(
        actor=actor,
        source=_problems_source(actor, clock.today().year),
        kind=ItemKind.TASK,
        title=title,
        content=f"重点项目：{project.name}。{text}",  # the item's own text (data), as the office writes it
        lead_unit=project.lead_unit,
        leader=project.leader,
        responsible=project.responsible,
        deadline=deadline,
        cooperating_units=list(project.cooperating_units.all()),
    )
    if assign:
        item_transition(item=item, action=Action.ASSIGN, actor=actor)
        item.refresh_from_db()
    link = ProjectItemLink.objects.create(project=project, item=item, report=report, created_by=actor)
    audit_record(
        actor=actor,
        action="project.raise_item",
        obj=project,
        after={"item": item.pk, "report": report.pk if report else None, "link": link.pk},
    )
    return item
