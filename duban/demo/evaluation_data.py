"""The demo's evaluation schemes (考核评价): the provincial development-zone evaluation and unit assessment.

1. **福建省开发区综合发展水平评价** in the shape of the provincial scheme: six
   categories (发展规模, 土地集约, 科技创新, 环保安全, 开放合作, 管理服务), 1,000
   points, deductions per environmental-inspection problem and per serious
   accident. The indicators, their points and every figure are **invented** (the
   real scheme has 57 indicators; these 21 are plausible stand-ins), and so are
   the twenty peer zones and their figures. Only two of the zone's own figures
   come from seed-000: 16 high-tech firms and 120 firms with output over 100
   million yuan.
   The zone starts **below the middle** of the 21 zones; seed-000's goal (reach the
   middle of the province's national-level zones by the end of 2020), in our own
   words in ``GOAL_TEXT``, is the gap analysis's target: the median rank.
2. **以实绩论英雄** unit assessment over the demo's own units: four indicators
   computed from the supervision ledger (``evaluation.assessment``), two entered
   by the assessors, deductions per escalation and urging.

Peer figures are drawn from a seeded generator, so every run loads the same numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from duban.evaluation.compute import Inputs, Peer
from duban.evaluation.scheme import Adjustment, AdjustmentKind, Node, Scheme, scheme_build
from duban.evaluation.scoring import Method
from duban.indicators.ranking import Direction

ZONE = "泉州台商投资区"
INVENTED_NOTE = "演示数据：指标设置、分值及除台商投资区两项数据外的全部数字均为虚构，对照开发区名称亦为虚构。"
# seed-000's goal, restated (the document itself stays in ../shared/corpus).
GOAL_TEXT = "到2020年底，本区在全省国家级开发区综合评价中达到中游水平"
GOAL_SOURCE = "seed-000"


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a demo scheme: code, name, unit, full points, method, direction, parameters."""

    code: str
    name: str
    unit: str
    points: float
    method: str
    direction: str = "higher"
    params: dict[str, Any] = field(default_factory=dict)
    base: float = 0.0  # a typical peer's figure (the generator's centre)
    spread: float = 0.25  # relative scatter of peers' figures around ``base``
    ceiling: float | None = None  # rates cannot pass it (100 %)


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: str
    points: float
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class AdjustmentRow:
    """A bonus or deduction item: points per counted event, at most ``cap``."""

    code: str
    name: str
    kind: str  # bonus | deduction
    per_event: float
    cap: float
    category: str = ""


