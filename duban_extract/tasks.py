"""Tasks (任务/措施): concrete measures and commitments, not exhortations.

A sentence is cut into clauses at commas. The first clause with an action verb
starts a task; later action clauses of the same sentence share its subject,
verb chain and deadline and join it, unless they open with an enumeration
marker (一是, (二), 3.) or carry their own deadline or numeric target
(新建…4所,改造…30个 are two tasks). Clauses without a verb (objects, examples,
outcomes) join the current task;
leading clauses without one (到2025年底前, 为切实…) are prefixed to the first
task of the sentence. Clauses that only name who does the work (由X牵头,
Y配合) are not tasks: they give the sentence's owner. A task's deadline is the
time expression in it, else the one of the previous task in the same sentence.

Paragraph structure (``task_blocks``) adds: numbered headings are sections,
not tasks; field lines (责任单位:, 完成时限:) give owner and deadline to the
item above them; paragraphs under a problem heading, retrospective or
meeting-report paragraphs and list intros give no tasks; items of an annual
commitment list (为民办实事) are due at the plan year's end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from duban_extract.owners import OwnerReading, read_bracket_owner, read_owner_clause
from duban_extract.sections import section_at
from duban_extract.subjects import Subject, clause_subject, is_speech_intro, resolve_short, strip_fronted
from duban_extract.task_lexicon import (
    ACTION,
    CONTINUATION,
    DEADLINE_KINDS,
    DONE,
    ENUMERATION,
    EXHORTATION,
    LABEL_CLAUSE,
    LEAD_WORDS,
    NEWS_EVENT,
    NOT_TASK_SENTENCE,
    OUTCOME_CLAUSE,
    PROBLEM_CUE,
    PURPOSE_CLAUSE,
    REPORTED_CLAUSE,
    SCENE_CLAUSE,
    SPEECH_INTRO,
)
from duban_extract.text_units import Piece, clauses
from duban_extract.types import Quantity, Section, Span, Task, TimeMention, TimeValue

_QUOTED = re.compile(r"“[^”]{0,30}”")


def _is_action(clause: str) -> bool:
    bare = _QUOTED.sub("", clause)
    return bool(ACTION.search(bare)) and not EXHORTATION.search(bare) and not SCENE_CLAUSE.search(bare)


def _starts_own_task(text: str) -> bool:
    """An enumeration marker (一是, (一), 1.) opens a new task even inside a sentence."""
    return bool(ENUMERATION.match(text))


def _own_mark(clause: Piece, marks: Sequence[Span]) -> bool:
    """A clause with its own deadline or numeric target is a task of its own."""
    return any(clause.span.contains(m) for m in marks)


@dataclass
class _Grouping:
    groups: list[list[Piece]]
    owners: list[OwnerReading]


def _group_sentence(sentence: Piece, units: Sequence[str], marks: Sequence[Span]) -> _Grouping:
    groups: list[list[Piece]] = []
    owners: list[OwnerReading] = []
    prefix: list[Piece] = []
    parts = clauses(sentence)
    for index, clause in enumerate(parts):
        text = LEAD_WORDS.sub("", clause.text)
        reading = read_owner_clause(text, units)
        if reading is not None:
            owners.append(reading)
            continue
        if (
            SPEECH_INTRO.match(text)
            or LABEL_CLAUSE.match(text)
            or NEWS_EVENT.search(text)
            or REPORTED_CLAUSE.search(text)
        ):
            prefix = []
            continue
        if (CONTINUATION.match(text) or OUTCOME_CLAUSE.search(text)) and groups and groups[-1]:
            groups[-1].append(clause)
            continue
        if EXHORTATION.search(text) and not _is_action(EXHORTATION.sub("", text)):
            if groups:
                groups.append([])
            continue
        if PURPOSE_CLAUSE.match(text) and index + 1 < len(parts):
            prefix = []
            continue
        if _is_action(text):
            if groups and groups[-1] and not _starts_own_task(clause.text) and not _own_mark(clause, marks):
                groups[-1].append(clause)
            else:
                groups.append([*prefix, clause])
            prefix = []
        elif groups and groups[-1]:
            groups[-1].append(clause)
        else:
            prefix.append(clause)
    return _Grouping([g for g in groups if g], owners)


def deadline_in(span: Span, times: Sequence[TimeMention], ref_year: int) -> TimeValue | None:
    """The first time mention inside ``span`` that can bound a task, as a deadline."""
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
    stripped = LEAD_WORDS.sub("", text).lstrip(",:;、 ")
    return stripped, Span(end - len(stripped), end)


@dataclass(frozen=True)
class TaskContext:
    """Everything the task finder reads besides the body."""

    times: Sequence[TimeMention]
    quantities: Sequence[Quantity]
    sections: list[Section]
    units: Sequence[str]
    ref_year: int


@dataclass
class Discourse:
    """The subject carried from clause to clause and sentence to sentence (承前省略)."""

    subject: Subject | None = None
    named: list[str] = field(default_factory=list)
    #: The time that framed the subject's first measure (从8月下旬至11月上旬,X派出…;对…): it bounds
    #: the later measures of the same subject in the paragraph.
    deadline: TimeValue | None = None

    def scope_deadline(
        self, subject: Subject | None, own: bool, deadline: TimeValue | None
    ) -> TimeValue | None:
        """A measure's deadline: its own, else the one of the subject it carries over."""
        if own:
            self.deadline = deadline
            return deadline
        if deadline is None and subject is not None and subject is self.subject:
            return self.deadline
        return deadline

    def read(self, clause: str, units: Sequence[str]) -> Subject | None:
        """The clause's own subject (which then carries on), or None; a speech intro ends the carry."""
        text = LEAD_WORDS.sub("", clause)
        if is_speech_intro(text):
            self.subject = None
            return None
        found = clause_subject(text, units)
        if found is not None:
            found = resolve_short(found, self.named)
            self.subject = found
            self.named.extend(found.names)
        return found

    def read_sentence(self, sentence: Piece, units: Sequence[str]) -> None:
        """Read the subjects of a sentence that gives no task (it still carries them on)."""
        for clause in clauses(sentence):
            self.read(clause.text, units)


