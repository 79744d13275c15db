"""The demo's key projects and attraction pipeline tell seed-000's story as of the demo date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duban.audit.verify import verify_chain
from duban.core import clock
from duban.demo.load_org import demo_load_org
from duban.demo.load_projects import demo_load_projects
from duban.demo.load_supervision import Cast, demo_load_supervision
from duban.demo.supervision_data import AS_OF
from duban.org.models import User
from duban.projects.models import Lead, MonthlyReport, Project, ProjectItemLink, ReportPhoto
from duban.projects.selectors import LedgerQuery, pipeline_funnel, project_ledger

pytestmark = pytest.mark.django_db


def _load() -> None:
    admin = demo_load_org(say=lambda _line: None)
    demo_load_supervision(admin=admin, say=lambda _line: None)
    demo_load_projects(cast=Cast(admin), say=lambda _line: None)


def test_the_demo_projects_are_flagged_as_seed_000_describes() -> None:
    # given the demo, loaded twice (nothing is duplicated)
    _load()
    counts = (Project.objects.count(), MonthlyReport.objects.count(), Lead.objects.count())
    _load()
    assert counts == (Project.objects.count(), MonthlyReport.objects.count(), Lead.objects.count())
    officer = User.objects.get(username="projects")
    # when the ledger is read on the demo's date
    with clock.frozen(AS_OF):
        rows = {r.project.name: r for r in project_ledger(user=officer, query=LedgerQuery(), today=AS_OF)}
    flags = {name: {str(f) for f in row.light.flags} for name, row in rows.items()}
    # then: 五纵五横 — of its ten sections about 30% done and 50% under construction
    network = Project.objects.get(name="“五纵五横”城市路网")
    statuses = sorted(network.children.values_list("status", flat=True))
    assert statuses.count("completed") == 3
    assert statuses.count("under_construction") == 5
    assert {(m.due, m.title) for m in network.milestones.all()} == {
        (dt.date(2020, 12, 31), "建成“三纵三横”"),
        (dt.date(2022, 12, 31), "建成“五纵五横”"),
    }
    # 金屿大桥 starts before the end of 2019 (not late yet), 百崎通道 before the end of 2020
    assert Project.objects.get(name="金屿大桥").planned_start == dt.date(2019, 12, 31)
    assert "not_started" not in flags["金屿大桥"]
    assert Project.objects.get(name="百崎通道").planned_start == dt.date(2020, 12, 31)
    # 后渚桥头东互通 was finished in July 2019, and carries no flag
    bridge = Project.objects.get(name="后渚桥头东互通")
    assert (bridge.status, bridge.actual_finish.month if bridge.actual_finish else None) == ("completed", 7)
    assert flags["后渚桥头东互通"] == set()
    # one project not started by its planned date; some behind the time-proportional investment
    assert "not_started" in flags["天然气调压站"]
    assert [n for n, f in flags.items() if "not_started" in f] == ["天然气调压站"]
    assert "far_behind" in flags["白沙片区棚户区改造项目"]
    assert rows["白沙片区棚户区改造项目"].light.gap.points >= 35  # type: ignore[union-attr]
    assert "behind" in flags["区第二供水通道连通工程"]
    assert rows["区第二供水通道连通工程"].light.gap.points >= 20  # type: ignore[union-attr]
    assert "behind" in flags["台湾中小企业园区"]
    assert flags["变电站建设工程"] == set()
    # 2019's reports run to August, none after the demo date, some with photos
    assert set(MonthlyReport.objects.values_list("year", flat=True)) == {2019}
    assert max(MonthlyReport.objects.values_list("month", flat=True)) == 8
    assert all(r.submitted_at.date() <= AS_OF for r in MonthlyReport.objects.all())
    assert ReportPhoto.objects.exists()
    # 白沙's reported problem became a supervision item, linked to the project
    link = ProjectItemLink.objects.select_related("item", "project").get()
    assert link.project.name == "白沙片区棚户区改造项目"
    assert link.item.lead_unit_id == link.project.lead_unit_id
    assert verify_chain().ok


def test_the_taiwan_funded_target_is_met_before_the_spring_festival() -> None:
    _load()
    officer = User.objects.get(username="projects")
    with clock.frozen(AS_OF):
        funnel = pipeline_funnel(user=officer, today=AS_OF)
    [target] = funnel.targets
    assert (target.target.count_min, target.target.count_max) == (3, 5)
    assert target.target.period_end == dt.date(2019, 2, 4)
    assert target.progress.count == 3
    assert target.progress.state == "met"
    steps = {s.stage: s.count for s in funnel.steps}
    assert steps["talks"] == Lead.objects.count()
    assert steps["producing"] >= 1
    assert Lead.objects.filter(origin="taiwan").count() >= 5
    assert sum((lead.amount or Decimal(0)) for lead in Lead.objects.all()) > 0