ZONE_SCHEME_NAME = "福建省开发区综合发展水平评价（演示）"
ZONE_SCHEME_TOTAL = 1000.0
ZONE_CATEGORIES: tuple[CategoryRow, ...] = (
    CategoryRow(
        "A",
        "发展规模",
        250,
        (
            IndicatorRow("A1", "地区生产总值", "亿元", 60, "min_max", base=260, spread=0.45),
            IndicatorRow("A2", "规模以上工业增加值增速", "%", 50, "z_score", base=8.5, spread=0.3),
            IndicatorRow("A3", "固定资产投资", "亿元", 50, "ratio_to_best", base=150, spread=0.45),
            IndicatorRow("A4", "一般公共预算收入", "亿元", 50, "min_max", base=18, spread=0.5),
            IndicatorRow("A5", "产值超亿元企业数", "家", 40, "rank_points", base=110, spread=0.4),
        ),
    ),
    CategoryRow(
        "B",
        "土地集约",
        150,
        (
            IndicatorRow(
                "B1", "单位土地面积工业增加值", "亿元/平方公里", 60, "ratio_to_best", base=9, spread=0.35
            ),
            IndicatorRow("B2", "工业用地亩均税收", "万元/亩", 50, "min_max", base=22, spread=0.35),
            IndicatorRow(
                "B3",
                "批而未供土地处置率",
                "%",
                40,
                "bands",
                params={"bands": [[90, 1.0], [75, 0.7], [60, 0.4]]},
                base=78,
                spread=0.15,
                ceiling=100,
            ),
        ),
    ),
    CategoryRow(
        "C",
        "科技创新",
        200,
        (
            IndicatorRow("C1", "高新技术企业数", "家", 50, "rank_points", base=40, spread=0.5),
            IndicatorRow("C2", "研究与试验发展经费投入强度", "%", 50, "z_score", base=1.9, spread=0.3),
            IndicatorRow(
                "C3", "高新技术产业增加值占规上工业比重", "%", 50, "min_max", base=38, spread=0.3, ceiling=100
            ),
            IndicatorRow("C4", "省级以上研发平台数", "个", 50, "ratio_to_best", base=14, spread=0.45),
        ),
    ),
    CategoryRow(
        "D",
        "环保安全",
        150,
        (
            IndicatorRow(
                "D1",
                "单位工业增加值能耗下降率",
                "%",
                50,
                "target",
                params={"target": 3.0, "cap": 1.2},
                base=3.0,
                spread=0.3,
            ),
            IndicatorRow(
                "D2",
                "工业废水集中处理率",
                "%",
                50,
                "bands",
                params={"bands": [[95, 1.0], [90, 0.8], [80, 0.5]]},
                base=92,
                spread=0.05,
                ceiling=100,
            ),
            IndicatorRow("D3", "空气质量优良天数比例", "%", 50, "z_score", base=96, spread=0.02, ceiling=100),
        ),
    ),
    CategoryRow(
        "E",
        "开放合作",
        150,
        (
            IndicatorRow("E1", "实际利用外资", "亿美元", 50, "min_max", base=2.2, spread=0.5),
            IndicatorRow("E2", "进出口总额", "亿元", 50, "ratio_to_best", base=160, spread=0.5),
            IndicatorRow("E3", "新设外资（含台资）企业数", "家", 50, "rank_points", base=30, spread=0.45),
        ),
    ),
    CategoryRow(
        "F",
        "管理服务",
        100,
        (
            IndicatorRow("F1", "体制机制改革创新", "分", 40, "entered", base=30, spread=0.15, ceiling=40),
            IndicatorRow("F2", "营商环境评价", "分", 30, "entered", base=23, spread=0.12, ceiling=30),
            IndicatorRow(
                "F3", "项目审批平均用时", "个工作日", 30, "min_max", direction="lower", base=25, spread=0.3
            ),
        ),
    ),
)
ZONE_ADJUSTMENTS: tuple[AdjustmentRow, ...] = (
    AdjustmentRow("X1", "环保督察反馈问题", "deduction", per_event=5, cap=30, category="D"),
    AdjustmentRow("X2", "较大及以上生产安全事故", "deduction", per_event=15, cap=45, category="D"),
    AdjustmentRow("Y1", "承担国家级改革试点", "bonus", per_event=10, cap=20, category="F"),
)

# Twenty invented peer zones: (name, region, strength). Strength scales a zone's
# figures around the typical ones (1.0); the regions are the province's two
# collaborative areas, so ranks within a region show too.
PEERS: tuple[tuple[str, str, float], ...] = (
    ("榕江经济技术开发区", "闽东北", 1.55),
    ("鹭门海沧台商投资区", "闽西南", 1.50),
    ("东岭高新技术产业开发区", "闽东北", 1.38),
    ("金湾经济技术开发区", "闽西南", 1.30),
    ("青屿高新技术产业开发区", "闽西南", 1.24),
    ("清源经济技术开发区", "闽西南", 1.18),
    ("凤溪经济技术开发区", "闽东北", 1.13),
    ("螺江台商投资区", "闽东北", 1.09),
    ("龙湫高新技术产业开发区", "闽西南", 1.05),
    ("东山湾经济开发区", "闽西南", 1.02),
    ("三溪经济技术开发区", "闽东北", 0.99),
    ("云台高新技术产业开发区", "闽西南", 0.96),
    ("闽溪经济技术开发区", "闽东北", 0.92),
    ("梅岭经济技术开发区", "闽西南", 0.89),
    ("建溪高新技术产业开发区", "闽东北", 0.86),
    ("九峰经济技术开发区", "闽西南", 0.83),
    ("白鹭洲经济开发区", "闽东北", 0.79),
    ("武夷山麓经济技术开发区", "闽东北", 0.74),
    ("汀江经济开发区", "闽西南", 0.70),
    ("霞浦湾经济技术开发区", "闽东北", 0.65),
)
ZONE_REGION = "闽西南"
YEARS = (2017, 2018)  # evaluations published in the story (2018's in mid-2019, before the demo date)
LATEST_YEAR = YEARS[-1]

