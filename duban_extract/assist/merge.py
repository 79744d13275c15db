"""Check the model's answer and merge it with the rule-based draft (合并).

Pure functions, no network. The model may only *point at* text: every task
it proposes must be found in the document (exactly, else as the sentence
sharing most of its character bigrams), or it is dropped. Dates come from the
rule-based time expressions whenever the task's sentence has one; the model's
own ISO date is used only where the rules find none. Rule tasks are all kept;
a model task that matches no rule task (the benchmark's task match, bigram
Dice < 0.5) is added, and a matching one fills the rule task's missing owner.
Each merged task's ``source`` says where it came from: ``rules``, ``model``
or ``rules+model``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from duban_extract.clean import normalise_for_match
from duban_extract.clean.punct import normalise_punctuation
from duban_extract.sections import HEADING_MARKERS
from duban_extract.tasks import deadline_in
from duban_extract.text_units import paragraphs, sentences
from duban_extract.types import Extraction, Note, Problem, Quantity, Section, Span, Task, TimeValue

#: A fuzzy location needs this similarity with its sentence; a model task this similar to a rule task is
#: the same task (the benchmark's task match, ``scoring.tasks_match``).
LOCATE_MIN = 0.5
SAME_TASK_MIN = 0.5
SOURCE_RULES, SOURCE_MODEL, SOURCE_BOTH = "rules", "model", "rules+model"


class ReplyShapeError(ValueError):
    """The answer is not ``{"tasks": [...], "problems": [...]}`` at the top level."""


@dataclass(frozen=True)
class ModelTask:
    """One task as the model wrote it, after type checks."""

    text: str
    deadline: date | None = None
    owner: str = ""
    cooperating: tuple[str, ...] = ()
    target: str = ""


@dataclass(frozen=True)
class ModelReply:
    tasks: tuple[ModelTask, ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...]  # what was dropped and why


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _optional_str(entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{key} is {type(value).__name__}, not text")
    return value.strip()


def _task(entry: object, index: int, notes: list[str]) -> ModelTask | None:
    where = f"model task {index}"
    if not isinstance(entry, dict):
        notes.append(f"{where} dropped: not an object")
        return None
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        notes.append(f"{where} dropped: no text")
        return None
    try:
        deadline_text, owner, target = (_optional_str(entry, k) for k in ("deadline", "owner", "target"))
        raw_coop = entry.get("cooperating") or []
        coop_list = [raw_coop] if isinstance(raw_coop, str) else raw_coop
        if not isinstance(coop_list, list) or not all(isinstance(c, str) for c in coop_list):
            raise TypeError("cooperating is not a list of text")
    except TypeError as error:
        notes.append(f"{where} dropped ({_short(text)}): {error}")
        return None
    deadline: date | None = None
    if deadline_text:
        try:
            deadline = date.fromisoformat(deadline_text[:10])
        except ValueError:
            notes.append(f"{where} ({_short(text)}): deadline {deadline_text!r} is not YYYY-MM-DD, ignored")
    cooperating = tuple(c.strip() for c in coop_list if c.strip())
    return ModelTask(text.strip(), deadline, owner, cooperating, target)


def parse_reply(data: Mapping[str, Any]) -> ModelReply:
    """Type-check the model's JSON; malformed entries are dropped with a note saying why."""
    tasks = data.get("tasks")
    if not isinstance(tasks, list):
        raise ReplyShapeError('expected {"tasks": [...]} at the top level')
    notes: list[str] = []
    parsed = [t for i, entry in enumerate(tasks, 1) if (t := _task(entry, i, notes)) is not None]
    raw_problems = data.get("problems") or []
    problems: list[str] = []
    if not isinstance(raw_problems, list):
        notes.append("model problems ignored: not a list")
        raw_problems = []
    for index, problem in enumerate(raw_problems, 1):
        text = problem.get("text") if isinstance(problem, dict) else problem
        if isinstance(text, str) and text.strip():
            problems.append(text.strip())
        else:
            notes.append(f"model problem {index} dropped: no text")
    return ModelReply(tuple(parsed), tuple(problems), tuple(notes))


# --- locating the model's text in the document -------------------------------------------------


def _marker(text: str) -> int:
    """Length of a leading list marker ((二), 二、, 2., (2)) to leave out of a located sentence."""
    for _level, pattern in HEADING_MARKERS:
        match = pattern.match(text)
        if match:
            return match.end()
    return 0


def _bigrams(text: str) -> list[str]:
    norm = normalise_for_match(text)
    return [norm[i : i + 2] for i in range(len(norm) - 1)] or ([norm] if norm else [])


def _similarity(ba: Sequence[str], bb: Sequence[str]) -> float:
    """``scoring.similar`` on precomputed bigrams: Dice, or 1.0 when 80% of the shorter is inside."""
    if not ba or not bb:
        return 0.0
    set_a, set_b = set(ba), set(bb)
    dice = 2 * len(set_a & set_b) / (len(set_a) + len(set_b))
    short, long_set = (ba, set_b) if len(ba) <= len(bb) else (bb, set_a)
    inside = sum(1 for g in short if g in long_set) / len(short)
    return 1.0 if inside >= 0.8 else dice


