from __future__ import annotations

import pytest

from duban_extract.quantities import find_quantities

POSITIVE = [
    ("新建8个便民服务站", 8, None, None, "个"),
    ("共培育规上企业35家", 35, None, None, "家"),
    ("完成投资12.6亿元", 12.6, None, None, "亿元"),
    ("追回资金3.48万元", 3.48, None, None, "万元"),
    ("引进4—6个重点项目", None, 4, 6, "个"),
    ("覆盖率达到60%到80%", None, 60, 80, "%"),
    ("完成率约45%", 45, None, None, "%"),
    ("出台三项制度", 3, None, None, "项"),
    ("明确两套方案", 2, None, None, "套"),
    ("提高1.2个百分点", 1.2, None, None, "百分点"),
    ("惠及20万农村人口", 20, None, None, "万"),
    ("投资5亿元以上的项目", 5, None, None, "亿元"),
    ("用时3个月", 3, None, None, "个月"),
    ("共有30余个村", 30, None, None, "个"),
]


@pytest.mark.parametrize(("text", "value", "low", "high", "unit"), POSITIVE, ids=[p[0] for p in POSITIVE])
def test_quantity_is_read(
    text: str, value: float | None, low: float | None, high: float | None, unit: str
) -> None:
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert (q.value, q.low, q.high, q.unit) == (value, low, high, unit)


NEGATIVE = [
    "一往无前",
    "一丝不苟",
    "一抓到底",
    "一级抓一级",
    "一环扣一环",
    "五纵五横",
    "两违整治",
    "综治三率",
    "增强“四个意识”",
    "第三届论坛",
    "第4次会议",
    "十分重要",
    "新一轮改革",
    "一批项目",
    "(1)总体要求",
    "世界500强",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_idioms_names_and_ordinals_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_decline_object_ends_in_decline() -> None:
    found = find_quantities("能耗同比下降3.1%")
    assert found[0].value == 3.1 and found[0].object.endswith("降幅")


def test_object_after_the_unit() -> None:
    assert find_quantities("建成2个智慧农业示范基地,")[0].object == "智慧农业示范基地"
