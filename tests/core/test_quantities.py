"""quantity_text: quantities as people write them (5 家, not 5.0000 家), on pages and in documents."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from duban.core.quantities import quantity_text

CASES = [
    (Decimal("5.0000"), "家", "5 家"),
    (Decimal("5.5000"), "家", "5.5 家"),
    (Decimal("2.2500"), "亿元", "2.25 亿元"),
    (Decimal("0.0500"), "%", "0.05 %"),
    (Decimal("100.0000"), "公里", "100 公里"),  # not 1E+2
    (Decimal("1E+3"), "", "1000"),
    (Decimal("1234567.8900"), "万元", "1234567.89 万元"),
    (Decimal("0.0000"), "个", "0 个"),
    (Decimal("-0.0000"), "", "0"),
    (Decimal("-3.2000"), "", "-3.2"),
    (3, "项", "3 项"),
    (2.5, "", "2.5"),
    ("7.000", "", "7"),
    (None, "家", ""),
    ("", "家", ""),
    (Decimal("5"), "  ", "5"),
]


@pytest.mark.parametrize(("value", "unit", "expected"), CASES, ids=[c[2] or "empty" for c in CASES])
def test_quantity_text(value: object, unit: str, expected: str) -> None:
    assert quantity_text(value, unit) == expected  # type: ignore[arg-type]


def test_the_template_filter_formats_the_same_way() -> None:
    template = Template("{% load duban_format %}{{ v|quantity:u }}|{{ none|quantity }}")
    assert template.render(Context({"v": Decimal("5.0000"), "u": "家", "none": None})) == "5 家|"
