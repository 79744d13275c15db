"""Time nodes (时间节点): adding milestones to an item and marking them done."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.org.models import User
from duban.supervision import policy
from duban.supervision.models import Item, Milestone
from duban.supervision.services.common import validate
from duban.supervision.services.lights import light_refresh_on_commit
from duban.supervision.services.tree import check_editable, check_not_done


@transaction.atomic
def milestone_add(
    *, actor: User, item: Item, due: dt.date, title: str, percent: int | None = None
) -> Milestone:
    """Add a time node (date, expected output, optional expected progress %); supervisors only."""
    item = policy.access_item(actor, item.pk, for_update=True)
    check_editable(actor, item)
    if item.start_date and due < item.start_date:
        raise DomainError(ErrorCode.INVALID, _("The milestone is before the item's start."), field="due")
    if item.deadline and due > item.deadline:
        raise DomainError(ErrorCode.INVALID, _("The milestone is after the item's deadline."), field="due")
    milestone = Milestone(item=item, due=due, title=title.strip(), percent=percent)
    validate(milestone, exclude=["item"])
    milestone.save()
    audit_record(actor=actor, action="item.milestone_add", obj=item,
                 after={"milestone": milestone.pk, "due": due.isoformat(), "title": milestone.title,
                        "percent": percent})
    light_refresh_on_commit(item)
    return milestone


@transaction.atomic
def milestone_done(*, actor: User, milestone: Milestone, done_on: dt.date) -> Milestone:
    """Mark a time node reached; the supervision office or the lead unit's liaison."""
    item = policy.access_item(actor, milestone.item_id, for_update=True)
    check_not_done(item)
    if not policy.may_mark_milestone(actor, item):
        raise PermissionDenied(_("Only the supervision office or the lead unit marks a milestone done."))
    if milestone.done_on is not None:
        raise DomainError(ErrorCode.INVALID, _("This milestone is already marked done."))
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on", "updated_at"])
    audit_record(actor=actor, action="item.milestone_done", obj=item,
                 after={"milestone": milestone.pk, "done_on": done_on.isoformat()})
    light_refresh_on_commit(item)
    return milestone