@dataclass(frozen=True)
class _Sentence:
    text: str
    span: Span
    grams: tuple[str, ...]


class Locator:
    """Finds a text in the body: exactly, else the most similar sentence."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.sentences = [
            _Sentence(s.text, s.span, tuple(_bigrams(s.text))) for p in paragraphs(body) for s in sentences(p)
        ]

    def locate(self, text: str) -> Span | None:
        needle = normalise_punctuation(text).strip().rstrip("。;,.")
        if needle:
            at = self.body.find(needle)
            if at >= 0:
                return Span(at, at + len(needle))
        grams = _bigrams(needle)
        best, best_score = None, LOCATE_MIN
        for sentence in self.sentences:
            score = _similarity(grams, sentence.grams)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = sentence, score
        if best is None:
            return None
        marker = _marker(best.text)
        text_ = best.text.rstrip("。;!?")
        return Span(best.span.start + marker, best.span.start + len(text_))

    def sentence_of(self, span: Span) -> Span:
        for sentence in self.sentences:
            if sentence.span.start <= span.start < sentence.span.end:
                return Span(sentence.span.start, max(sentence.span.end, span.end))
        return span

    def occurs(self, text: str) -> bool:
        needle = normalise_punctuation(text).strip()
        return bool(needle) and needle in self.body


# --- merging -----------------------------------------------------------------------------------


def _section(sections: Sequence[Section], span: Span) -> str:
    inside = [s for s in sections if s.span.contains(Span(span.start, span.start + 1))]
    return min(inside, key=lambda s: s.span.end - s.span.start).title if inside else ""


def _target(quantities: Sequence[Quantity], span: Span) -> Quantity | None:
    return next((q for q in quantities if span.contains(q.span)), None)


def _model_task(model: ModelTask, span: Span, rules: Extraction, locator: Locator, notes: list[str]) -> Task:
    sentence = locator.sentence_of(span)
    ref_year = rules.ref_date.year
    deadline: TimeValue | None = deadline_in(span, rules.times, ref_year) or deadline_in(
        sentence, rules.times, ref_year
    )
    if deadline is None and model.deadline is not None:
        deadline = TimeValue(model.deadline, model.deadline, "day", "deadline")
    owner = model.owner
    if owner and not locator.occurs(owner):
        notes.append(f"model owner {owner!r} is not in the document, ignored")
        owner = ""
    return Task(
        text=locator.body[span.start : span.end],
        span=span,
        deadline=deadline,
        target=_target(rules.quantities, span) or _target(rules.quantities, sentence),
        target_text=model.target if model.target and locator.occurs(model.target) else "",
        owner=owner,
        cooperating=tuple(c for c in model.cooperating if locator.occurs(c)),
        section=_section(rules.sections, span),
        source=SOURCE_MODEL,
    )


def merge(rules: Extraction, reply: ModelReply) -> Extraction:
    """The rule-based draft with the model's located tasks and problems merged in."""
    body = rules.document.body
    locator = Locator(body)
    notes = list(reply.notes)
    merged = [replace(t, source=SOURCE_RULES) for t in rules.tasks]
    rule_grams = [_bigrams(t.text) for t in merged]
    added: list[Task] = []
    for model in reply.tasks:
        span = locator.locate(model.text)
        if span is None:
            notes.append(f"model task not found in the document, dropped: {_short(model.text)}")
            continue
        task = _model_task(model, span, rules, locator, notes)
        grams = _bigrams(task.text)
        scores = [_similarity(grams, g) for g in rule_grams]
        best = max(range(len(scores)), key=lambda i: scores[i], default=-1)
        if best >= 0 and scores[best] >= SAME_TASK_MIN:
            rule = merged[best]
            if not rule.owner and task.owner:
                merged[best] = replace(
                    rule,
                    owner=task.owner,
                    cooperating=rule.cooperating or task.cooperating,
                    source=SOURCE_BOTH,
                )
            continue
        if any(_similarity(grams, _bigrams(a.text)) >= SAME_TASK_MIN for a in added):
            continue  # the model said it twice (e.g. in two chunks)
        added.append(task)
    tasks = sorted([*merged, *added], key=lambda t: t.span.start)
    problems = list(rules.problems)
    problem_grams = [_bigrams(p.text) for p in problems]
    for text in reply.problems:
        span = locator.locate(text)
        if span is None:
            notes.append(f"model problem not found in the document, dropped: {_short(text)}")
            continue
        grams = _bigrams(body[span.start : span.end])
        if any(_similarity(grams, g) >= SAME_TASK_MIN for g in problem_grams):
            continue
        problems.append(Problem(body[span.start : span.end], span, source=SOURCE_MODEL))
        problem_grams.append(grams)
    filled = sum(t.source == SOURCE_BOTH for t in tasks)
    summary = Note(
        "assist_summary",
        f"language-model assist: {len(added)} task(s) added, {filled} owner(s) filled",
        added=len(added),
        filled=filled,
    )
    dropped = (Note("assist_note", f"language-model assist: {n}", note=n) for n in notes)
    return replace(
        rules,
        tasks=tuple(tasks),
        problems=tuple(sorted(problems, key=lambda p: p.span.start)),
        warnings=(*rules.warnings, summary, *dropped),
    )
