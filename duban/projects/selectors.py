"""Reads of the projects domain (重点项目查询): the ledger with flags, a project's page, the pipeline.

Every read starts from the policy's scoped querysets, and reads a page in a fixed
number of queries whatever the number of projects, reports or leads: the latest
current report of each project's plan year and its last report by subquery, open
milestones in one prefetch. Flags come from :mod:`duban.projects.schedule`, the
pipeline's figures from :mod:`duban.projects.pipeline`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.utils import timezone

from duban.org.scope import Viewer
from duban.projects import pipeline, policy
from duban.projects.models import (
    UNSTARTED_STATUSES,
    AttractionTarget,
    Lead,
    LeadStage,
    Milestone,
    MonthlyReport,
    Project,
    ProjectItemLink,
    ProjectSettings,
    ReportPhoto,
)
from duban.projects.schedule import (
    MONTHS,
    FlagPolicy,
    MilestoneFact,
    ProjectFacts,
    ProjectLight,
    actual_series,
    flagged,
    planned_series,
    project_light,
)
from duban.supervision.selectors import light_policy

HUNDRED = Decimal(100)


def flag_policy() -> FlagPolicy:
    """The project office's margins with the supervision lights' colour preset (two queries)."""
    lights, margins = light_policy(), ProjectSettings.current()
    return FlagPolicy(lights.preset, margins.behind_margin, margins.far_behind_margin, lights.escalate_days)


def with_facts(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate what the flags need (the plan year's latest current report, the last report); open nodes."""
    current = MonthlyReport.objects.filter(
        project=OuterRef("pk"), year=OuterRef("year"), superseded_by__isnull=True
    ).order_by("-month", "-submitted_at", "-id")
    latest = MonthlyReport.objects.filter(project=OuterRef("pk")).order_by("-submitted_at", "-id")
    return (
        projects.select_related("lead_unit", "area", "leader", "responsible")
        .annotate(
            ytd_value=Subquery(current.values("ytd_investment")[:1]),
            ytd_month=Subquery(current.values("month")[:1]),
            last_report_at=Subquery(latest.values("submitted_at")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.filter(done_on__isnull=True),
                to_attr="open_milestones",
            )
        )
    )


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def facts_of(project: Project) -> ProjectFacts:
    """The schedule's facts of a project read through :func:`with_facts` (no query).

    Reports fall due from the later of 1 January of the plan year and the day the
    project entered the ledger.
    """
    created = _local_day(project.created_at)
    year_start = dt.date(project.year, 1, 1)
    return ProjectFacts(
        year=project.year,
        is_open=project.is_open,
        unstarted=project.status in UNSTARTED_STATUSES and project.actual_start is None,
        planned_start=project.planned_start,
        annual_plan=project.annual_investment,
        ytd=project.ytd_value,  # type: ignore[attr-defined]
        ytd_month=project.ytd_month,  # type: ignore[attr-defined]
        profile=tuple(Decimal(str(v)) for v in project.monthly_profile or ()),
        milestones=tuple(MilestoneFact(m.due, m.done_on) for m in project.open_milestones),  # type: ignore[attr-defined]
        reporting_start=max(year_start, created) if created else year_start,
        last_report_on=_local_day(project.last_report_at),  # type: ignore[attr-defined]
    )


@dataclass(frozen=True)
class LedgerRow:
    """A project with its light today and its year-to-date investment (万元; share in % of the plan)."""

    project: Project
    light: ProjectLight
    ytd: Decimal | None

    @property
    def done_percent(self) -> Decimal | None:
        plan = self.project.annual_investment
        return None if self.ytd is None or plan <= 0 else (HUNDRED * self.ytd / plan).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class LedgerQuery:
    """Ledger filters (kind, area, status, leader, unit, flag, year, keyword); empty means any."""

    q: str = ""
    kind: str = ""
    status: str = ""
    area: int | None = None
    unit: int | None = None
    leader: int | None = None
    flag: str = ""
    year: int | None = None


