"""A scheme written as JSON (评价体系的导入格式), read into specs the services store.

The shape (every key but ``name``, ``year``, ``total`` and ``categories`` may be left out)::

    {"name": "全省开发区综合发展水平考核评价", "year": 2019, "total": 1000, "mode": "points",
     "subjects": [{"name": "福州经开区", "group": "闽东"}, …],
     "categories": [{"code": "A", "name": "发展规模", "weight": 300, "children": [
         {"code": "A1", "name": "规上工业增加值", "weight": 60, "method": "min_max",
          "direction": "higher", "params": {}, "indicator": "GDP", "measure": "value"}, …]}, …],
     "adjustments": [{"code": "D1", "name": "环保督察反馈问题", "kind": "deduction",
                      "per_event": 2, "cap": 10, "category": "D"}]}

Subjects are named as the indicators app names them and indicators by their code;
the services look them up. A problem raises ``DomainError`` naming the place
(``categories[1].children[3].weight``); nothing is stored then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode
from duban.core.inputs import text_problem
from duban.evaluation.scheme import AdjustmentKind, WeightMode
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction


@dataclass(frozen=True)
class RawNode:
    code: str
    name: str
    weight: Decimal
    children: tuple[RawNode, ...]
    method: Method | None
    direction: Direction
    params: dict[str, Any]
    indicator: str  # an indicator's code, "" when values are entered
    measure: str


@dataclass(frozen=True)
class RawAdjustment:
    code: str
    name: str
    kind: AdjustmentKind
    per_event: Decimal
    cap: Decimal
    category: str


@dataclass(frozen=True)
class RawScheme:
    name: str
    year: int
    total: Decimal
    mode: WeightMode
    categories: tuple[RawNode, ...]
    adjustments: tuple[RawAdjustment, ...]
    subjects: tuple[tuple[str, str], ...]  # (subject name, regional group)
    description: str


def _bad(where: str, message: str) -> DomainError:
    return DomainError(
        ErrorCode.INVALID, _("%(where)s: %(problem)s") % {"where": where, "problem": message}, field=where
    )


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    place = f"{where}.{key}" if where else key
    if not isinstance(value, str) or (required and not value.strip()):
        raise _bad(place, _("give a text"))
    problem = text_problem(value)
    if problem is not None:
        raise _bad(place, problem)
    return value.strip()


def _number(data: Mapping[str, Any], key: str, where: str) -> Decimal:
    value = data.get(key)
    try:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InvalidOperation
        number = Decimal(str(value))
    except InvalidOperation:
        raise _bad(f"{where}.{key}" if where else key, _("give a number")) from None
    if not number.is_finite():
        raise _bad(f"{where}.{key}" if where else key, _("give a number"))
    return number


def _choice(data: Mapping[str, Any], key: str, where: str, kind: type[Any], default: Any) -> Any:
    value = data.get(key, default)
    try:
        return kind(value)
    except ValueError:
        options = ", ".join(str(member.value) for member in kind)
        raise _bad(f"{where}.{key}", _("one of %(options)s") % {"options": options}) from None


def _list(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise _bad(f"{where}.{key}" if where else key, _("give a list"))
    return value


def _node(data: Any, where: str) -> RawNode:
    if not isinstance(data, dict):
        raise _bad(where, _("give an object"))
    children = tuple(
        _node(child, f"{where}.children[{n}]") for n, child in enumerate(_list(data, "children", where))
    )
    method = None if children or data.get("method") is None else _choice(data, "method", where, Method, None)
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise _bad(f"{where}.params", _("give an object"))
    return RawNode(
        code=_text(data, "code", where),
        name=_text(data, "name", where),
        weight=_number(data, "weight", where),
        children=children,
        method=method,
        direction=_choice(data, "direction", where, Direction, Direction.HIGHER.value),
        params=params,
        indicator=_text(data, "indicator", where, required=False),
        measure=_text(data, "measure", where, required=False) or "value",
    )


def _adjustment(data: Any, where: str) -> RawAdjustment:
    if not isinstance(data, dict):
        raise _bad(where, _("give an object"))
    return RawAdjustment(
        code=_text(data, "code", where),
        name=_text(data, "name", where),
        kind=_choice(data, "kind", where, AdjustmentKind, None),
        per_event=_number(data, "per_event", where),
        cap=_number(data, "cap", where),
        category=_text(data, "category", where, required=False),
    )


def _subject(data: Any, where: str) -> tuple[str, str]:
    if not isinstance(data, dict):
        raise _bad(where, _("give an object"))
    return _text(data, "name", where), _text(data, "group", where, required=False)


def scheme_read(data: Any) -> RawScheme:
    """The scheme in ``data`` (parsed JSON), or a ``DomainError`` naming where it is wrong."""
    if not isinstance(data, dict):
        raise _bad("scheme", _("give an object"))
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise _bad("year", _("a year from 2000 to 2100"))
    return RawScheme(
        name=_text(data, "name", ""),
        year=year,
        total=_number(data, "total", ""),
        mode=_choice(data, "mode", "scheme", WeightMode, WeightMode.POINTS.value),
        categories=tuple(_node(c, f"categories[{n}]") for n, c in enumerate(_list(data, "categories", ""))),
        adjustments=tuple(
            _adjustment(a, f"adjustments[{n}]") for n, a in enumerate(_list(data, "adjustments", ""))
        ),
        subjects=tuple(_subject(s, f"subjects[{n}]") for n, s in enumerate(_list(data, "subjects", ""))),
        description=_text(data, "description", "", required=False),
    )
