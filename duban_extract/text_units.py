"""Paragraphs, sentences and clauses with offsets (段落/句子/分句).

Every piece keeps its span in the body so that drafts can point back at the
sentence they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban_extract.types import Span

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")
_CLAUSE = re.compile(r"[^,:。;!?\n]+")


@dataclass(frozen=True)
class Piece:
    """A piece of the body and where it sits."""

    text: str
    span: Span


def _pieces(pattern: re.Pattern[str], text: str, offset: int) -> list[Piece]:
    out = []
    for match in pattern.finditer(text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = offset + match.start() + (len(raw) - len(raw.lstrip()))
        out.append(Piece(stripped, Span(start, start + len(stripped))))
    return out


def paragraphs(text: str) -> list[Piece]:
    return _pieces(_PARAGRAPH, text, 0)


def sentences(piece: Piece) -> list[Piece]:
    return _pieces(_SENTENCE, piece.text, piece.span.start)


def clauses(piece: Piece) -> list[Piece]:
    """Clauses of a sentence, split at commas and colons (the end mark is dropped)."""
    return _pieces(_CLAUSE, piece.text, piece.span.start)
