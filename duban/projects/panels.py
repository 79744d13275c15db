"""The key projects an item came from, on the item's page (``duban.web.panels``): the link read back.

A project's problem turned into an item links both ways; the project page lists its items, and
this panel names the project (and the month of the report the problem was raised in) on the
item page, for viewers whose project scope reaches it.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duban.projects import policy
from duban.projects.models import ProjectItemLink
from duban.web.panels import Panel, PanelLine, register_panel


def item_panel(viewer: Any, item: Any) -> Panel | None:
    if not policy.may_read_projects(viewer):
        return None
    links = (
        ProjectItemLink.objects.filter(item=item, project__in=policy.projects_visible(viewer))
        .select_related("project", "report")
        .order_by("created_at", "id")
    )
    lines = [
        PanelLine(
            link.project.name,
            reverse("projects:detail", args=[link.project_id]),
            f"{link.report.year}年{link.report.month}月报告反映的问题" if link.report else "",
        )
        for link in links
    ]
    return Panel(_("From key projects"), lines, testid="item-projects")


def register() -> None:
    register_panel("item", item_panel)
