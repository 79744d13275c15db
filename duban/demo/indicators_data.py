"""The demo's indicators: seed-004's 2019 half-year, with monthly figures for 2017–2019.

What comes from seed-004 (the 2019 half-year meeting): 地区生产总值 149.75亿元,
比增9.7%; of nine main economic indicators, 地区生产总值, 第三产业增加值,
一般公共预算总收入 and 一般公共预算收入 rank first in growth in the city (全市),
six are in the city's top three, eight grow faster than their annual target;
"individual indicators rank poorly" and "the industrial base is still weak".

Everything else is INVENTED for the demo and labelled so (``INVENTED_NOTE``, the
peer set's name): the other figures of the zone, every figure of the city's
other districts, the 2017–2018 history and the targets. They are built so that
the half-year comes out as the seed wrote it — the overview computes its
sentences from these figures, it is not told them — and so that the pages
show a seasonal 序时 profile, a warning of each kind and a rank history.

Figures are generated, not random: the same every run (a fixed seed).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZONE = "泉州台商投资区"
# The city's other county-level districts (泉州市各县（市、区）), with an invented size
# relative to the zone (1.0), so that value ranks look plausible.
PEERS: tuple[tuple[str, float], ...] = (
    ("鲤城区", 1.7),
    ("丰泽区", 2.9),
    ("洛江区", 0.9),
    ("泉港区", 1.8),
    ("石狮市", 2.6),
    ("晋江市", 7.4),
    ("南安市", 3.6),
    ("惠安县", 3.9),
    ("安溪县", 2.2),
    ("永春县", 1.3),
    ("德化县", 1.0),
)
PEER_SET = "泉州市各县（市、区）（演示，数字虚构）"
SCOPE_WORD = "全市"
CATEGORY = "主要经济指标"
INVENTED_NOTE = (
    "演示数据：除地区生产总值149.75亿元、比增9.7%及排名情况取自2019年上半年推进会报道外，其余数字均为虚构。"
)

YEARS = (2017, 2018, 2019)


def workbook_name(year: int) -> str:
    """The demo's yearly statistics workbook: its name says its figures are invented."""
    return f"{year}年全市各县区主要经济指标（演示虚构数据）.xlsx"


LAST_MONTH_2019 = 6  # the half-year: the latest figures the demo has

MONTHLY, QUARTERLY = "monthly", "quarterly"

# Seasonal weights of each period's own (non-cumulative) figure.
FRONT = (10, 7, 8, 9, 9, 9, 8, 8, 8, 8, 8, 8)  # revenues come in early
BACK = (4, 5, 8, 8, 9, 10, 8, 9, 9, 10, 9, 11)  # investment late in the year
EVEN = (8, 6, 8, 8, 8.5, 9, 8, 8, 8.5, 9, 9, 10)  # industry: a little behind the calendar
STEADY = (9, 7, 9, 8.5, 8.5, 9, 8, 8, 8, 8, 8, 9)  # trade and consumption: half by June
QUARTERS = (23, 27, 24, 26)


@dataclass(frozen=True)
class DemoIndicator:
    """One indicator: its half-year 2019 design for the zone (value, growth, growth rank among 12)."""

    code: str
    name: str
    unit: str
    frequency: str
    published: bool  # growth entered as published (at comparable prices), not computed from values
    value: Decimal  # the zone's 2019 half-year (1—6月 / 二季度累计) value
    growth: Decimal  # its growth in %
    rank: int  # its growth rank in the city in June
    target_growth: Decimal  # the 2019 annual growth target in %
    weights: tuple[float, ...]
    lead_unit: str
    leader: str
    value_target: bool = True  # False: only a growth target (the page derives the value)
    may_rank: int | None = None  # the zone's growth rank in May when it differs (a rank drop)
    slope: float = 0.15  # how the zone's growth moved per month towards June (negative: falling)


