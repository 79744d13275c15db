"""The demo's evaluations as loaded through the services: the zone's place, the goal, the unit assessment."""

from __future__ import annotations

import pytest

from duban.demo import evaluation_data as data
from duban.demo.load_evaluation import demo_load_evaluation
from duban.demo.load_org import demo_load_org
from duban.demo.load_supervision import demo_load_supervision
from duban.evaluation import selectors
from duban.evaluation.gap import MEDIAN
from duban.evaluation.models import AdjustmentEvent, EvaluationValue, Scheme
from duban.indicators.models import Subject, SubjectKind
from duban.org.models import User

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Scheme.objects.count(), EvaluationValue.objects.count(), AdjustmentEvent.objects.count()


def test_the_demo_evaluations_load_once_with_the_zone_below_the_median_and_units_assessed() -> None:
    # given the demo's organisation and ledgers
    lines: list[str] = []
    admin = demo_load_org(say=lines.append)
    demo_load_supervision(admin=admin, say=lines.append)
    # when the evaluations are loaded twice
    demo_load_evaluation(say=lines.append)
    counts = (Scheme.objects.count(), EvaluationValue.objects.count(), AdjustmentEvent.objects.count())
    demo_load_evaluation(say=lines.append)
    # then nothing is duplicated: two provincial years and one unit assessment
    assert counts == (
        Scheme.objects.count(),
        EvaluationValue.objects.count(),
        AdjustmentEvent.objects.count(),
    )
    assert counts[0] == 3
    # and the stored 2018 scheme ranks the zone 13th of 21, 60-odd points short of the median
    reader = User.objects.get(username="secretary")
    scheme = Scheme.objects.get(name=data.ZONE_SCHEME_NAME, year=2018)
    zone = Subject.objects.get(kind=SubjectKind.ZONE)
    results = selectors.evaluation_results(user=reader, scheme_id=scheme.pk)
    assert results.evaluation.results[zone.pk].rank.position == 13
    analysis = selectors.gap_analysis(user=reader, scheme_id=scheme.pk, subject_id=zone.pk, target=MEDIAN)
    assert analysis.gap.target_rank == 11
    assert 40 < analysis.gap.lacking < 80
    assert data.GOAL_TEXT in scheme.description
    history = selectors.scheme_history(user=reader, scheme_id=scheme.pk, subject_id=zone.pk)
    assert [(h.year, h.rank.position) for h in history] == [(2017, 18), (2018, 13)]
    # and the unit assessment reads the ledger: every assessed unit is a subject,
    # with computed and entered indicators
    _unit_assessment_reads_the_ledger()


def _unit_assessment_reads_the_ledger() -> None:
    scheme = Scheme.objects.get(name=data.UNIT_SCHEME_NAME)
    reader = User.objects.get(username="supervisor")
    results = selectors.evaluation_results(user=reader, scheme_id=scheme.pk)
    names = {r.name for r in results.evaluation.results.values()}
    assert names == set(data.UNIT_SUBJECTS)
    values = results.evaluation.inputs.values
    assert len(values["key_work"]) == len(data.UNIT_SUBJECTS)
    # 经济发展局 leads eight demo measures: its overdue days and judgement come from them
    econ = next(r.key for r in results.evaluation.results.values() if r.name == "经济发展局")
    assert values["overdue_item_days"][econ] is not None
    assert any(v is not None for v in values["on_time_rate"].values())
    assert len({r.total for r in results.evaluation.results.values()}) > 1
