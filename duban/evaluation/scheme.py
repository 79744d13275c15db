"""Evaluation schemes (指标评价体系): categories → indicators at several levels, with weights.

A scheme's weights are either **points** out of a total (e.g. 1,000 points over
six categories) or **percentages**: in points mode the children of a node carry
points that sum to the node's points and the categories sum to the total; in
percent mode the children's weights are percentages of their parent and sum to
100 at every level (the categories too), and the total (default 100) is spread
by them. Either way each indicator (a leaf) ends up with its ``full`` points:
what it contributes at best, before any method's cap.

Bonus and deduction items (加分 / 扣分) count events (e.g. per problem an
environmental inspection fed back) at so many points each, up to a cap.

``scheme_validate`` checks everything once and says which node is wrong, in
the user's language; the engine (``compute``) relies on a validated scheme.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode
from duban.evaluation.scoring import METHODS, Method
from duban.indicators.ranking import Direction

# Weights entered as 33.3 / 33.3 / 33.4 sum to 100 up to float noise, not exactly.
WEIGHT_TOLERANCE = 1e-6


class WeightMode(StrEnum):
    """How weights are written: points out of the total (分值) or percentages (权重)."""

    POINTS = "points"
    PERCENT = "percent"


class AdjustmentKind(StrEnum):
    BONUS = "bonus"  # 加分
    DEDUCTION = "deduction"  # 扣分


@dataclass(frozen=True)
class Node:
    """A category or indicator (类别 / 指标) of a scheme; a node without children is an indicator.

    An indicator has a ``method`` (with its ``params``) and a ``direction``; a
    category or intermediate node has ``children`` and no method.
    """

    code: str
    name: str
    weight: float
    children: tuple[Node, ...] = ()
    method: Method | None = None
    direction: Direction = Direction.HIGHER
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_indicator(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class Adjustment:
    """A bonus or deduction item (加分项 / 扣分项): ``per_event`` points per counted event, at most ``cap``.

    ``category`` (optional) names the category whose sub-score it counts in.
    """

    code: str
    name: str
    kind: AdjustmentKind
    per_event: float
    cap: float
    category: str = ""


@dataclass(frozen=True)
class Leaf:
    """An indicator with its place in the scheme: its full points and the category it belongs to."""

    node: Node
    full: float
    category: str  # the code of the top-level category
    path: tuple[str, ...]  # codes from the category down to the indicator


@dataclass(frozen=True)
class Scheme:
    """A validated scheme. Build it with :func:`scheme_build` (which validates)."""

    name: str
    total: float
    mode: WeightMode
    categories: tuple[Node, ...]
    adjustments: tuple[Adjustment, ...] = ()
    leaves: tuple[Leaf, ...] = ()

    def leaf(self, code: str) -> Leaf:
        for leaf in self.leaves:
            if leaf.node.code == code:
                return leaf
        raise KeyError(code)


def _invalid(message: str, node: str) -> DomainError:
    return DomainError(ErrorCode.INVALID, message, field=node)


def _walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _check_sum(children: tuple[Node, ...], expected: float, *, parent: str) -> None:
    total = math.fsum(child.weight for child in children)
    if abs(total - expected) > WEIGHT_TOLERANCE * max(1.0, expected):
        raise _invalid(
            _("The weights under %(parent)s sum to %(sum)s, not %(expected)s.")
            % {"parent": parent, "sum": f"{total:g}", "expected": f"{expected:g}"},
            parent,
        )


def _check_node(node: Node) -> None:
    label = f"{node.code} {node.name}".strip()
    if not node.code:
        raise _invalid(
            _("Every category and indicator needs a code (%(name)s).") % {"name": node.name}, "code"
        )
    if not math.isfinite(node.weight) or node.weight < 0:
        raise _invalid(
            _("The weight of %(node)s must be a number of at least 0.") % {"node": label}, node.code
        )
    if node.children and node.method is not None:
        raise _invalid(
            _("%(node)s has sub-indicators and cannot have a method.") % {"node": label}, node.code
        )
    if node.is_indicator and node.method is None:
        raise _invalid(_("The indicator %(node)s needs a scoring method.") % {"node": label}, node.code)
    if node.method is Method.ENTERED and node.direction is not Direction.HIGHER:
        # Entered values are the points given: more is better, whatever the underlying measure.
        raise _invalid(
            _("The entered indicator %(node)s is scored in points, so higher is better.") % {"node": label},
            node.code,
        )
    if node.method is not None:
        problems = METHODS[node.method].problems(node.params, node.direction)
        if problems:
            raise _invalid(
                _("The parameters of %(node)s are wrong: %(problems)s")
                % {"node": label, "problems": "; ".join(problems)},
                node.code,
            )


def _leaves(scheme_total: float, mode: WeightMode, categories: tuple[Node, ...]) -> list[Leaf]:
    found: list[Leaf] = []

    def visit(node: Node, points: float, category: str, path: tuple[str, ...]) -> None:
        if node.is_indicator:
            found.append(Leaf(node=node, full=points, category=category, path=path))
            return
        expected = 100.0 if mode is WeightMode.PERCENT else node.weight
        _check_sum(node.children, expected, parent=f"{node.code} {node.name}".strip())
        for child in node.children:
            share = points * child.weight / 100 if mode is WeightMode.PERCENT else child.weight
            visit(child, share, category, (*path, child.code))

    for category in categories:
        points = scheme_total * category.weight / 100 if mode is WeightMode.PERCENT else category.weight
        visit(category, points, category.code, (category.code,))
    return found


def _check_adjustments(adjustments: tuple[Adjustment, ...], categories: set[str]) -> None:
    for item in adjustments:
        label = f"{item.code} {item.name}".strip()
        if item.per_event < 0 or item.cap < 0:
            raise _invalid(
                _("The points of %(item)s must be at least 0 (a deduction is written as a positive number).")
                % {"item": label},
                item.code,
            )
        if item.category and item.category not in categories:
            raise _invalid(
                _("%(item)s names the category %(category)s, which the scheme does not have.")
                % {"item": label, "category": item.category},
                item.code,
            )


def scheme_build(
    *,
    name: str,
    total: float,
    categories: tuple[Node, ...],
    mode: WeightMode = WeightMode.POINTS,
    adjustments: tuple[Adjustment, ...] = (),
) -> Scheme:
    """Validate and build a scheme; a ``DomainError`` names the first node that is wrong.

    Checks: unique codes over categories, indicators and adjustments; weights ≥ 0;
    children's weights sum to the parent's (points) or to 100 (percent); the categories
    to the total (points) or 100 (percent); every indicator has a method whose
    parameters are right for it; no method on a node with children.
    """
    if not categories:
        raise _invalid(_("A scheme needs at least one category."), "categories")
    if not math.isfinite(total) or total <= 0:
        raise _invalid(_("The total points of a scheme must be positive."), "total")
    seen: set[str] = set()
    for node in _walk(categories):
        _check_node(node)
        if node.code in seen:
            raise _invalid(_("The code %(code)s is used twice.") % {"code": node.code}, node.code)
        seen.add(node.code)
    for item in adjustments:
        if item.code in seen:
            raise _invalid(_("The code %(code)s is used twice.") % {"code": item.code}, item.code)
        seen.add(item.code)
    _check_sum(categories, 100.0 if mode is WeightMode.PERCENT else total, parent=name)
    leaves = _leaves(total, mode, categories)
    _check_adjustments(adjustments, {c.code for c in categories})
    return Scheme(
        name=name,
        total=total,
        mode=mode,
        categories=categories,
        adjustments=adjustments,
        leaves=tuple(leaves),
    )
