"""Indicator statements (指标表述), on statistical sentences written for these tests."""

from __future__ import annotations

from datetime import date

from duban_extract import extract
from duban_extract.types import IndicatorStatement

REF = date(2024, 3, 15)


def _read(text: str, ref: date = REF) -> list[IndicatorStatement]:
    return list(extract(text, ref_date=ref).indicators)


def _by_name(text: str, ref: date = REF) -> dict[str, IndicatorStatement]:
    return {i.name: i for i in _read(text, ref)}


def test_value_growth_and_rank_of_one_statement() -> None:
    found = _by_name(
        "前三季度,全县实现地区生产总值86.42亿元,同比增长6.3%,增幅居全市第2位。\n", date(2023, 10, 20)
    )
    gdp = found["地区生产总值"]
    assert (gdp.value, gdp.unit, gdp.growth_pct) == (86.42, "亿元", 6.3)
    assert (gdp.rank, gdp.rank_scope, gdp.rank_of) == (2, "全市", "增幅")
    assert gdp.period is not None and gdp.period.render() == "2023-01-01/2023-09-30"


def test_bulletin_style_name_and_value_without_a_verb() -> None:
    found = _by_name("2023年,全县社会消费品零售总额58.7亿元,比上年增长4.1%;城镇登记失业率2.9%。\n")
    assert (found["社会消费品零售总额"].value, found["社会消费品零售总额"].growth_pct) == (58.7, 4.1)
    assert (found["城镇登记失业率"].value, found["城镇登记失业率"].unit) == (2.9, "%")


def test_growth_only_statements_keep_their_sign() -> None:
    found = _by_name("1—11月,全区工业投资增长12.5%,民间投资下降3.2%,技改投资回落1.5%。\n")
    assert found["工业投资"].growth_pct == 12.5
    assert found["民间投资"].growth_pct == -3.2
    assert found["技改投资"].growth_pct == -1.5
    assert all(i.value is None for i in found.values())


def test_respectively_lists_pair_names_and_values_and_share_the_head() -> None:
    found = _by_name("2023年,全市文化、体育投资分别增长15.2%、8.6%。\n")
    assert found["文化投资"].growth_pct == 15.2
    assert found["体育投资"].growth_pct == 8.6


def test_a_growth_with_no_name_of_its_own_belongs_to_the_indicator_before() -> None:
    found = _read("2023年,全县一般公共预算收入12.3亿元,增长7.5%,总量居全市第1位。\n")
    assert len(found) == 1
    assert (found[0].growth_pct, found[0].rank, found[0].rank_of) == (7.5, 1, "总量")


def test_a_later_period_repeats_the_indicator_before() -> None:
    found = _read("2023年,全县固定资产投资同比增长5.1%。其中,12月份增长2.4%。\n")
    assert [(i.name, i.growth_pct) for i in found] == [("固定资产投资", 5.1), ("固定资产投资", 2.4)]
    assert found[1].period is not None and found[1].period.render() == "2023-12-01/2023-12-31"


def test_counted_noun_joins_the_name_and_a_base_count_is_no_indicator() -> None:
    found = _by_name("截至目前,督查发现问题48个,已完成整改45个,整改完成率93.8%。\n")
    assert found["督查发现问题"].value == 48
    assert found["完成整改"].value == 45
    assert found["整改完成率"].value == 93.8
    found = _by_name("截至11月底,全市320个重点项目开工298个,完成投资412.6亿元。\n")
    assert "重点项目开工" in found and found["重点项目开工"].value == 298
    assert 320 not in [i.value for i in found.values()]


def test_targets_and_plans_are_not_indicators() -> None:
    text = (
        "到2026年,全县新增城镇就业岗位1.2万个,建成口袋公园20个。\n"
        "力争引进亿元以上项目不少于15个。\n"
        "计划新建农贸市场6个,项目建成后年可实现营业收入3亿元。\n"
        "2024年,全县将力争一般公共预算收入增长5%以上,新开工项目不少于20个。\n"
    )
    assert _read(text) == []


def test_a_planned_amount_names_the_achieved_one_after_it() -> None:
    found = _read("截至10月底,我县计划新建15个村级卫生室,现已建成12个。\n")
    assert [(i.name, i.value) for i in found] == [("新建村级卫生室", 12)]


def test_notes_and_breakdowns_are_not_indicators_of_their_own() -> None:
    text = (
        "截至9月底,全市改造老旧小区126个、总投资8.4亿元,完成进度为85%。\n"
        "截至9月底,新建绿道36公里,其中城东片区20公里、城西片区16公里。\n"
        "截至9月底,累计完成投资21.5亿元,占全年计划的78%。\n"
    )
    names = [(i.name, i.value) for i in _read(text)]
    assert ("改造老旧小区", 126) in names
    assert ("新建绿道", 36) in names
    assert ("完成投资", 21.5) in names
    assert all(value not in (8.4, 85, 20, 16, 78) for _, value in names)


def test_rank_lists() -> None:
    found = _by_name(
        "上半年,全区地区生产总值、工业增加值、税收收入3个指标增幅排名全市第一。\n", date(2023, 7, 20)
    )
    assert [(n, i.rank, i.rank_scope) for n, i in found.items()] == [
        ("地区生产总值", 1, "全市"),
        ("工业增加值", 1, "全市"),
        ("税收收入", 1, "全市"),
    ]


def test_unit_with_a_classifier_after_the_multiplier() -> None:
    found = _by_name("2023年,全县肉牛出栏12.6万头。\n")
    assert (found["肉牛出栏"].value, found["肉牛出栏"].unit) == (12.6, "万头")


def test_the_amount_reached_replaces_the_amount_planned_before_it() -> None:
    found = _read("截至9月底,全县新增公办学位4200个,已完成3100个。\n")
    assert [(i.name, i.value) for i in found] == [("新增公办学位", 3100)]


def test_a_counted_noun_stops_where_its_predicate_begins() -> None:
    found = _read("截至目前,全县36个重点项目均已开工建设。\n")
    assert [(i.name, i.value) for i in found] == [("重点项目", 36)]


def test_a_progress_report_lead_makes_every_paragraph_report_figures_reached() -> None:
    text = (
        "全县民生实事进展情况\n截至9月底,全县民生实事项目已完成年度目标的80%。\n"
        "在交通方面,新开通公交线路6条,改造公交站台90个。\n"
    )
    assert [(i.name, i.value) for i in _read(text)] == [("新开通公交线路", 6), ("改造公交站台", 90)]
    # The same paragraph in a plan, without the report lead, states targets.
    assert _read("在交通方面,新开通公交线路6条,改造公交站台90个。\n") == []


def test_overfulfilled_amounts_take_the_planned_name_and_durations_are_no_indicators() -> None:
    text = (
        "截至10月底,我县计划改造农村公路120公里,现已超额完成135公里;"
        "计划新建村级文化广场40个,已超额完成46个文化广场。通过6个月的集中攻坚,进度明显加快。\n"
    )
    found = [(i.name, i.value, i.unit) for i in _read(text)]
    assert found == [("改造农村公路", 135, "公里"), ("新建村级文化广场", 46, "个")]
