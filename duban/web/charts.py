"""Chart.js configurations built on the server (图表), drawn by ``static/duban/charts.js``.

A page puts ``{{ config|json_script:"chart-x" }}`` and ``<canvas data-chart="chart-x">``; no
page writes its own script. Colours are the lights' colours, so a red bar means what a red
light means.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

LIGHT_COLOURS = {
    "green": "#2e9d4b",
    "blue": "#1f6fd1",
    "yellow": "#e0b000",
    "orange": "#f07c12",
    "red": "#d42a2a",
    "": "#8a949e",
    "none": "#8a949e",
}
NEUTRAL = "#1f6fd1"


def doughnut(
    labels: Sequence[str], values: Sequence[int], colours: Sequence[str], links: Sequence[str] = ()
) -> dict[str, Any]:
    """A doughnut of counts (e.g. items by light); ``links`` make each slice open its list."""
    return {
        "type": "doughnut",
        "data": {
            "labels": list(labels),
            "datasets": [
                {"data": list(values), "backgroundColor": [LIGHT_COLOURS.get(c, c) for c in colours]}
            ],
            "links": list(links),
        },
        "options": {"plugins": {"legend": {"position": "bottom"}}},
    }


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    label: str,
    colour: str = NEUTRAL,
    links: Sequence[str] = (),
    horizontal: bool = True,
) -> dict[str, Any]:
    """Bars of one series (e.g. overdue items by unit), longest first as given."""
    return {
        "type": "bar",
        "data": {
            "labels": list(labels),
            "datasets": [
                {"label": label, "data": list(values), "backgroundColor": LIGHT_COLOURS.get(colour, colour)}
            ],
            "links": list(links),
        },
        "options": {
            "indexAxis": "y" if horizontal else "x",
            "plugins": {"legend": {"display": False}},
            "scales": {("x" if horizontal else "y"): {"beginAtZero": True, "ticks": {"precision": 0}}},
        },
    }
