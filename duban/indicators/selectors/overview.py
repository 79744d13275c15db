"""The month's overview (月度指标一览): every indicator in scope, with sentences, in 7 queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q

from duban.indicators import policy
from duban.indicators.assess import (
    PROFILE_YEARS,
    assess,
)
from duban.indicators.models import IndicatorDefinition, ValueKind
from duban.indicators.period_windows import (
    period_in_month,
    period_phrase,
    previous_period,
)
from duban.indicators.reporting_periods import Period
from duban.indicators.selectors.common import (
    FIGURE_FIELDS,
    Comparison,
    FigureIndex,
    Month,
    OverviewRow,
    comparison_for,
    facts_for,
    figure_index,
    frequency_of,
    months_with_figures,
    sentences_for,
)
from duban.indicators.sentences import (
    Standing,
    headline_sentence,
    summary_counts,
    summary_sentence,
)
from duban.org.scope import Viewer

DEFAULT_GROUP = "指标"
TOP = 3


@dataclass(frozen=True)
class Overview:
    month: Month
    months: tuple[Month, ...]  # the months with figures of the zone, newest first (the period picker)
    comparison: Comparison
    rows: tuple[OverviewRow, ...]
    headline: str  # 上半年，全区实现地区生产总值149.75亿元，比增9.7%
    summaries: tuple[str, ...]  # one per category: 9项主要经济指标中，…


def _period_q(periods: Iterable[Period]) -> Q:
    condition = Q(pk__in=[])
    for period in set(periods):
        condition |= Q(year=period.year, month=period.month, quarter=period.quarter)
    return condition


def _needed_by_peers(period: Period) -> list[Period]:
    """The periods a rank and its change need: this one, the one before, and each a year earlier."""
    before = previous_period(period)
    return [period, before, period.prior_year(), before.prior_year()]


def _summaries(rows: Sequence[OverviewRow], scope: str) -> tuple[str, ...]:
    """One summary sentence per category, in the order the categories first appear."""
    groups: dict[str, list[Standing]] = {}
    for row in rows:
        a = row.assessment
        if a is None or a.value is None:
            continue
        groups.setdefault(row.definition.category or DEFAULT_GROUP, []).append(
            Standing(
                growth_rank=a.growth_rank.position if a.growth_rank is not None else None,
                growth=a.growth.percent,
                growth_target=a.target.growth,
                name=row.definition.name,
            )
        )
    if not scope:
        return ()
    return tuple(
        summary_sentence(summary_counts(standings, top=TOP), scope=scope, group=group, top=TOP)
        for group, standings in groups.items()
    )


def _headline(rows: Sequence[OverviewRow]) -> str:
    """The first indicator with a figure leads the report: 上半年，全区实现地区生产总值…."""
    for row in rows:
        if row.assessment is not None and row.value_text and row.period is not None:
            phrase = period_phrase(row.period, cumulative=row.definition.value_kind == ValueKind.CUMULATIVE)
            return headline_sentence(phrase=phrase, text=row.value_text)
    return ""


def month_overview(*, user: Viewer, month: Month | None = None, peer_set_id: int | None = None) -> Overview:
    """Every indicator in the viewer's scope for a month: value, growth, target, 序时, 双过半, ranks,
    warnings, light and sentences (7 queries)."""
    comparison = comparison_for(user, peer_set_id)
    months = months_with_figures(user, comparison.zone)
    chosen = month or (months[0] if months else None)
    if chosen is None or comparison.zone is None:
        empty = chosen or Month(0, 0)
        return Overview(month=empty, months=months, comparison=comparison, rows=(), headline="", summaries=())
    visible = policy.indicators_visible(user).filter(is_active=True)
    definitions = list(visible.select_related("lead_unit", "leader"))
    periods = {
        d.pk: period_in_month(frequency_of(d), year=chosen.year, month=chosen.month) for d in definitions
    }
    targets = {
        t.definition_id: t
        for t in policy.targets_visible(user).filter(
            year=chosen.year, definition_id__in=[d.pk for d in definitions]
        )
    }
    index = _overview_figures(user, definitions, periods, comparison)
    rows = []
    for definition in definitions:
        period = periods[definition.pk]
        assessment = None
        if period is not None:
            peers = {m.pk: index.get(definition.pk, {}).get(m.pk, {}) for m in comparison.members}
            facts = facts_for(definition, targets.get(definition.pk), peers, comparison.zone)
            assessment = assess(facts, period)
        value_text, rank_text = sentences_for(definition, assessment, comparison.scope_word)
        rows.append(
            OverviewRow(
                definition=definition,
                period=period,
                assessment=assessment,
                value_text=value_text,
                rank_text=rank_text,
            )
        )
    return Overview(
        month=chosen,
        months=months,
        comparison=comparison,
        rows=tuple(rows),
        headline=_headline(rows),
        summaries=_summaries(rows, comparison.scope_word),
    )


def _overview_figures(
    user: Viewer,
    definitions: Sequence[IndicatorDefinition],
    periods: dict[int, Period | None],
    comparison: Comparison,
) -> FigureIndex:
    """One query: the zone's figures of the profile years, and the peers' figures the ranks need."""
    zone = comparison.zone
    assert zone is not None  # noqa: S101 - the caller returns early without a zone
    frequencies = {d.pk: frequency_of(d) for d in definitions}
    peer_q = Q(pk__in=[])
    for frequency in set(frequencies.values()):
        # every indicator of one frequency has the same period in a month
        ids = [d.pk for d in definitions if frequencies[d.pk] is frequency]
        period = periods[ids[0]]
        if period is not None:
            peer_q |= Q(definition_id__in=ids) & _period_q(_needed_by_peers(period))
    first_year = max((p.year for p in periods.values() if p is not None), default=0) - PROFILE_YEARS
    members = Q(subject_id__in=[m.pk for m in comparison.members])
    rows = (
        policy.values_visible(user)
        .filter(definition_id__in=list(frequencies))
        .filter(Q(subject=zone, year__gte=first_year) | (members & peer_q))
        .values_list(*FIGURE_FIELDS)
    )
    return figure_index(rows)
