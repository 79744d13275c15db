"""The project's own invented documents (docs_zh/): every expected task is found with its deadline and owner.

The documents and their gold are written for these tests (work plan, rectification plan, meeting report,
为民办实事 list, progress table); the layout is the shared corpus's (docs/ + gold/), so
``bench extract --corpus tests/duban_extract/docs_zh`` scores them too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from duban_extract.bench import GoldDoc, load_corpus, run_bench
from duban_extract.clean import clean_document
from duban_extract.pipeline import extract_document
from duban_extract.scoring import similar
from duban_extract.types import Task

CORPUS = Path(__file__).with_name("docs_zh")
DOCS = load_corpus(CORPUS)
CASES = [(doc, gold) for doc in DOCS for gold in doc.gold["tasks"]]


def _tasks(doc: GoldDoc) -> list[Task]:
    return list(extract_document(clean_document(doc.text), ref_date=doc.ref, units=doc.units).tasks)


def _best(doc: GoldDoc, gold: dict[str, Any]) -> Task | None:
    matching = [(similar(t.text, gold["text"]), t.deadline is not None, t) for t in _tasks(doc)]
    matching = [m for m in matching if m[0] >= 0.5]
    return max(matching, key=lambda m: (m[0], m[1]))[2] if matching else None


@pytest.mark.parametrize(("doc", "gold"), CASES, ids=[f"{d.doc_id}:{g['text'][:12]}" for d, g in CASES])
def test_expected_task_is_found_with_deadline_and_owner(doc: GoldDoc, gold: dict[str, Any]) -> None:
    # when
    task = _best(doc, gold)
    # then
    assert task is not None, [t.text for t in _tasks(doc)]
    deadline = task.deadline.render() if task.deadline else None
    assert deadline in ([gold["deadline"], *gold.get("alt", [])] if gold.get("deadline") else [None])
    assert task.owner == gold.get("owner", task.owner)
    assert set(gold.get("cooperating", [])) <= set(task.cooperating)


@pytest.mark.parametrize("doc", DOCS, ids=[d.doc_id for d in DOCS])
def test_every_reported_task_is_expected(doc: GoldDoc) -> None:
    unexpected = [
        t.text for t in _tasks(doc) if not any(similar(t.text, g["text"]) >= 0.5 for g in doc.gold["tasks"])
    ]
    assert unexpected == []


def test_own_corpus_scores() -> None:
    data = run_bench(CORPUS, with_speed=False, with_jionlp=False).as_json()
    # 0.84 since matching became one-to-one (README "Scoring"): the extractor still cuts a gold task
    # such as "改造老旧小区32个,加装电梯100部" at the comma, and the second half no longer matches.
    assert data["categories"]["tasks"]["f1"] >= 0.84
    assert data["categories"]["problems"]["f1"] >= 0.9
    assert data["deadline_accuracy"] >= 0.95
    assert data["owner_accuracy"] >= 0.95
