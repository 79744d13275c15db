"""lights: conditions, trajectory (序时进度) and colours on the official calendar — pure, no DB.

Dates are pinned around Spring Festival 2019 (holidays 02-04..02-10; Saturday
02-02 and Sunday 02-03 worked) and National Day 2019 (10-01..10-07; Sunday
09-29 and Saturday 10-12 worked), where working days and calendar days differ.
"""

from __future__ import annotations

import datetime as dt

import pytest

from duban.supervision.lights import (
    Colour,
    Condition,
    ItemFacts,
    LightPolicy,
    MilestoneFact,
    calendar_unknown_message,
    compute_light,
    conditions,
    expected_progress,
    unknown_years,
)

D = dt.date.fromisoformat
TRAFFIC = LightPolicy("traffic")
BY_CAUSE = LightPolicy("by_cause")
LADDER = LightPolicy("ladder", escalate_days=5)
C = Condition


def facts(
    start: str | None,
    deadline: str | None,
    progress: int = 0,
    *,
    milestones: tuple[MilestoneFact, ...] = (),
    missed: str | None = None,
    is_open: bool = True,
) -> ItemFacts:
    return ItemFacts(
        is_open=is_open,
        start=D(start) if start else None,
        deadline=D(deadline) if deadline else None,
        progress=progress,
        milestones=milestones,
        missed_report_since=D(missed) if missed else None,
    )


def ms(due: str, percent: int | None = None, done: str | None = None) -> MilestoneFact:
    return MilestoneFact(D(due), percent, D(done) if done else None)


# (id, facts, today, expected progress)
TRAJECTORY = [
    # 12 working days from Fri 01-25 to Fri 02-15 (two worked weekend days, a week of holiday).
    ("sf-elapsed-before-holiday", facts("2019-01-25", "2019-02-15"), "2019-02-01", 42),  # 5/12
    ("sf-worked-saturday-counts", facts("2019-01-25", "2019-02-15"), "2019-02-02", 50),  # 6/12
    ("sf-holiday-adds-nothing", facts("2019-01-25", "2019-02-15"), "2019-02-04", 58),  # 7/12
    ("sf-holiday-end", facts("2019-01-25", "2019-02-15"), "2019-02-10", 58),  # 7/12
    ("sf-after-holiday", facts("2019-01-25", "2019-02-15"), "2019-02-11", 67),  # 8/12
    ("before-start", facts("2019-01-25", "2019-02-15"), "2019-01-20", 0),
    ("past-deadline", facts("2019-01-25", "2019-02-15"), "2019-03-01", 100),
    ("no-start", facts(None, "2019-02-15"), "2019-02-01", None),
    # Milestone 50% on 09-30; 19 working days in (09-30, 10-31]; on 10-08 one of them has passed.
    (
        "nd-milestone-segment",
        facts("2019-09-02", "2019-10-31", milestones=(ms("2019-09-30", 50),)),
        "2019-10-08",
        53,
    ),
    (
        "nd-milestone-holiday",
        facts("2019-09-02", "2019-10-31", milestones=(ms("2019-09-30", 50),)),
        "2019-10-07",
        50,
    ),
    (
        "milestone-exactly",
        facts("2019-09-02", "2019-10-31", milestones=(ms("2019-09-30", 50),)),
        "2019-09-30",
        50,
    ),
    # Linear: (09-02, 10-08] has 21 working days (Mid-Autumn 09-13 off, Sunday 09-29 worked, then 10-08)
    # of the 39 in (09-02, 10-31]: round(100 * 21 / 39) = 54.
    (
        "milestone-without-percent-ignored",
        facts("2019-09-02", "2019-10-31", milestones=(ms("2019-09-30"),)),
        "2019-10-08",
        54,
    ),
]


@pytest.mark.parametrize(("case", "given", "today", "expected"), TRAJECTORY, ids=[t[0] for t in TRAJECTORY])
def test_expected_progress(case: str, given: ItemFacts, today: str, expected: int | None) -> None:
    assert expected_progress(given, D(today)) == expected


