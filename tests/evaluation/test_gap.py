"""Gap analysis and what-if (差距分析, 情景模拟), by hand and against brute force."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.evaluation.compute import Inputs, evaluate, rank_totals
from duban.evaluation.gap import MEDIAN, improved, levers, score_gap, target_rank_of, what_if
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction
from tests.evaluation.strategies import Case, cases
from tests.evaluation.tables import HAND_TOTALS, hand_inputs, hand_scheme


@pytest.mark.parametrize(("count", "rank"), [(1, 1), (2, 1), (3, 2), (20, 10), (21, 11)])
def test_median_rank(count: int, rank: int) -> None:
    assert target_rank_of(MEDIAN, count=count) == rank


def test_target_rank_outside_the_field_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        target_rank_of(4, count=3)


def test_gap_to_the_median_by_hand() -> None:
    evaluation = evaluate(hand_scheme(), hand_inputs())
    # A (3rd) lacks B's total for the median (2nd of 3): 69 − 29.876276
    gap = score_gap(evaluation, "A", MEDIAN)
    assert (gap.target_rank, gap.reached) == (2, False)
    assert gap.lacking == pytest.approx(HAND_TOTALS["B"] - HAND_TOTALS["A"])
    assert score_gap(evaluation, "A", 1).lacking == pytest.approx(HAND_TOTALS["C"] - HAND_TOTALS["A"])
    assert score_gap(evaluation, "B", MEDIAN).reached
    assert score_gap(evaluation, "A", 3).needed is None


def test_levers_by_hand() -> None:
    # given A at the bottom; when it improves each indicator by 1%
    evaluation = evaluate(hand_scheme(), hand_inputs())
    found = {lever.code: lever for lever in levers(evaluation, "A")}
    # then I1 10 → 10.1 stays the minimum of min–max: no gain
    assert found["I1"].gain == pytest.approx(0)
    # I3 90 → 90.9 of a target of 100: 20 × 0.009 = 0.18
    assert found["I3"].gain == pytest.approx(0.18)
    # I4 5 → 4.95 (lower is better) is still 3rd: no gain
    assert found["I4"].gain == pytest.approx(0)
    assert found["I2"].new_value == pytest.approx(1.01)
    # and the list is ordered by gain
    gains = [lever.gain for lever in levers(evaluation, "A")]
    assert gains == sorted(gains, reverse=True)


def test_what_if_lifts_the_subject_over_the_median() -> None:
    evaluation = evaluate(hand_scheme(), hand_inputs())
    # when A's I1 rises 10 → 30 (tied best) and I3 90 → 120 (capped at 1.2 × target)
    result = what_if(evaluation, {("I1", "A"): 30, ("I3", "A"): 120})
    # then A gains 40 + 6 points and reaches the median (2nd of 3), over B
    assert result.after.results["A"].rank.position == 2
    moved_by, ranks_up = result.moved("A")
    assert ranks_up == 1
    assert moved_by == pytest.approx(40 + 6)
    # and B, now the minimum of I1 (20 of 20…30), loses its 20 min–max points there
    assert result.after.results["B"].indicators["I1"] == pytest.approx(0)
    assert result.after.results["B"].total == pytest.approx(49)


def test_what_if_names_an_unknown_indicator() -> None:
    evaluation = evaluate(hand_scheme(), hand_inputs())
    with pytest.raises(KeyError, match="X9"):
        what_if(evaluation, {("X9", "A"): 1})


def _changed(inputs: Inputs[str], code: str, key: str, value: float | None) -> Inputs[str]:
    return replace(inputs, values={**inputs.values, code: {**inputs.values[code], key: value}})


# No deadline: a busy machine is slow, not wrong (speed is the benchmark's).
@settings(deadline=None)
@given(case=cases(min_subjects=2), data=st.data())
def test_levers_match_brute_force(case: Case, data: st.DataObject) -> None:
    # given any subject of a small random case
    key = data.draw(st.sampled_from([p.key for p in case.inputs.subjects]))
    evaluation = evaluate(case.scheme, case.inputs)
    before = evaluation.results[key].total
    found = {lever.code: lever for lever in levers(evaluation, key)}
    for leaf in case.scheme.leaves:
        code = leaf.node.code
        value = case.inputs.values[code][key]
        if leaf.node.method is Method.ENTERED or value is None or value == 0:
            assert code not in found
            continue
        # when the whole evaluation is recomputed from scratch with the improved value
        new_value = improved(value, leaf.node.direction, 0.01)
        brute = evaluate(case.scheme, _changed(case.inputs, code, key, new_value)).results[key]
        # then the lever's gain and rank are the same
        assert found[code].gain == pytest.approx(brute.total - before, abs=1e-9)
        assert found[code].rank_after == brute.rank
        assert found[code].gain >= -1e-9  # improving never costs points


# No deadline: a busy machine is slow, not wrong (speed is the benchmark's).
@settings(deadline=None)
@given(case=cases(min_subjects=2), data=st.data())
def test_gap_matches_brute_force(case: Case, data: st.DataObject) -> None:
    evaluation = evaluate(case.scheme, case.inputs)
    key = data.draw(st.sampled_from([p.key for p in case.inputs.subjects]))
    target = data.draw(st.integers(min_value=1, max_value=len(case.inputs.subjects)))
    gap = score_gap(evaluation, key, target)
    totals = {k: r.total for k, r in evaluation.results.items()}
    # the smallest total (others as they are) reaching the rank: search every candidate total
    candidates = sorted({totals[key], *totals.values()})
    reaching = [t for t in candidates if rank_totals({**totals, key: t})[key].position <= target]  # type: ignore[operator]
    needed = min(reaching) if reaching else None
    expected = 0.0 if needed is None or needed <= totals[key] else needed - totals[key]
    assert gap.lacking == pytest.approx(expected, abs=1e-6)
    assert gap.reached == (evaluation.results[key].rank.position <= target)  # type: ignore[operator]


# No deadline: a busy machine is slow, not wrong (speed is the benchmark's).
@settings(deadline=None)
@given(case=cases(), data=st.data())
def test_what_if_equals_a_fresh_evaluation(case: Case, data: st.DataObject) -> None:
    key = data.draw(st.sampled_from([p.key for p in case.inputs.subjects]))
    leaf = data.draw(st.sampled_from(case.scheme.leaves))
    value = data.draw(st.one_of(st.none(), st.integers(-2000, 20000).map(lambda n: n / 100)))
    evaluation = evaluate(case.scheme, case.inputs)
    result = what_if(evaluation, {(leaf.node.code, key): value})
    fresh = evaluate(case.scheme, _changed(case.inputs, leaf.node.code, key, value)).results
    for k, r in result.after.results.items():
        assert r.total == pytest.approx(fresh[k].total, abs=1e-9)
        assert r.rank == fresh[k].rank


def test_improved_moves_in_the_good_direction() -> None:
    assert improved(-10, Direction.HIGHER, 0.01) == pytest.approx(-9.9)
    assert improved(-10, Direction.LOWER, 0.01) == pytest.approx(-10.1)
    assert improved(200, Direction.LOWER, 0.01) == pytest.approx(198)
