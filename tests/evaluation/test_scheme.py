"""Schemes (指标评价体系): weights in points or percentages, several levels, errors naming the node."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.core.errors import DomainError
from duban.evaluation.scheme import Adjustment, AdjustmentKind, Node, WeightMode, scheme_build
from duban.evaluation.scoring import Method
from tests.evaluation.tables import hand_scheme


def leaf(code: str, weight: float, **kwargs: object) -> Node:
    return Node(code=code, name=f"指标{code}", weight=weight, method=Method.MIN_MAX, **kwargs)  # type: ignore[arg-type]


def test_points_scheme_gives_each_indicator_its_points() -> None:
    scheme = hand_scheme()
    assert {lf.node.code: lf.full for lf in scheme.leaves} == {"I1": 40, "I2": 30, "I3": 20, "I4": 10}
    assert {lf.node.code: lf.category for lf in scheme.leaves} == {"I1": "S", "I2": "S", "I3": "Q", "I4": "Q"}


def test_percent_scheme_over_three_levels() -> None:
    # given 60% = 50/50 of (30% of 40% + 70% of 40%)… written as percentages of the parent
    scheme = scheme_build(
        name="百分制",
        total=1000,
        mode=WeightMode.PERCENT,
        categories=(
            Node(
                code="X",
                name="类别甲",
                weight=60,
                children=(
                    leaf("a", 50),
                    Node(code="m", name="二级", weight=50, children=(leaf("b", 30), leaf("c", 70))),
                ),
            ),
            Node(code="Y", name="类别乙", weight=40, children=(leaf("d", 100),)),
        ),
    )
    # then 1000 × 60% × 50% = 300; × 50% × 30% = 90; × 70% = 210; 1000 × 40% = 400
    fulls = {lf.node.code: lf.full for lf in scheme.leaves}
    assert fulls == pytest.approx({"a": 300, "b": 90, "c": 210, "d": 400})
    assert scheme.leaf("b").path == ("X", "m", "b")


@pytest.mark.parametrize(
    ("categories", "field", "words"),
    [
        ((Node(code="S", name="规模", weight=100, children=(leaf("a", 40), leaf("b", 20))),), "S 规模", "60"),
        ((Node(code="S", name="规模", weight=60, children=(leaf("a", 60),)),), "总分", "60"),
        ((Node(code="S", name="规模", weight=100),), "S", "评分方法"),
        (
            (Node(code="S", name="规模", weight=100, method=Method.MIN_MAX, children=(leaf("a", 100),)),),
            "S",
            "不能设置评分方法",
        ),
        ((Node(code="S", name="规模", weight=100, children=(leaf("a", 50), leaf("a", 50))),), "a", "重复"),
        (
            (Node(code="S", name="规模", weight=100, children=(leaf("a", -1), leaf("b", 101))),),
            "a",
            "不小于 0",
        ),
        (
            (
                Node(
                    code="S",
                    name="规模",
                    weight=100,
                    children=(
                        Node(code="z", name="z分", weight=100, method=Method.Z_SCORE, params={"span": -1}),
                    ),
                ),
            ),
            "z",
            "span",
        ),
    ],
)
def test_wrong_scheme_names_the_node(categories: tuple[Node, ...], field: str, words: str) -> None:
    with pytest.raises(DomainError) as caught:
        scheme_build(name="总分", total=100, categories=categories)
    assert field in caught.value.fields, caught.value.fields
    assert words in caught.value.message


def test_wrong_weight_message_is_chinese_and_names_the_node() -> None:
    categories = (Node(code="S", name="规模", weight=70, children=(leaf("a", 40), leaf("b", 20))),)
    with pytest.raises(DomainError) as caught:
        scheme_build(name="总分", total=70, categories=categories)
    assert caught.value.message == "S 规模 下的权重合计为 60，应为 70。"


def test_adjustments_are_checked() -> None:
    categories = (Node(code="S", name="规模", weight=100, children=(leaf("a", 100),)),)
    bad_category = Adjustment("d", "环保扣分", AdjustmentKind.DEDUCTION, per_event=2, cap=10, category="E")
    with pytest.raises(DomainError) as caught:
        scheme_build(name="总分", total=100, categories=categories, adjustments=(bad_category,))
    assert "d" in caught.value.fields
    negative = Adjustment("d", "环保扣分", AdjustmentKind.DEDUCTION, per_event=-2, cap=10)
    with pytest.raises(DomainError):
        scheme_build(name="总分", total=100, categories=categories, adjustments=(negative,))


# No deadline: a busy machine is slow, not wrong (speed is the benchmark's).
@settings(deadline=None)
@given(
    weights=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=6),
    parent=st.integers(1, 200),
)
def test_weights_validated(weights: list[int], parent: int) -> None:
    # given children whose points sum to the parent's, or not
    categories = (
        Node(
            code="S",
            name="规模",
            weight=parent,
            children=tuple(leaf(f"i{n}", w) for n, w in enumerate(weights)),
        ),
    )
    # when / then: the scheme is built exactly when they do
    if sum(weights) == parent:
        scheme = scheme_build(name="总分", total=parent, categories=categories)
        assert sum(lf.full for lf in scheme.leaves) == parent
    else:
        with pytest.raises(DomainError) as caught:
            scheme_build(name="总分", total=parent, categories=categories)
        assert "S 规模" in caught.value.fields
