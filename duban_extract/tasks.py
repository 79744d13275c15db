"""Tasks (任务/措施): concrete measures and commitments, not exhortations.

A sentence is cut into clauses at commas. A clause with an action verb starts
a task; following clauses without one (objects, examples) join it; leading
clauses without one (到2025年底前, 在…基础上) are prefixed to the first task of
the sentence. A task's deadline is the time expression in it, else the one of
the previous task in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from duban_extract.owners import find_owner
from duban_extract.sections import heading_level, section_at
from duban_extract.task_lexicon import (
    ACTION,
    CONTINUATION,
    DEADLINE_KINDS,
    DONE,
    EXHORTATION,
    LABEL_CLAUSE,
    LEAD_WORDS,
    NEWS_EVENT,
    NOT_TASK_SENTENCE,
    PROBLEM_CUE,
    SCENE_CLAUSE,
    SPEECH_INTRO,
)
from duban_extract.text_units import Piece, clauses, paragraphs, sentences
from duban_extract.types import Quantity, Section, Span, Task, TimeMention, TimeValue


@dataclass
class _Group:
    pieces: list[Piece] = field(default_factory=list)


_QUOTED = re.compile(r"“[^”]{0,30}”")


def _is_action(clause: str) -> bool:
    bare = _QUOTED.sub("", clause)
    return bool(ACTION.search(bare)) and not EXHORTATION.search(bare) and not SCENE_CLAUSE.search(bare)


def _group_sentence(sentence: Piece) -> list[list[Piece]]:
    groups: list[list[Piece]] = []
    prefix: list[Piece] = []
    for clause in clauses(sentence):
        text = LEAD_WORDS.sub("", clause.text)
        if SPEECH_INTRO.match(text) or LABEL_CLAUSE.match(text) or NEWS_EVENT.search(text):
            prefix = []
            continue
        if CONTINUATION.match(text) and groups and groups[-1]:
            groups[-1].append(clause)
            continue
        if EXHORTATION.search(text) and not _is_action(EXHORTATION.sub("", text)):
            if groups:
                groups.append([])
            continue
        if _is_action(text):
            groups.append([*prefix, clause])
            prefix = []
        elif groups and groups[-1]:
            groups[-1].append(clause)
        else:
            prefix.append(clause)
    return [g for g in groups if g]


def _deadline(span: Span, times: Sequence[TimeMention], ref_year: int) -> TimeValue | None:
    for mention in times:
        value = mention.value
        end = value.end
        if span.contains(mention.span) and value.kind in DEADLINE_KINDS and end is not None:
            if value.kind == "period" and value.grain == "year" and end.year < ref_year:
                continue
            alts = tuple(a for a in value.alt if a.is_point)
            return TimeValue(end, end, value.grain, "deadline", alts) if value.kind == "period" else value
    return None


def _text_of(body: str, group: list[Piece]) -> tuple[str, Span]:
    start, end = group[0].span.start, group[-1].span.end
    text = body[start:end]
    stripped = LEAD_WORDS.sub("", text)
    return stripped, Span(end - len(stripped), end)


@dataclass(frozen=True)
class TaskContext:
    """Everything the task finder reads besides the body."""

    times: Sequence[TimeMention]
    quantities: Sequence[Quantity]
    sections: list[Section]
    units: Sequence[str]
    ref_year: int


def _sentence_tasks(body: str, sentence: Piece, ctx: TaskContext) -> list[Task]:
    tasks: list[Task] = []
    previous_deadline: TimeValue | None = None
    for group in _group_sentence(sentence):
        text, span = _text_of(body, group)
        if len(text) < 4:
            continue
        deadline = _deadline(span, ctx.times, ctx.ref_year) or previous_deadline
        previous_deadline = deadline
        target = next((q for q in ctx.quantities if span.contains(q.span)), None)
        tasks.append(
            Task(
                text=text,
                span=span,
                deadline=deadline,
                target=target,
                owner=find_owner(text, ctx.units),
                section=section_at(ctx.sections, span.start),
                status="done" if DONE.search(text) else "",
            )
        )
    return _backfill(tasks)


def _backfill(tasks: list[Task]) -> list[Task]:
    """A sentence with one deadline bounds its earlier tasks too (算好…,明确第四季度的…)."""
    deadlines = {t.deadline for t in tasks if t.deadline is not None}
    if len(deadlines) != 1:
        return tasks
    only = next(iter(deadlines))
    return [t if t.deadline is not None else replace(t, deadline=only) for t in tasks]


def _skip_sentence(sentence: Piece, par: Piece, index: int, sections: list[Section]) -> bool:
    if NOT_TASK_SENTENCE.search(sentence.text) or PROBLEM_CUE.search(sentence.text):
        return True
    if len(par.text) < 40 and not re.search(r"[,。;]", par.text):
        return True
    if index == 0 and any(s.level == 5 and s.span.start == par.span.start for s in sections):
        return True
    level, _ = heading_level(par.text)
    return bool(level) and len(par.text) <= 40


def find_tasks(body: str, ctx: TaskContext) -> list[Task]:
    """Tasks of ``body`` in text order."""
    tasks: list[Task] = []
    for par in paragraphs(body):
        for index, sentence in enumerate(sentences(par)):
            if _skip_sentence(sentence, par, index, ctx.sections):
                continue
            tasks.extend(_sentence_tasks(body, sentence, ctx))
    return _inherit_owner(tasks)


def _inherit_owner(tasks: list[Task]) -> list[Task]:
    """Within a paragraph-less list the owner is only what the clause names; keep as found."""
    return list(tasks)
