"""Corpus-driven time tests (Duckling style): one full-span parse per text."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from duban_extract.explain import explain_times, fired_rules
from duban_extract.timex import find_times
from duban_extract.timex.rules import RULES, TRIGGERS, rule_names

CORPUS: dict[str, Any] = yaml.safe_load(
    (Path(__file__).with_name("corpus_zh.yaml")).read_text(encoding="utf-8")
)
CASES = [
    (
        str(text),
        date.fromisoformat(str(group["ref"])),
        str(group["value"]),
        [str(a) for a in group.get("alt", [])],
    )
    for group in CORPUS["groups"]
    for text in group["texts"]
]


@pytest.mark.parametrize(("text", "ref", "value", "alt"), CASES, ids=[c[0] for c in CASES])
def test_corpus_text_gives_one_full_span_parse(text: str, ref: date, value: str, alt: list[str]) -> None:
    # when
    mentions = find_times(text, ref)
    # then
    assert len(mentions) == 1, explain_times(text, ref)
    mention = mentions[0]
    assert (mention.span.start, mention.span.end) == (0, len(text)), explain_times(text, ref)
    rendered = mention.value.renders()
    assert value in rendered or any(a in rendered for a in alt) or rendered[0] in alt, explain_times(
        text, ref
    )


@pytest.mark.parametrize("text", CORPUS["negative"])
def test_negative_text_gives_nothing(text: str) -> None:
    assert find_times(text, date(2019, 7, 31)) == [], explain_times(text, date(2019, 7, 31))


def test_every_rule_fires_on_some_corpus_text() -> None:
    fired: set[str] = set()
    for text, ref, _, _ in CASES:
        fired |= fired_rules(text, ref)
    assert set(rule_names()) - fired == set()


def test_rule_names_are_unique() -> None:
    names = rule_names()
    assert len(names) == len(set(names)) == len(RULES)


def test_month_before_a_place_name_is_the_month_not_after() -> None:
    # given a place name starting with 后 right after the month
    text = "2021年5月后溪大桥通车"
    # when
    mentions = find_times(text, date(2021, 1, 10))
    # then
    assert [(m.text, m.value.render()) for m in mentions] == [("2021年5月", "2021-05-31")]


def test_month_followed_by_clause_boundary_means_after() -> None:
    mentions = find_times("6月后,全面铺开", date(2021, 1, 10))
    assert [m.value.kind for m in mentions] == ["after"]


def test_relative_words_follow_the_year_spoken_about() -> None:
    # given a 2022 report about 2021
    text = "2021年全县上半年完成投资"
    # when
    values = [m.value.render() for m in find_times(text, date(2022, 1, 20))]
    # then
    assert values == ["2021-01-01/2021-12-31", "2021-01-01/2021-06-30"]


def test_spring_festival_after_this_years_one_means_next_year() -> None:
    mentions = find_times("春节前", date(2019, 7, 31))
    assert mentions[0].value.render() == "2020-01-24"


def test_working_days_outside_the_official_calendar_are_reported() -> None:
    warnings: list[str] = []
    mentions = find_times("5个工作日内", date(2099, 1, 3), warnings=warnings)
    assert mentions == []
    assert warnings and "2099" in warnings[0]


def test_every_match_contains_its_rules_trigger() -> None:
    # A rule skips texts without its trigger characters; on every corpus text (and the negatives)
    # each match of it must contain one, or the skip would lose a reading.
    texts = [c[0] for c in CASES] + [str(t) for t in CORPUS["negative"]]
    missing = [
        (rule.name, match.group(0))
        for rule in RULES
        if rule.trigger
        for text in texts
        for match in rule.pattern.finditer(text)
        if match.group(0) and rule.trigger.isdisjoint(match.group(0))
    ]
    assert missing == []
    assert set(TRIGGERS) <= set(rule_names())


def test_a_list_number_before_a_date_is_not_a_decimal() -> None:
    # given: numbered items in a table cell, after a clause, and at a line start
    text = "| 1.完成方案编制;2.7月9日召开推进会\n3.8月1日-5日开展督查"
    # when
    found = [(m.text, m.value.render()) for m in find_times(text, date(2020, 8, 20))]
    # then
    assert found == [("7月9日", "2020-07-09"), ("8月1日-5日", "2020-08-01/2020-08-05")]


def test_a_decimal_inside_a_sentence_still_blocks_a_date_reading() -> None:
    assert [m.text for m in find_times("增长2.7月9日", date(2020, 8, 20))] == []
