"""Evaluation reads (考核评价): a stored scheme and its figures → the pure engine → typed bundles.

:func:`scheme_load` reads a scheme in a constant number of queries, however many
subjects and indicators it has (its nodes, items, subjects, entered values,
linked indicator figures, event counts: six), and turns them into the pure
``Scheme`` and ``Inputs`` the engine computes with. Subjects are keyed by their id.

Where an indicator node's figure comes from, for each subject:
1. an entered value (``EvaluationValue.value``) wins;
2. else, when the node is linked to an indicator of the indicators app, that
   indicator's figure for the scheme's year — the latest period of the year
   recorded (December's year-to-date figure of a monthly indicator, the fourth
   quarter's, or the annual one), its value or its growth as ``measure`` says;
3. else none (the subject scores 0 on it, see ``scoring``).
A subject's own target is ``EvaluationValue.target``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from duban.core.errors import NotFound
from duban.evaluation import policy
from duban.evaluation.compute import (
    Contribution,
    Evaluation,
    HistoryPoint,
    Inputs,
    Peer,
    contributions,
    evaluate,
)
from duban.evaluation.compute import history as history_of
from duban.evaluation.gap import Gap, Lever, TargetKind, WhatIf, levers, score_gap, what_if
from duban.evaluation.models import (
    AdjustmentEvent,
    EvaluationValue,
    Measure,
    Scenario,
    Scheme,
    SchemeAdjustment,
    SchemeNode,
    SchemeSubject,
)
from duban.evaluation.scheme import Adjustment, AdjustmentKind, Node, WeightMode, scheme_build
from duban.evaluation.scheme import Scheme as PureScheme
from duban.evaluation.scoring import Method
from duban.evaluation.services import ChangeSpec, changes_check
from duban.indicators.models import IndicatorValue
from duban.indicators.ranking import Direction
from duban.org.scope import Viewer


@dataclass(frozen=True)
class LoadedScheme:
    """A stored scheme as the engine sees it, with the rows it came from."""

    scheme: Scheme
    pure: PureScheme
    inputs: Inputs[int]
    nodes: Mapping[str, SchemeNode]


def _tree(rows: Sequence[SchemeNode]) -> tuple[Node, ...]:
    children: dict[int | None, list[SchemeNode]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)

    def build(row: SchemeNode) -> Node:
        return Node(
            code=row.code,
            name=row.name,
            weight=float(row.weight),
            children=tuple(build(child) for child in children[row.pk]),
            method=Method(row.method) if row.method else None,
            direction=Direction(row.direction),
            params=row.params,
        )

    return tuple(build(row) for row in children[None])


def _linked_figures(
    scheme: Scheme, nodes: Sequence[SchemeNode], subject_ids: list[int]
) -> dict[str, dict[int, float]]:
    """The linked indicators' figures of the year, the latest period of each (one query)."""
    by_definition: dict[int, list[SchemeNode]] = defaultdict(list)
    for node in nodes:
        if node.indicator_id is not None and node.method:
            by_definition[node.indicator_id].append(node)
    if not by_definition:
        return {}
    rows = (
        IndicatorValue.objects.filter(
            definition_id__in=by_definition, subject_id__in=subject_ids, year=scheme.year
        )
        .order_by("quarter", "month")
        .values_list("definition_id", "subject_id", "value", "growth")
    )
    figures: dict[str, dict[int, float]] = defaultdict(dict)
    for definition_id, subject_id, value, growth in rows:  # later periods overwrite earlier ones
        for node in by_definition[definition_id]:
            figure: Decimal | None = growth if node.measure == Measure.GROWTH else value
            if figure is not None:
                figures[node.code][subject_id] = float(figure)
            else:
                figures[node.code].pop(subject_id, None)
    return figures


def _adjustments(items: Sequence[SchemeAdjustment], codes: Mapping[int, str]) -> tuple[Adjustment, ...]:
    return tuple(
        Adjustment(
            code=item.code,
            name=item.name,
            kind=AdjustmentKind(item.kind),
            per_event=float(item.per_event),
            cap=float(item.cap),
            category=codes.get(item.category_id, "") if item.category_id else "",
        )
        for item in items
    )


def _entered(
    scheme: Scheme, codes: Mapping[int, str], values: dict[str, dict[int, float | None]]
) -> dict[str, dict[int, float]]:
    """Entered values into ``values`` (they win over linked figures); the subjects' own targets returned."""
    targets: dict[str, dict[int, float]] = defaultdict(dict)
    rows = EvaluationValue.objects.filter(node__scheme=scheme).values_list(
        "node_id", "subject_id", "value", "target"
    )
    for node_id, subject_id, value, target in rows:
        if value is not None:
            values[codes[node_id]][subject_id] = float(value)
        if target is not None:
            targets[codes[node_id]][subject_id] = float(target)
    return targets


def _event_counts(scheme: Scheme) -> dict[str, dict[int, int]]:
    """Counted events per item and subject (one grouped query)."""
    events: dict[str, dict[int, int]] = defaultdict(dict)
    sums = AdjustmentEvent.objects.filter(adjustment__scheme=scheme).values("adjustment__code", "subject_id")
    for counted in sums.annotate(total=Sum("count")):
        events[counted["adjustment__code"]][counted["subject_id"]] = int(counted["total"])
    return events


