"""Progress reports (进展反馈), instructions (批示) and delivery judgements."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.core.fields import visible_text
from duban.core.validation import validate_fields
from duban.org.models import User
from duban.supervision import policy
from duban.supervision.models import Instruction, Item, ProgressReport
from duban.supervision.models.item import DeliveryGrade
from duban.supervision.schedule import next_report_due
from duban.supervision.services.attachment import attachment_store
from duban.supervision.services.lights import light_refresh_on_commit
from duban.supervision.services.notification import instruction_notify
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State


@transaction.atomic
def report_submit(
    *,
    actor: User,
    item: Item,
    text: str,
    percent: int | None = None,
    actual_value: Decimal | None = None,
    problems: str = "",
    next_steps: str = "",
    files: Sequence[UploadedFile] = (),
    corrects: ProgressReport | None = None,
) -> ProgressReport:
    """Submit a progress report; it is immutable from now on.

    A correction is a new report pointing to the one it corrects. The lead
    unit's first report on an acknowledged item starts the work.
    """
    item = policy.access_item(actor, item.pk, for_update=True)
    if not policy.may_report(actor, item):
        raise PermissionDenied(_("Only the lead or a cooperating unit reports on an open item."))
    if not visible_text(text):
        raise DomainError(ErrorCode.INVALID, _("Describe the progress."), field="text")
    # The field rules (length, percentage) before anything is written, the start transition included.
    checked = ProgressReport(text=text.strip(), percent=percent, actual_value=actual_value,
                             problems=problems.strip(), next_steps=next_steps.strip())
    validate_fields(checked, ["text", "percent", "actual_value", "problems", "next_steps"])
    if corrects is not None and (corrects.item_id != item.pk or hasattr(corrects, "corrected_by")):
        raise DomainError(
            ErrorCode.INVALID,
            _("Only the latest version of a report of this item can be corrected."),
            field="corrects",
        )
    if item.state == State.ACKNOWLEDGED and actor.unit_id == item.lead_unit_id:
        item_transition(item=item, action=Action.START, actor=actor)
        item.refresh_from_db()
    now = clock.now()
    report = ProgressReport(
        item=item,
        author=actor,
        submitted_at=now,
        text=text.strip(),
        percent=percent,
        actual_value=actual_value,
        problems=problems.strip(),
        next_steps=next_steps.strip(),
        corrects=corrects,
        due_date=next_report_due(
            item.report_frequency,
            item.start_day,
            clock.today(),
        ),
    )
    report.save()
    for upload in files:
        attachment_store(actor=actor, upload=upload, item=item, report=report)
    _item_progress_update(item, percent=percent, actual_value=actual_value)
    audit_record(
        actor=actor,
        action="report.submit",
        obj=item,
        after={
            "report": report.pk,
            "percent": percent,
            "actual_value": str(actual_value) if actual_value else None,
            "corrects": corrects.pk if corrects else None,
            "files": len(files),
        },
    )
    light_refresh_on_commit(item)
    return report


def _item_progress_update(item: Item, *, percent: int | None, actual_value: Decimal | None) -> None:
    fields = ["version", "updated_at"]
    if percent is not None:
        item.progress_percent = percent
        fields.append("progress_percent")
    if actual_value is not None:
        item.actual_value = actual_value
        fields.append("actual_value")
    item.version += 1
    item.save(update_fields=fields)


@transaction.atomic
def instruction_add(*, actor: User, item: Item, text: str) -> Instruction:
    """A leader's written instruction (领导批示) on an item in their scope."""
    item = policy.access_item(actor, item.pk)
    if not policy.may_instruct(actor, item):
        raise PermissionDenied(_("Only leaders write instructions."))
    if not visible_text(text):
        raise DomainError(ErrorCode.INVALID, _("Write the instruction."), field="text")
    instruction = Instruction(item=item, author=actor, at=clock.now(), text=text.strip())
    validate_fields(instruction, ["text"])
    instruction.save()
    notified = instruction_notify(instruction=instruction)
    audit_record(
        actor=actor,
        action="item.instruction",
        obj=item,
        after={"instruction": instruction.pk, "text": instruction.text, "notified": notified},
    )
    return instruction


@transaction.atomic
def delivery_judge(*, actor: User, item: Item, grade: str, reason: str) -> Item:
    """The supervisor's judgement of the likelihood of delivery, with a reason."""
    item = policy.access_item(actor, item.pk, for_update=True)
    if not policy.may_judge(actor, item):
        raise PermissionDenied(_("Only the supervision office judges delivery."))
    if grade not in DeliveryGrade.values:
        raise DomainError(ErrorCode.INVALID, _("Choose one of the four grades."), field="grade")
    if grade and not reason.strip():
        raise DomainError(ErrorCode.REASON_REQUIRED, _("Give a reason for the judgement."), field="reason")
    before = {"grade": item.delivery_grade, "reason": item.delivery_reason}
    item.delivery_grade, item.delivery_reason = grade, reason.strip()
    validate_fields(item, ["delivery_reason"])  # refused, never cut, when too long
    item.version += 1
    item.save(update_fields=["delivery_grade", "delivery_reason", "version", "updated_at"])
    audit_record(
        actor=actor,
        action="item.judge",
        obj=item,
        before=before,
        after={"grade": grade, "reason": item.delivery_reason},
    )
    return item
