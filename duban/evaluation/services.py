"""Evaluation writes (考核评价): create or import a scheme, enter values, record events, save scenarios.

Every service checks the policy, validates before it writes (a scheme through the
pure :func:`duban.evaluation.scheme.scheme_build`, so a stored scheme always
computes), writes in one transaction and records its audit row in the same one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record, snapshot
from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.core.validation import validate
from duban.evaluation import policy
from duban.evaluation.models import (
    AdjustmentEvent,
    EvaluationValue,
    Measure,
    Scenario,
    Scheme,
    SchemeAdjustment,
    SchemeNode,
    SchemeSubject,
)
from duban.evaluation.scheme import Adjustment, AdjustmentKind, Node, WeightMode, scheme_build
from duban.evaluation.scheme_json import RawNode, RawScheme, scheme_read
from duban.evaluation.scoring import Method
from duban.indicators.models import IndicatorDefinition, Subject
from duban.indicators.ranking import Direction
from duban.org.models import User


@dataclass(frozen=True)
class NodeSpec:
    """A category or indicator to store (see ``scheme.Node``), with its link to the indicators app."""

    code: str
    name: str
    weight: Decimal
    children: tuple[NodeSpec, ...] = ()
    method: Method | None = None
    direction: Direction = Direction.HIGHER
    params: dict[str, Any] = field(default_factory=dict)
    indicator: IndicatorDefinition | None = None
    measure: Measure = Measure.VALUE


@dataclass(frozen=True)
class AdjustmentSpec:
    code: str
    name: str
    kind: AdjustmentKind
    per_event: Decimal
    cap: Decimal
    category: str = ""


@dataclass(frozen=True)
class SchemeSpec:
    """Everything a scheme is made of; ``subjects`` pairs each subject with its regional group."""

    name: str
    year: int
    total: Decimal
    categories: tuple[NodeSpec, ...]
    mode: WeightMode = WeightMode.POINTS
    adjustments: tuple[AdjustmentSpec, ...] = ()
    subjects: tuple[tuple[Subject, str], ...] = ()
    description: str = ""


def _pure_node(spec: NodeSpec) -> Node:
    return Node(
        code=spec.code,
        name=spec.name,
        weight=float(spec.weight),
        children=tuple(_pure_node(child) for child in spec.children),
        method=spec.method,
        direction=spec.direction,
        params=spec.params,
    )


def scheme_check(spec: SchemeSpec) -> None:
    """Refuse a scheme the engine could not compute, naming the node (``DomainError``)."""
    scheme_build(
        name=spec.name,
        total=float(spec.total),
        mode=spec.mode,
        categories=tuple(_pure_node(c) for c in spec.categories),
        adjustments=tuple(
            Adjustment(a.code, a.name, a.kind, float(a.per_event), float(a.cap), a.category)
            for a in spec.adjustments
        ),
    )
    subject_ids = [subject.pk for subject, _group in spec.subjects]
    if len(set(subject_ids)) != len(subject_ids):
        raise DomainError(ErrorCode.INVALID, _("A subject is listed twice."), field="subjects")
    if Scheme.objects.filter(name=spec.name, year=spec.year).exists():
        message = _("There is already a scheme %(name)s for %(year)s.") % {
            "name": spec.name,
            "year": spec.year,
        }
        raise DomainError(ErrorCode.DUPLICATE, message, field="name")


def _store_nodes(scheme: Scheme, specs: tuple[NodeSpec, ...]) -> dict[str, SchemeNode]:
    """The tree level by level: one INSERT per level, parents before their children."""
    stored: dict[str, SchemeNode] = {}
    level: list[tuple[NodeSpec, SchemeNode | None]] = [(spec, None) for spec in specs]
    order = 0
    while level:
        rows = []
        for spec, parent in level:
            order += 1
            rows.append(
                SchemeNode(
                    scheme=scheme,
                    parent=parent,
                    code=spec.code,
                    name=spec.name,
                    weight=spec.weight,
                    method=spec.method.value if spec.method else "",
                    params=dict(spec.params),
                    direction=spec.direction.value,
                    indicator=spec.indicator,
                    measure=spec.measure,
                    sort_order=order,
                )
            )
        for row in rows:
            validate(row, exclude=["scheme", "parent"])
        created = SchemeNode.objects.bulk_create(rows)
        stored.update({row.code: row for row in created})
        level = [(child, stored[spec.code]) for spec, _parent in level for child in spec.children]
    return stored


@transaction.atomic
def scheme_create(*, actor: User, spec: SchemeSpec, action: str = "evaluation_scheme.create") -> Scheme:
    """Create a scheme (新建评价体系) with its tree, items and subjects, after checking it computes."""
    policy.check_write_evaluations(actor)
    scheme_check(spec)
    scheme = Scheme(
        name=spec.name,
        year=spec.year,
        total=spec.total,
        weight_mode=spec.mode.value,
        description=spec.description,
    )
    validate(scheme)
    scheme.save()
    nodes = _store_nodes(scheme, spec.categories)
    SchemeAdjustment.objects.bulk_create(
        SchemeAdjustment(
            scheme=scheme,
            code=a.code,
            name=a.name,
            kind=a.kind.value,
            per_event=a.per_event,
            cap=a.cap,
            category=nodes[a.category] if a.category else None,
            sort_order=n,
        )
        for n, a in enumerate(spec.adjustments)
    )
    SchemeSubject.objects.bulk_create(
        SchemeSubject(scheme=scheme, subject=subject, group=group) for subject, group in spec.subjects
    )
    after = {
        **snapshot(scheme),
        "nodes": len(nodes),
        "adjustments": len(spec.adjustments),
        "subjects": len(spec.subjects),
    }
    audit_record(actor=actor, action=action, obj=scheme, after=after)
    return scheme


def _member(node: SchemeNode, subject: Subject) -> None:
    if not SchemeSubject.objects.filter(scheme_id=node.scheme_id, subject=subject).exists():
        message = _("%(subject)s is not evaluated by this scheme.") % {"subject": subject.name}
        raise DomainError(ErrorCode.INVALID, message, field="subject")


@transaction.atomic
def evaluation_value_enter(
    *,
    actor: User,
    node: SchemeNode,
    subject: Subject,
    value: Decimal | None,
    target: Decimal | None = None,
) -> EvaluationValue:
    """Enter (or replace) a subject's value or score (录入) of an indicator, and its own target.

    For an entered (qualitative) indicator the value is the points given, at most the
    indicator's full points as the engine keeps it.
    """
    policy.check_write_evaluations(actor)
    if node.method == "":
        message = _("%(node)s is a category; values are entered for its indicators.") % {"node": str(node)}
        raise DomainError(ErrorCode.INVALID, message, field="indicator")
    if value is None and target is None:
        raise DomainError(ErrorCode.INVALID, _("Give a value or a target."), field="value")
    _member(node, subject)
    row = EvaluationValue.objects.select_for_update().filter(node=node, subject=subject).first()
    before = snapshot(row, ["value", "target"]) if row else None
    if row is None:
        row = EvaluationValue(node=node, subject=subject)
    row.value, row.target = value, target
    validate(row)
    row.save()
    audit_record(actor=actor, action="evaluation_value.enter", obj=row, before=before, after=snapshot(row))
    return row


@transaction.atomic
def adjustment_event_record(
    *,
    actor: User,
    adjustment: SchemeAdjustment,
    subject: Subject,
    count: int = 1,
    occurred_on: dt.date | None = None,
    description: str = "",
) -> AdjustmentEvent:
    """Record counted events of a bonus or deduction item (e.g. problems an inspection fed back)."""
    policy.check_write_evaluations(actor)
    if not SchemeSubject.objects.filter(scheme_id=adjustment.scheme_id, subject=subject).exists():
        message = _("%(subject)s is not evaluated by this scheme.") % {"subject": subject.name}
        raise DomainError(ErrorCode.INVALID, message, field="subject")
    event = AdjustmentEvent(
        adjustment=adjustment, subject=subject, count=count, occurred_on=occurred_on, description=description
    )
    validate(event)
    event.save()
    audit_record(actor=actor, action="adjustment_event.record", obj=event, after=snapshot(event))
    return event


@dataclass(frozen=True)
class ChangeSpec:
    """One changed value of a what-if: an indicator's code, a subject, the value (None: no figure)."""

    indicator: str
    subject_id: int
    value: Decimal | None


