"""Review meeting policy: the supervision office runs meetings; those who work with items read them.

A reader sees a meeting's agenda only as far as their item scope reaches: an item outside
it is neither listed nor linked. Out of scope is NotFound, as everywhere.
"""

from __future__ import annotations

from django.db.models import QuerySet

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.meetings.models import Meeting, MeetingItem
from duban.org import scope
from duban.org.scope import Viewer
from duban.supervision import policy as item_policy

READERS = (Role.SUPERVISOR, Role.TOP_LEADER, Role.LEADER, Role.LIAISON, Role.ADMIN)


def may_read(user: Viewer) -> bool:
    return scope.has_role(user, *READERS)


def may_run(user: Viewer) -> bool:
    return scope.has_role(user, Role.SUPERVISOR, Role.ADMIN)


def meetings_visible(user: Viewer) -> QuerySet[Meeting]:
    return Meeting.objects.all() if may_read(user) else Meeting.objects.none()


def access_meeting(user: Viewer, meeting_id: int) -> Meeting:
    found = meetings_visible(user).filter(pk=meeting_id).first()
    if found is None:
        raise NotFound("review meeting")
    return found


def agenda_visible(user: Viewer, meeting: Meeting) -> QuerySet[MeetingItem]:
    items = item_policy.items_visible(user).values("pk")
    return meeting.agenda.filter(item_id__in=items)


def access_entry(user: Viewer, meeting: Meeting, entry_id: int) -> MeetingItem:
    found = agenda_visible(user, meeting).filter(pk=entry_id).select_related("item").first()
    if found is None:
        raise NotFound("review meeting")
    return found
