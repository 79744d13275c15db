"""Schemes written as JSON (评价体系导入格式): read into specs, mistakes named by their place."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from duban.core.errors import DomainError
from duban.evaluation.scheme import AdjustmentKind, WeightMode
from duban.evaluation.scheme_json import scheme_read
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction
from tests.evaluation.factories import hand_scheme_json


def test_hand_scheme_reads() -> None:
    raw = scheme_read(hand_scheme_json([("甲开发区", "北片")], indicator="GDP"))
    assert (raw.name, raw.year, raw.total, raw.mode) == (
        "三主体四指标",
        2019,
        Decimal(100),
        WeightMode.POINTS,
    )
    first = raw.categories[0].children[0]
    assert (first.code, first.method, first.indicator, first.weight) == (
        "I1",
        Method.MIN_MAX,
        "GDP",
        Decimal(40),
    )
    assert raw.categories[1].children[1].direction is Direction.LOWER
    assert raw.adjustments[0].kind is AdjustmentKind.DEDUCTION and raw.adjustments[0].category == "Q"
    assert raw.subjects == (("甲开发区", "北片"),)


def test_percent_mode_reads() -> None:
    data = hand_scheme_json([])
    data["mode"] = "percent"
    assert scheme_read(data).mode is WeightMode.PERCENT


def _with(change: Any) -> dict[str, Any]:
    data = hand_scheme_json([("甲开发区", "")])
    change(data)
    return data


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ([], "scheme", "请给出对象"),
        (_with(lambda d: d.update(year=1999)), "year", "2000 到 2100"),
        (_with(lambda d: d.update(year="2019")), "year", "2000 到 2100"),
        (_with(lambda d: d.update(name="  ")), "name", "请填写文字"),
        (_with(lambda d: d.update(total=True)), "total", "请填写数字"),
        (_with(lambda d: d.update(total="NaN")), "total", "请填写数字"),
        (_with(lambda d: d.update(mode="stars")), "scheme.mode", "points, percent"),
        (_with(lambda d: d.update(categories={})), "categories", "请给出列表"),
        (_with(lambda d: d["categories"].append(7)), "categories[2]", "请给出对象"),
        (
            _with(lambda d: d["categories"][0]["children"][1].update(direction="up")),
            "categories[0].children[1].direction",
            "higher",
        ),
        (
            _with(lambda d: d["categories"][0]["children"][1].update(params=[1])),
            "categories[0].children[1].params",
            "对象",
        ),
        (_with(lambda d: d["adjustments"][0].update(kind="fine")), "adjustments[0].kind", "bonus"),
        (_with(lambda d: d["adjustments"][0].pop("cap")), "adjustments[0].cap", "请填写数字"),
        (_with(lambda d: d["subjects"].append("乙")), "subjects[1]", "请给出对象"),
    ],
)
def test_mistakes_are_named_by_their_place(data: Any, field: str, words: str) -> None:
    with pytest.raises(DomainError) as caught:
        scheme_read(data)
    assert field in caught.value.fields, caught.value.fields
    assert caught.value.message.startswith(f"{field}：") and words in caught.value.message
