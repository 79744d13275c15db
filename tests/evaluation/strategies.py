"""Hypothesis strategies: small random schemes over every method, and their inputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from duban.evaluation.compute import Inputs, Peer
from duban.evaluation.scheme import Adjustment, AdjustmentKind, Node, Scheme, scheme_build
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction

PARAMS: dict[Method, dict[str, Any]] = {
    Method.MIN_MAX: {},
    Method.Z_SCORE: {"span": 2},
    Method.RATIO_TO_BEST: {},
    Method.TARGET: {"cap": 1.2, "target": 50},
    Method.RANK_POINTS: {"table": [1, 0.7, 0.4], "rest": 0.1},
    Method.BANDS: {"bands": [[20, 0.5], [60, 1]], "below": 0.1},
    Method.ENTERED: {},
}


def params_for(method: Method, direction: Direction) -> dict[str, Any]:
    """The method's parameters; a lower-is-better band pays more for the lower threshold."""
    if method is Method.BANDS and direction is Direction.LOWER:
        return {"bands": [[20, 1], [60, 0.5]], "below": 0.1}
    return PARAMS[method]


# Figures as printed (hundredths), so no float extremes.
figures = st.integers(min_value=-2000, max_value=20000).map(lambda n: n / 100)


@dataclass(frozen=True)
class Case:
    scheme: Scheme
    inputs: Inputs[str]


@st.composite
def cases(draw: st.DrawFn, *, min_subjects: int = 1, max_subjects: int = 5) -> Case:
    methods = draw(st.lists(st.sampled_from(list(Method)), min_size=1, max_size=4))
    directions = [
        Direction.HIGHER if m is Method.ENTERED else draw(st.sampled_from(list(Direction))) for m in methods
    ]
    weights = [draw(st.integers(min_value=1, max_value=30)) for _ in methods]
    indicators = tuple(
        Node(code=f"i{n}", name=f"指标{n}", weight=w, method=m, direction=d, params=params_for(m, d))
        for n, (m, d, w) in enumerate(zip(methods, directions, weights, strict=True))
    )
    split = draw(st.integers(min_value=0, max_value=len(indicators)))
    groups = [g for g in (indicators[:split], indicators[split:]) if g]
    categories = tuple(
        Node(code=f"c{n}", name=f"类别{n}", weight=sum(i.weight for i in g), children=g)
        for n, g in enumerate(groups)
    )
    deduction = Adjustment("d", "扣分", AdjustmentKind.DEDUCTION, per_event=1.5, cap=4, category="c0")
    scheme = scheme_build(name="随机", total=sum(weights), categories=categories, adjustments=(deduction,))
    count = draw(st.integers(min_value=min_subjects, max_value=max_subjects))
    keys = [f"s{n}" for n in range(count)]
    subjects = tuple(Peer(k, k, draw(st.sampled_from(["", "北", "南"]))) for k in keys)
    values = {node.code: {k: draw(st.one_of(st.none(), figures)) for k in keys} for node in indicators}
    targets = {
        node.code: {k: draw(st.integers(1, 100)) * 1.0 for k in keys if draw(st.booleans())}
        for node in indicators
    }
    events = {"d": {k: draw(st.integers(0, 4)) for k in keys}}
    return Case(
        scheme=scheme, inputs=Inputs(subjects=subjects, values=values, targets=targets, events=events)
    )
