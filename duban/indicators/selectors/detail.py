"""An indicator's page (指标详情): trend against the target trajectory, ranks over time, peers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from duban.indicators import policy
from duban.indicators.assess import (
    PROFILE_YEARS,
    IndicatorFacts,
    assess,
    growth_at,
    growth_rank_history,
    growth_ranks,
    value_rank_history,
    value_ranks,
)
from duban.indicators.models import IndicatorDefinition, Subject
from duban.indicators.period_windows import (
    period_in_month,
    year_periods,
)
from duban.indicators.reporting_periods import Period
from duban.indicators.selectors.common import (
    FIGURE_FIELDS,
    Comparison,
    Month,
    OverviewRow,
    comparison_for,
    facts_for,
    figure_index,
    frequency_of,
    months_with_figures,
    sentences_for,
)
from duban.org.scope import Viewer


@dataclass(frozen=True)
class TrendPoint:
    """The zone's figure by a period of the year against the target trajectory (序时目标)."""

    period: Period
    label: str
    actual: Decimal | None
    expected: Decimal | None
    last_year: Decimal | None


@dataclass(frozen=True)
class RankStep:
    """The zone's ranks in one period of the history (by growth and by value) among ``of`` subjects."""

    period: Period
    label: str
    growth_rank: int | None
    value_rank: int | None
    of: int


@dataclass(frozen=True)
class PeerRow:
    """One member of the peer set in the period: figures and ranks (peer comparison, 横向比较)."""

    subject: Subject
    value: Decimal | None
    growth: Decimal | None
    growth_entered: bool
    growth_rank: int | None
    value_rank: int | None
    tied: bool
    is_zone: bool


@dataclass(frozen=True)
class ValueRecord:
    """A stored value of the zone, with where it came from (来源: entered, imported file and row)."""

    pk: int
    period: Period
    label: str
    value: Decimal
    growth: Decimal | None
    growth_entered: bool
    provenance: str
    source_file: str
    source_row: str


@dataclass(frozen=True)
class IndicatorDetail:
    definition: IndicatorDefinition
    month: Month | None
    months: tuple[Month, ...]
    comparison: Comparison
    row: OverviewRow
    trend: tuple[TrendPoint, ...]
    ranks: tuple[RankStep, ...]
    peers: tuple[PeerRow, ...]
    records: tuple[ValueRecord, ...]
    # warnings of the zone in the period already turned into supervision items: kind → item id
    items: dict[str, int] = field(default_factory=dict)


def indicator_detail(
    *, user: Viewer, indicator_id: int, month: Month | None = None, peer_set_id: int | None = None
) -> IndicatorDetail:
    """An indicator's page: its standing in the month, the year's trend against the target
    trajectory, the rank history of this year and the last, every peer's figures (9 queries).

    Raises NotFound (→ 404) for an indicator out of the viewer's scope, as for a missing one.
    """
    definition = policy.access_indicator(user, indicator_id)
    comparison = comparison_for(user, peer_set_id)
    months = months_with_figures(user, comparison.zone, definition)
    chosen = month or (months[0] if months else None)
    frequency = frequency_of(definition)
    period = period_in_month(frequency, year=chosen.year, month=chosen.month) if chosen else None
    zone = comparison.zone
    if zone is None or period is None:
        row = OverviewRow(definition=definition, period=period, assessment=None, value_text="", rank_text="")
        return IndicatorDetail(
            definition=definition,
            month=chosen,
            months=months,
            comparison=comparison,
            row=row,
            trend=(),
            ranks=(),
            peers=(),
            records=(),
        )
    target = policy.targets_visible(user).filter(definition=definition, year=period.year).first()
    rows = (
        policy.values_visible(user)
        .filter(
            definition=definition,
            subject_id__in=[m.pk for m in comparison.members],
            year__gte=period.year - PROFILE_YEARS,
            year__lte=period.year,
        )
        .values_list(*FIGURE_FIELDS)
    )
    series = figure_index(rows).get(definition.pk, {})
    peers = {m.pk: series.get(m.pk, {}) for m in comparison.members}
    facts = facts_for(definition, target, peers, zone)
    assessment = assess(facts, period)
    value_text, rank_text = sentences_for(definition, assessment, comparison.scope_word)
    return IndicatorDetail(
        definition=definition,
        month=chosen,
        months=months,
        comparison=comparison,
        row=OverviewRow(
            definition=definition,
            period=period,
            assessment=assessment,
            value_text=value_text,
            rank_text=rank_text,
        ),
        trend=_trend(facts, period),
        ranks=_rank_steps(facts, period),
        peers=_peer_rows(facts, period, comparison.members),
        records=_records(user, definition, zone, period),
        items=_warning_items(definition, zone, period),
    )


