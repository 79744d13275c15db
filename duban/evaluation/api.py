"""Evaluation endpoints (考核评价): results, contributions, gap analysis, what-if, scenarios.

Under :mod:`duban.evaluation.policy`: the supervision office, top leader, leaders
in charge, administrators, supervisors and statisticians read; a scheme they do not
read answers 404 like a missing one. What-if computes and stores nothing; saving it
as a scenario is the caller's own (another's scenario is 404). Errors have one
shape: ``{code, message, fields}``.
"""

# No ``from __future__ import annotations``: ninja resolves the annotations at import.
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.core.inputs import CleanText, Id
from duban.core.responses import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, errors
from duban.evaluation import policy, selectors, services
from duban.evaluation.compute import Evaluation, SubjectResult
from duban.evaluation.gap import MEDIAN, TargetKind
from duban.evaluation.services import ChangeSpec
from duban.org.scope import signed_in

router = Router(tags=["evaluation"])

# A figure as the value columns hold it (20 digits, 4 decimals).
Figure = Annotated[Decimal, Field(ge=Decimal("-1e15"), le=Decimal("1e15"), decimal_places=4)]


class SchemeOut(Schema):
    id: int
    name: str
    year: int
    total: Decimal
    weight_mode: str


class EvaluationRankOut(Schema):
    position: int | None
    of: int
    tied: bool


class ResultOut(Schema):
    subject_id: int
    name: str
    group: str
    total: float
    rank: EvaluationRankOut
    group_rank: EvaluationRankOut | None
    categories: dict[str, float]


class ResultsOut(Schema):
    scheme: SchemeOut
    results: list[ResultOut]


class ContributionOut(Schema):
    code: str
    name: str
    category: str
    value: float | None
    points: float
    full: float
    lost: float
    versus_mean: float


class LeverOut(Schema):
    code: str
    name: str
    value: float
    new_value: float
    points: float
    points_after: float
    gain: float
    rank_after: EvaluationRankOut


class GapOut(Schema):
    subject_id: int
    target_rank: int
    total: float
    needed: float | None
    lacking: float
    reached: bool
    step_percent: float
    levers: list[LeverOut]


class HistoryOut(Schema):
    year: int
    total: float
    rank: EvaluationRankOut
    change: int | None


class ChangeIn(Schema):
    indicator: CleanText = Field(max_length=40)
    subject: Id
    value: Figure | None


class WhatIfIn(Schema):
    changes: list[ChangeIn] = Field(max_length=2000)


class MovedOut(Schema):
    subject_id: int
    total_before: float
    total_after: float
    rank_before: EvaluationRankOut
    rank_after: EvaluationRankOut


class WhatIfOut(Schema):
    results: list[ResultOut]
    moved: list[MovedOut]


class ScenarioIn(WhatIfIn):
    name: CleanText = Field(min_length=1, max_length=100)
    note: CleanText = Field(default="", max_length=300)


class ScenarioOut(Schema):
    id: int
    scheme_id: int
    name: str
    note: str
    changes: list[dict[str, object]]


class SchemeImportIn(Schema):
    """A scheme written as JSON (see ``duban.evaluation.scheme_json``)."""

    scheme: dict[str, Any]


class EvaluationValueIn(Schema):
    indicator: CleanText = Field(max_length=40)
    subject: Id
    value: Figure | None = None
    target: Figure | None = None


class EvaluationValueOut(Schema):
    id: int
    node_id: int
    subject_id: int
    value: Decimal | None
    target: Decimal | None


class EventIn(Schema):
    item: CleanText = Field(max_length=40)
    subject: Id
    count: Annotated[int, Field(ge=1, le=10_000)] = 1
    occurred_on: dt.date | None = None
    description: CleanText = Field(default="", max_length=300)


class EventOut(Schema):
    id: int
    adjustment_id: int
    subject_id: int
    count: int
    occurred_on: dt.date | None
    description: str


def _rank(rank: object) -> EvaluationRankOut:
    return EvaluationRankOut.model_validate(rank, from_attributes=True)


def _result(result: SubjectResult[int]) -> ResultOut:
    return ResultOut(
        subject_id=result.key,
        name=result.name,
        group=result.group,
        total=result.total,
        rank=_rank(result.rank),
        group_rank=None if result.group_rank is None else _rank(result.group_rank),
        categories=dict(result.categories),
    )


