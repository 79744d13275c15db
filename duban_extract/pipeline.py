"""The extraction pipeline (文件智能分解): cleaned text → draft ledger.

``extract`` never reads the clock: the reference date is the document's own
date when it has one, else the caller's; with neither it raises
``MissingReferenceDateError`` so the caller can ask the user.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from duban_extract.clean import clean_document, normalise_for_match
from duban_extract.indicators import find_indicators
from duban_extract.owners import find_people
from duban_extract.problems import find_problems
from duban_extract.quantities import find_quantities
from duban_extract.registry import registry_name
from duban_extract.sections import find_sections
from duban_extract.tables import find_table_problems, find_table_tasks, row_cells, table_spans
from duban_extract.task_blocks import cell_tasks, find_tasks
from duban_extract.task_lexicon import ANNUAL_FRAME
from duban_extract.tasks import TaskContext
from duban_extract.timex import find_times, subject_year
from duban_extract.types import CleanedDocument, Extraction, Span, Task, TimeValue


class MissingReferenceDateError(ValueError):
    """The document carries no date and the caller gave none: ask for a reference date."""


def reference_date(document: CleanedDocument, ref_date: date | None) -> tuple[date, str, list[str]]:
    """The date relative expressions resolve against, where it came from, and warnings."""
    warnings: list[str] = []
    if document.published is not None:
        doc_date = document.published.date()
        if ref_date is not None and ref_date != doc_date:
            warnings.append(
                f"the document is dated {doc_date.isoformat()}; the caller's "
                f"{ref_date.isoformat()} was not used"
            )
        return doc_date, "document", warnings
    if ref_date is None:
        raise MissingReferenceDateError(
            "the document has no date: give a reference date (--ref-date YYYY-MM-DD)"
        )
    warnings.append(f"the document has no date; using the caller's reference date {ref_date.isoformat()}")
    return ref_date, "caller", warnings


def _outside(spans: Sequence[Span], span: Span) -> bool:
    return not any(s.overlaps(span) for s in spans)


def _once(tasks: Sequence[Task]) -> list[Task]:
    """Each measure once: a lead sentence repeated word for word in the body is the same task."""
    seen: set[str] = set()
    out: list[Task] = []
    for task in tasks:
        key = normalise_for_match(task.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(task)
    return out


#: Standing or recurring duties (长期, 常态化, 每半月): no year-end applies to them.
_ONGOING = re.compile(r"长期|常态化?|持续推进|每(?:年|半年|季度|季|月|半月|周|旬)|定期")


def _in_registry(task: Task, units: Sequence[str]) -> Task:
    """Owners as the registry names them (an abbreviation resolved to its one full name)."""
    owner = registry_name(task.owner, units)
    cooperating = tuple(registry_name(c, units) for c in task.cooperating)
    if (owner, cooperating) == (task.owner, task.cooperating):
        return task
    return replace(task, owner=owner, cooperating=cooperating)


def _annual(tasks: list[Task], year: int, body: str) -> list[Task]:
    """A document framed as one year's commitments: open tasks without a deadline are due at its end."""
    end = date(year, 12, 31)
    due = TimeValue(end, end, "year", "deadline")
    return [
        t
        if t.deadline is not None or t.status == "done" or _ONGOING.search(body[t.span.start : t.span.end])
        else replace(t, deadline=due)
        for t in tasks
    ]


def extract_document(
    document: CleanedDocument, *, ref_date: date | None = None, units: Sequence[str] = ()
) -> Extraction:
    """Extract a draft ledger from an already cleaned document."""
    ref, source, warnings = reference_date(document, ref_date)
    body = document.body
    lead = body.split("\n", 1)[0]
    subject = subject_year(document.title, lead, ref)
    times = find_times(body, ref, warnings=warnings, subject=subject)
    quantities = find_quantities(body, taken=[t.span for t in times])
    sections = find_sections(body)
    tables = table_spans(body)
    ctx = TaskContext(times, quantities, sections, units, subject or ref.year)
    prose_tasks = find_tasks(body, ctx)
    table_tasks = find_table_tasks(body, ref) + cell_tasks(body, row_cells(body), ctx)
    table_tasks.sort(key=lambda t: t.span.start)
    tasks = _once([t for t in prose_tasks if _outside(tables, t.span)] + table_tasks)
    if units:
        tasks = [_in_registry(t, units) for t in tasks]
    if ANNUAL_FRAME.search(document.title) or ANNUAL_FRAME.search(lead):
        tasks = _annual(tasks, subject or ref.year, body)
    return Extraction(
        document=document,
        ref_date=ref,
        ref_date_source=source,
        times=tuple(times),
        quantities=tuple(quantities),
        sections=tuple(sections),
        tasks=tuple(tasks),
        people=tuple(find_people(body, credits=document.credits)),
        problems=tuple(
            find_problems(body, sections=sections, tables=tables, table_rows=find_table_problems(body))
        ),
        indicators=tuple(find_indicators(body, times, quantities, ref=ref)),
        warnings=tuple(warnings),
        subject_year=subject or ref.year,
    )


def extract(text: str, *, ref_date: date | None = None, units: Sequence[str] = ()) -> Extraction:
    """Clean ``text`` and extract its draft ledger.

    ``ref_date`` is used when the document has no date of its own; ``units``
    is the organisation registry (unit names) used to read owners.
    """
    return extract_document(clean_document(text), ref_date=ref_date, units=units)
