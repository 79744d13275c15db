"""``duban bench evaluation``: time the engine on a large scheme (issue 10: 200 subjects × 60 indicators).

The scheme and figures are made up from a seeded random generator (six categories
of ten indicators, every method in turn, both directions, a deduction item), so
runs are comparable. No database: this times the pure engine only.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from duban.evaluation.compute import Inputs, Peer, evaluate
from duban.evaluation.gap import MEDIAN, levers, score_gap, what_if
from duban.evaluation.scheme import Adjustment, AdjustmentKind, Node, Scheme, scheme_build
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction

T = TypeVar("T")

PARAMS: dict[Method, dict[str, Any]] = {
    Method.MIN_MAX: {},
    Method.Z_SCORE: {"span": 3},
    Method.RATIO_TO_BEST: {},
    Method.TARGET: {"cap": 1.2, "target": 100},
    Method.RANK_POINTS: {"table": [1, 0.9, 0.8, 0.7, 0.6], "rest": 0.5},
    Method.ENTERED: {},
}


def bench_scheme(indicators: int) -> Scheme:
    """``indicators`` (at least 1) over six categories, 1,000 points spread evenly by points."""
    methods = list(PARAMS)
    groups = max(1, min(6, indicators))  # no empty category when there are fewer than six indicators
    per_category = [indicators // groups + (1 if n < indicators % groups else 0) for n in range(groups)]
    categories: list[Node] = []
    index = 0
    for number, count in enumerate(per_category):
        children = []
        for _position in range(count):
            method = methods[index % len(methods)]
            lower = method is not Method.ENTERED and index % 5 == 4
            children.append(
                Node(
                    code=f"i{index}",
                    name=f"指标{index}",
                    weight=1000 / indicators,
                    method=method,
                    direction=Direction.LOWER if lower else Direction.HIGHER,
                    params=PARAMS[method],
                )
            )
            index += 1
        weight = sum(child.weight for child in children)
        categories.append(
            Node(code=f"c{number}", name=f"类别{number}", weight=weight, children=tuple(children))
        )
    deduction = Adjustment("d", "环保督察问题", AdjustmentKind.DEDUCTION, per_event=2, cap=10)
    return scheme_build(name="基准", total=1000, categories=tuple(categories), adjustments=(deduction,))


def bench_inputs(scheme: Scheme, subjects: int, seed: int = 1) -> Inputs[int]:
    generator = random.Random(seed)  # noqa: S311 - made-up figures, not secrets
    peers = tuple(Peer(n, f"开发区{n}", f"片区{n % 9}") for n in range(subjects))
    values = {
        leaf.node.code: {
            p.key: None if generator.random() < 0.02 else round(generator.uniform(1, 200), 2) for p in peers
        }
        for leaf in scheme.leaves
    }
    events = {"d": {p.key: generator.randint(0, 6) for p in peers}}
    return Inputs(subjects=peers, values=values, events=events)


def _timed(out: Callable[[str], None], label: str, work: Callable[[], T], repeat: int) -> T:
    best = float("inf")
    value: T | None = None
    for _run in range(repeat):
        started = time.perf_counter()
        value = work()
        best = min(best, time.perf_counter() - started)
    out(f"  {label}: {best * 1000:.1f} ms (best of {repeat})")
    assert value is not None
    return value


def bench_evaluation(out: Callable[[str], None], *, subjects: int = 200, indicators: int = 60) -> None:
    """Print the time of a whole evaluation, a gap analysis with levers, and a what-if."""
    scheme = bench_scheme(indicators)
    inputs = bench_inputs(scheme, subjects)
    out(f"evaluation benchmark: {subjects} subjects × {len(scheme.leaves)} indicators, 1,000 points")
    evaluation = _timed(out, "evaluate (score, rank, sub-scores)", lambda: evaluate(scheme, inputs), 5)
    zone = evaluation.ranked()[-1].key
    _timed(
        out,
        "gap to the median + levers by re-scoring",
        lambda: (score_gap(evaluation, zone, MEDIAN), levers(evaluation, zone)),
        5,
    )
    changes = {(leaf.node.code, zone): 200.0 for leaf in scheme.leaves[:10]}
    _timed(out, f"what-if ({len(changes)} changed values)", lambda: what_if(evaluation, changes), 5)


def run_evaluation_bench(out: Callable[[str], None], options: dict[str, Any]) -> None:
    """``duban bench evaluation``: the sizes from the command line, checked."""
    subjects, indicators = options["subjects"], options["indicators"]
    if subjects < 1 or indicators < 1:
        raise CommandError(_("--subjects and --indicators must be at least 1."))
    bench_evaluation(out, subjects=subjects, indicators=indicators)
