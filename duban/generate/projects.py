"""The generated data set's key projects (重点项目) and attraction leads (招商).

A ``writer.PARTS`` part (SPEC "Speed and scale", issue 11: 2,000 projects × 60 monthly
reports for ``large``; 500 × 36 for ``medium``; 60 × 12 for ``small``), drawn from the
plan's seed alone, so the same (size, seed, today) gives the same projects:

- projects of the plan year (``today``'s): kinds, areas, lead units and leaders from the
  plan's organisation; a twentieth are segments of an earlier project; most under
  construction, some preparatory or not started (a few past their planned start),
  some completed or producing; two milestones each, the earlier mostly done;
- monthly reports by the lead unit's liaison for the months before ``today``: the
  year-to-date figure runs at a pace of 50–130% of the time-proportional plan, so
  some projects are behind (低于序时进度); one report in twenty is missed;
- leads at every stage with their dates, and a yearly target of Taiwan-funded firms landed.

Rows go in with ``bulk_create`` in batches, with one audit row per project, report and
lead as the services write them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from duban.audit.services import AuditEntry, snapshot
from duban.generate.shape import Plan
from duban.generate.writer import PARTS, Keys, Progress, aware, bulk
from duban.projects.models import AttractionTarget, Lead, Milestone, MonthlyReport, Project

CENT = Decimal("0.01")
KINDS = {"industry": 45, "infrastructure": 30, "livelihood": 15, "social": 10}
STATUSES = {"preparatory": 8, "not_started": 10, "under_construction": 67, "completed": 10, "producing": 5}
STAGES = ("talks", "signed", "landed", "started", "producing")
ORIGINS = {"taiwan": 40, "foreign": 20, "domestic": 40}
WORDS = (
    "智能制造产业园",
    "道路提升改造",
    "安置房建设",
    "污水处理厂",
    "学校新建",
    "医院扩建",
    "电子信息产业基地",
    "生态公园",
    "供水管网",
    "文化创意街区",
    "物流园",
    "光伏发电",
    "农贸市场改造",
    "科技孵化器",
)
SECTORS = ("电子信息", "装备制造", "新材料", "食品加工", "现代物流", "文化创意", "金融服务")


@dataclass(frozen=True)
class ProjectScale:
    projects: int
    months: int
    leads: int


SCALES = {
    "small": ProjectScale(projects=60, months=12, leads=30),
    "medium": ProjectScale(projects=500, months=36, leads=150),
    "large": ProjectScale(projects=2_000, months=60, leads=600),
}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _months_before(today: dt.date, count: int) -> list[tuple[int, int]]:
    """The ``count`` months before ``today``'s, oldest first."""
    year, month, out = today.year, today.month, []
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        out.append((year, month))
    return out[::-1]


class _Org:
    """The plan's organisation as the projects draw from it (keys of written rows)."""

    def __init__(self, plan: Plan, keys: Keys) -> None:
        org = plan.org
        self.units = keys.units
        self.areas = [keys.units[i] for i, u in enumerate(org.units) if u.kind == "area"]
        self.leaders = [keys.people[i] for i, p in enumerate(org.people) if p.oversees]
        self.liaison = {keys.units[u]: keys.users[n] for u, n in org.liaison_of.items()}
        self.staff = {keys.units[u]: keys.people[ps[0]] for u, ps in org.staff_of.items() if ps}
        self.supervisor = keys.supervisor


def _project(n: int, year: int, org: _Org, rng: random.Random) -> Project:
    unit = rng.choice(org.units)
    status = _pick(rng, STATUSES)
    total = Decimal(rng.randrange(2_000, 300_000))
    planned_start = dt.date(year, rng.randint(1, 9), rng.randint(1, 28))
    started = status not in ("preparatory", "not_started")
    return Project(
        code=f"XM{year}-{n + 1:04d}",
        name=f"{rng.choice(WORDS)}（{n + 1}期）",
        year=year,
        kind=_pick(rng, KINDS),
        area_id=rng.choice(org.areas) if org.areas and rng.random() < 0.7 else None,
        lead_unit_id=unit,
        leader_id=rng.choice(org.leaders) if org.leaders else None,
        responsible_id=org.staff.get(unit),
        total_investment=total,
        annual_investment=(total * Decimal(rng.uniform(0.15, 0.45))).quantize(Decimal(1)),
        planned_start=planned_start,
        planned_finish=dt.date(year + rng.randint(1, 3), rng.randint(1, 12), 28),
        actual_start=planned_start + dt.timedelta(days=rng.randint(0, 40)) if started else None,
        status=status,
    )