# (id, facts, today, conditions)
CONDITIONS = [
    # 02-01 → 02-11 is 10 calendar days but 3 working days (02-02, 02-03, 02-11): near.
    ("sf-near-by-working-days", facts(None, "2019-02-11"), "2019-02-01", [C.DEADLINE_NEAR]),
    ("sf-not-near-yet", facts(None, "2019-02-11"), "2019-01-31", []),
    ("sf-overdue-on-worked-sunday", facts(None, "2019-02-02"), "2019-02-03", [C.OVERDUE]),
    ("due-today-is-near-not-overdue", facts(None, "2019-02-11"), "2019-02-11", [C.DEADLINE_NEAR]),
    # 09-27 → 10-08: 09-29 (worked), 09-30, 10-08 = 3 working days.
    ("nd-near", facts(None, "2019-10-08"), "2019-09-27", [C.DEADLINE_NEAR]),
    ("nd-not-near", facts(None, "2019-10-08"), "2019-09-26", []),
    ("behind", facts("2019-01-25", "2019-02-15", progress=45), "2019-02-11", [C.BEHIND]),  # 67 expected
    ("far-behind", facts("2019-01-25", "2019-02-15", progress=40), "2019-02-11", [C.FAR_BEHIND]),
    ("on-trajectory", facts("2019-01-25", "2019-02-15", progress=60), "2019-02-11", []),
    (
        "milestone-missed",
        facts(None, "2019-12-31", milestones=(ms("2019-01-31"),)),
        "2019-02-11",
        [C.MILESTONE_MISSED],
    ),
    (
        "milestone-done",
        facts(None, "2019-12-31", milestones=(ms("2019-01-31", done="2019-01-30"),)),
        "2019-02-11",
        [],
    ),
    ("report-missed", facts(None, "2019-12-31", missed="2019-02-12"), "2019-02-15", [C.REPORT_MISSED]),
    ("calendar-unknown", facts(None, "2027-03-31"), "2026-12-20", [C.CALENDAR_UNKNOWN]),
    (
        "calendar-unknown-and-near",
        facts(None, "2027-01-06"),
        "2027-01-05",
        [C.CALENDAR_UNKNOWN, C.DEADLINE_NEAR],
    ),
]


@pytest.mark.parametrize(("case", "given", "today", "expected"), CONDITIONS, ids=[t[0] for t in CONDITIONS])
def test_conditions(case: str, given: ItemFacts, today: str, expected: list[Condition]) -> None:
    found, _since = conditions(given, D(today), TRAFFIC)
    assert found == expected


# (id, facts, today, traffic, by_cause)
COLOURS = [
    ("green", facts("2019-01-25", "2019-12-31", progress=10), "2019-02-11", Colour.GREEN, Colour.GREEN),
    ("near", facts(None, "2019-02-11"), "2019-02-01", Colour.YELLOW, Colour.BLUE),
    ("behind", facts("2019-01-25", "2019-02-15", progress=45), "2019-02-11", Colour.YELLOW, Colour.YELLOW),
    (
        "near-and-behind",
        facts("2019-01-25", "2019-02-15", progress=45),
        "2019-02-12",
        Colour.RED,
        Colour.YELLOW,
    ),
    ("far-behind", facts("2019-01-25", "2019-02-15", progress=40), "2019-02-11", Colour.RED, Colour.YELLOW),
    ("overdue", facts(None, "2019-09-30"), "2019-10-08", Colour.RED, Colour.RED),
    (
        "milestone-missed",
        facts(None, "2019-12-31", milestones=(ms("2019-01-31"),)),
        "2019-02-11",
        Colour.RED,
        Colour.YELLOW,
    ),
    (
        "report-missed",
        facts(None, "2019-12-31", missed="2019-02-12"),
        "2019-02-15",
        Colour.YELLOW,
        Colour.YELLOW,
    ),
    ("closed", facts(None, "2019-09-30", is_open=False), "2019-10-08", Colour.NONE, Colour.NONE),
    ("calendar-unknown-far", facts(None, "2027-12-31"), "2026-12-20", Colour.GREEN, Colour.GREEN),
]


