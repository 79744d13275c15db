from __future__ import annotations

import pytest

from duban_extract.numerals import NumeralError, cn_to_int, int_to_cn, to_number

CASES = [
    ("三", 3),
    ("十", 10),
    ("十二", 12),
    ("二十", 20),
    ("两", 2),
    ("一百零五", 105),
    ("三千零七", 3007),
    ("二〇二一", 2021),
    ("一万二千", 12000),
    ("两亿", 200_000_000),
]


@pytest.mark.parametrize(("text", "value"), CASES, ids=[c[0] for c in CASES])
def test_chinese_numerals_read(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize(("text", "value"), [("2.5万", 25000.0), ("8", 8.0), ("3.75", 3.75), ("四十", 40.0)])
def test_mixed_numerals_read(text: str, value: float) -> None:
    assert to_number(text) == value


@pytest.mark.parametrize("value", [0, 7, 10, 19, 40, 108, 2305, 10500, 99999])
def test_numbers_round_trip(value: int) -> None:
    assert cn_to_int(int_to_cn(value)) == value


def test_not_a_numeral_raises() -> None:
    with pytest.raises(NumeralError):
        cn_to_int("甲")