def _results(evaluation: Evaluation[int]) -> list[ResultOut]:
    return [_result(result) for result in evaluation.ranked()]


def _changes(payload: WhatIfIn) -> list[ChangeSpec]:
    return [ChangeSpec(indicator=c.indicator, subject_id=c.subject, value=c.value) for c in payload.changes]


@router.get("/schemes", response={200: list[SchemeOut], **LIST_ERRORS})
def scheme_list(request: HttpRequest) -> list[SchemeOut]:
    """The evaluation schemes the caller reads, newest year first."""
    return [
        SchemeOut.model_validate(s, from_attributes=True) for s in selectors.scheme_list(user=request.user)
    ]


@router.get("/schemes/{scheme_id}/results", response={200: ResultsOut, **READ_ERRORS})
def results_get(request: HttpRequest, scheme_id: Id) -> ResultsOut:
    """Composite scores, ranks (also within regional groups) and category sub-scores, best first."""
    results = selectors.evaluation_results(user=request.user, scheme_id=scheme_id)
    scheme = SchemeOut.model_validate(results.scheme, from_attributes=True)
    return ResultsOut(scheme=scheme, results=_results(results.evaluation))


@router.get(
    "/schemes/{scheme_id}/subjects/{subject_id}/contributions",
    response={200: list[ContributionOut], **READ_ERRORS},
)
def contributions_get(request: HttpRequest, scheme_id: Id, subject_id: Id) -> list[ContributionOut]:
    """Where the subject won or lost points, its biggest losses against the mean first."""
    _bundle, found = selectors.subject_contributions(
        user=request.user, scheme_id=scheme_id, subject_id=subject_id
    )
    return [ContributionOut.model_validate(c, from_attributes=True) for c in found]


@router.get("/schemes/{scheme_id}/subjects/{subject_id}/gap", response={200: GapOut, **READ_ERRORS})
def gap_get(
    request: HttpRequest,
    scheme_id: Id,
    subject_id: Id,
    target_rank: Annotated[int, Field(ge=1, le=100_000)] | None = None,
    step_percent: Annotated[float, Field(gt=0, le=100)] = 1.0,
) -> GapOut:
    """The points the subject lacks for ``target_rank`` (the median, 中游水平, when left out),
    and the indicators ranked by the points a ``step_percent`` relative improvement gains."""
    target: int | TargetKind = MEDIAN if target_rank is None else target_rank
    analysis = selectors.gap_analysis(
        user=request.user, scheme_id=scheme_id, subject_id=subject_id, target=target, step=step_percent / 100
    )
    gap = analysis.gap
    return GapOut(
        subject_id=analysis.subject_id,
        target_rank=gap.target_rank,
        total=gap.total,
        needed=gap.needed,
        lacking=gap.lacking,
        reached=gap.reached,
        step_percent=step_percent,
        levers=[LeverOut.model_validate(lever, from_attributes=True) for lever in analysis.levers],
    )


@router.get(
    "/schemes/{scheme_id}/subjects/{subject_id}/history", response={200: list[HistoryOut], **READ_ERRORS}
)
def history_get(request: HttpRequest, scheme_id: Id, subject_id: Id) -> list[HistoryOut]:
    """The subject's total and rank in every year of the scheme's name, oldest first (历年)."""
    points = selectors.scheme_history(user=request.user, scheme_id=scheme_id, subject_id=subject_id)
    return [HistoryOut(year=p.year, total=p.total, rank=_rank(p.rank), change=p.change) for p in points]


@router.post("/schemes/{scheme_id}/what-if", response={200: WhatIfOut, **WRITE_ERRORS})
def what_if_post(request: HttpRequest, scheme_id: Id, payload: WhatIfIn) -> WhatIfOut:
    """Scores and ranks with the changed values (``value: null`` removes a figure); nothing is saved."""
    _bundle, result = selectors.what_if_compute(
        user=request.user, scheme_id=scheme_id, changes=_changes(payload)
    )
    moved = [
        MovedOut(
            subject_id=key,
            total_before=before.total,
            total_after=result.after.results[key].total,
            rank_before=_rank(before.rank),
            rank_after=_rank(result.after.results[key].rank),
        )
        for key, before in result.before.results.items()
        if abs(result.after.results[key].total - before.total) > 1e-9
        or result.after.results[key].rank != before.rank
    ]
    return WhatIfOut(results=_results(result.after), moved=moved)


