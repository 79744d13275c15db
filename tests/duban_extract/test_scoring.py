from __future__ import annotations

from duban_extract.scoring import score_clean, score_times, similar


def test_task_similarity_containment_and_dice() -> None:
    assert similar("建成污水处理厂", "年底前建成污水处理厂") == 1.0
    assert similar("修缮东门桥", "召开防汛会议") < 0.5


def test_times_score_uses_gold_value_or_alt_and_ignores() -> None:
    gold = {"times": [{"text": "春节前", "value": "2020-01-24", "alt": ["2020-01-25"]}], "ignore": ["近日"]}
    tally = score_times(
        [{"text": "春节前", "value": "2020-01-25"}, {"text": "近日", "value": "2020-01-01"}], gold
    )
    assert (tally.precision, tally.recall) == (1.0, 1.0)


def test_clean_score() -> None:
    gold = {"clean": {"must_drop": ["版权所有"], "must_keep": ["建成,污水厂"]}}
    assert score_clean("建成污水厂。", gold) == (2, 2)
