"""Load the demo's key projects and attraction pipeline, playing 2019 through the projects services.

Every step runs with the clock frozen on its day (``load_supervision.at``): the
project office sets up the year's ledger in January, lead units' liaisons report
each month on the 20th (before the 25th, when reports fall due), milestones are
marked as they are reached, the supervision office turns one reported problem into
a supervision item, and the attraction office records leads and their stages on
the days they happened. Idempotent: a ledger already loaded (its first project
exists) is skipped, and so is a pipeline whose target exists.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from decimal import ROUND_DOWN, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from duban.demo import projects_data as data
from duban.demo.load_org import Say
from duban.demo.load_supervision import Cast, at
from duban.demo.supervision_data import AS_OF
from duban.org.models import Person, Unit, User
from duban.projects.models import AttractionTarget, Project
from duban.projects.services.lead import lead_advance, lead_create, target_create
from duban.projects.services.project import milestone_add, milestone_mark, project_create, project_update
from duban.projects.services.report import problem_raise, report_submit

YEAR = 2019
LEDGER_DAY = dt.date(YEAR, 1, 10)  # the project office sets up the year's ledger
REPORT_DAY = 20  # liaisons report before the 25th, when monthly reports fall due
LAST_MONTH = AS_OF.month - 1 if AS_OF.day < REPORT_DAY else AS_OF.month
MONTHS = 12


def site_photo(seed: int, width: int = 64, height: int = 40) -> bytes:
    """A small real PNG (sky over ground, coloured by ``seed``): the demo's site photo (现场照片)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    sky, ground = bytes((120, 170, 220)), bytes((90 + seed * 13 % 120, 120, 60 + seed * 29 % 100))
    rows = b"".join(b"\x00" + (sky if y < height // 2 else ground) * width for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class Ledger:
    """Names → rows, and the project office's account."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.officer = User.objects.get(username="projects")
        self.units = {u.name: u for u in Unit.objects.all()}
        self.people = {p.name: p for p in Person.objects.all()}

    def unit(self, name: str) -> Unit | None:
        return self.units[name] if name else None


def demo_load_projects(*, cast: Cast, say: Say) -> None:
    ledger = Ledger(cast)
    if not Project.objects.filter(name=data.PROJECTS[0].name, year=YEAR).exists():
        with transaction.atomic():
            count = sum(
                _load_project(spec, ledger, parent=None, code=f"{YEAR}-{n:02d}")
                for n, spec in enumerate(data.PROJECTS, start=1)
            )
            _raise_one_problem(ledger)
        say(f"key projects {YEAR}: {count} projects with monthly reports to {YEAR}-{LAST_MONTH:02d}")
    if not AttractionTarget.objects.filter(title=data.ATTRACTION_TARGET.title).exists():
        with transaction.atomic():
            _load_pipeline(ledger)
        say(f"attraction pipeline: {len(data.LEADS)} leads, target {data.ATTRACTION_TARGET.title}")


def _initial_status(spec: data.DemoProject) -> str:
    """What the ledger said in January: a project that broke ground or finished later was not there yet."""
    if spec.actual_start is not None and spec.actual_start > LEDGER_DAY:
        return "preparatory"
    if spec.actual_finish is not None and spec.actual_finish.year == YEAR:
        return "under_construction"
    return spec.status


def _load_project(spec: data.DemoProject, ledger: Ledger, *, parent: Project | None, code: str) -> int:
    """The project (numbered 2019-01; its segments 2019-01-01 …) as the office entered it in January."""
    with at(LEDGER_DAY):
        project = project_create(
            actor=ledger.officer,
            code=code,
            name=spec.name,
            year=YEAR,
            kind=spec.kind,
            area=ledger.unit(spec.area),
            content=spec.description,
            lead_unit=ledger.units[spec.lead],
            leader=ledger.people[spec.leader],
            total_investment=Decimal(spec.total),
            annual_investment=Decimal(spec.annual),
            planned_start=spec.planned_start,
            planned_finish=spec.planned_finish,
            actual_start=spec.actual_start if spec.actual_start and spec.actual_start <= LEDGER_DAY else None,
            status=_initial_status(spec),
            parent=parent,
            cooperating_units=[ledger.units[u] for u in spec.cooperating],
        )
        for due, title in spec.milestones:
            milestone_add(actor=ledger.officer, project=project, due=due, title=title)
    count = 1 + sum(
        _load_project(s, ledger, parent=project, code=f"{code}-{n:02d}")
        for n, s in enumerate(spec.segments, start=1)
    )
    _play_year(spec, project, ledger)
    return count


def _ytd(spec: data.DemoProject, month: int) -> Decimal:
    """Year-to-date investment by the end of ``month`` (万元): the linear plan less the story's lag."""
    if spec.status == "not_started" and spec.actual_start is None:
        return Decimal(0)
    if (
        spec.actual_finish is not None
        and spec.actual_finish.year == YEAR
        and month >= spec.actual_finish.month
    ):
        return Decimal(spec.annual)
    share = max(Decimal(0), min(Decimal(100), Decimal(100 * month) / MONTHS - spec.lag))
    # Rounded down to whole 万元, so the project lags by at least the story's points.
    return (spec.annual * share / 100).quantize(Decimal(1), rounding=ROUND_DOWN)


def _segments_ytd(spec: data.DemoProject, month: int) -> Decimal:
    """A network reports what its segments did (the office adds them up)."""
    return sum(
        (_ytd(s, month) for s in spec.segments if s.reports_from and month >= s.reports_from), Decimal(0)
    )


def _progress_text(status: str, month: int, ytd: Decimal) -> str:
    if status == "not_started":
        return f"{month}月：项目尚未开工，前期手续办理中。"
    if status == "preparatory":
        return f"{month}月：推进前期工作，累计完成投资{ytd}万元。"
    return f"{month}月：按计划组织施工，累计完成年度投资{ytd}万元。"


def _play_year(spec: data.DemoProject, project: Project, ledger: Ledger) -> None:
    """Month by month to the demo date: ground broken, milestones reached, reports made, work finished."""
    liaison = ledger.cast.liaison(project.lead_unit)
    first = spec.reports_from or (1 if spec.segments else 0)
    finished = spec.actual_finish if spec.actual_finish and spec.actual_finish.year == YEAR else None
    previous, day = Decimal(0), LEDGER_DAY
    for month in range(1, (finished.month if finished else LAST_MONTH) + 1):
        day = dt.date(YEAR, month, REPORT_DAY)
        project = _events_until(spec, project, ledger, day)
        if not first or month < first or month in spec.skip:
            continue
        ytd = _segments_ytd(spec, month) if spec.segments else _ytd(spec, month)
        photo = month % 2 == 0 or month == LAST_MONTH or (finished is not None and month == finished.month)
        with at(day):
            report_submit(
                actor=liaison,
                project=project,
                year=YEAR,
                month=month,
                month_investment=ytd - previous,
                ytd_investment=ytd,
                progress=_progress_text(project.status, month, ytd),
                problems=spec.problem if month >= first + 2 else "",
                files=[
                    SimpleUploadedFile(f"{month}月现场照片.png", site_photo(project.pk + month), "image/png")
                ]
                if photo
                else [],
            )
        previous = ytd
    _events_until(spec, project, ledger, AS_OF)


def _events_until(spec: data.DemoProject, project: Project, ledger: Ledger, day: dt.date) -> Project:
    """What happened up to ``day`` and is not recorded yet: the start, milestones reached, the finish."""
    if spec.actual_start and project.actual_start is None and spec.actual_start <= day:
        with at(spec.actual_start):
            project = project_update(
                actor=ledger.officer,
                project=project,
                actual_start=spec.actual_start,
                status="under_construction",
            )
    _milestones_until(project, ledger, day, lagging=spec.lag >= 20 or spec.status == "not_started")  # noqa: PLR2004
    if spec.actual_finish and project.actual_finish is None and spec.actual_finish <= day:
        with at(spec.actual_finish):
            project = project_update(
                actor=ledger.officer, project=project, actual_finish=spec.actual_finish, status=spec.status
            )
    return project


def _milestones_until(project: Project, ledger: Ledger, day: dt.date, *, lagging: bool) -> None:
    """Nodes are reached three days early by projects on track; a lagging project leaves them open."""
    if lagging:
        return
    for milestone in project.milestones.filter(done_on__isnull=True, due__lte=day + dt.timedelta(days=3)):
        done_on = milestone.due - dt.timedelta(days=3)
        if done_on <= min(day, AS_OF):
            with at(done_on):
                milestone_mark(actor=ledger.officer, milestone=milestone, done_on=done_on)


def _raise_one_problem(ledger: Ledger) -> None:
    """The supervision office turns 白沙's reported problem into a supervision item (问题转督办)."""
    project = Project.objects.get(name="白沙片区棚户区改造项目", year=YEAR)
    report = project.reports.exclude(problems="").order_by("-year", "-month").first()
    if report is None:
        return
    with at(dt.date(YEAR, report.month, REPORT_DAY + 2)):
        problem_raise(
            actor=ledger.cast.supervisor,
            project=project,
            report=report,
            title="协调白沙片区征收补偿政策，加快签约进度",
            deadline=dt.date(YEAR, 10, 31),
        )


def _load_pipeline(ledger: Ledger) -> None:
    for spec in data.LEADS:
        (first, talks_on), *later = spec.stages
        assert first == "talks"
        with at(talks_on):
            lead = lead_create(
                actor=ledger.officer,
                name=spec.name,
                origin=spec.origin,
                unit=ledger.units[spec.unit],
                talks_on=talks_on,
                sector=spec.sector,
                amount=Decimal(spec.amount),
                note="企业名称及金额为演示虚构数据。",
            )
        for stage, day in later:
            with at(day):
                lead = lead_advance(actor=ledger.officer, lead=lead, stage=stage, on=day)
    target = data.ATTRACTION_TARGET
    with at(target.start):
        target_create(
            actor=ledger.officer,
            title=target.title,
            period_start=target.start,
            period_end=target.end,
            stage=target.stage,
            origin=target.origin,
            count_min=target.low,
            count_max=target.high,
        )
