"""``{% related_panels "item" item %}``: the panels higher apps add to a page (see duban.web.panels)."""

from __future__ import annotations

from typing import Any

from django import template

from duban.web.panels import Panel, panels_for

register = template.Library()


@register.inclusion_tag("web/related_panels.html", takes_context=True)
def related_panels(context: template.Context, page: str, obj: Any) -> dict[str, list[Panel]]:
    return {"panels": panels_for(page, context["request"].user, obj)}