def changes_check(scheme: Scheme, changes: Sequence[ChangeSpec]) -> None:
    """Every change names an indicator of the scheme and one of its subjects (two queries)."""
    codes = set(SchemeNode.objects.filter(scheme=scheme).exclude(method="").values_list("code", flat=True))
    members = set(SchemeSubject.objects.filter(scheme=scheme).values_list("subject_id", flat=True))
    for number, change in enumerate(changes, start=1):
        if change.indicator not in codes:
            message = _("Change %(n)s: the scheme has no indicator %(code)s.") % {
                "n": number,
                "code": change.indicator,
            }
            raise DomainError(ErrorCode.INVALID, message, field=f"changes[{number}].indicator")
        if change.subject_id not in members:
            message = _("Change %(n)s: subject %(id)s is not evaluated by this scheme.") % {
                "n": number,
                "id": change.subject_id,
            }
            raise DomainError(ErrorCode.INVALID, message, field=f"changes[{number}].subject")


def changes_json(changes: Sequence[ChangeSpec]) -> list[dict[str, Any]]:
    return [
        {
            "indicator": c.indicator,
            "subject": c.subject_id,
            "value": None if c.value is None else str(c.value),
        }
        for c in changes
    ]


@transaction.atomic
def scenario_save(
    *, actor: User, scheme: Scheme, name: str, changes: Sequence[ChangeSpec], note: str = ""
) -> Scenario:
    """Save a what-if as a named scenario (保存情景); the actor's scenario of that name is replaced."""
    policy.check_save_scenario(actor)
    changes_check(scheme, changes)
    row = Scenario.objects.select_for_update().filter(scheme=scheme, owner=actor, name=name).first()
    before = snapshot(row, ["changes", "note"]) if row else None
    if row is None:
        row = Scenario(scheme=scheme, owner=actor, name=name)
    row.changes, row.note = changes_json(changes), note
    validate(row)
    row.save()
    audit_record(actor=actor, action="scenario.save", obj=row, before=before, after=snapshot(row))
    return row


