"""Stored evaluation schemes for the service, selector and API tests.

:func:`make_hand_scheme` stores the hand-computed scheme of ``tables.py`` through
the services (import, then values entered), with I1 read from a linked indicator
of the indicators app (its December figure; June's is older and ignored).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from duban.evaluation.models import Scheme, SchemeNode
from duban.evaluation.services import evaluation_value_enter, scheme_import
from duban.indicators.models import IndicatorDefinition, Subject
from duban.org.models import User
from tests.evaluation.tables import hand_inputs
from tests.indicators.factories import DefinitionFactory, SubjectFactory, ValueFactory

NAMES = {"A": "甲开发区", "B": "乙开发区", "C": "丙开发区"}


def hand_scheme_json(
    subjects: list[tuple[str, str]], *, indicator: str = "", year: int = 2019
) -> dict[str, Any]:
    return {
        "name": "三主体四指标",
        "year": year,
        "total": 100,
        "subjects": [{"name": name, "group": group} for name, group in subjects],
        "categories": [
            {
                "code": "S",
                "name": "规模",
                "weight": 70,
                "children": [
                    {
                        "code": "I1",
                        "name": "指标一",
                        "weight": 40,
                        "method": "min_max",
                        "indicator": indicator,
                    },
                    {"code": "I2", "name": "指标二", "weight": 30, "method": "z_score"},
                ],
            },
            {
                "code": "Q",
                "name": "质量",
                "weight": 30,
                "children": [
                    {
                        "code": "I3",
                        "name": "指标三",
                        "weight": 20,
                        "method": "target",
                        "params": {"cap": 1.2},
                    },
                    {
                        "code": "I4",
                        "name": "指标四",
                        "weight": 10,
                        "method": "rank_points",
                        "direction": "lower",
                        "params": {"table": [1, 0.6, 0.3]},
                    },
                ],
            },
        ],
        "adjustments": [
            {
                "code": "D1",
                "name": "环保督察问题",
                "kind": "deduction",
                "per_event": 2,
                "cap": 5,
                "category": "Q",
            }
        ],
    }


def make_hand_scheme(actor: User) -> tuple[Scheme, dict[str, Subject], IndicatorDefinition]:
    """The tables.py scheme stored: subjects 甲/乙/丙 (A/B/C), I1 from an indicator, the rest entered."""
    subjects = {key: SubjectFactory.create(name=name) for key, name in NAMES.items()}
    definition: IndicatorDefinition = DefinitionFactory.create(code="EV-I1")
    groups = {"A": "北片", "B": "北片", "C": "南片"}
    data = hand_scheme_json([(NAMES[k], groups[k]) for k in NAMES], indicator=definition.code)
    scheme = scheme_import(actor=actor, data=data)
    inputs = hand_inputs()
    for key, subject in subjects.items():
        ValueFactory.create(definition=definition, subject=subject, year=2019, month=6, value=Decimal(1))
        ValueFactory.create(
            definition=definition,
            subject=subject,
            year=2019,
            month=12,
            value=Decimal(inputs.values["I1"][key] or 0),
        )
    nodes = {n.code: n for n in SchemeNode.objects.filter(scheme=scheme)}
    for code in ("I2", "I3", "I4"):
        for key, subject in subjects.items():
            value = inputs.values[code][key]
            target = inputs.targets.get(code, {}).get(key)
            evaluation_value_enter(
                actor=actor,
                node=nodes[code],
                subject=subject,
                value=None if value is None else Decimal(str(value)),
                target=None if target is None else Decimal(str(target)),
            )
    return scheme, subjects, definition


def make_scheme_of(actor: User, count: int) -> Scheme:
    """The same scheme over ``count`` subjects with made-up entered values (for query counts)."""
    subjects = [SubjectFactory.create(name=f"对象{n:03d}") for n in range(count)]
    definition = DefinitionFactory.create(code=f"EV-N{count}")
    members = [(s.name, f"片{n % 3}") for n, s in enumerate(subjects)]
    scheme = scheme_import(actor=actor, data=hand_scheme_json(members, indicator=definition.code))
    nodes = {n.code: n for n in SchemeNode.objects.filter(scheme=scheme)}
    for n, subject in enumerate(subjects):
        ValueFactory.create(definition=definition, subject=subject, year=2019, month=12, value=Decimal(n))
        for code in ("I2", "I3", "I4"):
            evaluation_value_enter(
                actor=actor, node=nodes[code], subject=subject, value=Decimal(n % 7 + 1), target=Decimal(5)
            )
    return scheme