def _trend(facts: IndicatorFacts[int], period: Period) -> tuple[TrendPoint, ...]:
    """Every period of the year so far, with the expected value by then and last year's figure."""
    own = facts.peers.get(facts.subject, {})
    points = []
    for p in year_periods(period.year, facts.frequency, upto=period.index):
        standing = assess(facts, p)
        last = own.get(p.prior_year())
        points.append(
            TrendPoint(
                period=p,
                label=p.label,
                actual=standing.value,
                expected=standing.expected.value if standing.expected is not None else None,
                last_year=last.value if last is not None else None,
            )
        )
    return tuple(points)


def _rank_steps(facts: IndicatorFacts[int], period: Period) -> tuple[RankStep, ...]:
    """The zone's ranks over last year and this year up to the period."""
    periods = [
        *year_periods(period.year - 1, facts.frequency),
        *year_periods(period.year, facts.frequency, upto=period.index),
    ]
    growth = growth_rank_history(facts.peers, periods, subject=facts.subject, direction=facts.direction)
    value = value_rank_history(facts.peers, periods, subject=facts.subject, direction=facts.direction)
    return tuple(
        RankStep(
            period=g.period,
            label=g.period.label,
            growth_rank=g.rank.position,
            value_rank=v.rank.position,
            of=max(g.rank.of, v.rank.of),
        )
        for g, v in zip(growth, value, strict=True)
    )


def _peer_rows(facts: IndicatorFacts[int], period: Period, members: Sequence[Subject]) -> tuple[PeerRow, ...]:
    """Every member's figures and ranks in the period, best growth first (unranked last)."""
    by_growth = growth_ranks(facts.peers, period, direction=facts.direction)
    by_value = value_ranks(facts.peers, period, direction=facts.direction)
    rows = []
    for member in members:
        series = facts.peers.get(member.pk, {})
        figure = series.get(period)
        growth = growth_at(series, period)
        rows.append(
            PeerRow(
                subject=member,
                value=figure.value if figure is not None else None,
                growth=growth.percent,
                growth_entered=growth.entered,
                growth_rank=by_growth[member.pk].position,
                value_rank=by_value[member.pk].position,
                tied=by_growth[member.pk].tied,
                is_zone=member.pk == facts.subject,
            )
        )
    unranked = 10**9
    return tuple(
        sorted(rows, key=lambda r: (r.growth_rank or unranked, r.subject.sort_order, r.subject.name))
    )


def _warning_items(definition: IndicatorDefinition, zone: Subject, period: Period) -> dict[str, int]:
    """The items the zone's warnings of this period became (the link is the indicator's: in scope)."""
    links = definition.item_links.filter(
        subject=zone, year=period.year, month=period.month, quarter=period.quarter
    )
    return dict(links.values_list("warning_kind", "item_id"))


def _records(
    user: Viewer, definition: IndicatorDefinition, zone: Subject, period: Period
) -> tuple[ValueRecord, ...]:
    """The zone's stored values of last year and this one, newest first, with their provenance."""
    values = (
        policy.values_visible(user)
        .filter(definition=definition, subject=zone, year__gte=period.year - 1, year__lte=period.year)
        .order_by("-year", "-quarter", "-month")
    )
    records = []
    for v in values:
        p = Period(v.year, v.month, v.quarter)
        records.append(
            ValueRecord(
                pk=v.pk,
                period=p,
                label=p.label,
                value=v.value,
                growth=v.growth,
                growth_entered=v.growth_entered,
                provenance=v.provenance,
                source_file=v.source_file,
                source_row=v.source_row,
            )
        )
    return tuple(records)
