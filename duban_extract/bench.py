"""Benchmark (基准测试): score the extractor on a gold corpus and time it.

Reads ``<corpus>/docs/<id>.txt`` and ``<corpus>/gold/<id>.json`` at run
time; nothing from the corpus is stored in the repository.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from duban_extract.clean import clean_document
from duban_extract.pipeline import extract_document
from duban_extract.scoring import (
    Tally,
    deadline_accuracy,
    owner_accuracy,
    score_clean,
    score_indicators,
    score_people,
    score_quantities,
    score_texts,
    score_times,
    score_times_found,
)
from duban_extract.serialize import extraction_json
from duban_extract.timex import find_times

if TYPE_CHECKING:
    from duban_extract.assist import ChatClient

CATEGORIES = ("times", "quantities", "tasks", "people", "indicators", "problems")
SPEED_CHARS = 2000
MIN_TIMING_SECONDS = 1.0


class CorpusError(ValueError):
    """The corpus folder is missing or malformed."""


@dataclass
class BenchResult:
    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    deadline_right: int = 0
    deadline_total: int = 0
    owner_right: int = 0
    owner_total: int = 0
    clean_passed: int = 0
    clean_total: int = 0
    documents: int = 0
    chars_per_doc: float = 0.0
    docs_per_second: float = 0.0
    docs2000_per_second: float = 0.0
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    jionlp: dict[str, Any] | None = None
    jionlp_note: str = ""
    #: Per time family (the rule family that reads the gold text): [found, gold].
    time_families: dict[str, list[int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        cats = {
            c: {
                "precision": round(t.precision, 4),
                "recall": round(t.recall, 4),
                "f1": round(t.f1, 4),
                "reported": t.reported,
                "gold": t.gold,
            }
            for c, t in self.tallies.items()
        }
        return {
            "documents": self.documents,
            "categories": cats,
            "deadline_accuracy": round(self.deadline_right / self.deadline_total, 4)
            if self.deadline_total
            else 1.0,
            "deadline_counts": [self.deadline_right, self.deadline_total],
            "owner_accuracy": round(self.owner_right / self.owner_total, 4) if self.owner_total else 1.0,
            "owner_counts": [self.owner_right, self.owner_total],
            "clean": round(self.clean_passed / self.clean_total, 4) if self.clean_total else 1.0,
            "clean_counts": [self.clean_passed, self.clean_total],
            "speed": {
                "docs_per_second": round(self.docs_per_second, 1),
                "chars_per_doc": round(self.chars_per_doc),
                "docs_of_2000_chars_per_second": round(self.docs2000_per_second, 1),
                "clock": "process CPU time",
                "cpu_seconds": round(self.cpu_seconds, 2),
                "wall_seconds": round(self.wall_seconds, 2),
            },
            "jionlp": self.jionlp,
            "jionlp_note": self.jionlp_note,
            "time_families": {
                name: {"found": found, "gold": total, "recall": round(found / total, 4) if total else 1.0}
                for name, (found, total) in sorted(self.time_families.items())
            },
        }


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    text: str
    gold: dict[str, Any]

    @property
    def ref(self) -> date:
        return date.fromisoformat(self.gold["ref_date"])

    @property
    def units(self) -> tuple[str, ...]:
        """The organisation registry the document is read with (optional ``units`` in the gold)."""
        return tuple(self.gold.get("units", ()))


def load_corpus(folder: Path) -> list[GoldDoc]:
    docs_dir, gold_dir = folder / "docs", folder / "gold"
    if not docs_dir.is_dir() or not gold_dir.is_dir():
        raise CorpusError(
            f"{folder}: expected docs/ and gold/ folders; pass the corpus folder, e.g. ../shared/corpus/dev"
        )
    out = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        doc_path = docs_dir / (gold_path.stem + ".txt")
        if doc_path.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            out.append(GoldDoc(gold_path.stem, doc_path.read_text(encoding="utf-8"), gold))
    if not out:
        raise CorpusError(f"{folder}: no documents with gold annotations")
    return out


#: Gold keys scored per category; a category whose key a gold file lacks is not scored for it
#: (the project's own small corpus annotates only tasks and problems).
_GOLD_KEYS = {c: c for c in CATEGORIES}


def time_family(text: str, ref: date) -> str:
    """The family of a gold time: the prefix of the rule that reads its whole text, else "unread"."""
    mentions = find_times(text, ref)
    if len(mentions) == 1 and mentions[0].text == text.strip():
        return mentions[0].rule.split(".")[0]
    return "unread"


def _tally_families(doc: GoldDoc, found: set[int], result: BenchResult) -> None:
    for index, gold_time in enumerate(doc.gold.get("times", [])):
        row = result.time_families.setdefault(time_family(gold_time["text"], doc.ref), [0, 0])
        row[0] += index in found
        row[1] += 1


def _score_doc(doc: GoldDoc, result: BenchResult, client: ChatClient | None = None) -> None:
    cleaned = clean_document(doc.text)
    extraction = extract_document(cleaned, ref_date=doc.ref, units=doc.units)
    if client is not None:
        from duban_extract.assist import assist_extraction

        extraction = assist_extraction(extraction, client)
    data = extraction_json(extraction)
    gold = doc.gold
    scorers: dict[str, Callable[[], Tally]] = {
        "times": lambda: score_times(data["times"], gold),
        "quantities": lambda: score_quantities(data["quantities"], gold),
        "tasks": lambda: score_texts([t["text"] for t in data["tasks"]], [t["text"] for t in gold["tasks"]]),
        "people": lambda: score_people(data["people"], gold),
        "indicators": lambda: score_indicators(data["indicators"], gold),
        "problems": lambda: score_texts(
            [p["text"] for p in data["problems"]], [p["text"] for p in gold["problems"]]
        ),
    }
    for category, scorer in scorers.items():
        if _GOLD_KEYS[category] in gold:
            result.tallies[category].add(scorer())
    if "times" in gold:
        _tally_families(doc, score_times_found(data["times"], gold)[1], result)
    right, total = deadline_accuracy(data["tasks"], gold)
    result.deadline_right += right
    result.deadline_total += total
    right, total = owner_accuracy(data["tasks"], gold)
    result.owner_right += right
    result.owner_total += total
    passed, checks = score_clean(cleaned.body, gold)
    result.clean_passed += passed
    result.clean_total += checks


def _time_speed(docs: list[GoldDoc], result: BenchResult) -> None:
    """Single-threaded throughput over repeated passes (one core).

    Timed with the process's CPU time, so a loaded machine does not make the
    extractor look slower than it is; wall time is kept beside it.
    """
    chars = sum(len(d.text) for d in docs)
    passes = 0
    start, wall_start = time.process_time(), time.perf_counter()
    while True:
        for doc in docs:
            extract_document(clean_document(doc.text), ref_date=doc.ref, units=doc.units)
        passes += 1
        elapsed = time.process_time() - start
        if elapsed >= MIN_TIMING_SECONDS:
            break
    result.wall_seconds = time.perf_counter() - wall_start
    result.cpu_seconds = elapsed
    result.docs_per_second = passes * len(docs) / elapsed
    result.chars_per_doc = chars / len(docs)
    result.docs2000_per_second = passes * chars / SPEED_CHARS / elapsed


def _jionlp_value(item: dict[str, Any]) -> str | None:
    times = item.get("detail", {}).get("time")
    if not isinstance(times, list) or len(times) != 2 or not all(isinstance(t, str) for t in times):
        return None
    try:
        start, end = (datetime.strptime(t[:10], "%Y-%m-%d").date() for t in times)  # noqa: DTZ007 - dates only
    except ValueError:
        return None
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def _jionlp(docs: list[GoldDoc], result: BenchResult) -> None:
    try:
        # JioNLP prints a banner on import; keep stdout a single JSON object.
        with contextlib.redirect_stdout(sys.stderr):
            import jionlp
    except ImportError:
        result.jionlp_note = "jionlp not installed: JioNLP comparison skipped"
        return
    tally = Tally()
    for doc in (d for d in docs if "times" in d.gold):
        body = clean_document(doc.text).body
        base = datetime(doc.ref.year, doc.ref.month, doc.ref.day)  # noqa: DTZ001 - JioNLP takes naive local times
        found = jionlp.ner.extract_time(body, time_base=base, with_parsing=True)
        rows = [{"text": f["text"], "value": v} for f in found if (v := _jionlp_value(f))]
        tally.add(score_times(rows, doc.gold))
    result.jionlp = {
        "times": {
            "precision": round(tally.precision, 4),
            "recall": round(tally.recall, 4),
            "f1": round(tally.f1, 4),
            "reported": tally.reported,
            "gold": tally.gold,
        }
    }
    result.jionlp_note = f"jionlp {getattr(jionlp, '__version__', '?')} extract_time on the same cleaned text"


def run_bench(folder: Path, *, with_speed: bool = True, with_jionlp: bool = True) -> BenchResult:
    """Score every gold document of ``folder``; optionally time it and compare with JioNLP."""
    docs = load_corpus(folder)
    result = BenchResult(documents=len(docs))
    for doc in docs:
        _score_doc(doc, result)
    if with_speed:
        _time_speed(docs, result)
    if with_jionlp:
        _jionlp(docs, result)
    return result


def run_assisted(folder: Path, client: ChatClient) -> dict[str, Any]:
    """Scores of the rules+model path on ``folder`` (no timing passes: the model's time is not ours).

    Raises ``AssistError`` when the model cannot be used for a document.
    """
    docs = load_corpus(folder)
    result = BenchResult(documents=len(docs))
    wall_start = time.perf_counter()
    for doc in docs:
        _score_doc(doc, result, client)
    data = result.as_json()
    data["speed"] = {}
    data["model"] = {"endpoint": client.endpoint, "model": client.model}
    data["wall_seconds"] = round(time.perf_counter() - wall_start, 2)
    del data["jionlp"], data["jionlp_note"]
    return data


def with_assist(data: dict[str, Any], assisted: dict[str, Any] | None, note: str = "") -> dict[str, Any]:
    """The rules-only benchmark JSON with the rules+model scores (or why there are none) beside it."""
    return {**data, "assist": assisted, "assist_note": note}


def render_table(data: dict[str, Any]) -> str:
    """Human-readable benchmark table; a second table for the rules+model path when there is one."""
    lines = _render_scores(data)
    speed = data.get("speed") or {}
    if speed and speed.get("cpu_seconds"):
        lines.append(
            f"speed (one core): {speed['docs_per_second']} docs/s at {speed['chars_per_doc']} chars/doc = "
            f"{speed['docs_of_2000_chars_per_second']} docs of 2,000 chars/s "
            f"(CPU {speed['cpu_seconds']} s, wall {speed['wall_seconds']} s)"
        )
    if data.get("jionlp") and data["jionlp"]["times"]["gold"]:
        row = data["jionlp"]["times"]
        lines.append(
            f"JioNLP times  {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} "
            f"{row['reported']:>5} {row['gold']:>5}   ({data['jionlp_note']})"
        )
    else:
        lines.append(data.get("jionlp_note", ""))
    assisted = data.get("assist")
    if assisted:
        model = assisted["model"]
        lines += ["", f"rules + language model ({model['model'] or 'default model'} at {model['endpoint']}):"]
        lines += _render_scores(assisted)
        lines.append(f"wall time with the model: {assisted['wall_seconds']} s")
    elif data.get("assist_note"):
        lines.append(data["assist_note"])
    return "\n".join(lines)


def _render_scores(data: dict[str, Any]) -> list[str]:
    lines = [
        f"documents: {data['documents']}",
        f"{'category':<12} {'P':>6} {'R':>6} {'F1':>6} {'rep':>5} {'gold':>5}",
    ]
    for name, row in data["categories"].items():
        if not row["reported"] and not row["gold"]:
            continue  # not annotated in this corpus
        lines.append(
            f"{name:<12} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} "
            f"{row['reported']:>5} {row['gold']:>5}"
        )
    lines.append(
        f"deadline accuracy: {data['deadline_accuracy']:.3f} ({data['deadline_counts'][0]}/"
        f"{data['deadline_counts'][1]})"
    )
    lines.append(
        f"owner accuracy: {data['owner_accuracy']:.3f} ({data['owner_counts'][0]}/{data['owner_counts'][1]})"
    )
    lines.append(f"cleaning: {data['clean']:.3f} ({data['clean_counts'][0]}/{data['clean_counts'][1]})")
    families = data.get("time_families") or {}
    if families:
        cells = [f"{name} {row['found']}/{row['gold']}" for name, row in families.items()]
        lines.append("time recall by family: " + ", ".join(cells))
    return lines


def below_floor(data: dict[str, Any], floor: dict[str, float]) -> list[str]:
    """Scores under their floor (keys: '<category>_f1', 'deadline_accuracy', 'owner_accuracy', 'clean')."""
    actual: dict[str, float] = {f"{c}_f1": row["f1"] for c, row in data["categories"].items()}
    actual["deadline_accuracy"] = data["deadline_accuracy"]
    actual["owner_accuracy"] = data["owner_accuracy"]
    actual["clean"] = data["clean"]
    return [
        f"{key}: {actual[key]:.3f} < floor {value:.3f}"
        for key, value in floor.items()
        if key in actual and actual[key] < value
    ]