# The zone's own figures per year: strong in opening-up (Taiwan firms), weak in
# technology and land use, so that it starts below the middle.
ZONE_VALUES: dict[int, dict[str, float]] = {
    2017: {
        "A1": 238.0,
        "A2": 9.1,
        "A3": 168.0,
        "A4": 14.2,
        "A5": 108,
        "B1": 6.1,
        "B2": 15.8,
        "B3": 68.0,
        "C1": 11,
        "C2": 1.21,
        "C3": 27.5,
        "C4": 7,
        "D1": 2.6,
        "D2": 90.5,
        "D3": 95.9,
        "E1": 2.6,
        "E2": 172.0,
        "E3": 36,
        "F1": 28.0,
        "F2": 21.5,
        "F3": 27.0,
    },
    2018: {
        "A1": 262.0,
        "A2": 9.6,
        "A3": 186.0,
        "A4": 15.6,
        "A5": 120,
        "B1": 6.8,
        "B2": 17.2,
        "B3": 71.0,
        "C1": 16,
        "C2": 1.32,
        "C3": 29.4,
        "C4": 8,
        "D1": 2.8,
        "D2": 91.2,
        "D3": 96.4,
        "E1": 2.9,
        "E2": 188.0,
        "E3": 41,
        "F1": 29.0,
        "F2": 22.0,
        "F3": 24.0,
    },
}
ZONE_EVENTS: dict[int, dict[str, int]] = {2017: {"X1": 3, "X2": 1}, 2018: {"X1": 2}}
PEER_EVENTS_SEED = 7

# A what-if the demo story tells (and a test checks): technology and land figures
# raised to a typical zone's lift the zone over the median.
WHAT_IF_CHANGES: dict[str, float] = {"C1": 40, "C3": 38.0, "C4": 14, "B1": 9.0, "B2": 22.0}


def peer_values(year: int) -> dict[str, dict[str, float]]:
    """Every invented peer's figures for ``year``: zone name → indicator code → value (seeded)."""
    rng = random.Random(f"duban-demo-evaluation-{year}")  # noqa: S311 - invented figures, not secrets
    growth = 1.0 + 0.07 * (year - YEARS[0])
    found: dict[str, dict[str, float]] = {}
    for name, _region, strength in PEERS:
        row: dict[str, float] = {}
        for category in ZONE_CATEGORIES:
            for ind in category.indicators:
                row[ind.code] = _figure(ind, strength, growth, rng)
        found[name] = row
    return found


def _figure(ind: IndicatorRow, strength: float, growth: float, rng: random.Random) -> float:
    noise = 1.0 + rng.uniform(-ind.spread, ind.spread) * 0.6
    # Strength moves a figure by its spread, not proportionally: rates stay plausible.
    lift = 1.0 + (strength - 1.0) * ind.spread * 2
    if ind.direction == "lower":
        value = ind.base / max(0.3, lift) * noise
    elif ind.unit == "%" or ind.method == "entered":
        value = ind.base * lift * noise
    else:
        value = ind.base * lift * noise * growth
    if ind.ceiling is not None:
        value = min(ind.ceiling, value)
    if ind.unit in ("家", "个"):
        return float(max(1, round(value)))
    return round(value, 2 if value < 10 else 1)


def peer_events(year: int) -> dict[str, dict[str, int]]:
    """Counted events of the peers (inspection problems, accidents, pilot schemes), seeded."""
    rng = random.Random(f"duban-demo-events-{year}-{PEER_EVENTS_SEED}")  # noqa: S311 - invented counts
    events: dict[str, dict[str, int]] = {}
    for name, _region, strength in PEERS:
        counts = {"X1": rng.choice((0, 0, 1, 1, 2, 3)), "X2": rng.choice((0, 0, 0, 0, 0, 1))}
        if strength > 1.2 and rng.random() < 0.6:
            counts["Y1"] = 1
        events[name] = {code: n for code, n in counts.items() if n}
    return events


# --- 以实绩论英雄: the annual assessment of the zone's own units ------------------

