"""What the evaluation pages show, built from a computed evaluation (pure, no ORM).

Each page gets one typed bundle: the results table (评价结果), a subject's
contributions (得失分), the gap analysis (差距分析) and a what-if (情景模拟). The
views fetch the evaluation through the selectors and pass it here; the charts'
data is a plain dict the templates hand to the page with ``json_script``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from duban.evaluation.compute import Contribution, Evaluation, SubjectResult, contributions
from duban.evaluation.gap import MEDIAN, Gap, Lever, TargetKind, WhatIf, target_rank_of

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class CategoryColumn:
    code: str
    name: str
    full: float


@dataclass(frozen=True)
class ResultRow(Generic[K]):
    """One line of the results table; ``marks_median`` draws the line under the median rank."""

    result: SubjectResult[K]
    scores: list[float]  # category sub-scores, in the columns' order
    is_subject: bool
    marks_median: bool


@dataclass(frozen=True)
class ResultsTable(Generic[K]):
    columns: list[CategoryColumn]
    rows: list[ResultRow[K]]
    median_rank: int
    count: int
    has_groups: bool


def category_columns(evaluation: Evaluation[K]) -> list[CategoryColumn]:
    """The categories with their full points (the sum of their indicators' full points)."""
    full: dict[str, float] = {}
    for leaf in evaluation.scheme.leaves:
        full[leaf.category] = full.get(leaf.category, 0.0) + leaf.full
    return [CategoryColumn(c.code, c.name, full.get(c.code, 0.0)) for c in evaluation.scheme.categories]


def results_table(evaluation: Evaluation[K], *, subject: K | None = None) -> ResultsTable[K]:
    """All subjects best first, with the median rank (中游水平) marked."""
    columns = category_columns(evaluation)
    count = len(evaluation.results)
    median = target_rank_of(MEDIAN, count=count) if count else 0
    ranked = evaluation.ranked()
    rows = []
    for index, result in enumerate(ranked):
        following = ranked[index + 1] if index + 1 < len(ranked) else None
        position = result.rank.position or 0
        nxt = (following.rank.position or 0) if following else 0
        rows.append(
            ResultRow(
                result=result,
                scores=[result.categories.get(c.code, 0.0) for c in columns],
                is_subject=result.key == subject,
                marks_median=position <= median < nxt,
            )
        )
    has_groups = any(r.group for r in evaluation.results.values())
    return ResultsTable(columns=columns, rows=rows, median_rank=median, count=count, has_groups=has_groups)


def bars(labels: list[str], values: list[float], *, label: str, **extra: Any) -> dict[str, Any]:
    """Data for a horizontal bar chart (``evaluation.js``), values rounded for the page."""
    return {"labels": labels, "values": [round(v, 2) for v in values], "label": label, **extra}


@dataclass(frozen=True)
class CategoryShare:
    column: CategoryColumn
    points: float
    mean: float


@dataclass(frozen=True)
class SubjectPage(Generic[K]):
    """A subject's result and where it won or lost points (得失分)."""

    result: SubjectResult[K]
    categories: list[CategoryShare]
    contributions: list[Contribution]
    adjustments: list[tuple[str, float]]  # (name, points) of bonuses (+) and deductions (−) it got
    chart: dict[str, Any]


def subject_page(evaluation: Evaluation[K], key: K, *, chart_label: str) -> SubjectPage[K]:
    result = evaluation.results[key]
    count = len(evaluation.results) or 1
    shares = [
        CategoryShare(
            column=column,
            points=result.categories.get(column.code, 0.0),
            mean=math.fsum(r.categories.get(column.code, 0.0) for r in evaluation.results.values()) / count,
        )
        for column in category_columns(evaluation)
    ]
    found = contributions(evaluation, key)
    names = {a.code: a.name for a in evaluation.scheme.adjustments}
    got = [(names[code], points) for code, points in result.adjustments.items() if points]
    chart = bars([c.name for c in found], [c.versus_mean for c in found], label=chart_label)
    return SubjectPage(result=result, categories=shares, contributions=found, adjustments=got, chart=chart)


@dataclass(frozen=True)
class GapPage(Generic[K]):
    """The gap analysis of one subject for a target rank: the points lacking and the levers."""

    result: SubjectResult[K]
    target: int | TargetKind
    gap: Gap
    levers: list[Lever]
    chart: dict[str, Any]
    count: int
    # How many levers' gains, taken together in the order shown, close the gap (None: they do not).
    levers_to_close: int | None


def parse_target(text: str | None, *, count: int) -> int | TargetKind:
    """The target rank from a query parameter: ``median`` (default) or a rank 1…count."""
    if not text or text == MEDIAN.value:
        return MEDIAN
    try:
        rank = int(text)
    except ValueError:
        return MEDIAN
    return rank if 1 <= rank <= count else MEDIAN


def gap_page(
    evaluation: Evaluation[K],
    key: K,
    *,
    target: int | TargetKind,
    gap: Gap,
    found: list[Lever],
    chart_label: str,
) -> GapPage[K]:
    """The page of a gap (``gap.score_gap``) and its levers (``gap.levers``); only levers that gain show."""
    gaining = [lever for lever in found if lever.gain > 0]
    closing = None
    if not gap.reached:
        gained = 0.0
        for index, lever in enumerate(gaining, start=1):
            gained += lever.gain
            if gained >= gap.lacking:
                closing = index
                break
    chart = bars([lever.name for lever in gaining], [lever.gain for lever in gaining], label=chart_label)
    return GapPage(
        result=evaluation.results[key],
        target=target,
        gap=gap,
        levers=gaining,
        chart=chart,
        count=len(evaluation.results),
        levers_to_close=closing,
    )


@dataclass(frozen=True)
class WhatIfRow:
    """One indicator on the what-if form: the figure now and the one being tried."""

    code: str
    name: str
    category: str
    unit: str
    value: float | None
    tried: float | None
    points: float
    points_after: float
    text: str = ""  # what the form's box shows: the figure tried, or what was typed
    invalid: bool = False


@dataclass(frozen=True)
class WhatIfPage(Generic[K]):
    before: SubjectResult[K]
    after: SubjectResult[K]
    rows: list[WhatIfRow]
    table: ResultsTable[K]  # everybody's ranks after the change
    median_rank: int

    @property
    def rank_change(self) -> int | None:
        old, new = self.before.rank.position, self.after.rank.position
        return None if old is None or new is None else old - new

    @property
    def rank_fall(self) -> int:
        return -(self.rank_change or 0)

    @property
    def over_median(self) -> bool:
        return self.after.rank.position is not None and self.after.rank.position <= self.median_rank


def figure_text(value: float | None) -> str:
    """A figure as the form shows it: up to four decimals, no trailing zeros."""
    if value is None:
        return ""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def what_if_page(
    scenario: WhatIf[K],
    key: K,
    *,
    units: Mapping[str, str],
    typed: Mapping[str, str] | None = None,
    invalid: frozenset[str] = frozenset(),
) -> WhatIfPage[K]:
    """The what-if form and result; ``typed`` keeps what was typed in boxes that were refused."""
    before, after = scenario.before, scenario.after
    typed = typed or {}
    rows = [
        WhatIfRow(
            code=leaf.node.code,
            name=leaf.node.name,
            category=leaf.category,
            unit=units.get(leaf.node.code, ""),
            value=before.inputs.values.get(leaf.node.code, {}).get(key),
            tried=after.inputs.values.get(leaf.node.code, {}).get(key),
            points=before.columns[leaf.node.code][key],
            points_after=after.columns[leaf.node.code][key],
            text=typed.get(leaf.node.code, figure_text(after.inputs.values.get(leaf.node.code, {}).get(key))),
            invalid=leaf.node.code in invalid,
        )
        for leaf in before.scheme.leaves
    ]
    table = results_table(after, subject=key)
    return WhatIfPage(
        before=before.results[key],
        after=after.results[key],
        rows=rows,
        table=table,
        median_rank=table.median_rank,
    )