def _filtered(projects: QuerySet[Project], query: LedgerQuery) -> QuerySet[Project]:
    """The stored-field filters; the flag is computed, so it is applied to the rows."""
    if query.q:
        projects = projects.filter(Q(name__contains=query.q) | Q(code__contains=query.q))
    exact = {
        "kind": query.kind,
        "status": query.status,
        "area_id": query.area,
        "leader_id": query.leader,
        "year": query.year,
    }
    projects = projects.filter(**{name: value for name, value in exact.items() if value})
    if query.unit:
        by_unit = Project.objects.filter(Q(lead_unit_id=query.unit) | Q(cooperating_units__id=query.unit))
        projects = projects.filter(pk__in=by_unit.values("pk"))
    return projects


def rows_of(projects: Iterable[Project], *, today: dt.date, rule: FlagPolicy) -> list[LedgerRow]:
    """Rows of projects read through :func:`with_facts` (no further query)."""
    return [LedgerRow(p, project_light(facts_of(p), today, rule), p.ytd_value) for p in projects]  # type: ignore[attr-defined]


def project_ledger(*, user: Viewer, query: LedgerQuery, today: dt.date) -> list[LedgerRow]:
    """The ledger in the user's scope, filtered, with flags; a fixed number of queries (four)."""
    projects = with_facts(_filtered(policy.projects_visible(user), query)).order_by(
        "year", "code", "name", "id"
    )
    rows = rows_of(projects, today=today, rule=flag_policy())
    if query.flag:
        rows = [row for row in rows if flagged(row.light.flags, query.flag)]
    return rows


@dataclass(frozen=True)
class LedgerPage:
    """One page of the ledger: its rows, the number of projects matching, the page number."""

    rows: list[LedgerRow]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def project_ledger_page(
    *, user: Viewer, query: LedgerQuery, today: dt.date, page: int, size: int
) -> LedgerPage:
    """A page of the ledger, flags computed only for its rows unless the flag filter needs all of them.

    Without a flag filter: the page's ids with the count, their facts (five queries whatever the size);
    with one, every matching project's flags are computed (four queries) and the page cut from them.
    """
    ordering = ("year", "code", "name", "id")
    matching = _filtered(policy.projects_visible(user), query).order_by(*ordering)
    rule = flag_policy()
    start = (max(page, 1) - 1) * size
    if not query.flag:
        # The page's ids first: a database sorts whole rows, so the facts' subqueries would
        # otherwise run for every matching project, not only the page's.
        # The count rides on the ids as a window over every matching row, so it costs no query
        # of its own; only a page past the last (no rows to carry it) asks for it separately.
        counted = matching.annotate(total=Window(Count("pk"))).values_list("pk", "total")
        page_ids = list(counted[start : start + size])
        ids = [pk for pk, _total in page_ids]
        total = page_ids[0][1] if page_ids else (matching.count() if start else 0)
        page_rows = with_facts(Project.objects.filter(pk__in=ids)).order_by(*ordering)
        return LedgerPage(rows_of(page_rows, today=today, rule=rule), total, page, size)
    rows = [
        row
        for row in rows_of(with_facts(matching), today=today, rule=rule)
        if flagged(row.light.flags, query.flag)
    ]
    return LedgerPage(rows[start : start + size], len(rows), page, size)


@dataclass(frozen=True)
class ReportView:
    """A report with its photos and the items its problems became."""

    report: MonthlyReport
    is_current: bool
    photos: list[ReportPhoto] = field(default_factory=list)
    items: list[ProjectItemLink] = field(default_factory=list)


@dataclass(frozen=True)
class ProjectDetail:
    """A project's page (项目详情): its row, nodes, reports, linked items, segments, and the investment chart.

    ``planned``: cumulative planned investment at each month's end (万元); ``actual``: the
    year-to-date figure of each month's current report of the plan year (None unreported).
    """

    row: LedgerRow
    milestones: list[Milestone]
    reports: list[ReportView]
    item_links: list[ProjectItemLink]
    children: list[Project]
    planned: list[Decimal]
    actual: list[Decimal | None]


