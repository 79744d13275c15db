"""The one service that moves an item through its workflow (see workflow.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, NotFound, PermissionDenied
from duban.core.fields import note_text_validator, validate_day
from duban.core.validation import validate_value
from duban.org.models import User
from duban.supervision import policy
from duban.supervision.models import DeadlineChange, Item, ItemApproval, ItemTransition
from duban.supervision.services.attachment import attachment_store
from duban.supervision.services.common import check_version
from duban.supervision.services.lights import light_refresh_on_commit
from duban.supervision.services.recurrence import occurrences_assign
from duban.supervision.services.tree import tree_lock
from duban.supervision.workflow import TRANSITIONS, Action, State


@transaction.atomic
def item_transition(
    *,
    item: Item,
    action: Action | str,
    actor: User,
    comment: str = "",
    new_deadline: dt.date | None = None,
    files: Sequence[UploadedFile] = (),
    expected_version: int | None = None,
) -> ItemTransition:
    """Apply ``action`` to ``item`` as ``actor``: check table, role, scope; record; audit.

    Raises NotFound if the item is outside the actor's scope, DomainError
    TRANSITION_NOT_ALLOWED / PERMISSION_DENIED / REASON_REQUIRED / CONFLICT otherwise.
    """
    action = Action(action)
    if action == Action.ASSIGN and item.is_recurrence_template:
        tree_lock(item.source_id)  # its occurrences take numbers: the source before the item (lock order)
    try:
        item = policy.access_item(actor, item.pk, for_update=True)
    except NotFound:
        raise
    check_version(item, expected_version)
    state = State(item.state)
    rule = TRANSITIONS.get((state, action))
    if rule is None:
        raise DomainError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            _("“%(action)s” is not possible while the item is “%(state)s”.")
            % {"action": action.label, "state": state.label},
        )
    if not policy.may_act(actor, item, action):
        raise PermissionDenied(_("You may not “%(action)s” this item.") % {"action": action.label})
    comment = comment.strip()
    validate_value(note_text_validator, comment, field="comment", label=_("Comment"))
    if rule.reason and not comment:
        raise DomainError(ErrorCode.REASON_REQUIRED, _("Give a reason."), field="comment")
    to_state = State(item.state_before_suspension or State.IN_PROGRESS) if rule.back_to_previous else rule.to
    data = _apply_effects(item, action, actor, new_deadline=new_deadline, comment=comment)
    if action == Action.SUSPEND:
        item.state_before_suspension = state
    elif rule.back_to_previous:
        item.state_before_suspension = ""
    item.state = to_state
    item.version += 1
    item.save()
    record = ItemTransition.objects.create(
        item=item,
        action=action,
        from_state=state,
        to_state=to_state,
        actor=actor,
        at=clock.now(),
        comment=comment,
        data=data,
    )
    if action == Action.APPROVE:
        ItemApproval.objects.create(item=item, transition=record, actor=actor, at=record.at)
    for upload in files:
        attachment_store(actor=actor, upload=upload, item=item, transition=record)
    audit_record(
        actor=actor,
        action=f"item.{action.value}",
        obj=item,
        before={"state": state},
        after={"state": to_state, "comment": comment, **data},
    )
    if action == Action.ASSIGN and item.is_recurrence_template:
        occurrences_assign(actor=actor, template=item)
    light_refresh_on_commit(item)
    return record


def _apply_effects(
    item: Item, action: Action, actor: User, *, new_deadline: dt.date | None, comment: str
) -> dict[str, Any]:
    """What an action changes besides the state; returns facts for the record."""
    now = clock.now()
    if action == Action.ASSIGN:
        if item.lead_unit_id is None:
            raise DomainError(ErrorCode.INVALID, _("Set a lead unit before assigning."), field="lead_unit")
        item.assigned_at = now
    elif action == Action.ACKNOWLEDGE:
        item.acknowledged_at = now
    elif action == Action.REQUEST_EXTENSION:
        validate_value(validate_day, new_deadline, field="new_deadline", label=_("New deadline"))
        if new_deadline is None or (item.deadline is not None and new_deadline <= item.deadline):
            raise DomainError(
                ErrorCode.INVALID, _("Give a new deadline later than the current one."), field="new_deadline"
            )
        item.pending_deadline = new_deadline
        return {"requested_deadline": new_deadline.isoformat()}
    elif action == Action.GRANT_EXTENSION:
        validate_value(validate_day, new_deadline, field="new_deadline", label=_("New deadline"))
        granted = new_deadline or item.pending_deadline
        DeadlineChange.objects.create(
            item=item, old=item.deadline, new=granted, reason=comment, actor=actor, at=now
        )
        old, item.deadline, item.pending_deadline = item.deadline, granted, None
        return {
            "old_deadline": old.isoformat() if old else None,
            "deadline": granted.isoformat() if granted else None,
        }
    elif action == Action.REFUSE_EXTENSION:
        item.pending_deadline = None
    elif action in (Action.REQUEST_COMPLETION, Action.RETURN, Action.REOPEN):
        item.approvals.filter(is_current=True).update(is_current=False)
        if action == Action.REOPEN:
            item.closed_at = None
    elif action == Action.SIGN_OFF:
        item.closed_at = now
        item.progress_percent = 100
    return {}
