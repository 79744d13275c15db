"""The evaluation benchmark's workload (``duban bench evaluation``): its shape, never its speed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from duban.evaluation.bench import bench_evaluation, bench_inputs, bench_scheme
from duban.evaluation.compute import evaluate


def test_bench_scheme_is_sixty_indicators_over_six_categories_of_1000_points() -> None:
    scheme = bench_scheme(60)
    assert len(scheme.categories) == 6 and len(scheme.leaves) == 60
    assert sum(leaf.full for leaf in scheme.leaves) == pytest.approx(1000)


def test_bench_inputs_evaluate_every_subject() -> None:
    scheme = bench_scheme(13)
    evaluation = evaluate(scheme, bench_inputs(scheme, 30))
    assert len(evaluation.results) == 30
    assert {r.rank.position for r in evaluation.results.values()} >= {1}


def test_bench_prints_each_step() -> None:
    lines: list[str] = []
    bench_evaluation(lines.append, subjects=12, indicators=7)
    assert lines[0].startswith("evaluation benchmark: 12 subjects × 7 indicators")
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "evaluate (score, rank, sub-scores)",
        "gap to the median + levers by re-scoring",
        "what-if (7 changed values)",
    ]


def test_bench_scheme_of_few_indicators_has_no_empty_category() -> None:
    scheme = bench_scheme(2)
    assert len(scheme.categories) == 2 and sum(leaf.full for leaf in scheme.leaves) == pytest.approx(1000)


def test_duban_bench_evaluation_prints_the_three_steps() -> None:
    out = StringIO()
    call_command("bench", "evaluation", "--subjects", "10", "--indicators", "8", stdout=out)
    text = out.getvalue()
    assert "10 subjects × 8 indicators" in text and "what-if (8 changed values)" in text


def test_duban_bench_evaluation_refuses_no_subjects() -> None:
    with pytest.raises(CommandError) as caught:
        call_command("bench", "evaluation", "--subjects", "0")
    assert str(caught.value) == "--subjects 和 --indicators 至少为 1。"
