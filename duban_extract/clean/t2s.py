"""Traditional → simplified characters (繁转简) through OpenCC.

The converter is built on first use, not at import, so importing the library
stays cheap.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=1)
def _converter() -> _Converter:
    import opencc

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones (``臺商區`` → ``台商区``)."""
    if not text:
        return text
    return _converter().convert(text)
