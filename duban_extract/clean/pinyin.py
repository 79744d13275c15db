"""Pinyin annotations left by converters (拼音注音), e.g. 區(qū) → 區.

An annotation is a parenthesised run of Latin letters directly after a CJK
character that carries at least one tone mark; plain Latin words in brackets
(``(GDP)``) are left alone.
"""

from __future__ import annotations

import re

TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_ANNOTATION = re.compile(rf"(?<=[\u4e00-\u9fff])[\((]([a-zA-Z{TONE_MARKS}]{{1,7}})[\))]")


def _has_tone(word: str) -> bool:
    return any(ch in TONE_MARKS for ch in word)


def strip_pinyin(text: str) -> tuple[str, list[str]]:
    """Remove pinyin annotations; return the text and the removed pieces."""
    removed: list[str] = []

    def drop(match: re.Match[str]) -> str:
        if not _has_tone(match.group(1)):
            return match.group(0)
        removed.append(match.group(0))
        return ""

    return _ANNOTATION.sub(drop, text), removed
