"""The generator's shape, decided from the seed alone (no database)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from duban.generate import history, shape
from duban.org.models import UnitKind
from duban.supervision.models.item import ItemKind, ReportFrequency
from duban.supervision.models.source import SourceKind
from duban.supervision.workflow import TRANSITIONS, Action, State

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(scope="module")
def small() -> shape.Plan:
    return shape.plan("small", seed=7, today=TODAY)


@pytest.mark.parametrize(
    ("items", "levels"),
    [(500, (350, 100, 50)), (5_000, (3_500, 1_000, 500)), (50_000, (35_000, 10_000, 5_000)), (1, (1, 0, 0))],
)
def test_split_levels(items: int, levels: tuple[int, int, int]) -> None:
    assert shape.split_levels(items) == levels


@pytest.mark.parametrize(("count", "weights"), [(1, [1.0]), (3, [1.0, 0.5, 1 / 3])])
def test_zipf_weights(count: int, weights: list[float]) -> None:
    assert shape.zipf_weights(count) == pytest.approx(weights)


@pytest.mark.parametrize(
    ("deadline_ago", "closed_at_least", "closed_at_most"),
    [(700, 0.93, 1.0), (250, 0.85, 0.95), (90, 0.68, 0.82), (10, 0.38, 0.52), (-200, 0.0, 0.1)],
)
def test_item_state_closes_old_items(
    deadline_ago: int, closed_at_least: float, closed_at_most: float
) -> None:
    # given an item that started 120 days before its deadline
    rng = random.Random(0)
    deadline = TODAY - dt.timedelta(days=deadline_ago)
    start = deadline - dt.timedelta(days=120)
    # when its state is drawn 2,000 times
    states = Counter(shape.item_state(rng, start=start, deadline=deadline, today=TODAY) for _ in range(2000))
    # then the share closed follows its age, and the rest is mostly open work
    assert closed_at_least <= states["closed"] / 2000 <= closed_at_most
    assert states["in_progress"] > states["assigned"]


@pytest.mark.parametrize(
    ("state", "low", "high"),
    [("closed", 100, 100), ("completion_requested", 100, 100), ("draft", 0, 0), ("in_progress", 5, 95)],
)
def test_item_progress(state: str, low: int, high: int) -> None:
    rng = random.Random(1)
    values = {
        shape.item_progress(
            rng, state=state, start=TODAY - dt.timedelta(days=50), deadline=TODAY, today=TODAY
        )
        for _ in range(200)
    }
    assert low <= min(values) and max(values) <= high
    assert all(v % 5 == 0 for v in values)


def test_values_are_stored_choices() -> None:
    assert set(shape.SOURCE_KINDS) == set(SourceKind.values)
    assert set(shape.FREQUENCIES) == set(ReportFrequency.values)
    assert set(shape.OPEN_MIX) <= set(State.values)
    assert {shape.DEPARTMENT, shape.TOWN, shape.AREA, shape.STATE_FIRM, shape.ADMIN, shape.PARTY} <= set(
        UnitKind.values
    )


def test_small_plan_counts(small: shape.Plan) -> None:
    assert len(small.org.units) == 30
    assert len(small.items) == 500
    assert len(small.sources) == 24
    assert {s.kind for s in small.sources} == set(SourceKind.values)
    assert 4_900 <= sum(i.reports for i in small.items) <= 5_100
    assert {i.kind for i in small.items} <= set(ItemKind.values)


def test_small_plan_tree(small: shape.Plan) -> None:
    # parents come first, in the same source, one level up, and numbers spell the path
    for n, item in enumerate(small.items):
        if item.parent is None:
            assert item.depth == 1 and item.number == str(item.position)
            continue
        parent = small.items[item.parent]
        assert item.parent < n and parent.source == item.source and parent.depth == item.depth - 1
        assert item.number == f"{parent.number}.{item.position}"
        assert item.deadline <= parent.deadline or item.deadline == item.start + dt.timedelta(days=7)
    assert Counter(i.depth for i in small.items) == {1: 350, 2: 100, 3: 50}
    numbers = [(i.source, i.number) for i in small.items]
    assert len(set(numbers)) == len(numbers)
    assert max(u.depth for u in small.org.units) == 3


def test_small_plan_workloads_are_skewed(small: shape.Plan) -> None:
    per_unit = sorted(Counter(i.lead_unit for i in small.items).values(), reverse=True)
    busiest = sum(per_unit[: max(1, len(small.org.units) // 10)])
    assert busiest / len(small.items) > 0.3  # the top tenth of units lead a third of the items


def test_small_plan_dates_and_states(small: shape.Plan) -> None:
    assert all(i.start < TODAY for i in small.items)
    assert all(i.closed_on is None or i.closed_on < TODAY for i in small.items)
    old = [i for i in small.items if i.deadline < TODAY - dt.timedelta(days=365)]
    assert sum(i.state == "closed" for i in old) / len(old) > 0.85
    open_items = [i for i in small.items if i.state in {"assigned", "acknowledged", "in_progress"}]
    assert any(i.deadline < TODAY for i in open_items)  # overdue
    assert any(i.deadline > TODAY + dt.timedelta(days=30) for i in open_items)  # on track
    years = {s.date.year for s in small.sources}
    assert len(years) >= 4


def test_plan_is_reproducible(small: shape.Plan) -> None:
    assert shape.plan("small", seed=7, today=TODAY) == small
    assert shape.plan("small", seed=8, today=TODAY) != small


@pytest.mark.parametrize("state", list(history.PATHS))
def test_history_paths_follow_the_workflow(state: str) -> None:
    current = State.DRAFT
    for action, to_state in history.PATHS[state]:
        assert TRANSITIONS[(current, Action(action))].to == to_state
        current = State(to_state)
    assert current == state


def test_history_reports_rise_and_precede_today(small: shape.Plan) -> None:
    for n, item in enumerate(small.items):
        drafts = history.reports(item, history.item_rng(7, n), TODAY)
        assert len(drafts) == item.reports
        assert all(d.day < TODAY for d in drafts)
        assert [d.percent for d in drafts] == sorted(d.percent for d in drafts)
        steps = history.steps(item, TODAY)
        assert [s.day for s in steps] == sorted(s.day for s in steps)
        assert all(s.day < TODAY for s in steps)