def _report_views(project: Project) -> list[ReportView]:
    reports = (
        MonthlyReport.objects.filter(project=project)
        .select_related("author", "superseded_by")
        .prefetch_related(
            "photos", Prefetch("item_links", queryset=ProjectItemLink.objects.select_related("item"))
        )
        .order_by("-year", "-month", "-submitted_at", "-id")
    )
    views = []
    for report in reports:
        current = not hasattr(report, "superseded_by")
        views.append(ReportView(report, current, list(report.photos.all()), list(report.item_links.all())))
    return views


def project_detail(*, user: Viewer, project_id: int, today: dt.date) -> ProjectDetail:
    """Everything the project's page shows, in a fixed number of queries; NotFound out of scope."""
    policy.access_project(user, project_id)  # NotFound alike for missing and out of scope
    project = with_facts(Project.objects.filter(pk=project_id)).get()
    row = rows_of([project], today=today, rule=flag_policy())[0]
    reports = _report_views(project)
    ytd = {
        v.report.month: v.report.ytd_investment
        for v in reports
        if v.is_current and v.report.year == project.year
    }
    through = MONTHS if today.year > project.year else (today.month if today.year == project.year else 0)
    return ProjectDetail(
        row=row,
        milestones=list(project.milestones.all()),
        reports=reports,
        item_links=list(ProjectItemLink.objects.filter(project=project).select_related("item", "report")),
        children=list(policy.projects_visible(user).filter(parent=project).order_by("code", "name")),
        planned=planned_series(project.annual_investment, row_profile(project)),
        actual=actual_series(ytd, through=through),
    )


def row_profile(project: Project) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(v)) for v in project.monthly_profile or ())


# --- the pipeline (招商) ----------------------------------------------------------------


def lead_facts(lead: Lead) -> pipeline.LeadFacts:
    dates = (lead.talks_on, lead.signed_on, lead.landed_on, lead.started_on, lead.producing_on)
    return pipeline.LeadFacts(lead.stage, dates, lead.origin, lead.sector, lead.amount)


def lead_list(*, user: Viewer, stage: str = "", origin: str = "") -> QuerySet[Lead]:
    leads = policy.leads_visible(user).select_related("unit", "project")
    if stage:
        leads = leads.filter(stage=stage)
    if origin:
        leads = leads.filter(origin=origin)
    return leads


@dataclass(frozen=True)
class TargetView:
    target: AttractionTarget
    progress: pipeline.TargetProgress


@dataclass(frozen=True)
class PipelineFunnel:
    """The funnel (招商漏斗): leads per stage reached, conversions and lead times, targets against ranges."""

    steps: list[pipeline.FunnelStep]
    conversions: list[pipeline.Conversion]
    targets: list[TargetView]


def pipeline_funnel(*, user: Viewer, today: dt.date, origin: str = "") -> PipelineFunnel:
    """The funnel of the leads in scope (two queries: leads, targets).

    Targets count the leads the user sees: the offices see every lead, so theirs is the zone's count.
    """
    facts = [lead_facts(lead) for lead in lead_list(user=user, origin=origin)]
    targets = [
        TargetView(t, pipeline.target_progress(_target_facts(t), facts, today))
        for t in policy.targets_visible(user).order_by("-period_end", "id")
    ]
    return PipelineFunnel(pipeline.funnel(facts), pipeline.conversions(facts), targets)


def _target_facts(target: AttractionTarget) -> pipeline.TargetFacts:
    return pipeline.TargetFacts(
        target.period_start,
        target.period_end,
        target.stage,
        target.count_min,
        target.count_max,
        target.origin,
        target.sector,
    )


@dataclass(frozen=True)
class BoardColumn:
    stage: str
    label: str
    leads: list[Lead]


def pipeline_board(*, user: Viewer, origin: str = "") -> list[BoardColumn]:
    """The board (招商看板): a column per stage, each lead under its present stage (one query)."""
    by_stage: dict[str, list[Lead]] = {s: [] for s in pipeline.STAGES}
    for lead in lead_list(user=user, origin=origin).order_by("name", "id"):
        by_stage[lead.stage].append(lead)
    return [BoardColumn(s, str(LeadStage(s).label), by_stage[s]) for s in pipeline.STAGES]
