"""Chinese numerals (中文数字) ↔ numbers.

Handles 一二三…九, 十百千万亿, 两/俩, 〇/零, digit-by-digit years (二〇一九),
full-width digits and mixed forms such as ``1.5万`` or ``3千``.
"""

from __future__ import annotations

import re

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: A run of Chinese numeral characters (used by patterns elsewhere).
CN_NUMBER = f"[{CN_NUMERAL_CHARS}]+"
ARABIC_NUMBER = r"\d+(?:\.\d+)?"
_MIXED = re.compile(r"^(\d+(?:\.\d+)?)([十百千万亿]+)$")


class NumeralError(ValueError):
    """The text is not a numeral this module can read."""


def _section_value(text: str) -> int:
    """Value of a numeral below 万 (e.g. 三千零五, 十二, 二十)."""
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            raise NumeralError(text)
    return total + (digit or 0)


def cn_to_int(text: str) -> int:
    """Read a Chinese numeral: ``cn_to_int("二十三") == 23``, ``cn_to_int("二〇一九") == 2019``."""
    if not text:
        raise NumeralError(text)
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    rest = text
    for unit_char in ("亿", "万"):
        if unit_char in rest:
            head, _, rest = rest.partition(unit_char)
            total += (cn_to_int(head) if head else 1) * BIG_UNITS[unit_char]
    return total + (_section_value(rest) if rest else 0)


def to_number(text: str) -> float:
    """Read an Arabic, Chinese or mixed numeral (``1.5万`` → 15000.0)."""
    text = text.strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    mixed = _MIXED.match(text)
    if mixed:
        factor = 1
        for ch in mixed.group(2):
            factor *= (SMALL_UNITS | BIG_UNITS)[ch]
        return float(mixed.group(1)) * factor
    return float(cn_to_int(text))


def to_int(text: str) -> int:
    """Read a numeral that must be a whole number."""
    value = to_number(text)
    if value != int(value):
        raise NumeralError(text)
    return int(value)


def int_to_cn(value: int) -> str:
    """Write a non-negative integer below 10^8 as a Chinese numeral (二十三)."""
    if value < 0 or value >= 100_000_000:
        raise NumeralError(str(value))
    if value == 0:
        return "零"
    names = "零一二三四五六七八九"
    if value >= 10_000:
        high, low = divmod(value, 10_000)
        tail = int_to_cn(low) if low else ""
        joiner = "零" if 0 < low < 1000 else ""
        return int_to_cn(high) + "万" + joiner + tail
    out = []
    zero_pending = False
    for unit_value, unit_name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit_value)
        if digit:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(names[digit] + unit_name)
        elif out:
            zero_pending = True
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text
