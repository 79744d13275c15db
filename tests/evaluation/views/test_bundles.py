"""The evaluation pages' bundles from the hand-computed scheme (tests/evaluation/tables.py)."""

from __future__ import annotations

import pytest

from duban.evaluation.compute import Evaluation, evaluate
from duban.evaluation.gap import MEDIAN, TargetKind, levers, score_gap, what_if
from duban.evaluation.views.bundles import (
    GapPage,
    figure_text,
    gap_page,
    parse_target,
    results_table,
    subject_page,
    what_if_page,
)
from tests.evaluation.tables import HAND_TOTALS, hand_inputs, hand_scheme


def _gap(evaluation: Evaluation[str], key: str, target: int | TargetKind, step: float) -> GapPage[str]:
    return gap_page(
        evaluation,
        key,
        target=target,
        gap=score_gap(evaluation, key, target),
        found=levers(evaluation, key, step=step),
        chart_label="得分",
    )


def test_the_results_table_is_best_first_with_the_median_marked() -> None:
    table = results_table(evaluate(hand_scheme(), hand_inputs()), subject="A")
    assert [row.result.key for row in table.rows] == ["C", "B", "A"]
    assert [c.name for c in table.columns] == ["规模", "质量"]
    assert [c.full for c in table.columns] == [70, 30]
    # the median of three is rank 2: the line goes under B
    assert table.median_rank == 2
    assert [row.marks_median for row in table.rows] == [False, True, False]
    assert [row.is_subject for row in table.rows] == [False, False, True]
    assert table.rows[2].scores == pytest.approx([HAND_TOTALS["A"] - 21, 21])
    assert table.has_groups


def test_a_subjects_page_puts_the_biggest_loss_against_the_mean_first() -> None:
    page = subject_page(evaluate(hand_scheme(), hand_inputs()), "A", chart_label="得失分")
    # A's I1 is 0 against a mean of 20: the largest loss
    assert page.contributions[0].code == "I1"
    assert page.contributions[0].versus_mean == pytest.approx(-20)
    assert page.chart["labels"][0] == "指标一"
    assert page.chart["values"][0] == -20
    assert [round(c.points, 6) for c in page.categories] == [round(HAND_TOTALS["A"] - 21, 6), 21]


def test_the_gap_page_counts_how_many_levers_close_the_gap() -> None:
    evaluation = evaluate(hand_scheme(), hand_inputs())
    page = _gap(evaluation, "A", MEDIAN, 0.01)
    # B is at the median with 69 points
    assert page.gap.needed == pytest.approx(69)
    assert page.gap.lacking == pytest.approx(69 - HAND_TOTALS["A"])
    # a 1% improvement gains a fraction of a point: no number of levers closes 39 points
    assert page.levers_to_close is None
    assert all(lever.gain > 0 for lever in page.levers)
    # with 100% improvements the gains are bigger; the count is the shortest prefix that closes the gap
    bigger = _gap(evaluation, "B", 1, 1.0)
    gains = [lever.gain for lever in bigger.levers]
    assert gains == sorted(gains, reverse=True)
    prefixes = [n for n in range(1, len(gains) + 1) if sum(gains[:n]) >= bigger.gap.lacking]
    assert bigger.levers_to_close == (prefixes[0] if prefixes else None)
    # B lacks 26.12 for the first rank; +150% on I1 (20 points) and I2 (6.12) close it together
    wide = _gap(evaluation, "B", 1, 1.5)
    assert [lever.code for lever in wide.levers] == ["I1", "I2"]
    assert wide.levers_to_close == 2
    near = _gap(evaluation, "B", 2, 1.0)
    assert near.gap.reached
    assert near.levers_to_close is None
    # a target already reached needs no lever
    assert _gap(evaluation, "A", 3, 0.01).gap.reached


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, MEDIAN),
        ("", MEDIAN),
        ("median", MEDIAN),
        ("1", 1),
        ("3", 3),
        ("4", MEDIAN),
        ("0", MEDIAN),
        ("x", MEDIAN),
    ],
)
def test_the_target_parameter(text: str | None, expected: object) -> None:
    assert parse_target(text, count=3) == expected


def test_the_what_if_page_shows_before_and_after() -> None:
    evaluation = evaluate(hand_scheme(), hand_inputs())
    scenario = what_if(evaluation, {("I1", "A"): 40.0, ("I3", "A"): 120.0})
    page = what_if_page(scenario, "A", units={"I1": "亿元"}, typed={"I2": "abc"}, invalid=frozenset({"I2"}))
    assert page.before.rank.position == 3
    # A's I1 becomes the best (40 points) and its I3 is capped at 1.2: 75.88, ahead of C's 75.12
    assert page.after.rank.position == 1
    assert page.rank_change == 2
    assert page.over_median
    rows = {row.code: row for row in page.rows}
    assert (rows["I1"].value, rows["I1"].tried, rows["I1"].text, rows["I1"].unit) == (10, 40.0, "40", "亿元")
    assert rows["I1"].points_after == pytest.approx(40)
    assert (rows["I2"].text, rows["I2"].invalid) == ("abc", True)


def test_figures_show_without_trailing_zeros() -> None:
    assert [figure_text(v) for v in (None, 16.0, 2.5, 1.23456)] == ["", "16", "2.5", "1.2346"]
