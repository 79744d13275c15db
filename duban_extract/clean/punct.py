"""Width and punctuation normalisation (全角/半角, 标点).

Full-width ASCII (ＡＢＣ１２３，：；（）) becomes half-width, the ideographic space
becomes a space and a few look-alike dashes and dots are unified. Chinese
punctuation without an ASCII twin (。、“”《》) is kept, as the corpus does.
"""

from __future__ import annotations

import re

_EXTRA = str.maketrans(
    {
        "\u3000": " ",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u2014": "—",
        "\u2015": "—",
        "\u2500": "—",
        "\u30fb": "·",
        "\uff5e": "~",
        "\u301c": "~",
        "\r": "",
    }
)
_SPACES = re.compile(r"[ \t]*\t[ \t]*| {2,}")


def _fold_width(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def normalise_punctuation(text: str) -> str:
    """Fold full-width ASCII to half-width and unify spaces and dashes."""
    return _fold_width(text.translate(_EXTRA))


def squeeze_spaces(line: str) -> str:
    """Strip a line; a tab or a run of spaces becomes one tab (a table's cell gap), single spaces stay."""
    return _SPACES.sub("\t", line.strip())
