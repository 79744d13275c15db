"""The investment-attraction pipeline (招商): counts against targets, conversion, lead times (pure).

A lead passes the stages 洽谈 → 签约 → 落地 (注册) → 开工 → 投产 in order; each stage
reached keeps the day it was reached. A lead counts for a target when it reached
the target's stage within the target's period (both days included) and matches
its origin and sector (blank: any). Conversion between two stages is the share of
the leads that reached the first and went on to the second; the lead time is the
number of calendar days between the two dates (a contract's pace is not measured
in working days).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

STAGES: tuple[str, ...] = ("talks", "signed", "landed", "started", "producing")
HUNDRED = Decimal(100)


def stage_index(stage: str) -> int:
    return STAGES.index(stage)


@dataclass(frozen=True)
class LeadFacts:
    """A lead as the pipeline sees it: its furthest stage and the day of each stage reached."""

    stage: str
    dates: tuple[dt.date | None, ...]  # one per STAGES entry
    origin: str = ""
    sector: str = ""
    amount: Decimal | None = None

    def reached(self, stage: str) -> bool:
        return stage_index(stage) <= stage_index(self.stage)

    def reached_on(self, stage: str) -> dt.date | None:
        """The day the lead reached ``stage``; None if it has not (or the day is not known)."""
        return self.dates[stage_index(stage)] if self.reached(stage) else None


@dataclass(frozen=True)
class TargetFacts:
    period_start: dt.date
    period_end: dt.date
    stage: str
    count_min: int
    count_max: int | None = None
    origin: str = ""
    sector: str = ""


class TargetState(StrEnum):
    MET = "met"  # within the range
    EXCEEDED = "exceeded"  # above the range
    UNDER_WAY = "under_way"  # below the range, the period still open
    MISSED = "missed"  # below the range when the period ended


@dataclass(frozen=True)
class TargetProgress:
    count: int
    count_min: int
    count_max: int | None
    state: TargetState
    days_left: int  # calendar days to the period's end (0 once ended)

    @property
    def range_text(self) -> str:
        """The range as the office writes it: 3—5, or ≥3 without an upper bound."""
        if self.count_max is None:
            return f"≥{self.count_min}"
        if self.count_max == self.count_min:
            return str(self.count_min)
        return f"{self.count_min}—{self.count_max}"


def matches(lead: LeadFacts, target: TargetFacts) -> bool:
    if target.origin and lead.origin != target.origin:
        return False
    if target.sector and lead.sector != target.sector:
        return False
    day = lead.reached_on(target.stage)
    return day is not None and target.period_start <= day <= target.period_end


def target_progress(target: TargetFacts, leads: Iterable[LeadFacts], today: dt.date) -> TargetProgress:
    """How many leads count for the target, and whether that meets its range."""
    count = sum(1 for lead in leads if matches(lead, target))
    if target.count_max is not None and count > target.count_max:
        state = TargetState.EXCEEDED
    elif count >= target.count_min:
        state = TargetState.MET
    elif today > target.period_end:
        state = TargetState.MISSED
    else:
        state = TargetState.UNDER_WAY
    days_left = max(0, (target.period_end - today).days)
    return TargetProgress(count, target.count_min, target.count_max, state, days_left)


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    count: int  # leads that reached the stage (or went beyond)
    amount: Decimal  # their investment amount, 万元


def funnel(leads: Sequence[LeadFacts]) -> list[FunnelStep]:
    """Leads that reached each stage, in stage order (a funnel never widens)."""
    steps = []
    for stage in STAGES:
        reached = [lead for lead in leads if lead.reached(stage)]
        steps.append(
            FunnelStep(stage, len(reached), sum((lead.amount or Decimal(0) for lead in reached), Decimal(0)))
        )
    return steps


@dataclass(frozen=True)
class Conversion:
    """From one stage to the next: how many went on, at what rate (%), how fast (calendar days)."""

    from_stage: str
    to_stage: str
    entered: int
    converted: int
    rate: Decimal | None  # percent, one decimal; None when nobody reached the first stage
    median_days: float | None
    mean_days: float | None


def conversion(leads: Sequence[LeadFacts], from_stage: str, to_stage: str) -> Conversion:
    """Share of the leads at ``from_stage`` that reached ``to_stage``, and the days between (dated pairs)."""
    entered = [lead for lead in leads if lead.reached(from_stage)]
    converted = [lead for lead in entered if lead.reached(to_stage)]
    rate = (HUNDRED * len(converted) / len(entered)).quantize(Decimal("0.1")) if entered else None
    days = [
        (end - start).days
        for lead in converted
        if (start := lead.reached_on(from_stage)) is not None
        and (end := lead.reached_on(to_stage)) is not None
    ]
    median = float(statistics.median(days)) if days else None
    mean = round(statistics.fmean(days), 1) if days else None
    return Conversion(from_stage, to_stage, len(entered), len(converted), rate, median, mean)


def conversions(leads: Sequence[LeadFacts]) -> list[Conversion]:
    """Conversion between each stage and the next."""
    return [conversion(leads, a, b) for a, b in zip(STAGES, STAGES[1:], strict=False)]


def stage_dates_problem(stage: str, dates: Sequence[dt.date | None]) -> str | None:
    """Why a lead's stage dates do not fit (a later stage before an earlier one); None if fine."""
    known = [(STAGES[i], d) for i, d in enumerate(dates) if d is not None and i <= stage_index(stage)]
    for (_a, earlier), (_b, later) in zip(known, known[1:], strict=False):
        if later < earlier:
            return _("A stage's date is before the date of the stage before it.")
    if dates[stage_index(stage)] is None:
        return _("Give the date the lead reached its stage.")
    return None
