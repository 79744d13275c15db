"""Scoring against the gold corpus, exactly as corpus/README.md describes.

Text comparisons use normalised text (simplified, pinyin removed, punctuation
and spaces removed). Times and quantities: a report is right when its text
overlaps a gold text and its value equals; reports overlapping an ``ignore``
span are not counted. Tasks (and problems): bigram Dice ≥ 0.5 or ≥ 80% of
the shorter one's bigrams inside the longer one. People: name equal, title by
containment. Clean: share of must_drop absent and must_keep present.
Indicators (not defined by the README; our reading): name matches as a task
does and, where the gold has a value, the value equals.

Matching is one-to-one in every category (README "Scoring"): a report counts
for at most one gold entry and a gold entry is found by at most one report.
Owners are compared as sets of unit names in the README's owner format
(``LEAD(牵头);OTHER、OTHER``), with the lead checked where the gold marks one.
"""

from __future__ import annotations

import re
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


#: An edge's preference key (larger is better), or None where the pair does not match.
EdgeKey = Callable[[int, int], "tuple[float, ...] | None"]


def one_to_one(n_reported: int, n_gold: int, edge: EdgeKey) -> dict[int, int]:
    """A maximum one-to-one matching, gold index → report index.

    Pairs are first taken greedily in order of preference (so an uncontested gold
    entry keeps its best report), then augmenting paths (Kuhn) raise the matching
    to maximum cardinality: no report is counted for two gold entries, and no
    gold entry is found twice.
    """
    keys: dict[tuple[int, int], tuple[float, ...]] = {}
    for g in range(n_gold):
        for r in range(n_reported):
            key = edge(r, g)
            if key is not None:
                keys[(r, g)] = key
    by_gold: dict[int, list[int]] = {g: [] for g in range(n_gold)}
    ranked = [pair for pair, _key in sorted(keys.items(), key=lambda kv: kv[1], reverse=True)]
    for r, g in ranked:
        by_gold[g].append(r)
    gold_of: dict[int, int] = {}
    report_of: dict[int, int] = {}
    for r, g in ranked:
        if r not in gold_of and g not in report_of:
            gold_of[r], report_of[g] = g, r

    def augment(g: int, seen: set[int]) -> bool:
        for r in by_gold[g]:
            if r in seen:
                continue
            seen.add(r)
            if r not in gold_of or augment(gold_of[r], seen):
                gold_of[r], report_of[g] = g, r
                return True
        return False

    for g in range(n_gold):
        if g not in report_of and by_gold[g]:
            augment(g, set())
    return report_of


def _score(
    reported: Sequence[Any],
    gold: Sequence[Any],
    match: Callable[[Any, Any], bool],
    ignored: Callable[[Any], bool],
) -> Tally:
    """P/R over a one-to-one matching; ignored reports may find gold but are not counted as reports."""
    return _score_pairs(reported, gold, match, ignored)[0]


def _score_pairs(
    reported: Sequence[Any],
    gold: Sequence[Any],
    match: Callable[[Any, Any], bool],
    ignored: Callable[[Any], bool],
) -> tuple[Tally, dict[int, int]]:
    skip = [ignored(r) for r in reported]

    # Counted reports are preferred over ignored ones for the same gold entry.
    def edge(r: int, g: int) -> tuple[float, ...] | None:
        return (0.0 if skip[r] else 1.0,) if match(reported[r], gold[g]) else None

    pairs = one_to_one(len(reported), len(gold), edge)
    tally = Tally(reported=skip.count(False), gold=len(gold))
    tally.right_reported = sum(1 for r in pairs.values() if not skip[r])
    tally.found_gold = len(pairs)
    return tally, pairs


