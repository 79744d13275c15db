"""Evaluation reads: a stored scheme computes as by hand, in a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.evaluation import selectors
from duban.evaluation.gap import MEDIAN
from duban.evaluation.models import SchemeAdjustment, SchemeNode
from duban.evaluation.services import ChangeSpec, adjustment_event_record, evaluation_value_enter
from duban.org.models import User
from tests.evaluation.factories import make_hand_scheme, make_scheme_of
from tests.evaluation.tables import HAND_TOTALS
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def statistician() -> User:
    return make_user(Role.STATISTICIAN, username="stat1")


def test_stored_scheme_computes_as_by_hand(statistician: User) -> None:
    # given the hand scheme stored, I1 from the linked indicator's December figure
    scheme, subjects, _definition = make_hand_scheme(statistician)
    # when its results are read
    results = selectors.evaluation_results(user=make_user(Role.TOP_LEADER), scheme_id=scheme.pk)
    # then they are the hand computations
    totals = {key: results.evaluation.results[subjects[key].pk].total for key in subjects}
    assert totals == pytest.approx(HAND_TOTALS)
    ranked = [r.name for r in results.evaluation.ranked()]
    assert ranked == ["丙开发区", "乙开发区", "甲开发区"]
    assert results.evaluation.results[subjects["A"].pk].group_rank.position == 2  # type: ignore[union-attr]


def test_entered_value_wins_over_the_linked_indicator_and_events_deduct(statistician: User) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    node = SchemeNode.objects.get(scheme=scheme, code="I1")
    evaluation_value_enter(actor=statistician, node=node, subject=subjects["A"], value=Decimal(30))
    item = SchemeAdjustment.objects.get(scheme=scheme)
    adjustment_event_record(actor=statistician, adjustment=item, subject=subjects["C"], count=2)
    adjustment_event_record(actor=statistician, adjustment=item, subject=subjects["C"], count=1)
    results = selectors.evaluation_results(user=statistician, scheme_id=scheme.pk).evaluation.results
    assert results[subjects["A"].pk].indicators["I1"] == pytest.approx(40)  # 30 is now the best
    assert results[subjects["C"].pk].adjustments == {"D1": -5}  # 3 events × 2, capped at 5


def test_gap_and_what_if_through_the_selectors(statistician: User) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    leader = make_user(Role.LEADER)
    analysis = selectors.gap_analysis(
        user=leader, scheme_id=scheme.pk, subject_id=subjects["A"].pk, target=MEDIAN
    )
    assert analysis.gap.lacking == pytest.approx(HAND_TOTALS["B"] - HAND_TOTALS["A"])
    assert analysis.levers[0].gain >= analysis.levers[-1].gain
    changes = [
        ChangeSpec("I1", subjects["A"].pk, Decimal(30)),
        ChangeSpec("I3", subjects["A"].pk, Decimal(120)),
    ]
    _results, result = selectors.what_if_compute(user=leader, scheme_id=scheme.pk, changes=changes)
    assert result.after.results[subjects["A"].pk].rank.position == 2
    assert result.moved(subjects["A"].pk)[1] == 1


def test_history_over_years(statistician: User) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    points = selectors.scheme_history(user=statistician, scheme_id=scheme.pk, subject_id=subjects["A"].pk)
    assert [(p.year, p.rank.position) for p in points] == [(2019, 3)]


@pytest.mark.parametrize("role", [Role.LIAISON, Role.PROJECT_OFFICER])
def test_out_of_scope_is_not_found(statistician: User, role: Role) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    with pytest.raises(NotFound):
        selectors.evaluation_results(user=make_user(role), scheme_id=scheme.pk)
    with pytest.raises(NotFound):
        selectors.gap_analysis(
            user=make_user(role), scheme_id=scheme.pk, subject_id=subjects["A"].pk, target=1
        )


def test_subject_outside_the_scheme_is_not_found(statistician: User) -> None:
    scheme, _subjects, _definition = make_hand_scheme(statistician)
    with pytest.raises(NotFound):
        selectors.subject_contributions(user=statistician, scheme_id=scheme.pk, subject_id=999_999)


@pytest.mark.parametrize("count", [5, 20])
def test_results_read_in_constant_queries(
    statistician: User, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    # given a scheme of 5 or 20 subjects with values; when its results and a gap are read
    scheme = make_scheme_of(statistician, count)
    reader = make_user(Role.TOP_LEADER)
    subject_id = scheme.members.first().subject_id  # type: ignore[union-attr]
    assert reader.role_set  # the roles are read once per user, before
    # then the queries are the same for both: the scheme, its nodes, items, subjects,
    # linked figures, entered values and event counts
    with django_assert_num_queries(7):
        selectors.evaluation_results(user=reader, scheme_id=scheme.pk)
    with django_assert_num_queries(7):
        selectors.gap_analysis(user=reader, scheme_id=scheme.pk, subject_id=subject_id, target=MEDIAN)