@pytest.mark.parametrize(
    ("case", "given", "today", "traffic", "by_cause"), COLOURS, ids=[c[0] for c in COLOURS]
)
def test_colours_of_traffic_and_by_cause_presets(
    case: str, given: ItemFacts, today: str, traffic: Colour, by_cause: Colour
) -> None:
    assert compute_light(given, D(today), TRAFFIC).colour == traffic
    assert compute_light(given, D(today), BY_CAUSE).colour == by_cause


# Ladder (escalate_days=5), a warning's age in working days since it began, for
# (id, facts, today, colour, warning since). The warning clock runs from when the
# warning began, not from "today" (it used to restart every day: a behind item
# stayed blue for weeks), and it runs on when a near deadline passes.
OVERDUE_0930 = facts(None, "2019-09-30")  # near (3 working days) from 09-26, overdue from 10-01
BEHIND_FROM_0912 = facts("2019-09-02", "2019-12-31")  # 0%: 序时 reaches 10% on 09-12
BEHIND_FROM_0925 = facts("2019-09-02", "2019-12-31", progress=10)  # reported 10%: behind from 09-25
BEHIND_THEN_OVERDUE = facts("2019-09-02", "2019-09-30", progress=50)  # behind from 09-19, due 09-30
LADDER_DAYS = [
    ("near-not-yet", OVERDUE_0930, "2019-09-25", Colour.GREEN, None),
    ("near-starts-blue", OVERDUE_0930, "2019-09-26", Colour.BLUE, "2019-09-26"),
    ("overdue-runs-on-from-near", OVERDUE_0930, "2019-10-01", Colour.BLUE, "2019-09-26"),  # age 3
    ("holiday-week-does-not-age", OVERDUE_0930, "2019-10-07", Colour.BLUE, "2019-09-26"),  # 3
    ("first-working-day-after-holiday", OVERDUE_0930, "2019-10-08", Colour.BLUE, "2019-09-26"),  # 4
    ("orange-after-the-step", OVERDUE_0930, "2019-10-09", Colour.ORANGE, "2019-09-26"),  # 5
    ("worked-saturday-counts", OVERDUE_0930, "2019-10-12", Colour.ORANGE, "2019-09-26"),  # 8
    ("still-orange", OVERDUE_0930, "2019-10-14", Colour.ORANGE, "2019-09-26"),  # 9
    ("red-after-twice", OVERDUE_0930, "2019-10-15", Colour.RED, "2019-09-26"),  # 10
    ("on-trajectory", BEHIND_FROM_0912, "2019-09-11", Colour.GREEN, None),
    ("behind-starts-blue", BEHIND_FROM_0912, "2019-09-12", Colour.BLUE, "2019-09-12"),
    ("mid-autumn-does-not-age", BEHIND_FROM_0912, "2019-09-19", Colour.BLUE, "2019-09-12"),  # 4
    ("behind-turns-orange", BEHIND_FROM_0912, "2019-09-20", Colour.ORANGE, "2019-09-12"),  # 5
    ("behind-still-orange", BEHIND_FROM_0912, "2019-09-26", Colour.ORANGE, "2019-09-12"),  # 9
    ("behind-turns-red", BEHIND_FROM_0912, "2019-09-27", Colour.RED, "2019-09-12"),  # 10
    ("eleven-working-days-behind-is-red", BEHIND_FROM_0912, "2019-09-30", Colour.RED, "2019-09-12"),
    ("far-behind-keeps-the-first-day", BEHIND_FROM_0912, "2019-10-08", Colour.RED, "2019-09-12"),
    ("report-moves-the-start-later", BEHIND_FROM_0925, "2019-09-25", Colour.BLUE, "2019-09-25"),
    ("reported-item-orange-later", BEHIND_FROM_0925, "2019-10-08", Colour.ORANGE, "2019-09-25"),  # 5
    ("reported-item-red-later", BEHIND_FROM_0925, "2019-10-14", Colour.RED, "2019-09-25"),  # 10
    ("behind-runs-on-into-overdue", BEHIND_THEN_OVERDUE, "2019-10-01", Colour.ORANGE, "2019-09-19"),  # 8
    ("behind-then-overdue-red", BEHIND_THEN_OVERDUE, "2019-10-09", Colour.RED, "2019-09-19"),  # 10
]


