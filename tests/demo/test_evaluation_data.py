"""The demo's evaluation: Fujian-shaped scheme, the zone below the middle, and a what-if that lifts it."""

from __future__ import annotations

import math

from duban.demo import evaluation_data as data
from duban.evaluation.compute import evaluate
from duban.evaluation.gap import MEDIAN, score_gap, what_if


def test_the_scheme_has_six_categories_and_a_thousand_points() -> None:
    scheme = data.zone_scheme()
    assert [c.name for c in scheme.categories] == [
        "发展规模",
        "土地集约",
        "科技创新",
        "环保安全",
        "开放合作",
        "管理服务",
    ]
    assert scheme.total == 1000
    assert math.isclose(math.fsum(leaf.full for leaf in scheme.leaves), 1000)
    assert len(data.PEERS) == 20
    assert data.ZONE_VALUES[2018]["C1"] == 16  # seed-000: 培育高新技术企业16家
    assert data.ZONE_VALUES[2018]["A5"] == 120  # seed-000: 产值过亿企业120家


def test_the_peers_figures_are_the_same_on_every_run() -> None:
    assert data.peer_values(2018) == data.peer_values(2018)
    assert data.peer_values(2017) != data.peer_values(2018)
    assert data.peer_events(2018) == data.peer_events(2018)


def test_the_zone_starts_below_the_median_and_climbs() -> None:
    # given the two published years
    runs = {year: evaluate(data.zone_scheme(), data.zone_inputs(year)) for year in data.YEARS}
    ranks = {year: run.results[data.ZONE].rank.position for year, run in runs.items()}
    # then the zone is below the middle of 21 (rank 11) both years, and better in 2018
    assert ranks == {2017: 18, 2018: 13}
    gap = score_gap(runs[2018], data.ZONE, MEDIAN)
    assert gap.target_rank == 11
    assert not gap.reached
    assert 40 < gap.lacking < 80


def test_the_demo_what_if_lifts_the_zone_over_the_median() -> None:
    # given 2018's evaluation
    run = evaluate(data.zone_scheme(), data.zone_inputs(data.LATEST_YEAR))
    # when technology and land use are raised to a typical zone's
    scenario = what_if(run, {(code, data.ZONE): value for code, value in data.WHAT_IF_CHANGES.items()})
    # then the zone passes the middle (rank 11 of 21)
    after = scenario.after.results[data.ZONE].rank.position
    assert after is not None
    assert after <= 10
