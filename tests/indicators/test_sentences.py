"""Report sentences (报告用语): the official wording from the data."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from duban.indicators.ranking import RankBy
from duban.indicators.sentences import (
    Standing,
    SummaryCounts,
    chinese_ordinal,
    format_number,
    headline_sentence,
    rank_sentence,
    summary_counts,
    summary_sentence,
    value_sentence,
)


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        ("149.75", None, "149.75"),
        ("149.7500", None, "149.75"),  # a database's padding dropped
        ("149.70", None, "149.7"),
        ("100.00", None, "100"),
        ("1E+2", None, "100"),  # never exponent notation
        ("0.0005", None, "0.0005"),
        ("-3.20", None, "-3.2"),
        ("10", 1, "10.0"),
        ("9.65", 1, "9.7"),
    ],
)
def test_format_number(value: str, places: int | None, text: str) -> None:
    assert format_number(Decimal(value), places) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "第一"),
        (9, "第九"),
        (10, "第十"),
        (11, "第十一"),
        (15, "第十五"),
        (20, "第二十"),
        (21, "第二十一"),
        (100, "第一百"),
        (101, "第一百零一"),
        (110, "第一百一十"),
        (1005, "第一千零五"),
        (1010, "第一千零一十"),
        (10000, "第一万"),
        (10020, "第一万零二十"),
        (120000, "第十二万"),
    ],
)
def test_chinese_ordinal(n: int, text: str) -> None:
    assert chinese_ordinal(n) == text


@pytest.mark.parametrize("n", [0, -1])
def test_no_ordinal_below_one(n: int) -> None:
    with pytest.raises(ValueError, match="ordinal"):
        chinese_ordinal(n)


@pytest.mark.parametrize(
    ("name", "value", "unit", "growth", "text"),
    [
        ("地区生产总值", "149.75", "亿元", "9.7", "地区生产总值149.75亿元，比增9.7%"),
        ("地区生产总值", "149.7500", "亿元", "9.70", "地区生产总值149.75亿元，比增9.7%"),
        ("规模以上工业增加值", "60.2", "亿元", "-3.2", "规模以上工业增加值60.2亿元，下降3.2%"),
        ("一般公共预算收入", "8", "亿元", "10", "一般公共预算收入8亿元，比增10.0%"),
        ("社会消费品零售总额", "30.1", "亿元", "0.04", "社会消费品零售总额30.1亿元，与上年同期持平"),
        ("城镇化率", "61.5", "%", None, "城镇化率61.5%"),
    ],
)
def test_value_sentence(name: str, value: str, unit: str, growth: str | None, text: str) -> None:
    got = value_sentence(
        name=name, value=Decimal(value), unit=unit, growth=None if growth is None else Decimal(growth)
    )
    assert got == text


@pytest.mark.parametrize(
    ("position", "scope", "by", "text"),
    [
        (1, "全市", RankBy.GROWTH, "增幅排名全市第一"),
        (2, "全市", RankBy.VALUE, "总量排名全市第二"),
        (15, "全省", RankBy.GROWTH, "增幅排名全省第十五"),
        (21, "全省", RankBy.GROWTH, "增幅排名全省第二十一"),
    ],
)
def test_rank_sentence(position: int, scope: str, by: RankBy, text: str) -> None:
    assert rank_sentence(position=position, scope=scope, by=by) == text


def test_a_shared_rank_reads_bingli() -> None:
    assert rank_sentence(position=2, scope="全市", tied=True) == "增幅并列全市第二"


def test_headline_sentence() -> None:
    text = value_sentence(name="地区生产总值", value=Decimal("149.7500"), unit="亿元", growth=Decimal("9.7"))
    assert headline_sentence(phrase="上半年", text=text) == "上半年，全区实现地区生产总值149.75亿元，比增9.7%"


def seed_standings() -> list[Standing]:
    """Nine indicators as seed-004's half-year: 4 first, 6 in the top three, 8 above target."""
    ranks = [1, 1, 1, 1, 2, 3, 4, 5, None]
    growth = [Decimal("9.7")] * 8 + [Decimal("2.0")]
    target = [Decimal("8.5")] * 8 + [Decimal("7.0")]
    return [
        Standing(growth_rank=r, growth=g, growth_target=t)
        for r, g, t in zip(ranks, growth, target, strict=True)
    ]


def test_summary_of_the_seed_half_year() -> None:
    counts = summary_counts(seed_standings())
    assert counts == SummaryCounts(total=9, first=4, top=6, above_target=8)
    assert summary_sentence(counts, scope="全市") == (
        "9项主要经济指标中，4个指标增幅排名全市第一，6项指标进入全市前三，8项指标增幅高于年度目标"
    )


def test_summary_names_the_indicators_ranked_first() -> None:
    # given the seed's nine indicators with names (seed-004: the four ranked first named)
    names = [
        "地区生产总值",
        "第三产业增加值",
        "一般公共预算总收入",
        "一般公共预算收入",
        *(f"指标{i}" for i in range(5)),
    ]
    standings = [replace(s, name=n) for s, n in zip(seed_standings(), names, strict=True)]
    # when
    counts = summary_counts(standings)
    # then the sentence reads as the seed wrote it
    assert counts.first_names == tuple(names[:4])
    assert summary_sentence(counts, scope="全市") == (
        "9项主要经济指标中，地区生产总值、第三产业增加值、一般公共预算总收入、一般公共预算收入4个指标增幅排名全市第一，"
        "6项指标进入全市前三，8项指标增幅高于年度目标"
    )


def test_summary_names_none_when_a_name_is_missing() -> None:
    standings = [Standing(1, Decimal(9), None, name="地区生产总值"), Standing(1, Decimal(9), None)]
    assert summary_counts(standings).first_names == ()


@pytest.mark.parametrize(
    ("counts", "text"),
    [
        (SummaryCounts(9, 0, 2, 5), "9项主要经济指标中，2项指标进入全省前三，5项指标增幅高于年度目标"),
        (SummaryCounts(9, 0, 0, 5), "9项主要经济指标中，5项指标增幅高于年度目标"),
        (SummaryCounts(9, 1, 1, 0), "9项主要经济指标中，1个指标增幅排名全省第一，1项指标进入全省前三"),
        (SummaryCounts(9, 0, 0, 0), "9项主要经济指标中，暂无指标进入全省前三"),
    ],
)
def test_summary_leaves_out_zero_clauses(counts: SummaryCounts, text: str) -> None:
    assert summary_sentence(counts, scope="全省") == text


def test_summary_counts_ignore_missing_figures() -> None:
    standings = [
        Standing(growth_rank=None, growth=None, growth_target=Decimal("8")),
        Standing(growth_rank=3, growth=Decimal("8"), growth_target=Decimal("8")),  # equal is not above
        Standing(growth_rank=4, growth=Decimal("9"), growth_target=None),
    ]
    assert summary_counts(standings) == SummaryCounts(total=3, first=0, top=1, above_target=0)
    assert summary_counts(standings, top=5).top == 2
    assert (
        summary_sentence(summary_counts(standings, top=5), scope="全市", top=5)
        == "3项主要经济指标中，2项指标进入全市前五"
    )
