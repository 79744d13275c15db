"""Scoring against the gold corpus, exactly as corpus/README.md describes.

Text comparisons use normalised text (simplified, pinyin removed, punctuation
and spaces removed). Times and quantities: a report is right when its text
overlaps a gold text and its value equals; reports overlapping an ``ignore``
span are not counted. Tasks (and problems): bigram Dice ≥ 0.5 or ≥ 80% of
the shorter one's bigrams inside the longer one. People: name equal, title by
containment. Clean: share of must_drop absent and must_keep present.
Indicators (not defined by the README; our reading): name matches as a task
does and, where the gold has a value, the value equals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from duban_extract.clean import normalise_for_match

Gold = dict[str, Any]


@dataclass
class Tally:
    """Counts behind precision, recall and F1."""

    right_reported: int = 0
    reported: int = 0
    found_gold: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.right_reported += other.right_reported
        self.reported += other.reported
        self.found_gold += other.found_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.right_reported / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _common_len(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


def texts_overlap(a: str, b: str) -> bool:
    """Normalised texts overlap: one contains the other or they share two or more characters in a row."""
    na, nb = normalise_for_match(a), normalise_for_match(b)
    if not na or not nb:
        return False
    return na in nb or nb in na or _common_len(na, nb) >= 2


def _contained(a: str, b: str) -> bool:
    na, nb = normalise_for_match(a), normalise_for_match(b)
    return bool(na) and bool(nb) and (na in nb or nb in na)


def bigrams(text: str) -> list[str]:
    norm = normalise_for_match(text)
    return [norm[i : i + 2] for i in range(len(norm) - 1)] or ([norm] if norm else [])


def similar(a: str, b: str) -> float:
    """Task similarity: max(Dice of bigrams, containment share of the shorter) — match at ≥ 0.5 / 0.8."""
    ba, bb = bigrams(a), bigrams(b)
    if not ba or not bb:
        return 0.0
    set_b = set(bb)
    common = sum(1 for g in set(ba) if g in set_b)
    dice = 2 * common / (len(set(ba)) + len(set_b))
    short, long_ = (ba, bb) if len(ba) <= len(bb) else (bb, ba)
    long_set = set(long_)
    inside = sum(1 for g in short if g in long_set) / len(short)
    return 1.0 if inside >= 0.8 else dice


def tasks_match(a: str, b: str) -> bool:
    return similar(a, b) >= 0.5


def _score(
    reported: Sequence[Any],
    gold: Sequence[Any],
    match: Callable[[Any, Any], bool],
    ignored: Callable[[Any], bool],
) -> Tally:
    counted = [r for r in reported if not ignored(r)]
    tally = Tally(reported=len(counted), gold=len(gold))
    tally.right_reported = sum(1 for r in counted if any(match(r, g) for g in gold))
    tally.found_gold = sum(1 for g in gold if any(match(r, g) for r in reported))
    return tally


def _dedupe(items: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def score_times(reported: Sequence[dict[str, Any]], gold: Gold) -> Tally:
    """``reported``: dicts with ``text`` and ``value``."""
    ignore = gold.get("ignore", [])
    rows = _dedupe(reported, lambda r: (normalise_for_match(r["text"]), r["value"]))

    def match(r: dict[str, Any], g: dict[str, Any]) -> bool:
        return r["value"] in [g["value"], *g.get("alt", [])] and texts_overlap(r["text"], g["text"])

    return _score(rows, gold.get("times", []), match, lambda r: any(_contained(r["text"], i) for i in ignore))


def _numbers(item: dict[str, Any]) -> tuple[float | None, ...]:
    if item.get("low") is not None:
        return (float(item["low"]), float(item["high"]))
    value = item.get("value")
    return (float(value),) if value is not None else ()


def score_quantities(reported: Sequence[dict[str, Any]], gold: Gold) -> Tally:
    ignore = gold.get("ignore", [])
    rows = _dedupe(reported, lambda r: (normalise_for_match(r["text"]), _numbers(r), r["unit"]))

    def match(r: dict[str, Any], g: dict[str, Any]) -> bool:
        return _numbers(r) == _numbers(g) and r["unit"] == g["unit"] and texts_overlap(r["text"], g["text"])

    return _score(
        rows, gold.get("quantities", []), match, lambda r: any(_contained(r["text"], i) for i in ignore)
    )


def score_texts(reported: Sequence[str], gold_texts: Sequence[str]) -> Tally:
    """Tasks and problems: bigram Dice ≥ 0.5 or 80% containment."""
    return _score(reported, gold_texts, tasks_match, lambda r: False)


def deadline_accuracy(reported: Sequence[dict[str, Any]], gold: Gold) -> tuple[int, int]:
    """(right, total) over matched gold tasks that carry a deadline; the best-matching report answers."""
    right = total = 0
    for task in gold.get("tasks", []):
        if not task.get("deadline"):
            continue
        scored = [(similar(r["text"], task["text"]), r) for r in reported]
        matching = [(s, r) for s, r in scored if s >= 0.5]
        if not matching:
            continue
        total += 1
        # Ties (several reports inside one gold task) go to a report that carries a deadline.
        best = max(matching, key=lambda pair: (pair[0], pair[1].get("deadline") is not None))[1]
        if best.get("deadline") in [task["deadline"], *task.get("alt", [])]:
            right += 1
    return right, total


def owner_accuracy(reported: Sequence[dict[str, Any]], gold: Gold) -> tuple[int, int]:
    """(right, total) over matched gold tasks that name an owner; the best-matching report answers."""
    right = total = 0
    for task in gold.get("tasks", []):
        if not task.get("owner"):
            continue
        scored = [(similar(r["text"], task["text"]), r) for r in reported]
        matching = [(s, r) for s, r in scored if s >= 0.5]
        if not matching:
            continue
        total += 1
        best = max(matching, key=lambda pair: (pair[0], bool(pair[1].get("owner"))))[1]
        if best.get("owner") == task["owner"]:
            right += 1
    return right, total


def score_people(reported: Sequence[dict[str, Any]], gold: Gold) -> Tally:
    def match(r: dict[str, Any], g: dict[str, Any]) -> bool:
        return (
            r["name"] == g["name"]
            and (r["title"] in g["title"] or g["title"] in r["title"])
            and bool(r["title"])
        )

    return _score(reported, gold.get("people", []), match, lambda r: False)


def score_indicators(reported: Sequence[dict[str, Any]], gold: Gold) -> Tally:
    def match(r: dict[str, Any], g: dict[str, Any]) -> bool:
        if not tasks_match(r["name"], g["name"]):
            return False
        return g.get("value") is None or (
            r.get("value") is not None and float(r["value"]) == float(g["value"])
        )

    return _score(reported, gold.get("indicators", []), match, lambda r: False)


def score_clean(body: str, gold: Gold) -> tuple[int, int]:
    """(passed, total) checks: must_drop absent (as written), must_keep present (normalised)."""
    clean = gold.get("clean", {})
    drops, keeps = clean.get("must_drop", []), clean.get("must_keep", [])
    norm_body = normalise_for_match(body)
    passed = sum(1 for d in drops if d not in body) + sum(
        1 for k in keeps if normalise_for_match(k) in norm_body
    )
    return passed, len(drops) + len(keeps)
