"""The indicator warning an item came from, on the item's page (``duban.web.panels``): 来自指标预警.

The other end of :class:`~duban.indicators.models.IndicatorItemLink`; the indicator's
page shows the item. Only indicators in the viewer's scope are named.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duban.indicators import policy
from duban.indicators.models import IndicatorItemLink
from duban.indicators.reporting_periods import Period
from duban.web.panels import Panel, PanelLine, register_panel


def item_panel(viewer: Any, item: Any) -> Panel | None:
    if not policy.may_read_indicators(viewer):
        return None
    links = (
        IndicatorItemLink.objects.filter(item=item, definition__in=policy.indicators_visible(viewer))
        .select_related("definition", "subject")
        .order_by("pk")
    )
    lines = [
        PanelLine(
            f"{link.definition.name} · {link.subject.name} · {_period(link)}",
            reverse("indicators:indicator", args=[link.definition_id]),
            str(link.get_warning_kind_display()),
        )
        for link in links
    ]
    return Panel(_("From an indicator warning"), lines, testid="item-indicator-warnings")


def _period(link: IndicatorItemLink) -> str:
    return Period(link.year, link.month, link.quarter).label


def register() -> None:
    register_panel("item", item_panel)
