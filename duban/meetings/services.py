"""Review meetings (调度会): create from a ledger filter, decide on each item, publish the minutes.

A decision lands on its item at once, through the supervision services (a new deadline with
the meeting as its reason, an urge carrying the meeting's requirement, a new sub-item, an
escalation to urgent), so it shows in the item's history and notifies as those do. Each
write has its audit row in the same transaction; a published meeting's decisions are final.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.core.validation import validate
from duban.meetings import policy
from duban.meetings.models import DecisionKind, Meeting, MeetingItem, MeetingStatus
from duban.org.models import User
from duban.supervision.filters import ItemFilters
from duban.supervision.models import Item, Priority
from duban.supervision.selectors import item_list
from duban.supervision.services.reminders import item_urge
from duban.supervision.services.tree import item_create, item_update

MAX_AGENDA = 200


def _check_runner(actor: User) -> None:
    if not policy.may_run(actor):
        raise PermissionDenied(_("Only the supervision office runs review meetings."))


@transaction.atomic
def meeting_create(
    *, actor: User, title: str, held_on: dt.date, chair: str, filters: ItemFilters, selection: str
) -> Meeting:
    """A meeting over the items the ledger shows for ``filters`` (in the ledger's order), at most 200."""
    _check_runner(actor)
    items = list(item_list(user=actor, filters=filters).values_list("pk", flat=True)[: MAX_AGENDA + 1])
    if not items:
        raise DomainError(ErrorCode.INVALID, _("The filter chooses no items."), field="selection")
    if len(items) > MAX_AGENDA:
        raise DomainError(
            ErrorCode.INVALID,
            _("More than %(n)d items: narrow the filter.") % {"n": MAX_AGENDA},
            field="selection",
        )
    meeting = Meeting(
        title=title, held_on=held_on, chair=chair.strip(), selection=selection[:500], created_by=actor
    )
    validate(meeting, exclude=["created_by", "minutes"])
    meeting.save()
    MeetingItem.objects.bulk_create(
        MeetingItem(meeting=meeting, item_id=pk, position=n) for n, pk in enumerate(items, start=1)
    )
    audit_record(
        actor=actor,
        action="meeting.create",
        obj=meeting,
        after={
            "title": meeting.title,
            "held_on": held_on.isoformat(),
            "items": len(items),
            "selection": meeting.selection,
        },
    )
    return meeting


def _apply(actor: User, entry: MeetingItem, meeting: Meeting) -> None:
    item = Item.objects.get(pk=entry.item_id)
    note = f"【{meeting.title}】{entry.text}"
    if entry.decision == DecisionKind.NEW_DEADLINE:
        if entry.new_deadline is None:
            raise DomainError(ErrorCode.INVALID, _("Give the new deadline."), field="new_deadline")
        item_update(actor=actor, item=item, deadline=entry.new_deadline, deadline_reason=note)
    elif entry.decision == DecisionKind.REQUIREMENT:
        item_urge(actor=actor, item=item, message=note)
    elif entry.decision == DecisionKind.NEW_ITEM:
        entry.new_item = item_create(
            actor=actor,
            source=item.source,
            parent=item,
            title=entry.text,
            lead_unit=item.lead_unit,
            leader=item.leader,
            deadline=entry.new_deadline,
        )
    elif entry.decision == DecisionKind.ESCALATE:
        item_update(actor=actor, item=item, priority=Priority.URGENT)
        item_urge(actor=actor, item=item, message=note)


@transaction.atomic
def decision_record(
    *, actor: User, entry: MeetingItem, decision: str, text: str, new_deadline: dt.date | None
) -> MeetingItem:
    """Record the meeting's decision on one item and apply it to the item (once; final)."""
    _check_runner(actor)
    entry = MeetingItem.objects.select_for_update().select_related("meeting").get(pk=entry.pk)
    meeting = entry.meeting
    if meeting.status == MeetingStatus.PUBLISHED:
        raise DomainError(ErrorCode.CONFLICT, _("The minutes are published: decisions are final."))
    if entry.decision:
        raise DomainError(ErrorCode.CONFLICT, _("This item already has the meeting's decision."))
    if decision not in DecisionKind.values:
        raise DomainError(ErrorCode.INVALID, _("Choose a decision."), field="decision")
    needs_text = decision in (DecisionKind.REQUIREMENT, DecisionKind.NEW_ITEM, DecisionKind.ESCALATE)
    if needs_text and not text.strip():
        raise DomainError(ErrorCode.INVALID, _("Write what the meeting decided."), field="text")
    entry.decision, entry.text, entry.new_deadline = decision, text.strip(), new_deadline
    entry.decided_at = clock.now()
    _apply(actor, entry, meeting)
    entry.save()
    audit_record(
        actor=actor,
        action="meeting.decide",
        obj=meeting,
        after={
            "item": entry.item_id,
            "decision": decision,
            "text": entry.text,
            "new_deadline": new_deadline.isoformat() if new_deadline else None,
            "new_item": entry.new_item_id,
        },
    )
    return entry


@transaction.atomic
def meeting_publish(*, actor: User, meeting: Meeting) -> Meeting:
    """Publish the minutes (会议纪要): stored as issued; decisions cannot change afterwards."""
    from duban.meetings.documents import minutes_docx  # the document reads the decisions just recorded

    _check_runner(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.PUBLISHED:
        raise DomainError(ErrorCode.CONFLICT, _("The minutes are already published."))
    decided = meeting.agenda.exclude(decision="").count()
    if decided == 0:
        raise DomainError(ErrorCode.INVALID, _("No decision is recorded yet."))
    meeting.minutes = minutes_docx(meeting, issued_on=clock.today())
    meeting.status = MeetingStatus.PUBLISHED
    meeting.save(update_fields=["minutes", "status", "updated_at"])
    audit_record(actor=actor, action="meeting.publish", obj=meeting, after={"decided": decided})
    return meeting
