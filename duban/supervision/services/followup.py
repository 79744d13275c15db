"""Follow-up checks (回头看) after closure; a relapse reopens the item.

A check is scheduled on a closed item (``follow_up_date``) and later recorded.
"No relapse" is recorded in the audit trail (``item.followup``) and clears the
date; the item stays closed and its workflow history is untouched, since no
state changed. A relapse is recorded the same way and reopens the item through
the workflow (``Action.REOPEN``), so the timeline shows the reopening with the
check's finding as its reason.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.core.fields import note_text_validator, validate_day
from duban.core.validation import validate_value
from duban.org.models import User
from duban.supervision import policy
from duban.supervision.models import Item
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State


def _closed_item(actor: User, item: Item) -> Item:
    item = policy.access_item(actor, item.pk, for_update=True)
    if not policy.may_follow_up(actor, item):
        raise PermissionDenied(_("Only the supervision office schedules and records follow-up checks."))
    if item.state != State.CLOSED:
        raise DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, _("A follow-up check is for closed items only."))
    return item


@transaction.atomic
def followup_schedule(*, actor: User, item: Item, date: dt.date) -> Item:
    """Schedule the follow-up check of a closed item on ``date`` (today or later)."""
    item = _closed_item(actor, item)
    validate_value(validate_day, date, field="date", label=_("Follow-up check on"))
    if date < clock.today():
        raise DomainError(ErrorCode.INVALID, _("The follow-up date is in the past."), field="date")
    before = item.follow_up_date
    item.follow_up_date = date
    item.version += 1
    item.save(update_fields=["follow_up_date", "version", "updated_at"])
    audit_record(actor=actor, action="item.followup_schedule", obj=item,
                 before={"follow_up_date": before.isoformat() if before else None},
                 after={"follow_up_date": date.isoformat()})
    return item


@transaction.atomic
def followup_record(*, actor: User, item: Item, relapsed: bool, comment: str) -> Item:
    """Record a follow-up check's finding; a relapse reopens the item (comment required)."""
    item = _closed_item(actor, item)
    comment = comment.strip()
    validate_value(note_text_validator, comment, field="comment", label=_("What the check found"))
    if relapsed and not comment:
        raise DomainError(ErrorCode.REASON_REQUIRED, _("Describe the relapse."), field="comment")
    scheduled = item.follow_up_date
    item.follow_up_date = None
    item.version += 1
    item.save(update_fields=["follow_up_date", "version", "updated_at"])
    audit_record(actor=actor, action="item.followup", obj=item,
                 before={"follow_up_date": scheduled.isoformat() if scheduled else None},
                 after={"relapsed": relapsed, "comment": comment, "checked_on": clock.today().isoformat()})
    if relapsed:
        item_transition(item=item, action=Action.REOPEN, actor=actor, comment=comment)
        item.refresh_from_db()
    return item
