"""The hand-computed 3-subject, 4-indicator scheme the engine's tests share.

Points mode, total 100: category 规模 (70) = I1 min–max (40) + I2 z-score (30);
category 质量 (30) = I3 target achievement capped at 1.2 (20) + I4 points by rank,
lower is better (10). Subjects A, B (group 北片) and C (group 南片).

| | I1 | I2 | I3 (target) | I4 |
|---|---|---|---|---|
| A | 10 | 1 | 90 (100) | 5 |
| B | 20 | 2 | 60 (50) | 3 |
| C | 30 | 3 | 100 (80) | 3 |

By hand:
- I1: min 10, max 30 → A 0, B 40 × 10/20 = 20, C 40.
- I2: mean 2, population sd √(2/3) = 0.816497; z = −1.224745, 0, +1.224745;
  points 30 × (0.5 + z / 6) → A 15 − 5 × 1.224745 = 8.876276, B 15, C 21.123724.
- I3: ratios 0.9, 1.2, 1.25 → capped 1.2 → A 18, B 24, C 24.
- I4: lower is better; B and C tie at 3 → both rank 1 (table share 1 → 10), A rank 3 (0.3 → 3).
- Totals: A 29.876276, B 69, C 95.123724 → ranks C 1, B 2, A 3; in 北片 B 1, A 2; in 南片 C 1.
"""

from __future__ import annotations

import math

from duban.evaluation.compute import Inputs, Peer
from duban.evaluation.scheme import Node, Scheme, scheme_build
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction

Z = math.sqrt(1.5)  # 1 / sd = 1 / √(2/3): the z of A and C in I2

HAND_TOTALS = {"A": 0 + (15 - 5 * Z) + 18 + 3, "B": 20 + 15 + 24 + 10, "C": 40 + (15 + 5 * Z) + 24 + 10}


def hand_scheme() -> Scheme:
    return scheme_build(
        name="三主体四指标",
        total=100,
        categories=(
            Node(
                code="S",
                name="规模",
                weight=70,
                children=(
                    Node(code="I1", name="指标一", weight=40, method=Method.MIN_MAX),
                    Node(code="I2", name="指标二", weight=30, method=Method.Z_SCORE),
                ),
            ),
            Node(
                code="Q",
                name="质量",
                weight=30,
                children=(
                    Node(code="I3", name="指标三", weight=20, method=Method.TARGET, params={"cap": 1.2}),
                    Node(
                        code="I4",
                        name="指标四",
                        weight=10,
                        method=Method.RANK_POINTS,
                        direction=Direction.LOWER,
                        params={"table": [1, 0.6, 0.3]},
                    ),
                ),
            ),
        ),
    )


def hand_inputs() -> Inputs[str]:
    return Inputs(
        subjects=(Peer("A", "甲", "北片"), Peer("B", "乙", "北片"), Peer("C", "丙", "南片")),
        values={
            "I1": {"A": 10, "B": 20, "C": 30},
            "I2": {"A": 1, "B": 2, "C": 3},
            "I3": {"A": 90, "B": 60, "C": 100},
            "I4": {"A": 5, "B": 3, "C": 3},
        },
        targets={"I3": {"A": 100, "B": 50, "C": 80}},
    )
