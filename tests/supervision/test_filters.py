"""The one ledger filter parser: query strings → ItemFilters, presets on a fixed day, errors by parameter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import QueryDict

from duban.supervision.filters import (
    OPEN_STATE_VALUES,
    FilterError,
    ItemFilters,
    Preset,
    SortKey,
    parse_item_filters,
)

WEDNESDAY = dt.date(2019, 7, 31)
SUNDAY = dt.date(2019, 8, 4)


def _parse(query: str, today: dt.date = WEDNESDAY) -> ItemFilters:
    return parse_item_filters(QueryDict(query), today=today)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {}),
        ("unit=&leader=&state=&q=+", {}),  # a form's "any" sends empty values
        ("state=assigned&state=in_progress", {"states": ("assigned", "in_progress")}),
        ("state=assigned&state=assigned", {"states": ("assigned",)}),
        ("unit=3&unit=7&leader=2&source=9", {"units": (3, 7), "leaders": (2,), "sources": (9,)}),
        ("light=red&light=orange", {"lights": ("red", "orange")}),
        (
            "deadline_from=2019-08-01&deadline_to=2019-08-31",
            {"deadline_from": dt.date(2019, 8, 1), "deadline_to": dt.date(2019, 8, 31)},
        ),
        ("q=+污水处理+&tag=营商环境", {"q": "污水处理", "tag": "营商环境"}),
        ("overdue=1&roots=on", {"overdue_only": True, "roots_only": True}),
        ("overdue=0", {}),
        ("sort=deadline", {"sort": SortKey.DEADLINE}),
        ("sort=-light", {"sort": SortKey.LIGHT, "descending": True}),
        ("sort=unit", {"sort": SortKey.UNIT}),
        ("sort=-number", {"descending": True}),
        ("size=200&page=3", {"page_size": 200, "page": 3}),
        ("preset=mine", {"preset": Preset.MINE, "states": OPEN_STATE_VALUES}),
        ("preset=mine&state=assigned", {"preset": Preset.MINE, "states": ("assigned",)}),
        ("preset=overdue", {"preset": Preset.OVERDUE, "overdue_only": True}),
        (
            "preset=due_week",
            {
                "preset": Preset.DUE_WEEK,
                "states": OPEN_STATE_VALUES,
                "deadline_from": WEDNESDAY,
                "deadline_to": SUNDAY,
            },
        ),
        (
            "preset=due_week&deadline_to=2019-08-02",
            {
                "preset": Preset.DUE_WEEK,
                "states": OPEN_STATE_VALUES,
                "deadline_from": WEDNESDAY,
                "deadline_to": dt.date(2019, 8, 2),
            },
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_query_strings_give_typed_filters(query: str, expected: dict[str, Any]) -> None:
    assert _parse(query) == ItemFilters(**expected)


def test_five_open_states_are_the_workflows_open_states() -> None:
    assert OPEN_STATE_VALUES == (
        "assigned",
        "acknowledged",
        "in_progress",
        "extension_requested",
        "completion_requested",
    )


@pytest.mark.parametrize(
    ("today", "sunday"),
    [
        (dt.date(2019, 7, 29), dt.date(2019, 8, 4)),  # Monday
        (dt.date(2019, 8, 4), dt.date(2019, 8, 4)),  # Sunday: the week ends today
        (dt.date(2019, 9, 29), dt.date(2019, 9, 29)),  # a working Sunday (调休) still ends the calendar week
        (dt.date(2019, 12, 31), dt.date(2020, 1, 5)),  # across the new year
    ],
)
def test_due_this_week_runs_from_today_to_sunday(today: dt.date, sunday: dt.date) -> None:
    filters = _parse("preset=due_week", today)
    assert (filters.deadline_from, filters.deadline_to) == (today, sunday)


@pytest.mark.parametrize(
    ("query", "param", "needle"),
    [
        ("unit=x", "unit", "“x”"),
        ("unit=-3", "unit", "“-3”"),
        ("leader=１", "leader", "“１”"),  # a full-width digit is not an id
        ("source=3&source=a", "source", "“a”"),
        ("state=open", "state", "“open”"),
        ("light=purple", "light", "“purple”"),
        ("deadline_from=2019-13-45", "deadline_from", "“2019-13-45”"),
        ("deadline_from=2019-09-01&deadline_to=2019-08-01", "deadline_to", "deadline_to"),
        ("q=" + "字" * 101, "q", "100"),
        ("overdue=maybe", "overdue", "“maybe”"),
        ("preset=everything", "preset", "“everything”"),
        ("sort=title", "sort", "“title”"),
        ("size=30", "size", "20, 50, 100, 200"),
        ("page=0", "page", "“0”"),
        # beyond a 64-bit column (SQLite raised OverflowError), and too many digits for int()
        ("unit=18446744073709551616", "unit", "“18446744073709551616”"),
        ("leader=9223372036854775808", "leader", "“9223372036854775808”"),
        ("source=" + "9" * 5000, "source", "“999"),
        ("page=18446744073709551616", "page", "“18446744073709551616”"),
        # text no database can store (PostgreSQL refuses NUL)
        ("q=a%00b", "q", "U+0000"),
        ("tag=a%00b", "tag", "U+0000"),
    ],
)
def test_unreadable_values_are_refused_naming_the_parameter(query: str, param: str, needle: str) -> None:
    with pytest.raises(FilterError) as caught:
        _parse(query)
    assert list(caught.value.fields) == [param]
    assert needle in caught.value.fields[param]
    assert f"({param})" in caught.value.message or f"（{param}）" in caught.value.message


def test_the_largest_ids_are_read() -> None:
    assert _parse("unit=9223372036854775807").units == (9223372036854775807,)


def test_every_unreadable_parameter_is_named_at_once() -> None:
    with pytest.raises(FilterError) as caught:
        _parse("unit=x&state=open&size=7")
    assert set(caught.value.fields) == {"unit", "state", "size"}


def test_refusals_read_in_chinese() -> None:
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(FilterError) as caught:
        _parse("unit=x")
    assert caught.value.message == "单位（unit）：“x”不是有效的编号。"


@pytest.mark.parametrize(
    ("sort", "param", "in_ledger_order"),
    [("", "number", True), ("-number", "-number", False), ("deadline", "deadline", False)],
)
def test_sort_param_round_trips(sort: str, param: str, in_ledger_order: bool) -> None:
    filters = _parse(f"sort={sort}")
    assert filters.sort_param == param
    assert filters.in_ledger_order is in_ledger_order
    assert _parse(f"sort={filters.sort_param}") == filters
