"""Benchmark (bench.py): per-family time recall."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from duban_extract.bench import render_table, run_bench, time_family


def test_a_gold_time_belongs_to_the_family_of_the_rule_that_reads_it() -> None:
    ref = date(2020, 8, 20)
    assert time_family("1—7月", ref) == "month"
    assert time_family("9月下旬至12月上旬", ref) == "range"
    assert time_family("十四五", ref) == "year"
    assert time_family("近日", ref) == "unread"


def test_bench_reports_time_recall_per_family(tmp_path: Path) -> None:
    # given: a one-document corpus with two gold times, one of which the extractor cannot read
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs" / "d1.txt").write_text(
        "城东区召开推进会\n会议要求,1—7月完成投资5亿元。", encoding="utf-8"
    )
    gold = {
        "ref_date": "2020-08-20",
        "times": [
            {"text": "1—7月", "value": "2020-01-01/2020-07-31"},
            {"text": "推进会", "value": "2020-08-20"},
        ],
    }
    (tmp_path / "gold" / "d1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    # when
    data = run_bench(tmp_path, with_speed=False, with_jionlp=False).as_json()
    # then
    assert data["time_families"] == {
        "month": {"found": 1, "gold": 1, "recall": 1.0},
        "unread": {"found": 0, "gold": 1, "recall": 0.0},
    }
    assert "time recall by family: month 1/1, unread 0/1" in render_table(data)
