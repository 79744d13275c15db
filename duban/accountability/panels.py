"""The measures on the item, unit and person pages (``duban.web.panels``), through this app's scope."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duban.accountability import policy
from duban.web.panels import Panel, PanelLine, register_panel

SHOWN = 10


def _lines(measures: Any) -> list[PanelLine]:
    return [
        PanelLine(
            text=f"{m.taken_on:%Y-%m-%d} {m.get_kind_display()} · {m.target}",
            link=reverse("accountability:list") + f"#measure-{m.pk}",
            note=m.reason,
        )
        for m in measures.select_related("unit", "person")[:SHOWN]
    ]


def item_panel(viewer: Any, item: Any) -> Panel | None:
    measures = policy.measures_visible(viewer).filter(items=item)
    action = None
    if policy.may_record(viewer):
        action = PanelLine(str(_("Record a measure")), f"{reverse('accountability:record')}?item={item.pk}")
    return Panel(_("Accountability measures"), _lines(measures), testid="item-accountability", action=action)


def unit_panel(viewer: Any, unit: Any) -> Panel | None:
    measures = policy.measures_visible(viewer).filter(unit=unit)
    return Panel(_("Accountability measures"), _lines(measures), testid="unit-accountability")


def person_panel(viewer: Any, person: Any) -> Panel | None:
    measures = policy.measures_visible(viewer).filter(person=person)
    return Panel(_("Accountability measures"), _lines(measures), testid="person-accountability")


def register() -> None:
    register_panel("item", item_panel)
    register_panel("unit", unit_panel)
    register_panel("person", person_panel)
