"""The year a document reports on (报告年度): relative words are read against it."""

from __future__ import annotations

from datetime import date

import pytest

from duban_extract.clean import clean_document
from duban_extract.pipeline import extract_document
from duban_extract.timex import find_times, subject_year


@pytest.mark.parametrize(
    ("title", "lead", "ref", "expected"),
    [
        ("城东区2021年重点工作上半年完成情况通报", "", date(2022, 1, 10), 2021),
        ("", "2023年是全面推进的开局之年,全县经济稳中有进。", date(2024, 4, 1), 2023),
        ("城东区二〇二三年国民经济和社会发展统计公报", "", date(2024, 3, 20), 2023),
        ("城东区2023年度考核结果", "", date(2023, 12, 1), 2023),
        # A date in the lead is an event, not the year reported on.
        ("", "2022年9月16日至10月18日,区委巡察组进行了巡察。", date(2023, 5, 4), None),
        # A later year is a plan's horizon; a range is a plan period.
        ("城东区2025年目标任务", "", date(2023, 3, 1), None),
        ("城东区就业行动方案(2023—2025年)", "", date(2023, 3, 1), None),
        # Too far back to be the year reported on.
        ("2019年工作回顾", "", date(2023, 3, 1), None),
        ("城东区召开项目推进会", "会议要求,上半年完成投资5亿元。", date(2023, 3, 1), None),
    ],
)
def test_subject_year_comes_from_title_or_lead(
    title: str, lead: str, ref: date, expected: int | None
) -> None:
    assert subject_year(title, lead, ref) == expected


def test_relative_words_follow_the_subject_year_in_paragraphs_without_a_year() -> None:
    # given: a January report on the previous year
    text = "上半年,全市完成投资52亿元。\n今年全年完成投资110亿元。"
    # when
    values = [(m.text, m.value.render()) for m in find_times(text, date(2022, 1, 10), subject=2021)]
    # then
    assert values == [
        ("上半年", "2021-01-01/2021-06-30"),
        ("今年全年", "2021-01-01/2021-12-31"),
    ]


def test_the_extraction_says_which_year_it_used() -> None:
    # given
    text = "城东区2021年重点工作完成情况通报\n一、主要指标\n上半年,全区完成地区生产总值80亿元。"
    # when
    result = extract_document(clean_document(text), ref_date=date(2022, 1, 10))
    # then
    assert result.subject_year == 2021
    assert [m.value.render() for m in result.times if m.text == "上半年"] == ["2021-01-01/2021-06-30"]


def test_without_a_subject_year_the_reference_year_is_used() -> None:
    result = extract_document(
        clean_document("城东区召开项目推进会\n会议要求,上半年完成投资5亿元。"), ref_date=date(2023, 3, 1)
    )
    assert result.subject_year == 2023