UNIT_SCHEME_NAME = "以实绩论英雄单位考核（演示）"
UNIT_SCHEME_TOTAL = 100.0
UNIT_YEAR = 2019
# The units assessed: the lead units of the demo ledgers, and two more departments.
UNIT_SUBJECTS: tuple[str, ...] = (
    "经济发展局",
    "规划建设与交通局",
    "台港澳事务局",
    "白沙片区指挥部",
    "社会事业局",
    "生态环境局",
    "招商局",
    "科技和人才工作局",
)
UNIT_CATEGORIES: tuple[CategoryRow, ...] = (
    CategoryRow(
        "U",
        "督办落实",
        70,
        (
            IndicatorRow("on_time_rate", "督办事项按期完成率", "%", 25, "min_max"),
            IndicatorRow("overdue_item_days", "督办事项逾期天数", "天", 15, "min_max", direction="lower"),
            IndicatorRow("report_punctuality", "进展反馈及时率", "%", 15, "min_max"),
            IndicatorRow("delivery_judgement", "督查研判得分", "分", 15, "ratio_to_best"),
        ),
    ),
    CategoryRow(
        "W",
        "工作实绩",
        30,
        (
            IndicatorRow("key_work", "重点工作完成情况（评议）", "分", 20, "entered"),
            IndicatorRow("satisfaction", "服务对象满意度（评议）", "分", 10, "entered"),
        ),
    ),
)
UNIT_ADJUSTMENTS: tuple[AdjustmentRow, ...] = (
    AdjustmentRow("escalations", "被督办", "deduction", per_event=2, cap=10, category="U"),
    AdjustmentRow("urgings", "被催办", "deduction", per_event=1, cap=5, category="U"),
    AdjustmentRow("accountability", "被问责", "deduction", per_event=3, cap=9, category="U"),
)
# The assessors' entered points (invented): unit name → (key work /20, satisfaction /10).
UNIT_ENTERED: dict[str, tuple[float, float]] = {
    "经济发展局": (17.5, 8.5),
    "规划建设与交通局": (16.0, 8.0),
    "台港澳事务局": (18.5, 9.0),
    "白沙片区指挥部": (15.0, 7.5),
    "社会事业局": (16.5, 8.0),
    "生态环境局": (17.0, 8.5),
    "招商局": (18.0, 8.0),
    "科技和人才工作局": (16.0, 9.0),
}


# --- The tables as the engine's pure structures (for the loader and the tests) ---------


def scheme_of(
    *, name: str, total: float, categories: tuple[CategoryRow, ...], adjustments: tuple[AdjustmentRow, ...]
) -> Scheme:
    """A demo table as a validated engine scheme (points mode)."""
    nodes = tuple(
        Node(
            code=c.code,
            name=c.name,
            weight=c.points,
            children=tuple(
                Node(
                    code=i.code,
                    name=i.name,
                    weight=i.points,
                    method=Method(i.method),
                    direction=Direction(i.direction),
                    params=i.params,
                )
                for i in c.indicators
            ),
        )
        for c in categories
    )
    items = tuple(
        Adjustment(a.code, a.name, AdjustmentKind(a.kind), a.per_event, a.cap, a.category)
        for a in adjustments
    )
    return scheme_build(name=name, total=total, categories=nodes, adjustments=items)


def zone_scheme() -> Scheme:
    return scheme_of(
        name=ZONE_SCHEME_NAME,
        total=ZONE_SCHEME_TOTAL,
        categories=ZONE_CATEGORIES,
        adjustments=ZONE_ADJUSTMENTS,
    )


def zone_codes() -> list[str]:
    return [ind.code for category in ZONE_CATEGORIES for ind in category.indicators]


def zone_inputs(year: int) -> Inputs[str]:
    """The year's figures of the zone and its twenty peers, keyed by zone name."""
    peers = peer_values(year)
    events = peer_events(year)
    subjects = (Peer(ZONE, ZONE, ZONE_REGION), *(Peer(name, name, region) for name, region, _s in PEERS))
    values = {
        code: {ZONE: ZONE_VALUES[year][code], **{n: peers[n][code] for n in peers}} for code in zone_codes()
    }
    counted = {
        a.code: {ZONE: ZONE_EVENTS[year].get(a.code, 0), **{n: events[n].get(a.code, 0) for n in events}}
        for a in ZONE_ADJUSTMENTS
    }
    return Inputs(subjects=subjects, values=values, events=counted)
