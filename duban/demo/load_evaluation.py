"""Load the demo's evaluations through the evaluation services (idempotent).

1. The provincial development-zone evaluation for 2017 and 2018 (one scheme per
   year, as the engine keeps history): the statistician creates the invented peer
   zones, the scheme with its 21 subjects in two regions, enters every figure and
   records the counted events. The scheme's description carries seed-000's goal.
2. The 2019 unit assessment (以实绩论英雄): the supervision office's scheme over the
   demo's units, whose four supervision indicators are computed from the ledger by
   ``evaluation.assessment_facts`` as of the demo date, next to the assessors'
   entered points; escalations and urgings become deduction events.

A scheme already there (same name and year) is left as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from duban.core import clock
from duban.demo import evaluation_data as data
from duban.demo.load_org import Say
from duban.demo.supervision_data import AS_OF
from duban.evaluation.assessment import EVENTS, Period, UnitRecord, not_applicable_as_mean
from duban.evaluation.assessment_facts import unit_assessment
from duban.evaluation.models import Scheme, SchemeAdjustment, SchemeNode
from duban.evaluation.scheme import AdjustmentKind
from duban.evaluation.scoring import Method
from duban.evaluation.services import (
    AdjustmentSpec,
    NodeSpec,
    SchemeSpec,
    adjustment_event_record,
    evaluation_value_enter,
    scheme_create,
)
from duban.indicators.models import Subject, SubjectKind
from duban.indicators.ranking import Direction
from duban.indicators.services.subjects import subject_create
from duban.org.models import Unit, User
from duban.supervision.models import Item
from duban.supervision.services.report import delivery_judge
from duban.supervision.workflow import OPEN_STATES

# The unit assessment's indicators computed from the ledger (the others are entered).
COMPUTED = ("on_time_rate", "overdue_item_days", "report_punctuality", "delivery_judgement")

# The province published 2017's results in spring 2018 and 2018's in spring 2019.
PUBLISHED = {2017: dt.date(2018, 4, 20), 2018: dt.date(2019, 4, 19)}


def _figure(value: float) -> Decimal:
    return Decimal(str(value))


def _nodes(categories: tuple[data.CategoryRow, ...]) -> tuple[NodeSpec, ...]:
    return tuple(
        NodeSpec(
            code=c.code,
            name=c.name,
            weight=_figure(c.points),
            children=tuple(
                NodeSpec(
                    code=i.code, name=i.name, weight=_figure(i.points), method=Method(i.method),
                    direction=Direction(i.direction), params=dict(i.params),
                )
                for i in c.indicators
            ),
        )
        for c in categories
    )  # fmt: skip


def _adjustments(rows: tuple[data.AdjustmentRow, ...]) -> tuple[AdjustmentSpec, ...]:
    return tuple(
        AdjustmentSpec(
            a.code, a.name, AdjustmentKind(a.kind), _figure(a.per_event), _figure(a.cap), a.category
        )
        for a in rows
    )


def _zone_subjects(actor: User) -> dict[str, Subject]:
    """The zone (本区, perhaps created by the indicators demo) and the twenty invented peer zones."""
    subjects = {s.name: s for s in Subject.objects.filter(name__in=[n for n, _r, _s in data.PEERS])}
    zone = Subject.objects.filter(kind=SubjectKind.ZONE).first()
    subjects[data.ZONE] = zone or subject_create(
        actor=actor, name=data.ZONE, kind=SubjectKind.ZONE, sort_order=10
    )
    for order, (name, _region, _strength) in enumerate(data.PEERS, start=1):
        if name not in subjects:
            subjects[name] = subject_create(
                actor=actor, name=name, kind=SubjectKind.PEER, sort_order=500 + order
            )
    return subjects


def _enter(actor: User, scheme: Scheme, subject: Subject, values: dict[str, float | None]) -> None:
    nodes = {n.code: n for n in SchemeNode.objects.filter(scheme=scheme).exclude(method="")}
    for code, value in values.items():
        if value is not None:
            evaluation_value_enter(actor=actor, node=nodes[code], subject=subject, value=_figure(value))


def _record(
    actor: User, scheme: Scheme, subject: Subject, counts: dict[str, int], *, on: dt.date, why: str
) -> None:
    items = {a.code: a for a in SchemeAdjustment.objects.filter(scheme=scheme)}
    for code, count in counts.items():
        if count > 0:
            adjustment_event_record(
                actor=actor,
                adjustment=items[code],
                subject=subject,
                count=count,
                occurred_on=on,
                description=why,
            )


def _zone_year(actor: User, subjects: dict[str, Subject], year: int) -> bool:
    if Scheme.objects.filter(name=data.ZONE_SCHEME_NAME, year=year).exists():
        return False
    regions = {data.ZONE: data.ZONE_REGION, **{name: region for name, region, _s in data.PEERS}}
    spec = SchemeSpec(
        name=data.ZONE_SCHEME_NAME,
        year=year,
        total=_figure(data.ZONE_SCHEME_TOTAL),
        categories=_nodes(data.ZONE_CATEGORIES),
        adjustments=_adjustments(data.ZONE_ADJUSTMENTS),
        subjects=tuple((subjects[name], regions[name]) for name in regions),
        description=f"目标（{data.GOAL_SOURCE}）：{data.GOAL_TEXT}。{data.INVENTED_NOTE}",
    )
    with clock.frozen(PUBLISHED[year]):
        scheme = scheme_create(actor=actor, spec=spec)
        inputs = data.zone_inputs(year)
        for name, subject in subjects.items():
            _enter(actor, scheme, subject, {code: column.get(name) for code, column in inputs.values.items()})
            counts = {code: column.get(name, 0) for code, column in inputs.events.items()}
            _record(actor, scheme, subject, counts, on=PUBLISHED[year], why="演示数据（虚构）")
    return True


def _unit_subjects(actor: User) -> dict[str, Subject]:
    units = {u.name: u for u in Unit.objects.filter(name__in=data.UNIT_SUBJECTS)}
    by_unit = {s.unit_id: s for s in Subject.objects.filter(unit__in=units.values())}
    subjects = {name: by_unit[unit.pk] for name, unit in units.items() if unit.pk in by_unit}
    for order, name in enumerate(data.UNIT_SUBJECTS, start=1):
        if name not in subjects and name in units:
            subjects[name] = subject_create(
                actor=actor, name=name, kind=SubjectKind.UNIT, unit=units[name], sort_order=300 + order
            )
    return subjects


def _unit_columns(
    subjects: dict[str, Subject], records: dict[int, UnitRecord]
) -> dict[str, dict[str, float | None]]:
    """Unit name → the scheme's indicator values: computed from the ledger, the assessors' points entered.

    A rate a unit had nothing to count for takes the mean of the others (``not_applicable_as_mean``).
    """
    computed: dict[str, dict[int, float | None]] = {}
    for code in COMPUTED:
        column = {s.pk: records[s.unit_id].values()[code] for s in subjects.values() if s.unit_id}
        computed[code] = not_applicable_as_mean(column)
    found = {}
    for name, subject in subjects.items():
        key_work, satisfaction = data.UNIT_ENTERED[name]
        own = {code: computed[code][subject.pk] for code in COMPUTED}
        found[name] = own | {"key_work": key_work, "satisfaction": satisfaction}
    return found


GRADE_OF_LIGHT = {
    "green": "green",
    "blue": "green",
    "yellow": "amber_green",
    "orange": "amber_red",
    "red": "red",
}


def _judge_open_items(supervisor: User, units: list[int]) -> int:
    """The office's delivery judgements (研判) before the assessment: by each open item's light."""
    open_items = Item.objects.filter(lead_unit_id__in=units, state__in=OPEN_STATES, delivery_grade="")
    judged = 0
    for item in open_items.exclude(light=""):
        grade = GRADE_OF_LIGHT.get(item.light)
        if grade:
            delivery_judge(actor=supervisor, item=item, grade=grade, reason="依据红黄绿灯及进展研判（演示）")
            judged += 1
    return judged


def _unit_year(actor: User, statistician: User) -> bool:
    """The unit assessment, by the supervision office; the statistician adds the units as subjects."""
    if Scheme.objects.filter(name=data.UNIT_SCHEME_NAME, year=data.UNIT_YEAR).exists():
        return False
    with clock.frozen(AS_OF):
        subjects = _unit_subjects(statistician)
    spec = SchemeSpec(
        name=data.UNIT_SCHEME_NAME,
        year=data.UNIT_YEAR,
        total=_figure(data.UNIT_SCHEME_TOTAL),
        categories=_nodes(data.UNIT_CATEGORIES),
        adjustments=_adjustments(data.UNIT_ADJUSTMENTS),
        subjects=tuple((subject, "") for subject in subjects.values()),
        description=f"督办落实类指标由督办台账按{AS_OF:%Y年%m月%d日}数据计算；工作实绩类为评议分（虚构）。",
    )
    period = Period(dt.date(data.UNIT_YEAR, 1, 1), dt.date(data.UNIT_YEAR, 12, 31))
    unit_ids = [s.unit_id for s in subjects.values() if s.unit_id]
    with clock.frozen(AS_OF):
        _judge_open_items(actor, unit_ids)
        scheme = scheme_create(actor=actor, spec=spec)
        records = unit_assessment(unit_ids=unit_ids, period=period, today=AS_OF)
        columns = _unit_columns(subjects, records)
        for name, subject in subjects.items():
            assert subject.unit_id is not None
            _enter(actor, scheme, subject, columns[name])
            record = records[subject.unit_id]
            counts = {code: int(record.values()[code] or 0) for code in EVENTS}
            _record(actor, scheme, subject, counts, on=AS_OF, why="由督办记录统计")
    return True


@transaction.atomic
def demo_load_zone_evaluation(*, statistician: User) -> list[int]:
    """The provincial evaluation of development zones, every year of the story; the years loaded now."""
    with clock.frozen(PUBLISHED[data.YEARS[0]]):
        subjects = _zone_subjects(statistician)
    return [year for year in data.YEARS if _zone_year(statistician, subjects, year)]


@transaction.atomic
def demo_load_evaluation(*, say: Say) -> None:
    statistician = User.objects.get(username="statistician")
    supervisor = User.objects.get(username="supervisor")
    loaded = demo_load_zone_evaluation(statistician=statistician)
    units = _unit_year(supervisor, statistician)
    say(
        f"evaluation: {data.ZONE_SCHEME_NAME} {', '.join(map(str, data.YEARS))} "
        f"({len(loaded)} loaded now, {len(data.PEERS) + 1} zones); unit assessment {data.UNIT_YEAR}"
        f"{' loaded now' if units else ''}; {data.INVENTED_NOTE}"
    )
