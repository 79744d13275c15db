"""What review-meeting events read as on the audit page (召开调度会, 会议决定, 印发会议纪要)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, TypeSpec, register_actions, register_type

ACTIONS = {
    "meeting.create": _("Prepare a review meeting"),
    "meeting.decide": _("Record a meeting decision"),
    "meeting.publish": _("Publish the minutes"),
}

FIELDS = {
    "item": FieldSpec(_("item"), refers_to="supervision.item"),
    "new_item": FieldSpec(_("new item"), refers_to="supervision.item"),
    "held_on": FieldSpec(_("date")),
    "items": FieldSpec(_("items on the agenda")),
    "decided": FieldSpec(_("decisions")),
}


def register() -> None:
    register_actions(ACTIONS)
    register_type("meetings.meeting", TypeSpec(noun=_("review meeting"), fields=FIELDS))
