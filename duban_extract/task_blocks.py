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
from dataclasses import dataclass, field, replace
from datetime import date

from duban_extract.owners import OwnerReading, read_bracket_owner, read_owner_cell, split_units
from duban_extract.sections import heading_level, is_bare_heading, sections_at, title_sentence
from duban_extract.tables import RowCell, column_of
from duban_extract.task_lexicon import (
    ANNUAL_LIST,
    LIST_INTRO,
    MEASURE_HEADING,
    PROBLEM_HEADING,
    RETROSPECT_PARAGRAPH,
)
from duban_extract.tasks import Discourse, TaskContext, sentence_tasks, skip_sentence
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
    #: The subject carried across sentences under the current heading (承前省略).
    discourse: Discourse = field(default_factory=Discourse)
    #: Where the tasks under the current heading begin (以上项目由X牵头 reaches back to it).
    heading_start: int = 0

    def new_block(self) -> None:
        self.block_start = len(self.tasks)
        self.after_field = False

    def new_heading(self) -> None:
        self.new_block()
        self.heading_start = len(self.tasks)
        self.discourse.subject = None
        self.discourse.deadline = None


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
        lead, others = read_owner_cell(field.value.text, ctx.units)
        if lead:
            state.tasks[state.block_start :] = [
                t
                if t.owner and not t.owner_rule.endswith("carried")
                else replace(t, owner=lead, cooperating=(*t.cooperating, *others), owner_rule="owner_field")
                for t in block
            ]
    elif field.kind == "leader":
        person = field.value.text.strip()
        state.tasks[state.block_start :] = [
            t if t.responsible else replace(t, responsible=person) for t in block
        ]
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
    parts = sentences(par)
    index = -1
    while index + 1 < len(parts):
        index += 1
        sentence = parts[index]
        note = _owner_note(parts, index, ctx)
        if note is not None:
            # 。(县住建局牵头,各街道配合) after a measure: its owners, not a sentence of its own.
            reading, index = note
            out = [_with_note(t, reading) for t in out]
            continue
        if (skip_first and index == 0) or skip_sentence(sentence, index, ctx.sections, par):
            # A sentence that gives no task still names the subject of the ones after it.
            state.discourse.read_sentence(sentence, ctx.units)
            continue
        out.extend(sentence_tasks(body, sentence, ctx, state.discourse))
    state.discourse.deadline = None  # a framing time does not reach past its paragraph
    if state.annual is not None:
        out = [t if t.deadline else replace(t, deadline=state.annual) for t in out]
    return out


def _owner_note(parts: list[Piece], index: int, ctx: TaskContext) -> tuple[OwnerReading, int] | None:
    """A bracketed owner note standing as its own sentence (it may hold a ;), and its last piece."""
    if not parts[index].text.startswith(("(", "(")):
        return None
    text = ""
    for last in range(index, min(index + 3, len(parts))):
        text += parts[last].text
        if text.rstrip("。;").endswith((")", ")")):
            found = read_bracket_owner(text, ctx.units)
            return (found[0], last) if found is not None and found[1] == 0 else None
    return None


def _with_note(task: Task, reading: OwnerReading) -> Task:
    """The note's owners for a measure whose owner the text did not name itself."""
    if task.owner and not task.owner_rule.endswith("carried"):
        return task
    return replace(task, owner=reading.lead, cooperating=reading.cooperating, owner_rule="bracket_owner")


#: Longest first line taken for the document's title (titles restate the body; they hold no own tasks).
TITLE_LINE_MAX = 60


def _is_title_line(par: Piece) -> bool:
    """A short line with no sentence end in it or at its end (a title does not hold 。)."""
    return len(par.text) <= TITLE_LINE_MAX and not re.search(r"[。;!?]", par.text)


def _gives_no_tasks(par: Piece, ctx: TaskContext) -> bool:
    if RETROSPECT_PARAGRAPH.match(par.text) or is_problem_section(ctx.sections, par.span.start):
        return True
    # An unnumbered short line without punctuation is a title, not a measure.
    return not heading_level(par.text)[0] and bool(_BARE_TITLE.match(par.text)) and len(par.text) < 40


