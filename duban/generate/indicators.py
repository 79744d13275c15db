"""The generated data set's indicators (指标监测): definitions, the zone and its peers, monthly figures.

A ``writer.PARTS`` part (SPEC "Speed and scale": 200 indicators × 10 years of months × 15
subjects for ``large``; 60 × 5 × 10 for ``medium``; 20 × 3 × 5 for ``small``), drawn from
the plan's seed alone, so the same (size, seed, today) gives the same figures:

- indicators: mostly monthly and cumulative (1—N月累计), some monthly point values
  (prices, rates), some quarterly; each led by one of the plan's units and a leader
  in charge; categories as a monthly report groups them;
- subjects: the zone and its peers (the city's other districts), one peer set 全市各县区;
- values: for every subject, indicator and period up to the last month before ``today``,
  with a seasonal profile (more in December), a yearly growth around 7% and noise;
  growth computed from the prior year as ``growth.growth_compute`` does, a fifth of the
  indicators carrying a published (entered) growth instead; provenance: imported from
  that month's statistics workbook, its sheet and cell;
- targets: each indicator's annual growth target, for every year.

Rows go in with ``bulk_create`` in batches; audit rows as the services write them: one
per definition, subject and target, and one per monthly workbook import with its counts
(values are audited per import, not per value, as ``values_import`` does).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from duban.audit.services import AuditEntry, audit_record_many, snapshot
from duban.generate.shape import Plan
from duban.generate.writer import PARTS, Keys, Progress, bulk
from duban.indicators.growth import growth_compute
from duban.indicators.models import (
    IndicatorDefinition,
    IndicatorValue,
    PeerSet,
    Provenance,
    Subject,
    SubjectKind,
    Target,
    ValueKind,
)

BATCH = 5000


@dataclass(frozen=True)
class IndicatorScale:
    indicators: int
    years: int
    subjects: int


SCALES = {
    "small": IndicatorScale(indicators=20, years=3, subjects=5),
    "medium": IndicatorScale(indicators=60, years=5, subjects=10),
    "large": IndicatorScale(indicators=200, years=10, subjects=15),
}
CATEGORIES = ("主要经济指标", "工业", "投资", "消费", "财政金融", "开放型经济", "民生")
NAMES = (
    ("地区生产总值", "亿元"), ("规模以上工业增加值", "亿元"), ("固定资产投资", "亿元"),
    ("社会消费品零售总额", "亿元"), ("一般公共预算总收入", "亿元"), ("一般公共预算收入", "亿元"),
    ("外贸进出口总额", "亿元"), ("实际利用外资", "万美元"), ("城镇居民人均可支配收入", "元"),
    ("第三产业增加值", "亿元"), ("建筑业总产值", "亿元"), ("限额以上批发零售业销售额", "亿元"),
)  # fmt: skip
POINT_NAMES = (("居民消费价格指数", "%"), ("城镇登记失业率", "%"), ("金融机构存款余额", "亿元"))
PEERS = ("思明区", "湖里区", "集美区", "海沧区", "同安区", "翔安区", "鼓楼区", "台江区", "仓山区", "晋安区",
         "马尾区", "长乐区", "福清市", "闽侯县", "连江县", "罗源县", "闽清县", "永泰县")  # fmt: skip
# Share of the year's total by month (a monthly report's usual shape: more in December).
SEASON = (6, 6, 8, 8, 8, 9, 8, 8, 9, 9, 9, 12)


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    unit: str
    frequency: str
    kind: str
    category: str
    entered_growth: bool


def definition_specs(count: int, rng: random.Random) -> list[Spec]:
    """``count`` indicators: a tenth point values, a tenth quarterly, the rest monthly and cumulative."""
    specs = []
    for n in range(count):
        point, quarterly = n % 10 == 9, n % 10 == 4
        name, unit = (POINT_NAMES if point else NAMES)[n % len(POINT_NAMES if point else NAMES)]
        specs.append(
            Spec(
                code=f"GEN{n + 1:03d}",
                name=name if n < len(NAMES) else f"{name}（{n + 1}）",
                unit=unit,
                frequency="quarterly" if quarterly else "monthly",
                kind=ValueKind.POINT if point else ValueKind.CUMULATIVE,
                category=CATEGORIES[n % len(CATEGORIES)],
                entered_growth=rng.random() < 0.2,
            )
        )
    return specs


def _months(today: dt.date, years: int) -> list[tuple[int, int]]:
    """Every (year, month) of the last ``years`` years before ``today``'s month."""
    first = today.year - years + (1 if today.month > 1 else 0)
    now = (today.year, today.month)
    return [(y, m) for y in range(first, today.year + 1) for m in range(1, 13) if (y, m) < now]


def _series(spec: Spec, months: list[tuple[int, int]], rng: random.Random) -> dict[tuple[int, int], Decimal]:
    """One subject's figures of one indicator by (year, month of its period end)."""
    base = Decimal(rng.randint(50, 900))
    values: dict[tuple[int, int], Decimal] = {}
    running, year_total = Decimal(0), base
    for year, month in months:
        if month == 1:
            year_total *= Decimal(1 + rng.gauss(0.07, 0.03)).quantize(Decimal("0.0001"))
            running = Decimal(0)
        share = Decimal(SEASON[month - 1]) / 100 * Decimal(1 + rng.gauss(0, 0.03)).quantize(Decimal("0.001"))
        running += year_total * share
        if spec.kind == ValueKind.POINT:
            values[(year, month)] = (Decimal(100) + Decimal(rng.gauss(2, 1))).quantize(Decimal("0.01"))
        elif spec.frequency == "monthly" or month % 3 == 0:
            values[(year, month)] = running.quantize(Decimal("0.01"))
    return values


