"""Problems found (问题): inspection findings and admitted shortcomings.

Read from quoted findings (关于“…”问题, 在“…”方面), feedback clauses
(反馈…“X”…问题), lists after a cue (存在一些问题,如…; 忧的是,…) and clauses
with a shortcoming word (不够, 不足, 薄弱 …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from duban_extract.text_units import clauses, paragraphs, sentences
from duban_extract.types import Problem, Span

SHORTCOMING = re.compile(
    r"不够|不足|不强|不深不透|不到位|不理想|不明显|薄弱|(?<!补)短板|有限|滞后|未有效|未能|未组织|未按|偏低|不高|"
    r"困难和挑战|突出问题|差距"
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
            parts = [c for c in clauses(sentence) if SHORTCOMING.search(c.text)]
            for clause in parts:
                cleaned = _TAIL.sub("", _LEAD.sub("", clause.text))
                offset = (
                    clause.span.end - len(clause.text) + (len(clause.text) - len(_LEAD.sub("", clause.text)))
                )
                yield Problem(cleaned, Span(offset, offset + len(cleaned)))


def find_problems(text: str) -> list[Problem]:
    """Problems in text order; a clause inside an already found problem is not repeated."""
    out: list[Problem] = []
    for problem in sorted(
        [*_found(text), *_shortcoming_clauses(text)], key=lambda p: (p.span.start, -len(p.text))
    ):
        if len(problem.text) < 4 or any(p.span.contains(problem.span) for p in out):
            continue
        out.append(problem)
    return out
