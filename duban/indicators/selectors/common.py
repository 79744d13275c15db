"""What the indicator read bundles share: the month asked for, the peer set, figures by period."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from duban.indicators import policy
from duban.indicators.assess import (
    Assessment,
    Figure,
    IndicatorFacts,
    Series,
)
from duban.indicators.expected import Frequency
from duban.indicators.models import IndicatorDefinition, PeerSet, Subject, SubjectKind, Target, ValueKind
from duban.indicators.ranking import Direction
from duban.indicators.reporting_periods import YEAR_MAX, YEAR_MIN, Period
from duban.indicators.sentences import (
    rank_sentence,
    value_sentence,
)
from duban.org.scope import Viewer


@dataclass(frozen=True)
class Month:
    """A calendar month the overview is read for (统计月份)."""

    year: int
    month: int

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"


MONTH_TEXT = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)
# The earliest year a page reads: its growth and rank history look two years back (periods start in 1949).
FIRST_YEAR = YEAR_MIN + 2


def parse_month(text: str | None) -> Month | None:
    """``2019-06`` → Month(2019, 6); None for anything else (the page then shows the latest month)."""
    match = MONTH_TEXT.fullmatch(text or "")
    if match is None:
        return None
    year, month = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= YEAR_MAX and 1 <= month <= 12):
        return None
    return Month(year, month)


@dataclass(frozen=True)
class Comparison:
    """Where the figures are compared: the zone, the peer set (its members include the zone)."""

    zone: Subject | None
    peer_set: PeerSet | None
    peer_sets: tuple[PeerSet, ...]
    members: tuple[Subject, ...]  # the peer set's members, the zone among them

    @property
    def scope_word(self) -> str:
        return self.peer_set.scope_word if self.peer_set is not None else ""


@dataclass(frozen=True)
class OverviewRow:
    """One indicator in the month's overview (月度指标一览), with its sentences."""

    definition: IndicatorDefinition
    period: Period | None  # None when the indicator has no period in this month (annual before December)
    assessment: Assessment | None
    value_text: str  # 地区生产总值149.75亿元，比增9.7%
    rank_text: str  # 增幅排名全市第一


def frequency_of(definition: IndicatorDefinition) -> Frequency:
    return Frequency(definition.frequency)


def comparison_for(user: Viewer, peer_set_id: int | None) -> Comparison:
    """The zone and the peer set: the one asked for, else the first that holds the zone (3 queries)."""
    zone = policy.subjects_visible(user).filter(kind=SubjectKind.ZONE).order_by("sort_order", "pk").first()
    peer_sets = tuple(policy.peer_sets_visible(user).prefetch_related("members"))
    chosen = next((p for p in peer_sets if p.pk == peer_set_id), None)
    if chosen is None and zone is not None:
        chosen = next((p for p in peer_sets if any(m.pk == zone.pk for m in p.members.all())), None)
    members = tuple(chosen.members.all()) if chosen is not None else ()
    if zone is not None and all(m.pk != zone.pk for m in members):
        members = (*members, zone)
    return Comparison(zone=zone, peer_set=chosen, peer_sets=peer_sets, members=members)


def months_with_figures(
    user: Viewer, zone: Subject | None, definition: IndicatorDefinition | None = None
) -> tuple[Month, ...]:
    """The months with any figure of the zone (of one indicator), newest first (one query)."""
    if zone is None:
        return ()
    values = policy.values_visible(user).filter(subject=zone)
    if definition is not None:
        values = values.filter(definition=definition)
    rows = values.values_list("year", "month", "quarter").distinct()
    months = {Month(year, month or (quarter * 3 if quarter else 12)) for year, month, quarter in rows}
    return tuple(sorted(months, key=lambda m: (m.year, m.month), reverse=True))


FigureIndex = dict[int, dict[int, dict[Period, Figure]]]  # definition → subject → period → figure
FigureRow = tuple[int, int, int, int, int, Decimal, Decimal | None, bool]
FIGURE_FIELDS = (
    "definition_id",
    "subject_id",
    "year",
    "month",
    "quarter",
    "value",
    "growth",
    "growth_entered",
)


def figure_index(rows: Iterable[FigureRow]) -> FigureIndex:
    index: FigureIndex = {}
    for definition_id, subject_id, year, month, quarter, value, growth, entered in rows:
        period = Period(year, month, quarter)
        by_subject = index.setdefault(definition_id, {}).setdefault(subject_id, {})
        by_subject[period] = Figure(value=value, growth=growth, growth_entered=entered)
    return index


def facts_for(
    definition: IndicatorDefinition, target: Target | None, peers: Mapping[int, Series], zone: Subject
) -> IndicatorFacts[int]:
    return IndicatorFacts(
        frequency=frequency_of(definition),
        cumulative=definition.value_kind == ValueKind.CUMULATIVE,
        direction=Direction(definition.direction),
        subject=zone.pk,
        peers=peers,
        target_value=target.value if target is not None else None,
        target_growth=target.growth if target is not None else None,
    )


def sentences_for(
    definition: IndicatorDefinition, assessment: Assessment | None, scope: str
) -> tuple[str, str]:
    if assessment is None or assessment.value is None:
        return "", ""
    value_text = value_sentence(
        name=definition.name, value=assessment.value, unit=definition.unit, growth=assessment.growth.percent
    )
    growth_rank = assessment.growth_rank
    rank_text = ""
    if growth_rank is not None and growth_rank.position is not None and scope:
        rank_text = rank_sentence(position=growth_rank.position, scope=scope, tied=growth_rank.tied)
    return value_text, rank_text