D = Decimal
INDICATORS: tuple[DemoIndicator, ...] = (
    DemoIndicator(
        "GDP",
        "地区生产总值",
        "亿元",
        QUARTERLY,
        True,
        D("149.75"),
        D("9.7"),
        1,
        D("9.0"),
        QUARTERS,
        "经济发展局",
        "林晓东",
    ),
    DemoIndicator(
        "IND",
        "规模以上工业增加值",
        "亿元",
        MONTHLY,
        True,
        D("52.36"),
        D("6.2"),
        9,
        D("9.5"),
        EVEN,
        "经济发展局",
        "林晓东",
        slope=-0.6,
    ),
    DemoIndicator(
        "TER",
        "第三产业增加值",
        "亿元",
        QUARTERLY,
        True,
        D("68.42"),
        D("11.8"),
        1,
        D("10.0"),
        QUARTERS,
        "经济发展局",
        "林晓东",
    ),
    DemoIndicator(
        "FAI",
        "固定资产投资",
        "亿元",
        MONTHLY,
        False,
        D("132.61"),
        D("16.5"),
        2,
        D("15.0"),
        BACK,
        "重点项目服务中心",
        "蔡文斌",
    ),
    DemoIndicator(
        "RET",
        "社会消费品零售总额",
        "亿元",
        MONTHLY,
        False,
        D("48.93"),
        D("11.2"),
        5,
        D("10.5"),
        STEADY,
        "经济发展局",
        "林晓东",
    ),
    DemoIndicator(
        "REV",
        "一般公共预算总收入",
        "亿元",
        MONTHLY,
        False,
        D("18.65"),
        D("15.3"),
        1,
        D("8.0"),
        FRONT,
        "财政局",
        "林晓东",
    ),
    DemoIndicator(
        "LOC",
        "一般公共预算收入",
        "亿元",
        MONTHLY,
        False,
        D("11.42"),
        D("13.6"),
        1,
        D("7.5"),
        FRONT,
        "财政局",
        "林晓东",
    ),
    DemoIndicator(
        "EXP",
        "外贸出口",
        "亿元",
        MONTHLY,
        False,
        D("36.80"),
        D("12.4"),
        3,
        D("8.0"),
        STEADY,
        "经济发展局",
        "林晓东",
    ),
    DemoIndicator(
        "FDI",
        "实际利用外资",
        "万美元",
        MONTHLY,
        False,
        D("9860"),
        D("7.3"),
        6,
        D("5.0"),
        STEADY,
        "招商局",
        "林晓东",
        value_target=False,
        may_rank=3,
    ),
)


@dataclass(frozen=True)
class DemoValue:
    subject: str
    year: int
    month: int  # 0 for a quarterly figure
    quarter: int  # 0 for a monthly figure
    value: Decimal
    growth: Decimal | None  # the published growth, for published indicators only


def _cents(x: float | Decimal) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _tenth(x: float) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _cumulative_shares(weights: tuple[float, ...], rng: random.Random) -> list[float]:
    """The year-to-date share by period, from the weights with a small wobble (each year its own)."""
    wobbled = [w * (1 + rng.uniform(-0.04, 0.04)) for w in weights]
    total, running, shares = sum(wobbled), 0.0, []
    for w in wobbled:
        running += w
        shares.append(running / total)
    return shares


def _peer_growths(ind: DemoIndicator, rng: random.Random) -> list[float]:
    """The other districts' growths in the half-year: ``rank - 1`` above the zone's, the rest below."""
    zone = float(ind.growth)
    above = [zone + 0.4 + 0.5 * i + rng.uniform(0, 0.2) for i in range(ind.rank - 1)]
    below = [zone - 0.3 - 0.45 * i - rng.uniform(0, 0.2) for i in range(len(PEERS) + 1 - ind.rank)]
    growths = above + below
    rng.shuffle(growths)
    return growths


def _growth_path(june: float, slope: float, periods: int, anchor: int, rng: random.Random) -> list[float]:
    """Growth by period of 2019 (the anchor period's is exact), drifting by ``slope`` per month."""
    step = slope * (12 / periods)
    return [
        june if p == anchor else june + step * (p - anchor) + rng.uniform(-0.3, 0.3)
        for p in range(1, periods + 1)
    ]


