"""The meeting decisions on an item's page (``duban.web.panels``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duban.meetings import policy
from duban.meetings.documents import decision_sentence
from duban.meetings.models import MeetingItem
from duban.web.panels import Panel, PanelLine, register_panel

SHOWN = 10


def item_panel(viewer: Any, item: Any) -> Panel | None:
    if not policy.may_read(viewer):
        return None
    entries = (
        MeetingItem.objects.filter(item=item)
        .exclude(decision="")
        .select_related("meeting")
        .order_by("-meeting__held_on")[:SHOWN]
    )
    lines = [
        PanelLine(
            f"{e.meeting.held_on:%Y-%m-%d} {e.meeting.title}",
            reverse("meetings:detail", args=[e.meeting_id]),
            decision_sentence(e),
        )
        for e in entries
    ]
    return Panel(_("Review meeting decisions"), lines, testid="item-meetings")


def register() -> None:
    register_panel("item", item_panel)
