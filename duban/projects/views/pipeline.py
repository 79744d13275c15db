"""The investment-attraction pipeline (招商): a funnel with targets and lead times, and a board by stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from duban.core import clock
from duban.projects import pipeline, policy
from duban.projects.models import Lead, LeadOrigin, LeadStage
from duban.projects.selectors import TargetView, lead_facts, pipeline_board, pipeline_funnel
from duban.projects.views.ledger import Select

BOARD_CARDS = 50  # per column; the rest is counted


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    label: object
    count: int
    width: int  # % of the widest bar
    conversion: Decimal | None  # % of the stage before that reached this one


@dataclass(frozen=True)
class TargetRow:
    view: TargetView

    @property
    def target(self) -> object:
        return self.view.target

    @property
    def count(self) -> int:
        return self.view.progress.count

    @property
    def range(self) -> str:
        return self.view.progress.range_text

    @property
    def met(self) -> bool | None:
        """True within or above the range, False missed once the period ended, None while under way."""
        state = self.view.progress.state
        return None if state == pipeline.TargetState.UNDER_WAY else state != pipeline.TargetState.MISSED

    @property
    def stage_label(self) -> object:
        return LeadStage(self.view.target.stage).label

    @property
    def origin_label(self) -> object:
        origin = self.view.target.origin
        return LeadOrigin(origin).label if origin else ""


def _origin(request: HttpRequest) -> tuple[str, list[Select]]:
    """The origin filter (台资/外资/内资); a value not on the list means any."""
    if not policy.may_read_leads(request.user):
        raise Http404
    origin = request.GET.get("origin", "")
    origin = origin if origin in LeadOrigin.values else ""
    return origin, [Select("origin", _("Origin of capital"), list(LeadOrigin.choices), origin)]


def funnel_rows(steps: list[pipeline.FunnelStep], conversions: list[pipeline.Conversion]) -> list[FunnelRow]:
    top = max(steps[0].count if steps else 0, 1)
    return [
        FunnelRow(
            step.stage,
            LeadStage(step.stage).label,
            step.count,
            round(100 * step.count / top),
            conversions[i - 1].rate if i else None,
        )
        for i, step in enumerate(steps)
    ]


@login_required
@require_GET
def funnel(request: HttpRequest) -> HttpResponse:
    origin, selects = _origin(request)
    found = pipeline_funnel(user=request.user, today=clock.today(), origin=origin)
    lead_times = [
        {
            "label": f"{LeadStage(c.from_stage).label} → {LeadStage(c.to_stage).label}",
            "count": c.converted,
            "median_days": None if c.median_days is None else round(c.median_days),
        }
        for c in found.conversions
    ]
    context = {
        "funnel": funnel_rows(found.steps, found.conversions),
        "lead_times": lead_times,
        "targets": [TargetRow(t) for t in found.targets],
        "selects": selects,
        "may_see_pipeline": True,
    }
    return render(request, "projects/funnel.html", context)


@dataclass(frozen=True)
class Card:
    lead: Lead
    day: dt.date | None  # the day it reached its present stage


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """A column per stage (洽谈 … 投产), each lead under its present stage, the latest arrivals first."""
    origin, selects = _origin(request)
    columns = []
    for column in pipeline_board(user=request.user, origin=origin):
        cards = [Card(lead, lead_facts(lead).reached_on(column.stage)) for lead in column.leads]
        cards.sort(key=lambda card: card.day or dt.date.min, reverse=True)
        columns.append(
            {
                "stage": column.stage,
                "label": column.label,
                "count": len(cards),
                "cards": cards[:BOARD_CARDS],
                "more": max(0, len(cards) - BOARD_CARDS),
            }
        )
    return render(
        request, "projects/board.html", {"columns": columns, "selects": selects, "may_see_pipeline": True}
    )
