"""Project flags from tables, each figure computed by hand in the comment beside it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duban.projects.schedule import (
    Flag,
    FlagPolicy,
    Gap,
    MilestoneFact,
    ProjectFacts,
    actual_series,
    expected_share,
    flagged,
    investment_gap,
    planned_series,
    profile_problem,
    project_light,
)
from duban.supervision.lights import Colour

D = Decimal
POLICY = FlagPolicy()  # yellow from 10 points behind, red from 25
PROFILE = tuple(D(v) for v in (2, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100))


def facts(**kw: object) -> ProjectFacts:
    base: dict[str, object] = {
        "year": 2019,
        "is_open": True,
        "unstarted": False,
        "annual_plan": D(12000),
        "reporting_start": None,
    }
    base.update(kw)
    return ProjectFacts(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ytd", "month", "profile", "expected", "actual", "points"),
    [
        # June, linear: 6/12 = 50 %; 3,600 of 12,000 = 30 % → 20 points behind
        (D(3600), 6, (), D(50), D(30), D(20)),
        # June, linear: 1,800 of 12,000 = 15 % → 35 points behind
        (D(1800), 6, (), D(50), D(15), D(35)),
        # March, linear: 25 %; 3,600 = 30 % → 5 points ahead
        (D(3600), 3, (), D(25), D(30), D(-5)),
        # June, profile 40 %; 2,400 = 20 % → 20 behind
        (D(2400), 6, PROFILE, D(40), D(20), D(20)),
        # December, linear 100 %; 12,000 → on schedule
        (D(12000), 12, (), D(100), D(100), D(0)),
    ],
)
def test_gap_against_the_time_proportional_plan(
    ytd: Decimal,
    month: int,
    profile: tuple[Decimal, ...],
    expected: Decimal,
    actual: Decimal,
    points: Decimal,
) -> None:
    gap = investment_gap(facts(ytd=ytd, ytd_month=month, profile=profile), dt.date(2019, 7, 10))
    assert gap == Gap(month, expected, actual)
    assert gap.points == points


@pytest.mark.parametrize(
    ("ytd", "flag", "colour"),
    [
        (D(3600), Flag.BEHIND, Colour.YELLOW),  # 20 points behind: ≥ 10, < 25
        (D(1800), Flag.FAR_BEHIND, Colour.RED),  # 35 points behind: ≥ 25
    ],
)
def test_a_project_20_and_35_points_behind(ytd: Decimal, flag: Flag, colour: Colour) -> None:
    light = project_light(facts(ytd=ytd, ytd_month=6), dt.date(2019, 7, 10), POLICY)
    assert light.flags == (flag,)
    assert light.colour == colour
    assert light.since == dt.date(2019, 7, 1)  # June's figure is complete from 1 July


def test_margins_are_configurable() -> None:
    # 20 points behind is on schedule when yellow starts at 25 and red at 40
    light = project_light(
        facts(ytd=D(3600), ytd_month=6),
        dt.date(2019, 7, 10),
        FlagPolicy(behind_margin=25, far_behind_margin=40),
    )
    assert light.flags == ()
    assert light.colour == Colour.GREEN


def test_without_a_report_the_months_ended_count_with_nothing_done() -> None:
    # 10 July 2019: January–June ended, 50 % expected, 0 done → 50 behind
    gap = investment_gap(facts(), dt.date(2019, 7, 10))
    assert gap == Gap(6, D(50), D(0))
    # January of the plan year: no month has ended, nothing to judge
    assert investment_gap(facts(), dt.date(2019, 1, 20)) is None
    # no annual plan: nothing to judge
    assert investment_gap(facts(annual_plan=D(0)), dt.date(2019, 7, 10)) is None


@pytest.mark.parametrize(
    ("today", "flag_raised"),
    [
        (dt.date(2019, 3, 1), False),  # the planned start itself
        (dt.date(2019, 3, 2), True),  # the day after the planned start
        (dt.date(2019, 2, 28), False),
    ],
)
def test_not_started_from_the_day_after_the_planned_start(today: dt.date, flag_raised: bool) -> None:
    project = facts(unstarted=True, planned_start=dt.date(2019, 3, 1), annual_plan=D(0))
    light = project_light(project, today, POLICY)
    assert (Flag.NOT_STARTED in light.flags) is flag_raised
    assert light.colour == (Colour.RED if flag_raised else Colour.GREEN)
    if flag_raised:
        assert light.since == dt.date(2019, 3, 2)


def test_a_started_project_is_not_flagged_not_started() -> None:
    project = facts(unstarted=False, planned_start=dt.date(2019, 3, 1), annual_plan=D(0))
    assert project_light(project, dt.date(2019, 6, 1), POLICY).flags == ()


def test_milestone_overdue_from_the_day_after_its_date_until_done() -> None:
    node = MilestoneFact(due=dt.date(2019, 5, 31), done_on=None)
    assert (
        project_light(facts(annual_plan=D(0), milestones=(node,)), dt.date(2019, 5, 31), POLICY).flags == ()
    )
    late = project_light(facts(annual_plan=D(0), milestones=(node,)), dt.date(2019, 6, 1), POLICY)
    assert late.flags == (Flag.MILESTONE_OVERDUE,)
    assert late.colour == Colour.RED
    done = MilestoneFact(due=dt.date(2019, 5, 31), done_on=dt.date(2019, 6, 3))
    assert project_light(facts(annual_plan=D(0), milestones=(done,)), dt.date(2019, 6, 5), POLICY).flags == ()


@pytest.mark.parametrize(
    ("today", "last_report", "missing_since"),
    [
        # reports due on the 25th: 25 Jan … 25 Apr 2019; 25 May is a Saturday → Monday 27 May
        (dt.date(2019, 5, 27), dt.date(2019, 4, 20), None),  # due today: not yet missed
        (dt.date(2019, 5, 28), dt.date(2019, 4, 20), dt.date(2019, 5, 28)),  # missed 27 May
        (dt.date(2019, 5, 28), dt.date(2019, 4, 26), None),  # made after 25 Apr: answers 27 May
        (dt.date(2019, 3, 1), None, dt.date(2019, 1, 26)),  # never reported: since the first missed date
    ],
)
def test_report_missing_by_the_supervision_rule(
    today: dt.date, last_report: dt.date | None, missing_since: dt.date | None
) -> None:
    project = facts(annual_plan=D(0), reporting_start=dt.date(2019, 1, 1), last_report_on=last_report)
    light = project_light(project, today, POLICY)
    assert (Flag.REPORT_MISSING in light.flags) is (missing_since is not None)
    assert light.since == missing_since
    if missing_since is not None:
        assert light.colour == Colour.YELLOW


def test_presets_colour_alike_with_supervision_items() -> None:
    far = facts(ytd=D(1800), ytd_month=6)
    # by cause: behind is yellow, only overdue (not started) is red
    assert project_light(far, dt.date(2019, 7, 10), FlagPolicy(preset="by_cause")).colour == Colour.YELLOW
    late = facts(unstarted=True, planned_start=dt.date(2019, 3, 1), annual_plan=D(0))
    assert project_light(late, dt.date(2019, 3, 4), FlagPolicy(preset="by_cause")).colour == Colour.RED
    # ladder: blue on the warning's first working days, orange after 5, red after 10
    ladder = FlagPolicy(preset="ladder")
    assert project_light(late, dt.date(2019, 3, 4), ladder).colour == Colour.BLUE  # 1 working day
    assert project_light(late, dt.date(2019, 3, 11), ladder).colour == Colour.ORANGE  # 6 working days
    assert project_light(late, dt.date(2019, 3, 18), ladder).colour == Colour.RED  # 11 working days


def test_closed_projects_carry_no_flag() -> None:
    done = facts(is_open=False, ytd=D(0), ytd_month=6, unstarted=True, planned_start=dt.date(2019, 1, 1))
    light = project_light(done, dt.date(2019, 7, 10), POLICY)
    assert light.colour == Colour.NONE
    assert light.flags == ()


def test_series_for_the_chart() -> None:
    assert planned_series(D(1200))[:3] == [D("100.00"), D("200.00"), D("300.00")]
    assert planned_series(D(1000), PROFILE)[5] == D("400.00")
    assert actual_series({1: D(80), 3: D(310)}, through=4) == [D(80), None, D(310), None]
    assert expected_share(0) == 0


@pytest.mark.parametrize(
    ("profile", "ok"),
    [
        ([], True),
        (list(PROFILE), True),
        ([10] * 12, False),  # does not reach 100
        ([50, 40, *([100] * 10)], False),  # falls
        ([10, 100], False),  # not twelve
        (["x"] * 12, False),
    ],
)
def test_profile_check(profile: list[object], ok: bool) -> None:
    assert (profile_problem(profile) is None) is ok


def test_behind_filter_matches_both_margins() -> None:
    assert flagged([Flag.FAR_BEHIND], "behind")
    assert flagged([Flag.BEHIND], "behind")
    assert not flagged([Flag.BEHIND], "far_behind")
    assert flagged([Flag.NOT_STARTED], "not_started")