def _series(
    name: str, ind: DemoIndicator, *, value: Decimal, path: list[float], rng: random.Random
) -> list[DemoValue]:
    """One subject's figures 2017 – June 2019, built back from its half-year 2019 value.

    Each period's figure of a year is the next year's divided by that period's growth, so the
    growth computed from the figures follows the path, and each year has its own seasonal shares.
    """
    periods = len(ind.weights)
    anchor = periods // 2
    shares = _cumulative_shares(ind.weights, rng)
    nominal = 2.0 if ind.published else 0.0  # prices: a published real growth is below the nominal one
    growth_2018 = [g - rng.uniform(0.5, 2.5) for g in path]
    figures = {2019: [float(value) * share / shares[anchor - 1] for share in shares]}
    figures[2018] = [f / (1 + (g + nominal) / 100) for f, g in zip(figures[2019], path, strict=True)]
    figures[2017] = [f / (1 + (g + nominal) / 100) for f, g in zip(figures[2018], growth_2018, strict=True)]
    rows: list[DemoValue] = []
    for year in YEARS:
        growth = {2019: path, 2018: growth_2018}.get(year)
        for p in range(1, (anchor if year == 2019 else periods) + 1):
            figure = value if (year, p) == (2019, anchor) else _cents(figures[year][p - 1])
            published = _tenth(growth[p - 1]) if ind.published and growth is not None else None
            month, quarter = (p, 0) if ind.frequency == MONTHLY else (0, p)
            rows.append(DemoValue(name, year, month, quarter, figure, published))
    return _anchor_growth(rows, ind, path, anchor)


def _anchor_growth(
    rows: list[DemoValue], ind: DemoIndicator, path: list[float], anchor: int
) -> list[DemoValue]:
    """Make the computed half-year growth exact: last year's half-year value is set back from it."""
    if ind.published:
        return rows
    june = next(r for r in rows if r.year == 2019 and anchor in (r.month, r.quarter))
    target = _tenth(path[anchor - 1])
    prior = _cents(june.value / (1 + target / 100))
    for tweak in (Decimal(0), Decimal("0.01"), Decimal("-0.01"), Decimal("0.02"), Decimal("-0.02")):
        candidate = prior + tweak
        if _tenth(float((june.value - candidate) / candidate * 100)) == target:
            prior = candidate
            break
    return [
        DemoValue(r.subject, r.year, r.month, r.quarter, prior, r.growth)
        if r.year == 2018 and anchor in (r.month, r.quarter)
        else r
        for r in rows
    ]


def demo_values(ind: DemoIndicator) -> list[DemoValue]:
    """Every figure of one indicator: the zone's and the other districts' (invented)."""
    rng = random.Random(f"duban-demo-{ind.code}")  # noqa: S311 - invented demo figures, not secrets
    periods = len(ind.weights)
    anchor = periods // 2
    zone_path = _growth_path(float(ind.growth), ind.slope, periods, anchor, random.Random(0))  # noqa: S311
    if ind.slope < 0:  # a steady decline, exactly (增幅连续回落)
        zone_path = [float(ind.growth) + ind.slope * min(p - anchor, 0) for p in range(1, periods + 1)]
    if ind.may_rank is not None:
        zone_path[anchor - 2] = float(ind.growth) + 2.4  # strong in May, then it fell back
    rows = _series(ZONE, ind, value=ind.value, path=zone_path, rng=rng)
    for (name, size), june in zip(PEERS, _peer_growths(ind, rng), strict=True):
        value = _cents(float(ind.value) * size * rng.uniform(0.85, 1.15))
        path = _growth_path(june, rng.uniform(-0.2, 0.2), periods, anchor, rng)
        rows.extend(_series(name, ind, value=value, path=path, rng=rng))
    return rows


def target_value(ind: DemoIndicator, rows: list[DemoValue]) -> Decimal | None:
    """The 2019 value target: last year's total grown by the growth target (None: growth target only)."""
    if not ind.value_target:
        return None
    periods = len(ind.weights)
    last = next(r for r in rows if r.subject == ZONE and r.year == 2018 and periods in (r.month, r.quarter))
    return _cents(last.value * (1 + ind.target_growth / 100))
