"""Progress reports (进展反馈), leaders' instructions (批示) and the delivery judgement."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status, UploadedFile

from duban.core.errors import DomainError, ErrorCode
from duban.core.inputs import Id
from duban.core.responses import READ_ERRORS, WRITE_ERRORS
from duban.supervision import policy
from duban.supervision.api.common import caller
from duban.supervision.api.schemas import (
    InstructionIn,
    InstructionOut,
    JudgementIn,
    JudgementOut,
    ReportIn,
    ReportOut,
)
from duban.supervision.models import Instruction, Item, ProgressReport
from duban.supervision.services.report import delivery_judge, instruction_add, report_submit

router = Router(tags=["supervision: reports"])


def _reports(item: Item) -> list[ProgressReport]:
    return list(
        item.reports.select_related("author").prefetch_related("attachments")
    )


@router.get(
    "/items/{item_id}/reports",
    response={200: list[ReportOut], **READ_ERRORS},
    summary="List progress reports",
)
def report_list(request: HttpRequest, item_id: Id) -> list[ProgressReport]:
    """The item's progress reports, newest first, with their evidence files; 404 if out of scope."""
    return _reports(policy.access_item(caller(request), item_id))


@router.post(
    "/items/{item_id}/reports", response={201: ReportOut, **WRITE_ERRORS}, summary="Submit a progress report"
)
def report_post(
    request: HttpRequest,
    item_id: Id,
    payload: Form[ReportIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[ProgressReport]:
    """Submit a progress report (multipart: the fields, and evidence files as ``files``).

    Liaisons of the lead or a cooperating unit, on open items. Files are checked for type and size.
    A report is immutable; to correct one, submit a new report with ``corrects_id``.
    """
    user = caller(request)
    item = policy.access_item(user, item_id)
    corrects = None
    if payload.corrects_id is not None:
        corrects = item.reports.filter(pk=payload.corrects_id).first()
        if corrects is None:
            raise DomainError(ErrorCode.INVALID, _("Unknown report to correct."), field="corrects_id")
    report = report_submit(
        actor=user,
        item=item,
        text=payload.text,
        percent=payload.percent,
        actual_value=payload.actual_value,
        problems=payload.problems,
        next_steps=payload.next_steps,
        files=files or [],
        corrects=corrects,
    )
    return Status(
        201, item.reports.select_related("author").prefetch_related("attachments").get(pk=report.pk)
    )


@router.post(
    "/items/{item_id}/instructions",
    response={201: InstructionOut, **WRITE_ERRORS},
    summary="Write an instruction",
)
def instruction_post(request: HttpRequest, item_id: Id, payload: InstructionIn) -> Status[Instruction]:
    """A leader's written instruction (领导批示) on an item in their scope; leaders only."""
    user = caller(request)
    item = policy.access_item(user, item_id)
    return Status(201, instruction_add(actor=user, item=item, text=payload.text))


@router.put(
    "/items/{item_id}/judgement", response={200: JudgementOut, **WRITE_ERRORS}, summary="Judge delivery"
)
def judgement_put(request: HttpRequest, item_id: Id, payload: JudgementIn) -> dict[str, object]:
    """The supervision office's four-grade judgement of the likelihood of delivery, with a reason."""
    user = caller(request)
    item = delivery_judge(
        actor=user, item=policy.access_item(user, item_id), grade=payload.grade, reason=payload.reason
    )
    return {
        "item_id": item.pk,
        "grade": item.delivery_grade,
        "grade_label": str(item.get_delivery_grade_display()),
        "reason": item.delivery_reason,
        "version": item.version,
    }