@pytest.mark.parametrize(
    ("case", "given", "today", "colour", "since"), LADDER_DAYS, ids=[c[0] for c in LADDER_DAYS]
)
def test_ladder_escalates_blue_orange_red_by_the_age_of_the_warning(
    case: str, given: ItemFacts, today: str, colour: Colour, since: str | None
) -> None:
    light = compute_light(given, D(today), LADDER)
    assert light.colour == colour
    assert light.warning_since == (D(since) if since else None)


def test_ladder_colour_never_falls_back_while_a_warning_stays() -> None:
    # given an item at 0% from 09-02 to 12-31, looked at every day from its first warning
    days = [D("2019-09-12") + dt.timedelta(days=n) for n in range(100)]
    order = [Colour.BLUE, Colour.ORANGE, Colour.RED]
    # when / then: once orange it is never blue again, once red never orange
    seen = [order.index(compute_light(BEHIND_FROM_0912, day, LADDER).colour) for day in days]
    assert seen == sorted(seen)
    assert seen[-1] == order.index(Colour.RED)


def test_ladder_is_green_without_warnings_and_starts_blue_with_the_oldest_warning() -> None:
    # given a milestone missed on 01-31 (warning since 02-01) and nothing else
    given = facts(None, "2019-12-31", milestones=(ms("2019-01-31"),))
    # then: 02-01..02-11 is 02-02, 02-03, 02-11 = 3 working days → blue; 02-13 = 5 → orange
    assert compute_light(given, D("2019-02-11"), LADDER).colour == Colour.BLUE
    assert compute_light(given, D("2019-02-13"), LADDER).colour == Colour.ORANGE
    assert compute_light(facts(None, "2019-12-31"), D("2019-02-13"), LADDER).colour == Colour.GREEN


def test_calendar_unknown_is_visible_in_the_light() -> None:
    # given a deadline in a year the official calendar does not know yet
    light = compute_light(facts("2026-12-01", "2027-01-06", progress=95), D("2027-01-05"), TRAFFIC)
    # then the light says so, counts calendar days, and still warns
    assert light.calendar_unknown
    assert Condition.CALENDAR_UNKNOWN in light.conditions
    assert light.unknown_years == (2027,)
    assert "2027年的法定工作日历未知" in light.labels[0]
    assert light.details["days_left"] == 1
    assert light.colour == Colour.YELLOW


UNKNOWN_YEARS = [
    ("all-known", ["2019-02-01", "2024-10-08"], ()),
    ("one-unknown", ["2026-12-20", "2027-03-31"], (2027,)),
    ("several-once-each-ascending", ["2029-01-01", None, "2027-03-31", "2027-12-31"], (2027, 2029)),
    ("before-the-calendar", ["2003-06-30"], (2003,)),
]


@pytest.mark.parametrize(("case", "days", "years"), UNKNOWN_YEARS, ids=[c[0] for c in UNKNOWN_YEARS])
def test_unknown_years_names_the_years_the_calendar_lacks(
    case: str, days: list[str | None], years: tuple[int, ...]
) -> None:
    assert unknown_years(D(d) if d else None for d in days) == years


def test_calendar_unknown_message_names_every_year_once() -> None:
    assert calendar_unknown_message([2028, 2027, 2028]).startswith("2027、2028年的法定工作日历未知")


def test_light_details_give_working_days_left_and_expected_progress() -> None:
    light = compute_light(facts("2019-01-25", "2019-02-15", progress=60), D("2019-02-01"), TRAFFIC)
    # (02-01, 02-15]: 02-02, 02-03, 02-11..02-15 = 7 working days left
    assert light.details == {"days_left": 7, "expected": 42}
    assert light.expected_progress == 42
    assert not light.calendar_unknown
