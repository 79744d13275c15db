"""What a supervision bulletin (督查通报) says, read from the data in a fixed number of queries.

Every figure comes from :func:`duban.reports.statistics.facts.statistics` over the
same period and scope, so the bulletin, the statistics page and the ledger's
lists agree. Praise (表扬) goes to units that completed items in the period, all
on time, with nothing overdue; criticism (通报) to units with items overdue on
the day the bulletin looks at, the most overdue item-days first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from duban.core import clock
from duban.indicators import policy as indicator_policy
from duban.org.scope import Viewer
from duban.projects import policy as project_policy
from duban.reports.cockpit.modules import indicator_panel, project_panel
from duban.reports.statistics.facts import GroupBy, StatRow, Within, statistics
from duban.reports.statistics.figures import Period, Tally
from duban.supervision import policy
from duban.supervision.models import Item

# Items listed by name under each unit; the rest are counted ("等N项").
LISTED_PER_UNIT = 5
LISTED_COMPLETED = 20


@dataclass(frozen=True)
class OverdueItem:
    number: str
    title: str
    deadline: dt.date
    days: int
    leader: str


@dataclass(frozen=True)
class UnitOverdue:
    """One unit's overdue items (逾期事项) with the leaders who answer for them."""

    unit: str
    count: int
    days: int
    leaders: list[str]
    items: list[OverdueItem]


@dataclass(frozen=True)
class CompletedItem:
    title: str
    unit: str
    on_time: bool


@dataclass
class BulletinContent:
    """Everything the document prints, figures and names alike."""

    period: Period
    scope_label: str
    total: Tally
    in_scope: int
    open_now: int
    completed: list[CompletedItem]
    overdue_by_unit: list[UnitOverdue]
    praised: list[str]
    criticised: list[str]
    extra_sections: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def on_time_rate(self) -> Decimal | None:
        return self.total.on_time_rate

    def figures(self) -> dict[str, object]:
        """The headline figures, kept with the issued bulletin (JSON)."""
        t = self.total
        return {
            "in_scope": self.in_scope,
            "open_now": self.open_now,
            "assigned": t.assigned,
            "completed": t.completed,
            "completed_on_time": t.completed_on_time,
            "overdue_now": t.overdue_now,
            "overdue_days": t.overdue_days,
            "on_time_rate": None if t.on_time_rate is None else str(t.on_time_rate),
            "overdue_units": len(self.overdue_by_unit),
        }


def _overdue(rows: list[StatRow], items: dict[int, Item], as_of: dt.date) -> list[UnitOverdue]:
    found = []
    for row in rows:
        if not row.tally.overdue_now:
            continue
        listed = sorted((items[i] for i in row.tally.item_ids_overdue), key=lambda i: (i.deadline, i.path))
        entries = [
            OverdueItem(
                number=i.number,
                title=i.title,
                deadline=i.deadline,
                days=(as_of - i.deadline).days,
                leader=i.leader.name if i.leader else "",
            )
            for i in listed
            if i.deadline is not None
        ]
        leaders = sorted({e.leader for e in entries if e.leader})
        found.append(
            UnitOverdue(
                row.name, row.tally.overdue_now, row.tally.overdue_days, leaders, entries[:LISTED_PER_UNIT]
            )
        )
    found.sort(key=lambda u: (-u.count, -u.days, u.unit))
    return found


def bulletin_content(
    *, user: Viewer, period: Period, within: Within | None = None, scope_label: str
) -> BulletinContent:
    """The bulletin for ``period`` over the user's scope (narrowed by ``within``)."""
    stats = statistics(user=user, period=period, group_by=GroupBy.UNIT, within=within)
    wanted = {i for r in stats.rows for i in (*r.tally.item_ids_overdue, *r.tally.item_ids_completed)}
    items = {
        i.pk: i
        for i in policy.items_visible(user).filter(pk__in=wanted).select_related("leader", "lead_unit")
    }
    completed = sorted(
        (items[i] for r in stats.rows for i in r.tally.item_ids_completed),
        key=lambda i: i.closed_at or dt.datetime.min.replace(tzinfo=dt.UTC),
    )
    named = [r for r in stats.rows if r.key is not None]
    praised = [
        r.name for r in named if r.tally.completed and r.tally.on_time_rate == 100 and not r.tally.overdue_now
    ]
    overdue = _overdue(stats.rows, items, period.as_of)
    criticised = [u.unit for u in sorted(overdue, key=lambda u: (-u.days, u.unit)) if u.unit]
    content = BulletinContent(
        period=period,
        scope_label=scope_label,
        total=stats.total,
        in_scope=stats.items,
        open_now=stats.open_items,
        completed=[
            CompletedItem(i.title, i.lead_unit.name if i.lead_unit else "", _on_time(i))
            for i in completed[:LISTED_COMPLETED]
        ],
        overdue_by_unit=overdue,
        praised=praised,
        criticised=criticised,
    )
    if within is None or (within.lead_unit is None and within.leader is None):
        content.extra_sections = module_sections(user=user, today=period.as_of)
    return content


def _sentence(text: str) -> str:
    """A generated phrase as a sentence of the document: it ends with a full stop."""
    return text if text.endswith(("。", "！", "；")) else f"{text}。"


def module_sections(*, user: Viewer, today: dt.date) -> list[tuple[str, list[str]]]:
    """Lagging indicators and projects behind schedule, as the cockpit shows them to ``user`` (its reads)."""
    sections: list[tuple[str, list[str]]] = []
    indicators = indicator_panel(user=user) if indicator_policy.may_read_indicators(user) else None
    if indicators is not None:
        lines = [_sentence(line) for line in (indicators.headline, *indicators.summaries) if line]
        for i in indicators.lagging:
            rank = f"，{i.rank_text}" if i.rank_text else ""
            lines.append(
                f"{i.value_text}{rank}。{'；'.join(i.warnings)}。"
                if i.warnings
                else f"{i.value_text}{rank}。"
            )
        if lines:
            sections.append(("主要指标运行情况", lines))
    projects = project_panel(user=user, today=today) if project_policy.may_read_projects(user) else None
    if projects is not None and projects.behind:
        flagged = "、".join(f"{f.label}{f.count}个" for f in projects.by_flag)
        lines = [f"纳入调度的重点项目{projects.total.count}个，其中{flagged}。"]
        for p in projects.behind:
            share = f"完成年度计划{p.done_percent}，" if p.done_percent else ""
            lines.append(f"{p.name}：{share}{'、'.join(p.flags)}。")
        sections.append(("重点项目推进情况", lines))
    return sections


def _on_time(item: Item) -> bool:
    return (
        item.deadline is None or item.closed_at is None or clock.local_date(item.closed_at) <= item.deadline
    )