def _rows(
    spec: Spec,
    definition: IndicatorDefinition,
    subject: Subject,
    *,
    rng: random.Random,
    months: list[tuple[int, int]],
    row: int,
) -> Iterator[IndicatorValue]:
    series = _series(spec, months, rng)
    for (year, month), value in series.items():
        growth = growth_compute(current=value, prior=series.get((year - 1, month)))
        entered = spec.entered_growth and growth is not None
        if entered:
            assert growth is not None
            growth = (growth + Decimal(rng.choice((-3, -2, -1, 0, 1, 2)) / 10)).quantize(Decimal("0.1"))
        quarterly = spec.frequency == "quarterly"
        sheet = f"{year}年{month}月"
        yield IndicatorValue(
            definition=definition,
            subject=subject,
            year=year,
            month=0 if quarterly else month,
            quarter=month // 3 if quarterly else 0,
            value=value,
            growth=growth,
            growth_entered=entered,
            provenance=Provenance.IMPORTED,
            source_file=f"{sheet}统计月报.xlsx",
            source_row=f"'{sheet}'!E{row}",
        )


def _created(action: str) -> Callable[[models.Model], AuditEntry]:
    return lambda row: AuditEntry(action=action, obj=row, after=snapshot(row))


def _suffix() -> str:
    """A second set (``--force``) beside the first: codes and subject names are unique."""
    count = PeerSet.objects.filter(name__startswith="全市各县区").count()
    return f"-{count + 1}" if count else ""


def write_indicators(plan: Plan, keys: Keys, progress: Progress) -> dict[str, int]:
    """The part: definitions, subjects, the peer set, targets, values, and their audit rows."""
    scale = SCALES[plan.size]
    rng = random.Random(f"duban-generate-indicators:{plan.size}:{plan.seed}")  # noqa: S311 - test data
    specs = definition_specs(scale.indicators, rng)
    tag = _suffix()
    leaders = [keys.people[n] for n, p in enumerate(plan.org.people) if p.oversees] or keys.people[:1]
    definitions = bulk(
        IndicatorDefinition,
        [
            IndicatorDefinition(
                code=s.code + tag,
                name=s.name,
                unit=s.unit,
                frequency=s.frequency,
                value_kind=s.kind,
                category=s.category,
                lead_unit_id=keys.units[1 + n % (len(keys.units) - 1)],
                leader_id=leaders[n % len(leaders)],
                sort_order=n + 1,
            )
            for n, s in enumerate(specs)
        ],
        audit=_created("indicator.create"),
    )
    subjects = bulk(
        Subject,
        [Subject(name="本区" + tag, kind=SubjectKind.ZONE, sort_order=1)]
        + [
            Subject(
                name=PEERS[n % len(PEERS)] + (f"{n // len(PEERS) + 1}" if n >= len(PEERS) else "") + tag,
                kind=SubjectKind.PEER,
                sort_order=n + 2,
            )
            for n in range(scale.subjects - 1)
        ],
        audit=_created("subject.create"),
    )
    peers = PeerSet.objects.create(name="全市各县区" + tag, scope_word="全市")
    peers.members.set(subjects)
    audit_record_many(
        actor="generate",
        events=[
            AuditEntry(
                action="peer_set.create",
                obj=peers,
                after={**snapshot(peers), "members": [s.pk for s in subjects]},
            )
        ],
    )
    months = _months(plan.today, scale.years)
    years = sorted({y for y, _m in months})
    targets = bulk(
        Target,
        [
            Target(definition=d, year=y, growth=Decimal(rng.choice((60, 65, 70, 75, 80, 85, 90))) / 10)
            for d in definitions
            for y in years
        ],
        audit=_created("target.set"),
    )
    values = _write_values(specs, definitions, subjects, months=months, rng=rng, progress=progress)
    return {
        "indicators": len(definitions),
        "indicator_subjects": len(subjects),
        "indicator_targets": len(targets),
        "indicator_values": values,
    }


def _write_values(
    specs: list[Spec],
    definitions: list[IndicatorDefinition],
    subjects: list[Subject],
    *,
    months: list[tuple[int, int]],
    rng: random.Random,
    progress: Progress,
) -> int:
    """Every subject's figures, indicator by indicator, in batches; one audit row per month's import."""
    total, pending = 0, []
    per_month: dict[tuple[int, int], int] = {}
    for index, (spec, definition) in enumerate(zip(specs, definitions, strict=True)):
        for subject in subjects:
            for row in _rows(spec, definition, subject, rng=rng, months=months, row=index + 3):
                pending.append(row)
                key = (row.year, row.month or row.quarter * 3)
                per_month[key] = per_month.get(key, 0) + 1
        if len(pending) >= BATCH or index == len(specs) - 1:
            IndicatorValue.objects.bulk_create(pending, batch_size=BATCH)
            total += len(pending)
            pending = []
            progress("indicator values", index + 1, len(specs))
    audit_record_many(
        actor="generate",
        events=[
            AuditEntry(
                action="indicator_values.import",
                object_type="indicators.import",
                object_id=hashlib.sha256(f"{y}-{m}".encode()).hexdigest()[:16],
                after={
                    "file": f"{y}年{m}月统计月报.xlsx",
                    "sheets": [f"{y}年{m}月"],
                    "created": n,
                    "updated": 0,
                    "unchanged": 0,
                    "growth_recomputed": 0,
                },
            )
            for (y, m), n in sorted(per_month.items())
        ],
    )
    return total


if write_indicators not in PARTS:
    PARTS.append(write_indicators)