def _dedupe(items: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def score_times(reported: Sequence[dict[str, Any]], gold: Gold) -> Tally:
    """``reported``: dicts with ``text`` and ``value``."""
    return score_times_found(reported, gold)[0]


def score_times_found(reported: Sequence[dict[str, Any]], gold: Gold) -> tuple[Tally, set[int]]:
    """The times tally and the indices of the gold times found (for per-family recall)."""
    ignore = gold.get("ignore", [])
    rows = _dedupe(reported, lambda r: (normalise_for_match(r["text"]), r["value"]))

    def match(r: dict[str, Any], g: dict[str, Any]) -> bool:
        return r["value"] in [g["value"], *g.get("alt", [])] and texts_overlap(r["text"], g["text"])

    tally, pairs = _score_pairs(
        rows, gold.get("times", []), match, lambda r: any(_contained(r["text"], i) for i in ignore)
    )
    return tally, set(pairs)


def _numbers(item: dict[str, Any]) -> tuple[float | None, ...]:
    if item.get("low") is not None:
        return (float(item["low"]), float(item["high"]))
    value = item.get("value")
    return (float(value),) if value is not None else ()


def score_quantities(reported: Sequence[dict[str, Any]], gold: Gold) -> Tally:
    """Each reported occurrence is one report (the README merges reports for times only)."""
    ignore = gold.get("ignore", [])
    rows = list(reported)

    def match(r: dict[str, Any], g: dict[str, Any]) -> bool:
        return _numbers(r) == _numbers(g) and r["unit"] == g["unit"] and texts_overlap(r["text"], g["text"])

    return _score(
        rows, gold.get("quantities", []), match, lambda r: any(_contained(r["text"], i) for i in ignore)
    )


def score_texts(reported: Sequence[str], gold_texts: Sequence[str]) -> Tally:
    """Tasks and problems: bigram Dice ≥ 0.5 or 80% containment."""
    return _score(reported, gold_texts, tasks_match, lambda r: False)


def task_matching(reported: Sequence[dict[str, Any]], gold_tasks: Sequence[dict[str, Any]]) -> dict[int, int]:
    """Gold task index → its one report: the most similar, ties to one with a deadline, then an owner."""
    sims = [[similar(r["text"], g["text"]) for g in gold_tasks] for r in reported]

    def edge(r: int, g: int) -> tuple[float, ...] | None:
        s = sims[r][g]
        if s < 0.5:
            return None
        return (s, float(reported[r].get("deadline") is not None), float(bool(reported[r].get("owner"))))

    return one_to_one(len(reported), len(gold_tasks), edge)


def deadline_accuracy(reported: Sequence[dict[str, Any]], gold: Gold) -> tuple[int, int]:
    """(right, total) over matched gold tasks that carry a deadline; the matched report answers."""
    tasks = gold.get("tasks", [])
    pairs = task_matching(reported, tasks)
    right = total = 0
    for g, r in pairs.items():
        task = tasks[g]
        if not task.get("deadline"):
            continue
        total += 1
        if reported[r].get("deadline") in [task["deadline"], *task.get("alt", [])]:
            right += 1
    return right, total


@dataclass(frozen=True)
class Owners:
    """Owner names of a task as sets (README owner format); ``leads`` empty where no lead is marked."""

    names: frozenset[str]
    leads: frozenset[str]


_OWNER_SPLIT = frozenset("、，,;；")
_OWNER_OPEN, _OWNER_CLOSE = "(（", ")）"
#: Role markers removed from each name, longest first (README "Scoring", owners).
_ROLE_MARKERS = re.compile(r"[(（]\s*(?:分别牵头|牵头)\s*[)）]|分别牵头|牵头|配合|负责")
_LEAD_MARK = re.compile(r"[(（]\s*牵头\s*[)）]|(?<!分别)牵头")


def _split_outside_brackets(text: str) -> list[tuple[str, str]]:
    """(piece, the separator that ended it) for each piece between separators outside brackets."""
    pieces: list[tuple[str, str]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in _OWNER_OPEN:
            depth += 1
        elif ch in _OWNER_CLOSE:
            depth = max(0, depth - 1)
        elif ch in _OWNER_SPLIT and depth == 0:
            pieces.append((text[start:i], ch))
            start = i + 1
    pieces.append((text[start:], ""))
    return pieces


def parse_owners(text: str) -> Owners:
    """Split ``LEAD(牵头);OTHER、OTHER`` (or ``A、B(分别牵头)``, ``X牵头，Y配合``) into names and leads.

    A lead is a name marked (牵头)/牵头, or else the single group before a ``;``. ``X会同Y``
    names two units: the README removes the marker, and a removed joining word must not
    glue the two names into one.
    """
    text = text.replace("会同", "、")
    names: list[str] = []
    marked: list[str] = []
    before_semicolon: list[str] = []
    semicolon_seen = False
    for piece, sep in _split_outside_brackets(text):
        name = normalise_for_match(_ROLE_MARKERS.sub("", piece))
        if name:
            names.append(name)
            if _LEAD_MARK.search(piece):
                marked.append(name)
            if not semicolon_seen:
                before_semicolon.append(name)
        if sep in ";；":
            semicolon_seen = True
    if marked:
        leads = frozenset(marked)
    elif semicolon_seen and len(before_semicolon) == 1:
        leads = frozenset(before_semicolon)
    else:
        leads = frozenset()
    return Owners(frozenset(names), leads)


def report_owners(task: dict[str, Any]) -> Owners:
    """A reported task's owners: ``owner`` (the lead where ``cooperating`` is given) + ``cooperating``."""
    owner = str(task.get("owner") or "")
    cooperating = [str(c) for c in task.get("cooperating") or ()]
    if not cooperating:
        return parse_owners(owner)
    lead = parse_owners(owner)
    others = [parse_owners(c).names for c in cooperating]
    names = lead.names.union(*others)
    return Owners(frozenset(names), lead.leads or (lead.names if len(lead.names) == 1 else frozenset()))


def owners_agree(reported: Owners, gold: Owners) -> bool:
    """Equal name sets and, where the gold marks a lead, the report's lead is that unit."""
    if not gold.names or reported.names != gold.names:
        return False
    return not gold.leads or reported.leads == gold.leads


def owner_accuracy(reported: Sequence[dict[str, Any]], gold: Gold) -> tuple[int, int]:
    """(right, total) over matched gold tasks that name an owner; the matched report answers."""
    tasks = gold.get("tasks", [])
    pairs = task_matching(reported, tasks)
    right = total = 0
    for g, r in pairs.items():
        if not tasks[g].get("owner"):
            continue
        total += 1
        # The project's own corpus (tests/duban_extract/docs_zh) writes the lead in ``owner`` and
        # the others in ``cooperating``, as reports do; the shared corpus uses the owner format.
        if owners_agree(report_owners(reported[r]), report_owners(tasks[g])):
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
