"""The benchmark on ../shared/corpus/dev must not fall below the floors kept here."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from duban_extract.bench import below_floor, run_bench

CORPUS = Path(__file__).resolve().parents[2].parent / "shared/corpus/dev"
FLOOR = json.loads(Path(__file__).with_name("gold_floor.json").read_text(encoding="utf-8"))


def test_gold_scores_stay_above_the_floor() -> None:
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CORPUS} is missing in CI")
        pytest.skip("../shared/corpus not present; the gold benchmark needs it")
    data = run_bench(CORPUS, with_speed=False, with_jionlp=False).as_json()
    assert below_floor(data, FLOOR) == []
