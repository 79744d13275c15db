"""The cockpit's indicator and project panels: read through those apps' own selectors and scope.

Indicators: the latest month's overview (lights, the indicators with warnings and their
rank sentences). Projects: this year's ledger, counted by light and by flag, the
projects behind their time-proportional investment first. Each count links to the
page that lists the same things.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from duban.indicators.assess import Light as IndicatorLight
from duban.indicators.selectors import month_overview
from duban.indicators.views.common import warning_text  # the one wording of a warning
from duban.org.scope import Viewer
from duban.projects.schedule import FLAG_LABELS, Flag
from duban.projects.selectors import LedgerQuery, project_ledger
from duban.reports.cockpit.figures import Figure

LISTED = 8


@dataclass(frozen=True)
class IndicatorLine:
    indicator_id: int
    name: str
    light: str
    value_text: str
    rank_text: str
    warnings: list[str]


@dataclass(frozen=True)
class IndicatorPanel:
    month_label: str
    link: str
    counts: list[Figure]  # by light
    lagging: list[IndicatorLine]  # red first, then yellow
    headline: str
    summaries: tuple[str, ...]


@dataclass(frozen=True)
class ProjectLine:
    project_id: int
    name: str
    colour: str
    flags: list[str]
    done_percent: str


@dataclass(frozen=True)
class ProjectPanel:
    total: Figure
    by_flag: list[Figure]
    behind: list[ProjectLine]


def indicator_panel(*, user: Viewer) -> IndicatorPanel | None:
    """The latest month's indicators in the viewer's scope; None when there are none."""
    overview = month_overview(user=user)
    if not overview.rows:
        return None
    base = reverse("indicators:overview")
    query = urlencode({"month": overview.month.key}) if overview.month.year else ""
    link = f"{base}?{query}" if query else base
    lights = Counter(r.assessment.light for r in overview.rows if r.assessment is not None)
    words = {IndicatorLight.RED: "red", IndicatorLight.YELLOW: "yellow", IndicatorLight.GREEN: "green"}
    counts = [Figure(words[c], words[c], lights[c], link) for c in words if lights.get(c)]
    order = {IndicatorLight.RED: 0, IndicatorLight.YELLOW: 1}
    lagging = sorted(
        (r for r in overview.rows if r.assessment is not None and r.assessment.light in order),
        key=lambda r: (order[r.assessment.light], r.definition.sort_order) if r.assessment else (9, 0),
    )
    return IndicatorPanel(
        month_label=str(overview.month.key),
        link=link,
        counts=counts,
        lagging=[
            IndicatorLine(
                r.definition.pk,
                r.definition.name,
                str(r.assessment.light),
                r.value_text,
                r.rank_text,
                [warning_text(w) for w in r.assessment.warnings],
            )
            for r in lagging[:LISTED]
            if r.assessment is not None
        ],
        headline=overview.headline,
        summaries=overview.summaries,
    )


def project_panel(*, user: Viewer, today: dt.date) -> ProjectPanel | None:
    """This year's key projects in the viewer's scope; None when there are none."""
    rows = project_ledger(user=user, query=LedgerQuery(year=today.year), today=today)
    if not rows:
        return None
    base = reverse("projects:ledger")
    # Far behind is behind too: the ledger's "behind" filter lists both.
    flags: Counter[Flag] = Counter(
        f for row in rows for f in {Flag.BEHIND if g == Flag.FAR_BEHIND else g for g in row.light.flags}
    )
    by_flag = [
        Figure(
            f.value,
            str(FLAG_LABELS[f]),
            flags[f],
            f"{base}?{urlencode({'year': today.year, 'flag': f.value})}",
        )
        for f in Flag
        if flags.get(f)
    ]
    behind = [r for r in rows if Flag.BEHIND in r.light.flags or Flag.FAR_BEHIND in r.light.flags]
    behind.sort(key=lambda r: (Flag.FAR_BEHIND not in r.light.flags, r.done_percent or 0))
    return ProjectPanel(
        total=Figure("projects", "", len(rows), f"{base}?{urlencode({'year': today.year})}"),
        by_flag=by_flag,
        behind=[
            ProjectLine(
                r.project.pk,
                r.project.name,
                str(r.light.colour),
                r.light.labels,
                "" if r.done_percent is None else f"{r.done_percent}%",
            )
            for r in behind[:LISTED]
        ],
    )
