"""Parsing the ledger sheet's cells (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.reports.sheet_format import number_text, parse_date

DAY = dt.date(2019, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "2019-12-31",
        "2019年12月31日",
        "2019/12/31",
        "2019.12.31",
        " 2019年12月31日前 ",
        "2019-12-31 ",
        dt.datetime(2019, 12, 31, 0, 0),  # noqa: DTZ001 - Excel cells hold naive datetimes
        DAY,
        43830,
    ],
)
def test_dates(text) -> None:
    assert parse_date(text) == DAY


@pytest.mark.parametrize("text", ["下月", "2019-02-30", "12/31", "年底前", "2019"])
def test_bad_dates(text) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_empty_date() -> None:
    assert parse_date(None) is None
    assert parse_date("  ") is None


@pytest.mark.parametrize(
    ("value", "text"), [(1, "1"), (1.0, "1"), (1.2, "1.2"), ("1.2.3", "1.2.3"), (None, "")]
)
def test_number_text(value, text) -> None:
    assert number_text(value) == text