def _reports(
    project: Project, months: list[tuple[int, int]], author: int, rng: random.Random
) -> list[MonthlyReport]:
    """The project's monthly reports: a pace around the time-proportional plan; one in twenty missed."""
    pace = Decimal(rng.uniform(0.5, 1.3))
    monthly = project.annual_investment / 12 * pace
    rows, ytd, year = [], Decimal(0), None
    for y, m in months:
        if y != year:
            year, ytd = y, Decimal(0)
        amount = (monthly * Decimal(rng.uniform(0.6, 1.4))).quantize(CENT)
        ytd += amount
        if rng.random() < 0.05:
            continue
        rows.append(
            MonthlyReport(
                project_id=project.pk,
                year=y,
                month=m,
                month_investment=amount,
                ytd_investment=ytd,
                progress=f"{m}月完成投资{amount}万元，主体工程有序推进",
                problems="征地拆迁需协调" if rng.random() < 0.1 else "",
                author_id=author,
                submitted_at=aware(dt.date(y, m, rng.randint(18, 25)), 16),
            )
        )
    return rows


def _milestones(project: Project, today: dt.date, rng: random.Random) -> list[Milestone]:
    early = today - dt.timedelta(days=rng.randint(10, 120))
    late = today + dt.timedelta(days=rng.randint(30, 200))
    done = early + dt.timedelta(days=rng.randint(-10, 5)) if rng.random() < 0.8 else None
    return [
        Milestone(project_id=project.pk, due=early, title="完成主体结构", done_on=done),
        Milestone(project_id=project.pk, due=late, title="完成竣工验收"),
    ]


def _lead(n: int, today: dt.date, org: _Org, rng: random.Random) -> Lead:
    stage = rng.choices(STAGES, weights=(35, 25, 20, 12, 8))[0]
    day = today - dt.timedelta(days=rng.randint(60, 900))
    dates: list[dt.date | None] = []
    for index in range(len(STAGES)):
        dates.append(min(day, today) if index <= STAGES.index(stage) else None)
        day += dt.timedelta(days=rng.randint(20, 150))
    return Lead(
        name=f"{rng.choice(SECTORS)}招商项目{n + 1}",
        stage=stage,
        talks_on=dates[0],
        signed_on=dates[1],
        landed_on=dates[2],
        started_on=dates[3],
        producing_on=dates[4],
        amount=Decimal(rng.randrange(500, 80_000)),
        origin=_pick(rng, ORIGINS),
        sector=rng.choice(SECTORS),
        unit_id=rng.choice(org.units),
    )


def write_projects(plan: Plan, keys: Keys, progress: Progress) -> dict[str, int]:
    """Write the plan's projects, their reports, milestones, leads and targets."""
    scale = SCALES[plan.size]
    rng = random.Random(f"duban-generate-projects:{plan.size}:{plan.seed}")  # noqa: S311 - test data
    org = _Org(plan, keys)
    year = plan.today.year
    projects = bulk(
        Project,
        [_project(n, year, org, rng) for n in range(scale.projects)],
        audit=lambda p: AuditEntry(action="project.create", obj=p, after=snapshot(p)),
    )
    segments = [p for n, p in enumerate(projects) if n > 10 and rng.random() < 0.05]
    for project in segments:
        project.parent_id = projects[rng.randrange(0, 10)].pk
    Project.objects.bulk_update(segments, ["parent"])
    months = _months_before(plan.today, scale.months)
    # Backdated: reports fall due from the day a project entered the ledger.
    Project.objects.filter(pk__in=[p.pk for p in projects]).update(created_at=aware(dt.date(*months[0], 1)))
    pending: list[MonthlyReport] = []
    for project in projects:  # drawn in project order, stored in batches (2,000 rows a batch)
        pending += _reports(project, months, org.liaison.get(project.lead_unit_id, org.supervisor), rng)
    count = len(bulk(MonthlyReport, pending, audit=_report_event))
    progress("project reports", len(projects), len(projects))
    milestones = bulk(Milestone, [m for p in projects for m in _milestones(p, plan.today, rng)])
    leads = bulk(
        Lead,
        [_lead(n, plan.today, org, rng) for n in range(scale.leads)],
        audit=lambda lead: AuditEntry(action="lead.create", obj=lead, after=snapshot(lead)),
    )
    targets = bulk(
        AttractionTarget,
        [
            AttractionTarget(
                title=f"{y}年台资企业落地",
                period_start=dt.date(y, 1, 1),
                period_end=dt.date(y, 12, 31),
                stage="landed",
                origin="taiwan",
                count_min=3,
                count_max=5,
            )
            for y in range(months[0][0], year + 1)
        ],
    )
    return {
        "projects": len(projects),
        "project_reports": count,
        "project_milestones": len(milestones),
        "leads": len(leads),
        "attraction_targets": len(targets),
    }


def _report_event(report: MonthlyReport) -> AuditEntry:
    return AuditEntry(
        action="project.report",
        object_type="projects.project",
        object_id=report.project_id,
        after={
            "report": report.pk,
            "year": report.year,
            "month": report.month,
            "month_investment": str(report.month_investment),
            "ytd_investment": str(report.ytd_investment),
        },
    )


if write_projects not in PARTS:
    PARTS.append(write_projects)