def scheme_load(scheme: Scheme) -> LoadedScheme:
    """The scheme and its year's figures for the engine, in six queries."""
    nodes = list(SchemeNode.objects.filter(scheme=scheme).order_by("sort_order", "pk"))
    items = list(SchemeAdjustment.objects.filter(scheme=scheme).order_by("sort_order", "pk"))
    members = list(SchemeSubject.objects.filter(scheme=scheme).select_related("subject"))
    members.sort(key=lambda m: (m.subject.sort_order, m.subject.name))
    codes = {node.pk: node.code for node in nodes}
    values: dict[str, dict[int, float | None]] = defaultdict(dict)
    for code, figures in _linked_figures(scheme, nodes, [m.subject_id for m in members]).items():
        values[code].update(figures)
    targets = _entered(scheme, codes, values)
    pure = scheme_build(
        name=scheme.name,
        total=float(scheme.total),
        mode=WeightMode(scheme.weight_mode),
        categories=_tree(nodes),
        adjustments=_adjustments(items, codes),
    )
    peers = tuple(Peer(m.subject_id, m.subject.name, m.group) for m in members)
    inputs = Inputs(subjects=peers, values=values, targets=targets, events=_event_counts(scheme))
    return LoadedScheme(scheme=scheme, pure=pure, inputs=inputs, nodes={n.code: n for n in nodes})


@dataclass(frozen=True)
class Results:
    """A scheme's results (评价结果): the evaluation and its rows best first."""

    loaded: LoadedScheme
    evaluation: Evaluation[int]

    @property
    def scheme(self) -> Scheme:
        return self.loaded.scheme


def evaluation_results(*, user: Viewer, scheme_id: int) -> Results:
    """The results of a scheme the user reads (NotFound otherwise)."""
    scheme = policy.access_scheme(user, scheme_id)
    loaded = scheme_load(scheme)
    return Results(loaded=loaded, evaluation=evaluate(loaded.pure, loaded.inputs))


def _subject_in(results: Results, subject_id: int) -> int:
    if subject_id not in results.evaluation.results:
        raise NotFound("subject")
    return subject_id


def subject_contributions(
    *, user: Viewer, scheme_id: int, subject_id: int
) -> tuple[Results, list[Contribution]]:
    """Where the subject won or lost points, the biggest losses against the mean first."""
    results = evaluation_results(user=user, scheme_id=scheme_id)
    key = _subject_in(results, subject_id)
    return results, contributions(results.evaluation, key)


@dataclass(frozen=True)
class GapAnalysis:
    """Gap analysis (差距分析) of a subject: the points it lacks and the levers that gain most."""

    results: Results
    subject_id: int
    gap: Gap
    levers: list[Lever]
    step: float


def gap_analysis(
    *, user: Viewer, scheme_id: int, subject_id: int, target: int | TargetKind, step: float = 0.01
) -> GapAnalysis:
    """The subject's gap to the target rank, and the indicators ranked by points per ``step`` improvement."""
    results = evaluation_results(user=user, scheme_id=scheme_id)
    key = _subject_in(results, subject_id)
    gap = score_gap(results.evaluation, key, target)
    return GapAnalysis(
        results=results, subject_id=key, gap=gap, levers=levers(results.evaluation, key, step=step), step=step
    )


def what_if_compute(
    *, user: Viewer, scheme_id: int, changes: Sequence[ChangeSpec]
) -> tuple[Results, WhatIf[int]]:
    """Scores and ranks again with changed values (情景模拟); nothing is stored."""
    results = evaluation_results(user=user, scheme_id=scheme_id)
    changes_check(results.scheme, changes)
    changed = {(c.indicator, c.subject_id): None if c.value is None else float(c.value) for c in changes}
    return results, what_if(results.evaluation, changed)


def scenario_changes(scenario: Scenario) -> list[ChangeSpec]:
    """A saved scenario's changes as the services and ``what_if_compute`` take them."""
    return [
        ChangeSpec(
            indicator=str(c["indicator"]),
            subject_id=int(c["subject"]),
            value=None if c["value"] is None else Decimal(str(c["value"])),
        )
        for c in scenario.changes
    ]


def scenario_list(*, user: Viewer, scheme: Scheme) -> list[Scenario]:
    """The user's own scenarios of the scheme, by name."""
    return list(policy.scenarios_visible(user).filter(scheme=scheme).order_by("name"))


def scheme_list(*, user: Viewer) -> list[Scheme]:
    """The schemes the user reads, newest year first."""
    return list(policy.schemes_visible(user).order_by("-year", "name"))


def scheme_history(*, user: Viewer, scheme_id: int, subject_id: int) -> list[HistoryPoint]:
    """The subject's total and rank in every year of the scheme's name (历年), oldest first.

    Six queries per year of history (each year is its own scheme), none per subject.
    """
    scheme = policy.access_scheme(user, scheme_id)
    years = policy.schemes_visible(user).filter(name=scheme.name).order_by("year")
    evaluations = {}
    for each in years:
        loaded = scheme_load(each)
        evaluations[each.year] = evaluate(loaded.pure, loaded.inputs)
    if subject_id not in evaluations[scheme.year].results:
        raise NotFound("subject")
    return history_of(evaluations, subject_id)
