"""Composite scores, ranks, sub-scores, contributions and history, by hand and by property."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.evaluation.compute import Inputs, Peer, contributions, evaluate, evaluate_years, history
from duban.evaluation.scheme import Adjustment, AdjustmentKind, scheme_build
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction
from tests.evaluation.strategies import Case, cases
from tests.evaluation.tables import HAND_TOTALS, Z, hand_inputs, hand_scheme


def test_hand_computed_scheme() -> None:
    # given the 3-subject, 4-indicator scheme of tables.py; when evaluated
    result = evaluate(hand_scheme(), hand_inputs()).results
    # then every figure is the hand computation
    assert {k: r.total for k, r in result.items()} == pytest.approx(HAND_TOTALS)
    assert result["A"].indicators == pytest.approx({"I1": 0, "I2": 15 - 5 * Z, "I3": 18, "I4": 3})
    assert result["C"].categories == pytest.approx({"S": 40 + 15 + 5 * Z, "Q": 34})
    assert {k: r.rank.position for k, r in result.items()} == {"C": 1, "B": 2, "A": 3}
    assert {k: r.group_rank.position for k, r in result.items() if r.group_rank} == {"B": 1, "A": 2, "C": 1}


def test_ties_share_the_better_rank() -> None:
    inputs = hand_inputs()
    same = Inputs(
        subjects=inputs.subjects,
        values={
            **inputs.values,
            "I1": {"A": 30, "B": 30, "C": 30},
            "I2": {"A": 1, "B": 1, "C": 1},
            "I3": {"A": 100, "B": 100, "C": 100},
            "I4": {"A": 3, "B": 3, "C": 3},
        },
        targets={"I3": {"A": 100, "B": 100, "C": 100}},
    )
    ranks = {k: r.rank for k, r in evaluate(hand_scheme(), same).results.items()}
    assert {k: (r.position, r.tied) for k, r in ranks.items()} == {
        "A": (1, True),
        "B": (1, True),
        "C": (1, True),
    }


def test_deductions_per_event_with_cap_count_in_their_category() -> None:
    # given 2 points per problem fed back, at most 5, counted in 质量
    scheme = hand_scheme()
    scheme = scheme_build(
        name=scheme.name,
        total=scheme.total,
        categories=scheme.categories,
        adjustments=(
            Adjustment("env", "环保督察问题", AdjustmentKind.DEDUCTION, per_event=2, cap=5, category="Q"),
            Adjustment("award", "国家级表彰", AdjustmentKind.BONUS, per_event=3, cap=3),
        ),
    )
    inputs = replace(hand_inputs(), events={"env": {"A": 0, "B": 2, "C": 4}, "award": {"A": 2}})
    result = evaluate(scheme, inputs).results
    # then B loses 4, C loses 5 (capped), A gains 3 (capped)
    assert result["B"].adjustments == {"env": -4, "award": 0}
    assert result["C"].adjustments == {"env": -5, "award": 0}
    assert result["A"].total == pytest.approx(HAND_TOTALS["A"] + 3)
    assert result["C"].categories["Q"] == pytest.approx(34 - 5)


def test_contributions_say_where_points_were_won_or_lost() -> None:
    evaluation = evaluate(hand_scheme(), hand_inputs())
    found = contributions(evaluation, "A")
    # A lost most against the mean on I1 (0 against a mean of 20)
    assert [c.code for c in found][0] == "I1"
    first = found[0]
    assert (first.points, first.full, first.lost, first.value) == (0, 40, 40, 10)
    assert first.versus_mean == pytest.approx(-20)
    assert sum(c.points for c in found) == pytest.approx(HAND_TOTALS["A"])


def test_history_over_years() -> None:
    scheme = hand_scheme()
    later = replace(hand_inputs(), values={**hand_inputs().values, "I1": {"A": 40, "B": 20, "C": 30}})
    evaluations = evaluate_years({2019: (scheme, hand_inputs()), 2020: (scheme, later)})
    points = history(evaluations, "A")
    assert [(p.year, p.rank.position, p.change) for p in points] == [(2019, 3, None), (2020, 2, 1)]


def test_subject_listed_twice_is_refused() -> None:
    inputs = replace(hand_inputs(), subjects=(Peer("A", "甲"), Peer("A", "甲")))
    with pytest.raises(ValueError, match="once"):
        evaluate(hand_scheme(), inputs)


# No deadline: a busy machine is slow, not wrong (speed is the benchmark's).
@settings(deadline=None)
@given(case=cases(), data=st.data())
def test_improving_an_indicator_never_lowers_the_score(case: Case, data: st.DataObject) -> None:
    # given a subject and an indicator it has a figure for
    key = data.draw(st.sampled_from([p.key for p in case.inputs.subjects]))
    leaf = data.draw(st.sampled_from(case.scheme.leaves))
    code = leaf.node.code
    value = case.inputs.values[code][key]
    step = data.draw(st.integers(min_value=1, max_value=5000)) / 100
    before = evaluate(case.scheme, case.inputs).results[key].total
    # when it improves in its good direction (a subject without a figure gets one)
    if value is None:
        new = data.draw(st.integers(-2000, 20000)) / 100
    else:
        new = value + step if leaf.node.direction is Direction.HIGHER else value - step
    changed = replace(
        case.inputs, values={**case.inputs.values, code: {**case.inputs.values[code], key: new}}
    )
    after = evaluate(case.scheme, changed).results[key].total
    # then its score does not fall (a figure where there was none scores at least 0)
    assert after >= before - 1e-9


# No deadline: a busy machine is slow, not wrong (speed is the benchmark's).
@settings(deadline=None)
@given(case=cases(), data=st.data())
def test_scores_independent_of_subject_order(case: Case, data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(case.inputs.subjects))
    first = evaluate(case.scheme, case.inputs).results
    second = evaluate(case.scheme, replace(case.inputs, subjects=tuple(shuffled))).results
    for key, result in first.items():
        assert second[key].total == pytest.approx(result.total, abs=1e-9)
        assert second[key].rank == result.rank
        assert second[key].group_rank == result.group_rank


# No deadline: a busy machine is slow, not wrong (speed is the benchmark's).
@settings(deadline=None)
@given(case=cases())
def test_total_is_the_sum_of_indicators_and_adjustments(case: Case) -> None:
    for result in evaluate(case.scheme, case.inputs).results.values():
        parts = sum(result.indicators.values()) + sum(result.adjustments.values())
        assert result.total == pytest.approx(parts, abs=1e-9)
        assert sum(result.categories.values()) == pytest.approx(result.total, abs=1e-9)
        for leaf in case.scheme.leaves:
            cap = 1.2 if leaf.node.method is Method.TARGET else 1.0
            assert -1e-9 <= result.indicators[leaf.node.code] <= leaf.full * cap + 1e-9
