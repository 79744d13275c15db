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


# ASCII punctuation next to a Chinese character, shown the Chinese way (，：；！？（）).
_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》]"
_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_ASCII_NEAR_CJK = re.compile(rf"(?<={_CJK})[,:;!?()]|[,:;!?()](?={_CJK})")


def display_punctuation(text: str) -> str:
    """The cleaned text as a Chinese reader expects it: ``,`` beside a Chinese character
    becomes ``，`` (and so on). One character for one, so offsets into the text stay valid;
    punctuation between Latin letters or digits (3,000; 10:30) is left alone."""
    return _ASCII_NEAR_CJK.sub(lambda m: _TO_FULL[m.group(0)], text)
