"""Reads: the ledger with flags and filters, a project's page, the pipeline; query counts flat."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from duban.core import clock
from duban.org.models import Unit, User
from duban.projects.models import Project
from duban.projects.selectors import (
    LedgerQuery,
    pipeline_board,
    pipeline_funnel,
    project_detail,
    project_ledger,
    project_ledger_page,
)
from duban.projects.services.lead import lead_advance, lead_create, target_create
from duban.projects.services.project import milestone_add
from duban.projects.services.report import problem_raise
from tests.projects.factories import make_officer, make_project, make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
TODAY = dt.date(2019, 7, 31)


@pytest.fixture
def officer(db: None) -> User:
    return make_officer()


def _projects(
    officer: User, liaison: User, unit: Unit, count: int, *, reports: int = 3, first: int = 0
) -> list[Project]:
    made = []
    for n in range(first, first + count):
        project = make_project(officer, unit, name=f"项目{n}", code=f"P{n:03d}")
        milestone_add(actor=officer, project=project, due=dt.date(2019, 5, 31), title="主体完工")
        for month in range(1, reports + 1):
            make_report(liaison, project, month, 1000 * month)
        made.append(project)
    return made


def test_ledger_flags_and_filters(officer: User, liaison_a: User, unit_a: Unit, unit_b: Unit) -> None:
    # given: behind (June 3,600 of 12,000 = 30 % against 50 %), and a project not started since 1 March
    behind = make_project(officer, unit_a, name="金屿大桥")
    make_report(liaison_a, behind, 6, 3600)
    late = make_project(
        officer,
        unit_b,
        name="百崎通道",
        status="not_started",
        actual_start=None,
        annual_investment=Decimal(0),
    )
    # when / then
    rows = {r.project.name: r for r in project_ledger(user=officer, query=LedgerQuery(), today=TODAY)}
    assert [f.value for f in rows["金屿大桥"].light.flags] == ["behind"]
    assert rows["金屿大桥"].done_percent == Decimal("30.0")
    assert "not_started" in [f.value for f in rows["百崎通道"].light.flags]
    only_late = project_ledger(user=officer, query=LedgerQuery(flag="not_started"), today=TODAY)
    assert [r.project for r in only_late] == [late]
    by_unit = project_ledger(user=officer, query=LedgerQuery(unit=unit_a.pk), today=TODAY)
    assert [r.project for r in by_unit] == [behind]
    assert project_ledger(user=officer, query=LedgerQuery(status="completed"), today=TODAY) == []


def test_the_ledger_reads_in_constant_queries(
    officer: User, liaison_a: User, unit_a: Unit, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    _projects(officer, liaison_a, unit_a, 2)
    project_ledger(user=liaison_a, query=LedgerQuery(), today=TODAY)  # the settings rows exist from now on
    with django_assert_num_queries(4) as few:  # two settings, the projects, their open milestones
        project_ledger(user=liaison_a, query=LedgerQuery(), today=TODAY)
    _projects(officer, liaison_a, unit_a, 6, reports=6, first=2)
    with django_assert_num_queries(len(few.captured_queries)):
        rows = project_ledger(user=liaison_a, query=LedgerQuery(), today=TODAY)
    assert len(rows) == 8


def test_project_page_reads_in_constant_queries(
    officer: User,
    supervisor: User,
    liaison_a: User,
    unit_a: Unit,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    project = _projects(officer, liaison_a, unit_a, 1, reports=2)[0]
    project_detail(user=liaison_a, project_id=project.pk, today=TODAY)
    with django_assert_num_queries(11) as few:  # scope, facts, nodes, settings, reports, photos, links…
        project_detail(user=liaison_a, project_id=project.pk, today=TODAY)
    for month in range(3, 7):
        report = make_report(liaison_a, project, month, 1000 * month, problems="需协调")
        problem_raise(actor=supervisor, project=project, report=report, title=f"协调{month}", deadline=TODAY)
    with django_assert_num_queries(len(few.captured_queries)):
        detail = project_detail(user=liaison_a, project_id=project.pk, today=TODAY)
    # the chart: planned 1,000 a month (12,000 linear), actual January–June as reported, July not yet
    assert detail.planned[:3] == [Decimal("1000.00"), Decimal("2000.00"), Decimal("3000.00")]
    assert detail.actual == [Decimal(1000 * m) for m in range(1, 7)] + [None]
    assert len(detail.item_links) == 4
    assert len(detail.reports[0].items) == 1


def test_pipeline_funnel_board_and_targets(officer: User, unit_a: Unit) -> None:
    with clock.frozen(dt.date(2019, 1, 31)):
        for n in range(4):
            lead = lead_create(
                actor=officer,
                name=f"台资企业{n}",
                origin="taiwan",
                unit=unit_a,
                talks_on=dt.date(2018, 10, 1),
            )
            if n < 3:
                lead = lead_advance(actor=officer, lead=lead, stage="signed", on=dt.date(2018, 11, 1))
                lead_advance(actor=officer, lead=lead, stage="landed", on=dt.date(2019, 1, 10 + n))
        target_create(
            actor=officer,
            title="2019年春节前3—5个台资企业落户",
            period_start=dt.date(2018, 11, 1),
            period_end=dt.date(2019, 2, 4),
            origin="taiwan",
            count_min=3,
            count_max=5,
        )
        funnel = pipeline_funnel(user=officer, today=clock.today())
        board = pipeline_board(user=officer)
    assert [s.count for s in funnel.steps] == [4, 3, 3, 0, 0]
    assert funnel.targets[0].progress.count == 3
    assert funnel.targets[0].progress.state == "met"
    assert [len(c.leads) for c in board] == [1, 0, 3, 0, 0]


def test_a_ledger_page_computes_its_own_rows_in_constant_queries(
    officer: User, liaison_a: User, unit_a: Unit, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    _projects(officer, liaison_a, unit_a, 3, reports=1)
    project_ledger_page(user=officer, query=LedgerQuery(), today=TODAY, page=1, size=2)
    with django_assert_num_queries(5):  # two settings, the page's ids and count, its projects, open nodes
        first = project_ledger_page(user=officer, query=LedgerQuery(), today=TODAY, page=1, size=2)
    _projects(officer, liaison_a, unit_a, 5, reports=2, first=3)
    with django_assert_num_queries(5):
        second = project_ledger_page(user=officer, query=LedgerQuery(), today=TODAY, page=2, size=2)
    assert (len(first.rows), first.total, first.pages) == (2, 3, 2)
    assert ([r.project.code for r in second.rows], second.total, second.pages) == (["P002", "P003"], 8, 4)
    # a page past the last has no row to carry the count: it is counted on its own
    past = project_ledger_page(user=officer, query=LedgerQuery(), today=TODAY, page=9, size=2)
    assert (past.rows, past.total, past.pages) == ([], 8, 4)
    # with the flag filter every project's flags are read, the page cut from the matching ones
    # (1,000 a month reported against 12,000 a year: on schedule; the node of 31 May not done: overdue)
    on_time = project_ledger_page(user=officer, query=LedgerQuery(flag="behind"), today=TODAY, page=1, size=3)
    overdue = project_ledger_page(
        user=officer, query=LedgerQuery(flag="milestone_overdue"), today=TODAY, page=3, size=3
    )
    assert (on_time.total, overdue.total, len(overdue.rows)) == (0, 8, 2)
