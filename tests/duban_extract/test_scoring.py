from __future__ import annotations

from duban_extract.scoring import (
    Owners,
    deadline_accuracy,
    one_to_one,
    owner_accuracy,
    parse_owners,
    score_clean,
    score_people,
    score_quantities,
    score_texts,
    score_times,
    similar,
)


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


def test_one_report_finds_at_most_one_of_two_gold_entries_it_overlaps() -> None:
    # given: one reported time whose text overlaps two gold times of the same value
    gold = {
        "times": [
            {"text": "2023年底", "value": "2023-12-31"},
            {"text": "2023年底前", "value": "2023-12-31"},
        ]
    }
    # when
    tally = score_times([{"text": "2023年底前", "value": "2023-12-31"}], gold)
    # then: it counts once, for one of them
    assert (tally.right_reported, tally.reported, tally.found_gold, tally.gold) == (1, 1, 1, 2)


def test_repeated_reports_of_one_time_are_merged_before_matching() -> None:
    gold = {"times": [{"text": "上半年", "value": "2021-01-01/2021-06-30"}]}
    rows = [{"text": "上半年", "value": "2021-01-01/2021-06-30"}] * 3
    tally = score_times(rows, gold)
    assert (tally.right_reported, tally.reported, tally.found_gold) == (1, 1, 1)


def test_quantities_are_matched_per_occurrence() -> None:
    gold = {
        "quantities": [{"text": "5个", "value": 5, "unit": "个"}, {"text": "5个", "value": 5, "unit": "个"}]
    }
    one = score_quantities([{"text": "5个", "value": 5, "unit": "个"}], gold)
    two = score_quantities([{"text": "5个", "value": 5, "unit": "个"}] * 2, gold)
    assert (one.found_gold, two.found_gold) == (1, 2)


def test_a_report_inside_two_gold_tasks_matches_only_one() -> None:
    # given: the extractor merged two gold tasks into one report
    gold = ["建成污水处理厂", "修缮东门桥"]
    # when
    tally = score_texts(["年底前建成污水处理厂并修缮东门桥"], gold)
    # then
    assert (tally.right_reported, tally.found_gold) == (1, 1)


def test_matching_is_maximal_not_greedy() -> None:
    # given: report 0 prefers gold 0 but also matches gold 1; report 1 matches gold 0 only
    edges = {(0, 0): (0.9,), (0, 1): (0.6,), (1, 0): (0.7,)}
    # when
    pairs = one_to_one(2, 2, lambda r, g: edges.get((r, g)))
    # then: the greedy pair (0, 0) is given up so that both gold entries are found
    assert pairs == {0: 1, 1: 0}


def test_people_match_one_to_one() -> None:
    gold = {"people": [{"name": "王建", "title": "区长"}, {"name": "王建", "title": "副区长"}]}
    tally = score_people([{"name": "王建", "title": "副区长"}], gold)
    assert (tally.right_reported, tally.found_gold) == (1, 1)


def test_deadline_accuracy_uses_the_matched_report() -> None:
    gold = {
        "tasks": [
            {"text": "年底前建成污水处理厂", "deadline": "2023-12-31"},
            {"text": "年底前建成污水处理厂并投入运行", "deadline": "2024-06-30"},
        ]
    }
    # One report cannot answer for both gold tasks.
    assert deadline_accuracy([{"text": "年底前建成污水处理厂", "deadline": "2023-12-31"}], gold) == (1, 1)


def test_owner_format_splits_units_outside_brackets_and_finds_the_lead() -> None:
    owners = parse_owners("市文广旅游局(牵头);市各县(市、区)政府、金华开发区管委会")
    assert owners.names == {"市文广旅游局", "市各县市区政府", "金华开发区管委会"}
    assert owners.leads == {"市文广旅游局"}
    assert parse_owners("甲局、乙局(分别牵头)") == Owners(frozenset({"甲局", "乙局"}), frozenset())
    assert parse_owners("甲局牵头，乙局、丙局配合").leads == {"甲局"}
    assert parse_owners("甲局;乙局").leads == {"甲局"}
    assert parse_owners("甲局会同乙局").names == {"甲局", "乙局"}


def _owner_right(report: dict[str, object], gold_owner: str) -> tuple[int, int]:
    gold = {"tasks": [{"text": "年底前建成污水处理厂", "owner": gold_owner}]}
    return owner_accuracy([{"text": "年底前建成污水处理厂", **report}], gold)


def test_owners_compare_as_sets_with_the_lead_where_the_gold_marks_one() -> None:
    gold = "甲局(牵头);乙局、丙局"
    assert _owner_right({"owner": "甲局", "cooperating": ["丙局", "乙局"]}, gold) == (1, 1)
    assert _owner_right({"owner": "乙局", "cooperating": ["甲局", "丙局"]}, gold) == (0, 1)
    assert _owner_right({"owner": "甲局"}, gold) == (0, 1)
    # No lead marked: the order of the units does not matter.
    assert _owner_right({"owner": "乙局、甲局"}, "甲局、乙局") == (1, 1)
    assert _owner_right({"owner": "甲局牵头"}, "甲局") == (1, 1)
    assert _owner_right({}, "甲局") == (0, 1)
