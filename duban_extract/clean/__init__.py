"""Cleaning (文本清洗): raw page text → article body plus metadata.

Order matters: width/punctuation first (so patterns see ASCII brackets), then
pinyin annotations (they follow traditional characters), then traditional →
simplified, then line-level page furniture and metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from duban_extract.clean.boilerplate import MAX_FURNITURE_LEN, has_phone, match_line
from duban_extract.clean.meta import (
    INFO_LINE,
    Meta,
    is_meta_line,
    issuers_from_title,
    read_byline,
    read_info_field,
    read_meta_line,
)
from duban_extract.clean.pinyin import strip_pinyin
from duban_extract.clean.punct import normalise_punctuation, squeeze_spaces
from duban_extract.clean.t2s import to_simplified
from duban_extract.types import CleanedDocument, Dropped

__all__ = ["clean_document", "normalise_for_match"]

_BULLETS = "•·●▪◦‧"
_SENTENCE_MARK = re.compile(r"[,。;!?:]")
_TITLE_MIN, _TITLE_MAX = 6, 100
_BODY_MIN = 40
_ENUM_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[((][一二三四五六七八九十\d]+[))]|\d+[.、])")
_STRIP_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass
class _State:
    meta: Meta = field(default_factory=Meta)
    kept: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    pending_label: str = ""
    body_started: bool = False
    in_footer: bool = False

    def drop(self, line: str, reason: str) -> None:
        self.dropped.append(Dropped(line, reason))


def _prepare(text: str, state: _State) -> list[str]:
    text = normalise_punctuation(text)
    text, removed = strip_pinyin(text)
    counts: dict[str, int] = {}
    for piece in removed:
        counts[piece] = counts.get(piece, 0) + 1
    state.dropped.extend(
        Dropped(piece, "pinyin annotation" + (f" (x{n})" if n > 1 else "")) for piece, n in counts.items()
    )
    text = to_simplified(text)
    return [squeeze_spaces(line.strip().lstrip(_BULLETS)) for line in text.split("\n")]


def _looks_like_body(line: str) -> bool:
    return len(line) >= _BODY_MIN and bool(_SENTENCE_MARK.search(line))


def _is_duplicate_title(line: str, title: str) -> bool:
    if not title:
        return False
    if line.rstrip("。") == title:
        return True
    teaser = line.endswith(("…", "...")) and line.startswith(title[: min(len(title), 12)])
    return teaser


def _furniture(line: str, state: _State, index: int, total: int) -> str:
    """Reason to drop a line as furniture, or '' to keep it."""
    rule = match_line(line)
    if rule is not None:
        if rule.footer_start and state.body_started and index > total // 2:
            state.in_footer = True
        return rule.reason
    if has_phone(line):
        return "contact"
    if (
        not state.body_started
        and len(line) <= MAX_FURNITURE_LEN
        and not _SENTENCE_MARK.search(line)
        and not _ENUM_START.match(line)
    ):
        return "page furniture"
    return ""


#: A line that is only a date in words (2023年3月13日, 二〇二三年三月十三日): a signature date.
_SIGNATURE_DATE = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
)


def _read_cell_row(line: str, meta: Meta) -> bool:
    """A flattened metadata table row (索引号: | X | 内容概述: | Y |): read each label's value."""
    cells = [c.strip() for c in line.split("|")]
    found = False
    for label, value in zip(cells, [*cells[1:], ""], strict=True):
        info = INFO_LINE.match(label)
        if info and not info.group(2) and value and not INFO_LINE.match(value):
            read_info_field(info.group(1), value, meta)
            found = True
    return found


def _take_metadata(line: str, state: _State) -> str:
    """Read metadata from ``line``; return the drop reason or ''."""
    meta = state.meta
    if state.pending_label:
        label, state.pending_label = state.pending_label, ""
        read_info_field(label, line, meta)
        return "page metadata"
    if state.kept and _SIGNATURE_DATE.fullmatch(line):
        # The signature date (落款) under the issuer dates the document and stays in the body.
        read_meta_line(line, meta)
        return ""
    cells_read = "|" in line and _read_cell_row(line, meta)
    info = None if cells_read else INFO_LINE.match(line)
    if cells_read or info:
        if info and info.group(2):
            read_info_field(info.group(1), info.group(2), meta)
        elif info:
            state.pending_label = info.group(1)
        return "page metadata"
    if is_meta_line(line):
        read_meta_line(line, meta)
        return "page metadata"
    if read_byline(line, meta):
        return "byline"
    return ""


#: Sentence punctuation inside a line, and a comma in a line this long, mark a sentence, not a title.
_SENTENCE_INSIDE = re.compile(r"[。！？；;!?]")
_COMMA = re.compile(r"[,，]")
_TITLE_COMMA_MAX = 30


def _is_title_line(line: str) -> bool:
    """A title is a short line without sentence punctuation (a long first line ending in 。 is body)."""
    if not _TITLE_MIN <= len(line) <= _TITLE_MAX:
        return False
    if line.count("|") >= 2 or line.count("\t") >= 2:
        # A row of cells (a table's header row) starts the body.
        return False
    if _SENTENCE_INSIDE.search(line.rstrip("。")):
        return False
    if line.endswith("。") and len(line) > _TITLE_COMMA_MAX:
        return False
    return not (_COMMA.search(line) and len(line) > _TITLE_COMMA_MAX)


def _classify(line: str, state: _State, index: int, total: int) -> str:
    if state.in_footer:
        return "footer"
    reason = _take_metadata(line, state)
    if reason:
        return reason
    if _is_duplicate_title(line, state.meta.title):
        return "duplicate title"
    reason = _furniture(line, state, index, total)
    if reason:
        return reason
    if not state.meta.title and not state.body_started:
        if _is_title_line(line):
            state.meta.title = line.rstrip("。")
            return "title"
        if len(line) > _TITLE_COMMA_MAX:
            # A sentence has begun the body: a later short line is a heading, not the title.
            state.body_started = True
    return ""


def clean_document(text: str) -> CleanedDocument:
    """Clean raw page text: drop furniture, read metadata, keep the article body.

    Every dropped line is recorded with its reason in ``dropped``; the title
    line is moved to ``title`` and not repeated in the body.
    """
    state = _State()
    lines = _prepare(text, state)
    total = len(lines)
    for index, line in enumerate(lines):
        if not line:
            continue
        reason = _classify(line, state, index, total)
        if reason:
            state.drop(line, reason)
            continue
        state.kept.append(line)
        if _looks_like_body(line):
            state.body_started = True
    meta = state.meta
    if not state.kept:
        # A single paragraph is text, not a title page: keep it as the body.
        state.kept = [d.text for d in state.dropped if d.reason == "title"]
    if not meta.source and meta.title:
        meta.set_source(issuers_from_title(meta.title), 4)
    return CleanedDocument(
        body="\n".join(state.kept),
        title=meta.title,
        published=meta.published,
        source=meta.source,
        authors=tuple(meta.authors),
        credits=tuple(meta.credits),
        dropped=tuple(state.dropped),
    )


def normalise_for_match(text: str) -> str:
    """Scoring form of a text: simplified, pinyin removed, punctuation and spaces removed."""
    text, _ = strip_pinyin(normalise_punctuation(text))
    return _STRIP_PUNCT.sub("", to_simplified(text))