#: An owner sentence for the list above it: 以上项目由X牵头, 上述工作由X负责,Y配合.
ABOVE_OWNER = re.compile(
    r"^(?:以上|上述)[\u4e00-\u9fff]{0,8}?(?:均)?由(?P<lead>[\u4e00-\u9fff、()()]{2,60}?)"
    r"(?:牵头负责|具体负责|分别牵头|牵头|负责)(?:[,,](?P<coop>[\u4e00-\u9fff、()()]{2,60}?)(?:配合|协助|参与))?"
    r"(?:实施|落实|推进)?[。;]?$"
)


def _assign_above(par: Piece, ctx: TaskContext, state: _State) -> bool:
    """以上…由X牵头 gives its owners to the tasks above it under the same heading."""
    match = ABOVE_OWNER.match(par.text)
    if not match:
        return False
    lead = split_units(match.group("lead"), ctx.units)
    coop = split_units(match.group("coop") or "", ctx.units)
    if not lead:
        return False
    state.tasks[state.heading_start :] = [
        t
        if t.owner and not t.owner_rule.endswith("carried")
        else replace(t, owner=lead[0], cooperating=(*lead[1:], *coop), owner_rule="above_list_owner")
        for t in state.tasks[state.heading_start :]
    ]
    state.new_block()
    return True


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
            state.new_heading()
            state.annual = _year_end(par, ctx) if ANNUAL_LIST.search(par.text) else None
            continue
        if numbered or state.after_field:
            state.new_block()
        if numbered and title_sentence(par) is not None:
            # (二)强化督查考核。… opens a new heading: the subject of the one before ends.
            state.discourse.subject = None
        if not numbered and state.annual is not None and not LIST_INTRO.search(par.text):
            state.annual = None
        if _assign_above(par, ctx, state):
            continue
        if LIST_INTRO.search(par.text):
            state.annual = _year_end(par, ctx) if ANNUAL_LIST.search(par.text) else None
            continue
        if not any(sec.span.start < par.span.start for sec in ctx.sections):
            # Without headings (news), a paragraph break ends the subject: it does not reach
            # from the narration into the next paragraph.
            state.discourse.subject = None
        if _gives_no_tasks(par, ctx) or (index == 0 and _is_title_line(par)):
            continue
        state.tasks.extend(
            _paragraph_tasks(body, par, ctx, state, skip_first=title_sentence(par) is not None)
        )
    return _plan_horizon(state.tasks)


#: Headings of a plan's goals section (总体目标, 工作目标, 主要目标).
GOALS_HEADING = re.compile(r"目标$|目标[((]|^[^,。]{0,12}目标")


def _plan_horizon(tasks: list[Task]) -> list[Task]:
    """In a goals section, the one horizon it names (到2025年) bounds every goal in it (D3)."""
    horizons: dict[str, set[TimeValue]] = {}
    for task in tasks:
        if task.deadline is not None and task.deadline.grain == "year" and GOALS_HEADING.search(task.section):
            horizons.setdefault(task.section, set()).add(task.deadline)
    return [
        replace(t, deadline=next(iter(horizons[t.section])))
        if t.deadline is None and t.status != "done" and len(horizons.get(t.section, ())) == 1
        else t
        for t in tasks
    ]


#: A progress note on the row's own task (已完成32公里, 正在推进): a status and a figure, no new object.
_PROGRESS_NOTE = re.compile(r"^(?:已经?|均已|正在|现正|累计|共|目前)[^,;。]{0,8}$")


def cell_tasks(body: str, cells: list[RowCell], ctx: TaskContext) -> list[Task]:
    """Measures in the progress and plan cells of table rows, owned by the row's units.

    A cell that only notes the row's progress (已新增4200个) gives no task.
    """
    out: list[Task] = []
    for cell in cells:
        if _PROGRESS_NOTE.match(cell.text.rstrip("。;")):
            continue
        discourse = Discourse()
        for sentence in sentences(Piece(cell.text, cell.span)):
            if skip_sentence(sentence, 1, ctx.sections, Piece(cell.text, cell.span)):
                continue
            for task in sentence_tasks(body, sentence, ctx, discourse):
                owned = not task.owner and cell.owner
                out.append(
                    replace(task, owner=cell.owner, cooperating=cell.cooperating, owner_rule="owner_column")
                    if owned
                    else task
                )
    return [replace(t, source="table") for t in out]
