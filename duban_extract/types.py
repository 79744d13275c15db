"""Value types (结果类型) shared by every stage of the extractor.

All types are frozen dataclasses so that results can be hashed, compared in
tests and passed between stages without defensive copies. Offsets in ``Span``
are character offsets into ``CleanedDocument.body``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


class Note(str):
    """A warning: English text (command line, logs) plus a ``code`` and its ``params``.

    It is a ``str``, so it goes wherever warnings go; an application that speaks
    another language shows ``code`` with ``params`` in its own words instead
    (duban/ingest does, in Chinese). The extractor itself never translates.
    """

    code: str
    params: Mapping[str, Any]

    def __new__(cls, code: str, text: str, **params: Any) -> Note:
        note = super().__new__(cls, text)
        note.code = code
        note.params = params
        return note


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` in the cleaned body."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class TimeValue:
    """A resolved time expression (时间表达式).

    ``kind`` is one of ``deadline`` (a last allowed day: start == end),
    ``day`` (a dated event), ``period`` (an inclusive range), ``since``
    (a period that ends at the reference date), ``cutoff`` (截至: value is the
    day, alt holds the period from the start of its year), ``after`` (open
    ended; ``end`` is None). ``alt`` lists other defensible readings.
    """

    start: date
    end: date | None
    grain: str
    kind: str
    alt: tuple[TimeValue, ...] = ()

    @property
    def is_point(self) -> bool:
        return self.end is not None and self.start == self.end

    @property
    def last_day(self) -> date | None:
        """The last day the expression allows (a deadline's date)."""
        return self.end

    def render(self) -> str:
        """``YYYY-MM-DD`` for a point, ``start/end`` for a period, ``start/`` if open."""
        if self.end is None:
            return f"{self.start.isoformat()}/"
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def renders(self) -> tuple[str, ...]:
        """The value followed by every alternative, rendered."""
        return (self.render(), *(a.render() for a in self.alt))


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in text, with the rule that produced it."""

    text: str
    span: Span
    value: TimeValue
    rule: str


@dataclass(frozen=True)
class Quantity:
    """A counted or measured amount (数量). ``value`` or ``low``/``high`` as written."""

    text: str
    span: Span
    value: float | None
    low: float | None
    high: float | None
    unit: str
    object: str = ""
    approx: str = ""
    threshold: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Person:
    """A person named with a title (人员及职务) at first mention."""

    name: str
    title: str
    span: Span | None = None


@dataclass(frozen=True)
class Section:
    """A heading or enumeration item (标题/条目) covering ``span`` of the body."""

    title: str
    level: int
    span: Span
    marker: str = ""


@dataclass(frozen=True)
class Task:
    """A concrete measure or commitment (任务/措施).

    ``owner`` is the lead unit (牵头/责任单位); ``cooperating`` the units named
    as supporting it (配合/协办单位, or the further units of a 责任单位 list).
    """

    text: str
    span: Span
    deadline: TimeValue | None = None
    target: Quantity | None = None
    target_text: str = ""
    owner: str = ""
    cooperating: tuple[str, ...] = ()
    section: str = ""
    status: str = ""
    source: str = "text"
    #: The rule that named the owner (unit_subject, by_unit_leads, …+carried); for ``--explain``.
    owner_rule: str = ""
    #: The responsible person (责任人) where the text names one.
    responsible: str = ""


@dataclass(frozen=True)
class Problem:
    """A problem found (问题), e.g. an inspection finding."""

    text: str
    span: Span
    source: str = ""


@dataclass(frozen=True)
class IndicatorStatement:
    """An indicator statement (指标表述): value, growth (%, sign kept) and rank."""

    name: str
    span: Span
    period: TimeValue | None = None
    value: float | None = None
    unit: str = ""
    growth_pct: float | None = None
    rank: int | None = None
    rank_scope: str = ""
    rank_of: str = ""
    #: The statement form that read it (value, growth, rank_group, rank_each); for ``--explain``.
    rule: str = ""


@dataclass(frozen=True)
class Dropped:
    """A piece of the raw text removed by cleaning, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class CleanedDocument:
    """The article body with page furniture removed, plus metadata."""

    body: str
    title: str = ""
    published: datetime | None = None
    source: str = ""
    authors: tuple[str, ...] = ()
    credits: tuple[Person, ...] = ()
    dropped: tuple[Dropped, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything drafted from one document (草稿台账)."""

    document: CleanedDocument
    ref_date: date
    ref_date_source: str
    times: tuple[TimeMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    sections: tuple[Section, ...] = ()
    tasks: tuple[Task, ...] = ()
    people: tuple[Person, ...] = ()
    problems: tuple[Problem, ...] = ()
    indicators: tuple[IndicatorStatement, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    #: The year relative words (上半年, 全年, 今年) were read against (报告年度): taken from the
    #: title or lead, else the reference date's year.
    subject_year: int | None = None
