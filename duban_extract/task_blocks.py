"""Paragraph structure around tasks (条目、字段行与段落类型).

Reads a document paragraph by paragraph and decides which paragraphs can hold
tasks and what the structure adds to them:

- a numbered bare title (一、主要任务) is a section, a short title sentence
  opening a numbered paragraph ((一)加强组织领导。…) is skipped;
- a field line (责任单位:X, 完成时限:Y, 整改措施:Z, 问题表现:W) gives owner,
  cooperating units or deadline to the tasks of the current *block* (the
  tasks since the last heading or numbered item), or holds a measure, or a
  problem (read by ``problems``);
- paragraphs under a problem heading (存在问题), retrospective or
  meeting-report paragraphs (过去一年…, 会议通报了…) and list intros (…如下:)
  give no tasks;
- the items after an annual-commitment intro or heading (2023年…办好十件为民实事:)
  are due at the end of the plan year when they state no deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from duban_extract.owners import split_units
from duban_extract.sections import heading_level, is_bare_heading, sections_at, title_sentence
from duban_extract.tables import column_of
from duban_extract.task_lexicon import (
    ANNUAL_LIST,
    LIST_INTRO,
    MEASURE_HEADING,
    PROBLEM_HEADING,
    RETROSPECT_PARAGRAPH,
)
from duban_extract.tasks import TaskContext, sentence_tasks, skip_sentence
from duban_extract.text_units import Piece, paragraphs, sentences
from duban_extract.types import Section, Span, Task, TimeValue

#: A field line: a short label, a colon, the value (责任单位:区住建局).
FIELD_LINE = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,6})[::]\s*(?P<value>\S.*)$")
#: A title line without sentence punctuation that is short enough to be a heading or a title.
_BARE_TITLE = re.compile(r"^[^,。;:]{1,40}$")


@dataclass(frozen=True)
class Field:
    """A field line: its column kind (as in ledger tables) and its value with offsets."""

    kind: str
    value: Piece


def read_field(par: Piece) -> Field | None:
    """The field of a ``label: value`` line whose label is a known column name."""
    match = FIELD_LINE.match(par.text)
    if not match:
        return None
    kind = column_of(match.group("label"))
    if not kind:
        return None
    start = par.span.start + match.start("value")
    return Field(kind, Piece(match.group("value"), Span(start, par.span.end)))


def is_problem_section(sections: list[Section], offset: int) -> bool:
    """Under a heading that lists problems (存在问题) and names no measures."""
    return any(
        PROBLEM_HEADING.search(s.title) and not MEASURE_HEADING.search(s.title)
        for s in sections_at(sections, offset)
    )


@dataclass
class _State:
    """What earlier paragraphs left for later ones."""

    tasks: list[Task]
    block_start: int = 0
    after_field: bool = False
    annual: TimeValue | None = None

    def new_block(self) -> None:
        self.block_start = len(self.tasks)
        self.after_field = False


def _year_end(par: Piece, ctx: TaskContext) -> TimeValue:
    years = [m.value.start.year for m in ctx.times if par.span.contains(m.span)]
    year = years[0] if years else ctx.ref_year
    end = date(year, 12, 31)
    return TimeValue(end, end, "year", "deadline")


def _field_deadline(value: Piece, ctx: TaskContext) -> TimeValue | None:
    for mention in ctx.times:
        end = mention.value.end
        if value.span.contains(mention.span) and end is not None:
            alts = tuple(a for a in mention.value.alt if a.is_point)
            return TimeValue(end, end, mention.value.grain, "deadline", alts)
    return None


def _apply_field(field: Field, body: str, ctx: TaskContext, state: _State) -> None:
    block = state.tasks[state.block_start :]
    if field.kind in ("task",):
        state.tasks.extend(_paragraph_tasks(body, field.value, ctx, state, skip_first=False))
        return
    if field.kind == "owner":
        names = split_units(field.value.text, ctx.units)
        if names:
            updated = [
                t if t.owner else replace(t, owner=names[0], cooperating=(*t.cooperating, *names[1:]))
                for t in block
            ]
            state.tasks[state.block_start :] = updated
    elif field.kind == "cooperating":
        names = split_units(field.value.text, ctx.units)
        state.tasks[state.block_start :] = [replace(t, cooperating=(*t.cooperating, *names)) for t in block]
    elif field.kind == "deadline":
        deadline = _field_deadline(field.value, ctx)
        if deadline is not None:
            state.tasks[state.block_start :] = [
                t if t.deadline else replace(t, deadline=deadline) for t in block
            ]
    state.after_field = True


def _paragraph_tasks(
    body: str, par: Piece, ctx: TaskContext, state: _State, *, skip_first: bool
) -> list[Task]:
    out: list[Task] = []
    for index, sentence in enumerate(sentences(par)):
        if (skip_first and index == 0) or skip_sentence(sentence, index, ctx.sections, par):
            continue
        out.extend(sentence_tasks(body, sentence, ctx))
    if state.annual is not None:
        out = [t if t.deadline else replace(t, deadline=state.annual) for t in out]
    return out


#: Longest first line taken for the document's title (titles restate the body; they hold no own tasks).
TITLE_LINE_MAX = 60


def _is_title_line(par: Piece) -> bool:
    return len(par.text) <= TITLE_LINE_MAX and not par.text.endswith(("。", ";", "!", "?"))


def _gives_no_tasks(par: Piece, ctx: TaskContext) -> bool:
    if RETROSPECT_PARAGRAPH.match(par.text) or is_problem_section(ctx.sections, par.span.start):
        return True
    # An unnumbered short line without punctuation is a title, not a measure.
    return not heading_level(par.text)[0] and bool(_BARE_TITLE.match(par.text)) and len(par.text) < 40


def find_tasks(body: str, ctx: TaskContext) -> list[Task]:
    """Tasks of ``body`` in text order, read paragraph by paragraph."""
    state = _State(tasks=[])
    pars = paragraphs(body)
    for index, par in enumerate(pars):
        field = read_field(par)
        if field is not None:
            _apply_field(field, body, ctx, state)
            continue
        numbered = bool(heading_level(par.text)[0])
        if is_bare_heading(par, pars[index + 1] if index + 1 < len(pars) else None):
            state.new_block()
            state.annual = _year_end(par, ctx) if ANNUAL_LIST.search(par.text) else None
            continue
        if numbered or state.after_field:
            state.new_block()
        if not numbered and state.annual is not None and not LIST_INTRO.search(par.text):
            state.annual = None
        if LIST_INTRO.search(par.text):
            state.annual = _year_end(par, ctx) if ANNUAL_LIST.search(par.text) else None
            continue
        if _gives_no_tasks(par, ctx) or (index == 0 and _is_title_line(par)):
            continue
        state.tasks.extend(
            _paragraph_tasks(body, par, ctx, state, skip_first=title_sentence(par) is not None)
        )
    return state.tasks
