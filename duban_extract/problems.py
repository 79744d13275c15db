"""Problems found (问题): inspection findings and admitted shortcomings.

Read from quoted findings (关于“…”问题, 在“…”方面), feedback clauses
(反馈…“X”…问题), lists after a cue (存在一些问题,如…; 忧的是,…), clauses
with a shortcoming word (不够, 不足, 薄弱 …), field lines (问题表现:…),
headings that state a shortcoming ((一)村级财务管理不规范), sentences under a
problem heading (存在问题) and the problem column of ledger tables. Clauses that
remedy a shortcoming (补齐短板, 解决…不足) are not problems.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from duban_extract.sections import heading_level, is_bare_heading
from duban_extract.task_blocks import is_problem_section, read_field
from duban_extract.text_units import clauses, paragraphs, sentences
from duban_extract.types import Problem, Section, Span

SHORTCOMING = re.compile(
    r"不够|不足|不强|不深不透|不到位|不理想|不明显|薄弱|(?<!补)短板|有限|滞后|未有效|未能|未组织|未按|偏低|不高|"
    r"困难和挑战|突出问题|差距|缓慢|流于形式|不规范|不及时|走过场|乏力|依然突出|仍然突出"
)
#: Verbs that remedy a shortcoming: a clause with one states a measure, not a problem.
#: Titles of documents and quoted names, whose words say nothing about the clause (《…推进…方案》).
_TITLED_WORK = re.compile(r"《[^》]*》|“[^”]*”")
REMEDY = re.compile(
    r"补齐|补足|弥补|解决|破解|整改|克服|改进|加快|提升|加强|推动|防止|避免|督办|督促|推进|整治|治理|处置"
)
_QUOTED_FINDING = re.compile(r"(?:关于|在)“(?P<text>[^”]{4,80})”(?:问题|方面)")
_FEEDBACK = re.compile(
    r"(?P<source>[^,。;]{0,12}(?:巡视|巡察|督察|审计)[^,。;]{0,4}反馈)(?P<text>[^,。;]{4,80}?)问题"
)
_LIST_CUE = re.compile(
    r"(?:存在一些问题|存在的问题|主要问题|忧的是|问题是)[,:]?(?:如|主要是|是)?(?P<text>[^。]{4,120})"
)
_LEAD = re.compile(r"^(?:但是|但|不过|同时|目前|也要充分认识到|也要看到|如|主要是|其中)+")
_TAIL = re.compile(r"(?:等等|等问题|等)$")


def _found(text: str) -> Iterable[Problem]:
    for pattern, source in ((_QUOTED_FINDING, ""), (_FEEDBACK, "source"), (_LIST_CUE, "")):
        for match in pattern.finditer(text):
            found = _TAIL.sub("", match.group("text").strip("“”"))
            yield Problem(
                found,
                Span(match.start("text"), match.end("text")),
                match.group("source").strip() if source else "",
            )


def _shortcoming_clauses(text: str) -> Iterable[Problem]:
    for par in paragraphs(text):
        for sentence in sentences(par):
            parts = [
                c
                for c in clauses(sentence)
                if SHORTCOMING.search(c.text) and not REMEDY.search(_TITLED_WORK.sub("", c.text))
            ]
            for clause in parts:
                cleaned = _TAIL.sub("", _LEAD.sub("", clause.text))
                offset = (
                    clause.span.end - len(clause.text) + (len(clause.text) - len(_LEAD.sub("", clause.text)))
                )
                yield Problem(cleaned, Span(offset, offset + len(cleaned)))


def _structured(text: str, sections: Sequence[Section]) -> Iterable[Problem]:
    """Field lines (问题表现:…), shortcoming headings and sentences under a problem heading."""
    for par in paragraphs(text):
        field = read_field(par)
        if field is not None and field.kind == "problem":
            yield Problem(field.value.text.rstrip("。"), field.value.span)
            continue
        level, marker = heading_level(par.text)
        if level and is_bare_heading(par, None) and SHORTCOMING.search(par.text):
            start = par.span.start + len(marker)
            yield Problem(par.text[len(marker) :], Span(start, par.span.end))
        elif not level and is_problem_section(list(sections), par.span.start):
            for sentence in sentences(par):
                yield Problem(sentence.text.rstrip("。"), sentence.span)


def find_problems(
    text: str,
    *,
    sections: Sequence[Section] = (),
    tables: Sequence[Span] = (),
    table_rows: Sequence[Problem] = (),
) -> list[Problem]:
    """Problems in text order; a clause inside an already found problem is not repeated.

    ``tables`` are the spans of ledger tables (their lines are read as cells, ``table_rows``).
    """
    out: list[Problem] = []
    found = [*_structured(text, sections), *_found(text), *_shortcoming_clauses(text)]
    found = [p for p in found if not any(t.overlaps(p.span) for t in tables)] + list(table_rows)
    for problem in sorted(found, key=lambda p: (p.span.start, -len(p.text))):
        if len(problem.text) < 4 or any(p.span.contains(problem.span) for p in out):
            continue
        out.append(problem)
    return out