_Subjects = dict[int, tuple[Subject | None, Subject | None]]


def _subjects(sentence: Piece, discourse: Discourse, units: Sequence[str]) -> _Subjects:
    """Clause start → (the subject carried into the clause, the subject it names itself)."""
    out: _Subjects = {}
    for clause in clauses(sentence):
        carried = discourse.subject
        out[clause.span.start] = (carried, discourse.read(clause.text, units))
    return out


def _group_subject(group: list[Piece], subjects: _Subjects) -> tuple[Subject | None, bool]:
    """The subject named in the group up to its first action clause (own), else the carried one."""
    for clause in group:
        found = subjects.get(clause.span.start, (None, None))[1]
        if found is not None:
            return found, True
        text = LEAD_WORDS.sub("", clause.text)
        # A fronted adverbial (根据区委统一部署, 2023年3月至5月) is skipped, even with a verb in it.
        if strip_fronted(text) and _is_action(text):
            break
    return subjects.get(group[0].span.start, (None, None))[0], False


def _owner_of(
    subject: Subject | None, own: bool, readings: Sequence[OwnerReading]
) -> tuple[str, tuple[str, ...], str]:
    """The group's own subject, then the sentence's owner clauses (由X牵头, (X负责)), then the
    carried subject; and the rule that gave them."""
    if own and subject is not None:
        return subject.lead, subject.others, subject.rule
    lead = next((r.lead for r in readings if r.lead), "")
    if lead or any(r.cooperating for r in readings):
        cooperating = tuple(
            c for r in readings for c in (*((r.lead,) if r.lead != lead and r.lead else ()), *r.cooperating)
        )
        if not lead and subject is not None:
            return subject.lead, (*subject.others, *cooperating), readings[0].rule + "+subject"
        return lead, cooperating, next(r.rule for r in readings)
    if subject is not None:
        return subject.lead, subject.others, subject.rule + ("" if own else "+carried")
    return "", (), ""


def sentence_tasks(
    body: str, sentence: Piece, ctx: TaskContext, discourse: Discourse | None = None
) -> list[Task]:
    """Tasks of one sentence, with owner, deadline, target and section.

    ``discourse`` carries the last named subject in and out of the sentence.
    """
    discourse = discourse if discourse is not None else Discourse()
    tasks: list[Task] = []
    previous_deadline: TimeValue | None = None
    marks = [m.span for m in ctx.times if m.value.kind in DEADLINE_KINDS]
    marks += [q.span for q in ctx.quantities]
    grouping = _group_sentence(sentence, ctx.units, marks)
    subjects = _subjects(sentence, discourse, ctx.units)
    for group in grouping.groups:
        subject, own = _group_subject(group, subjects)
        text, span = _text_of(body, group)
        readings = list(grouping.owners)
        bracket = read_bracket_owner(text, ctx.units)
        if bracket is not None:
            reading, cut = bracket
            readings.insert(0, reading)
            text, span = text[:cut], Span(span.start, span.start + cut)
        if len(text) < 4:
            continue
        deadline = deadline_in(span, ctx.times, ctx.ref_year) or previous_deadline
        deadline = discourse.scope_deadline(subject, own, deadline)
        previous_deadline = deadline
        owner, cooperating, owner_rule = _owner_of(subject, own, readings)
        tasks.append(
            Task(
                text=text,
                span=span,
                deadline=deadline,
                target=next((q for q in ctx.quantities if span.contains(q.span)), None),
                owner=owner,
                cooperating=cooperating,
                owner_rule=owner_rule,
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


def skip_sentence(sentence: Piece, index: int, sections: list[Section], par: Piece) -> bool:
    """Sentences that report, state a problem, or only head the paragraph."""
    if NOT_TASK_SENTENCE.search(sentence.text) or PROBLEM_CUE.search(sentence.text):
        return True
    return index == 0 and any(s.level == 5 and s.span.start == par.span.start for s in sections)