@router.get("/schemes/{scheme_id}/scenarios", response={200: list[ScenarioOut], **READ_ERRORS})
def scenario_list(request: HttpRequest, scheme_id: Id) -> list[ScenarioOut]:
    """The caller's own saved scenarios of the scheme."""
    scheme = policy.access_scheme(request.user, scheme_id)
    rows = selectors.scenario_list(user=request.user, scheme=scheme)
    return [ScenarioOut.model_validate(s, from_attributes=True) for s in rows]


@router.post("/schemes/{scheme_id}/scenarios", response={201: ScenarioOut, **errors(400, 403, 404)})
def scenario_save(request: HttpRequest, scheme_id: Id, payload: ScenarioIn) -> Status[ScenarioOut]:
    """Save the changed values as a named scenario (the caller's scenario of that name is replaced)."""
    scheme = policy.access_scheme(request.user, scheme_id)
    scenario = services.scenario_save(
        actor=signed_in(request.user),
        scheme=scheme,
        name=payload.name,
        changes=_changes(payload),
        note=payload.note,
    )
    return Status(201, ScenarioOut.model_validate(scenario, from_attributes=True))


@router.delete("/scenarios/{scenario_id}", response={204: None, **WRITE_ERRORS})
def scenario_delete(request: HttpRequest, scenario_id: Id) -> Status[None]:
    """Delete one of the caller's own scenarios."""
    scenario = policy.access_scenario(request.user, scenario_id)
    services.scenario_delete(actor=signed_in(request.user), scenario=scenario)
    return Status(204, None)


@router.post("/schemes", response={201: SchemeOut, **errors(400, 403)})
def scheme_import(request: HttpRequest, payload: SchemeImportIn) -> Status[SchemeOut]:
    """Import a scheme written as JSON (supervisor or statistician); all of it or nothing."""
    policy.check_write_evaluations(request.user)
    scheme = services.scheme_import(actor=signed_in(request.user), data=payload.scheme)
    return Status(201, SchemeOut.model_validate(scheme, from_attributes=True))


@router.put("/schemes/{scheme_id}/values", response={200: EvaluationValueOut, **WRITE_ERRORS})
def value_enter(request: HttpRequest, scheme_id: Id, payload: EvaluationValueIn) -> EvaluationValueOut:
    """Enter a subject's value or score of an indicator, and its own target (replaces what was there)."""
    scheme = policy.access_scheme(request.user, scheme_id)
    policy.check_write_evaluations(request.user)
    node = _body_ref(lambda: policy.access_node(request.user, scheme, payload.indicator), "indicator")
    row = services.evaluation_value_enter(
        actor=signed_in(request.user),
        node=node,
        subject=_body_ref(lambda: policy.access_member(request.user, scheme, payload.subject), "subject"),
        value=payload.value,
        target=payload.target,
    )
    return EvaluationValueOut.model_validate(row, from_attributes=True)


@router.post("/schemes/{scheme_id}/events", response={201: EventOut, **WRITE_ERRORS})
def event_record(request: HttpRequest, scheme_id: Id, payload: EventIn) -> Status[EventOut]:
    """Record counted events of a bonus or deduction item (e.g. problems an inspection fed back)."""
    scheme = policy.access_scheme(request.user, scheme_id)
    policy.check_write_evaluations(request.user)
    item = _body_ref(lambda: policy.access_adjustment(request.user, scheme, payload.item), "item")
    event = services.adjustment_event_record(
        actor=signed_in(request.user),
        adjustment=item,
        subject=_body_ref(lambda: policy.access_member(request.user, scheme, payload.subject), "subject"),
        count=payload.count,
        occurred_on=payload.occurred_on,
        description=payload.description,
    )
    return Status(201, EventOut.model_validate(event, from_attributes=True))


T = TypeVar("T")


def _body_ref(find: Callable[[], T], field: str) -> T:
    """An object a body names by code: an unknown code is the body's fault (400), not a missing resource."""
    try:
        return find()
    except NotFound as exc:
        raise DomainError(ErrorCode.INVALID, exc.message, field=field) from exc
