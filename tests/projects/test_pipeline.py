"""The attraction pipeline from tables: counts against ranges, conversion and lead times by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duban.projects.pipeline import (
    LeadFacts,
    TargetFacts,
    TargetState,
    conversion,
    conversions,
    funnel,
    stage_dates_problem,
    target_progress,
)

d = dt.date


def lead(stage: str, *dates: dt.date | None, origin: str = "taiwan", amount: int | None = None) -> LeadFacts:
    padded = (*dates, *([None] * (5 - len(dates))))
    return LeadFacts(
        stage,
        padded,
        origin=origin,
        sector="电子信息",
        amount=Decimal(amount) if amount is not None else None,
    )


LEADS = [
    lead("talks", d(2018, 10, 1), amount=1000),
    lead("signed", d(2018, 9, 1), d(2018, 11, 1), amount=2000),  # 61 days to sign
    lead("landed", d(2018, 8, 1), d(2018, 9, 1), d(2019, 1, 10), amount=3000),  # 31 days
    lead("landed", d(2018, 10, 1), d(2018, 12, 1), d(2019, 1, 25)),  # 61 days
    lead("started", d(2018, 6, 1), d(2018, 8, 1), d(2018, 12, 20), d(2019, 3, 1)),  # 61 days; landed before
    lead("landed", d(2018, 7, 1), d(2018, 9, 30), d(2019, 1, 15), origin="domestic"),  # not Taiwan-funded
]
# seed-000: 2019年春节前将有3—5个台资企业落户 (Spring Festival 2019: 5 February)
SPRING = TargetFacts(d(2018, 11, 1), d(2019, 2, 4), "landed", 3, 5, origin="taiwan")


@pytest.mark.parametrize(
    ("today", "target", "count", "state"),
    [
        # Taiwan-funded leads landed 1 Nov – 4 Feb: 10 Jan, 25 Jan, 20 Dec → 3, within 3—5
        (d(2019, 1, 31), SPRING, 3, TargetState.MET),
        # at least 4: 3 so far, the period open → under way; after it → missed
        (
            d(2019, 1, 31),
            TargetFacts(d(2018, 11, 1), d(2019, 2, 4), "landed", 4, 5, origin="taiwan"),
            3,
            TargetState.UNDER_WAY,
        ),
        (
            d(2019, 2, 5),
            TargetFacts(d(2018, 11, 1), d(2019, 2, 4), "landed", 4, 5, origin="taiwan"),
            3,
            TargetState.MISSED,
        ),
        # any origin, at most 3: 4 landed → exceeded
        (d(2019, 2, 5), TargetFacts(d(2018, 11, 1), d(2019, 2, 4), "landed", 1, 3), 4, TargetState.EXCEEDED),
    ],
)
def test_counts_per_period_against_the_range(
    today: dt.date, target: TargetFacts, count: int, state: TargetState
) -> None:
    progress = target_progress(target, LEADS, today)
    assert (progress.count, progress.state) == (count, state)


def test_range_reads_as_written() -> None:
    assert target_progress(SPRING, LEADS, d(2019, 1, 31)).range_text == "3—5"
    assert target_progress(SPRING, LEADS, d(2019, 1, 31)).days_left == 4


def test_funnel_counts_each_stage_reached() -> None:
    steps = funnel(LEADS)
    assert [(s.stage, s.count) for s in steps] == [
        ("talks", 6),
        ("signed", 5),
        ("landed", 4),
        ("started", 1),
        ("producing", 0),
    ]
    assert steps[0].amount == Decimal(6000)
    assert steps[2].amount == Decimal(3000)


def test_conversion_and_lead_time_between_stages() -> None:
    # talks → signed: 5 of 6 = 83.3 %; days 61, 31, 61, 61, 91 → median 61, mean 305/5 = 61.0
    talks = conversion(LEADS, "talks", "signed")
    assert (talks.entered, talks.converted, talks.rate) == (6, 5, Decimal("83.3"))
    assert (talks.median_days, talks.mean_days) == (61.0, 61.0)
    # landed → started: 1 of 4 = 25 %; 20 Dec → 1 Mar = 71 days
    started = conversion(LEADS, "landed", "started")
    assert (started.converted, started.rate, started.median_days) == (1, Decimal("25.0"), 71.0)
    # started → producing: 0 of 1
    last = conversions(LEADS)[-1]
    assert (last.entered, last.converted, last.rate, last.median_days) == (1, 0, Decimal("0.0"), None)
    assert conversion([], "talks", "signed").rate is None


@pytest.mark.parametrize(
    ("stage", "dates", "ok"),
    [
        ("signed", (d(2019, 1, 1), d(2019, 2, 1), None, None, None), True),
        ("signed", (d(2019, 2, 1), d(2019, 1, 1), None, None, None), False),  # signed before talks
        ("landed", (d(2019, 1, 1), d(2019, 2, 1), None, None, None), False),  # no date for its stage
        ("talks", (None, None, None, None, None), False),
    ],
)
def test_stage_dates(stage: str, dates: tuple[dt.date | None, ...], ok: bool) -> None:
    assert (stage_dates_problem(stage, dates) is None) is ok