@transaction.atomic
def scenario_delete(*, actor: User, scenario: Scenario) -> None:
    """Delete one's own scenario (the policy's ``access_scenario`` gave it, so it is the actor's)."""
    if scenario.owner_id != actor.pk:
        raise NotFound("what-if scenario")
    audit_record(actor=actor, action="scenario.delete", obj=scenario, before=snapshot(scenario))
    scenario.delete()


def _resolve_node(raw: RawNode, indicators: Mapping[str, IndicatorDefinition], where: str) -> NodeSpec:
    if raw.indicator and raw.indicator not in indicators:
        message = _("%(where)s: there is no indicator with the code %(code)s.") % {
            "where": where,
            "code": raw.indicator,
        }
        raise DomainError(ErrorCode.INVALID, message, field=f"{where}.indicator")
    if raw.measure not in Measure.values:
        message = _("%(where)s: the measure is value or growth.") % {"where": where}
        raise DomainError(ErrorCode.INVALID, message, field=f"{where}.measure")
    return NodeSpec(
        code=raw.code,
        name=raw.name,
        weight=raw.weight,
        children=tuple(
            _resolve_node(child, indicators, f"{where}.children[{n}]") for n, child in enumerate(raw.children)
        ),
        method=raw.method,
        direction=raw.direction,
        params=raw.params,
        indicator=indicators.get(raw.indicator) if raw.indicator else None,
        measure=Measure(raw.measure),
    )


def _indicator_codes(nodes: Sequence[RawNode]) -> set[str]:
    return {n.indicator for n in nodes if n.indicator} | {
        code for n in nodes for code in _indicator_codes(n.children)
    }


def scheme_spec(raw: RawScheme) -> SchemeSpec:
    """A read scheme with its subjects and indicators looked up (two queries), unknown ones named."""
    names = [name for name, _group in raw.subjects]
    subjects = {s.name: s for s in Subject.objects.filter(name__in=names)}
    for number, name in enumerate(names):
        if name not in subjects:
            message = _("subjects[%(n)s]: there is no subject named %(name)s.") % {"n": number, "name": name}
            raise DomainError(ErrorCode.INVALID, message, field=f"subjects[{number}].name")
    codes = _indicator_codes(raw.categories)
    indicators = {d.code: d for d in IndicatorDefinition.objects.filter(code__in=codes)} if codes else {}
    return SchemeSpec(
        name=raw.name,
        year=raw.year,
        total=raw.total,
        mode=raw.mode,
        categories=tuple(
            _resolve_node(c, indicators, f"categories[{n}]") for n, c in enumerate(raw.categories)
        ),
        adjustments=tuple(
            AdjustmentSpec(a.code, a.name, a.kind, a.per_event, a.cap, a.category) for a in raw.adjustments
        ),
        subjects=tuple((subjects[name], group) for name, group in raw.subjects),
        description=raw.description,
    )


@transaction.atomic
def scheme_import(*, actor: User, data: Any) -> Scheme:
    """Import a scheme written as JSON (导入评价体系, see ``scheme_json``): all of it or nothing."""
    policy.check_write_evaluations(actor)
    return scheme_create(actor=actor, spec=scheme_spec(scheme_read(data)), action="evaluation_scheme.import")
