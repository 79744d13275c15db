"""The project pages answer in Chinese for the project office, with the flags and the chart's data."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from duban.org.models import Unit, User
from duban.projects.models import Project
from tests.projects.factories import make_project
from tests.projects.views.conftest import client_for

pytestmark = pytest.mark.django_db


def _unstarted(officer: User, unit: Unit) -> Project:
    """A project past its planned start that has not broken ground (no investment plan this year)."""
    return make_project(
        officer,
        unit,
        name="天然气调压站",
        status="not_started",
        actual_start=None,
        planned_start=dt.date(2019, 6, 30),
        annual_investment=Decimal(0),
        kind="livelihood",
    )


def test_every_page_answers_in_chinese(officer: User, project_a: Project, report_a: object) -> None:
    # given
    client = client_for(officer)
    pages = {
        reverse("projects:ledger"): "重点项目台账",
        reverse("projects:detail", args=[project_a.pk]): "月度调度",
        reverse("projects:report_new", args=[project_a.pk]): "形象进度",
        reverse("projects:pipeline"): "招商漏斗",
        reverse("projects:board"): "招商看板",
    }
    for url, heading in pages.items():
        # when
        response = client.get(url)
        # then
        assert response.status_code == 200, url
        assert heading in response.content.decode(), url


def test_ledger_shows_flags_and_filters_them(
    officer: User, unit_a: Unit, unit_b: Unit, project_a: Project, report_a: object
) -> None:
    # given: project A is 20 points behind (47% done of 67% expected), B's project has not started
    unstarted = _unstarted(officer, unit_b)
    client = client_for(officer)
    # when
    rows = {r.project.pk: r for r in client.get(reverse("projects:ledger")).context["rows"]}
    # then
    assert [f.code for f in rows[project_a.pk].flags] == ["behind"]
    assert rows[project_a.pk].done_percent == 47
    assert rows[project_a.pk].expected_percent == 67
    assert [f.code for f in rows[unstarted.pk].flags] == ["not_started"]
    assert rows[unstarted.pk].colour == "red"

    def names(**query: str | int) -> list[str]:
        return [r.project.name for r in client.get(reverse("projects:ledger"), query).context["rows"]]

    assert names(flag="not_started") == ["天然气调压站"]
    assert names(flag="behind") == ["区第二供水通道连通工程"]
    assert names(kind="livelihood") == ["天然气调压站"]
    assert names(status="under_construction") == ["区第二供水通道连通工程"]
    assert names(unit=unit_b.pk) == ["天然气调压站"]
    assert names(q="供水") == ["区第二供水通道连通工程"]


def test_an_unreadable_filter_is_refused_naming_it(officer: User) -> None:
    response = client_for(officer).get(reverse("projects:ledger"), {"kind": "bridge", "page": "x"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "类型 (kind)" in body or "(kind)" in body
    assert "(page)" in body


def test_project_page_hands_the_chart_its_series(officer: User, project_a: Project, report_a: object) -> None:
    # when
    response = client_for(officer).get(reverse("projects:detail", args=[project_a.pk]))
    # then: the figures travel as JSON (no inline script), planned for twelve months, actual to September
    body = response.content.decode()
    found = re.search(r'<script id="investment-data" type="application/json">(.*?)</script>', body, re.S)
    assert found is not None
    planned, actual = (d["data"] for d in json.loads(found.group(1))["data"]["datasets"])
    assert planned[-1] == 15000
    assert planned[5] == 7500
    assert actual[7] == 7050
    assert actual[:7] == [None] * 7
    assert 'data-chart="investment-data"' in body
    assert "vendor/chart.js/chart.umd.min.js" in body
    assert "duban/charts.js" in body
    assert "穿越高速公路段顶管施工许可尚待协调。" in body
    assert 'class="report-photo"' in body


def test_segments_link_to_their_network(officer: User, unit_a: Unit) -> None:
    network = make_project(officer, unit_a, name="“五纵五横”城市路网", code="2019-01")
    segment = make_project(officer, unit_a, name="五纵五横路网·纵三线", code="2019-01-03", parent=network)
    client = client_for(officer)
    assert "五纵五横路网·纵三线" in client.get(reverse("projects:detail", args=[network.pk])).content.decode()
    body = client.get(reverse("projects:detail", args=[segment.pk])).content.decode()
    assert reverse("projects:detail", args=[network.pk]) in body


def test_report_with_photo_is_filed_and_moves_the_flag(
    liaison_a: User, project_a: Project, report_a: object
) -> None:
    # given the lead unit's liaison on a project 20 points behind
    from tests.projects.views.conftest import photo

    client = client_for(liaison_a)
    url = reverse("projects:report_new", args=[project_a.pk])
    assert client.get(url).status_code == 200
    # when they report August again, corrected, with a photo: 10,500 of 15,000 (70%)
    response = client.post(
        url,
        {
            "month": 9,
            "month_investment": "3450",
            "ytd_investment": "10500",
            "progress": "主管道铺设完成70%",
            "problems": "",
            "files": [photo("9月现场.png")],
        },
    )
    # then
    assert response.status_code == 302
    page = client.get(reverse("projects:detail", args=[project_a.pk]))
    assert page.context["row"].flags == []
    assert "9月现场.png" in page.content.decode()


def test_refused_report_names_the_field_and_keeps_nothing(liaison_a: User, project_a: Project) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(liaison_a).post(
        reverse("projects:report_new", args=[project_a.pk]),
        {
            "month": 8,
            "month_investment": "100",
            "ytd_investment": "-5",
            "progress": "x",
            "files": [SimpleUploadedFile("现场.png", b"not a png at all", "image/png")],
        },
    )
    assert response.status_code == 400
    assert project_a.reports.count() == 0


def test_a_reported_problem_becomes_an_item_on_the_project(
    supervisor: User, liaison_a: User, unit_a: Unit, project_a: Project, report_a: object
) -> None:
    # given the supervision office on the project page
    from duban.projects.models import MonthlyReport

    report = MonthlyReport.objects.get(project=project_a)
    client = client_for(supervisor)
    detail = reverse("projects:detail", args=[project_a.pk])
    button = reverse("projects:problem_to_item", args=[project_a.pk, report.pk])
    assert button in client.get(detail).content.decode()
    form = client.get(button)
    assert form.context["form"].initial["title"] == "穿越高速公路段顶管施工许可尚待协调。"
    # when
    response = client.post(button, {"title": "协调顶管施工许可", "deadline": "2019-10-31"})
    # then: an item assigned to the lead unit, shown on the project and its report
    assert response.status_code == 302
    [link] = project_a.item_links.select_related("item")
    assert (link.item.lead_unit_id, link.item.state, link.report_id) == (unit_a.pk, "assigned", report.pk)
    body = client.get(detail).content.decode()
    assert reverse("supervision:item_detail", args=[link.item.pk]) in body
    assert button not in body  # once raised, the report names its item instead of the button
    # the liaison sees the item on the project, not the button
    assert (
        reverse("supervision:item_detail", args=[link.item.pk])
        in client_for(liaison_a).get(detail).content.decode()
    )
    assert client_for(liaison_a).get(button).status_code == 404
    # and the item's page names the project it came from, linked back
    item_page = client_for(liaison_a).get(reverse("supervision:item_detail", args=[link.item.pk]))
    html = item_page.content.decode()
    assert 'data-testid="item-projects"' in html and detail in html and project_a.name in html


def test_pipeline_counts_against_the_target(officer: User, unit_a: Unit) -> None:
    from duban.core import clock
    from duban.projects.services.lead import lead_advance, lead_create, target_create

    # given three Taiwan-funded firms landed before the Spring Festival, one still in talks
    with clock.frozen(dt.date(2019, 2, 4)):
        target_create(
            actor=officer,
            title="2019年春节前台资企业落户",
            period_start=dt.date(2019, 1, 14),
            period_end=dt.date(2019, 2, 4),
            stage="landed",
            origin="taiwan",
            count_min=3,
            count_max=5,
        )
        for n in range(4):
            lead = lead_create(
                actor=officer,
                name=f"台资企业{n}",
                origin="taiwan",
                unit=unit_a,
                talks_on=dt.date(2018, 11, 1),
                amount=Decimal(1000),
            )
            if n < 3:
                lead = lead_advance(actor=officer, lead=lead, stage="signed", on=dt.date(2018, 12, 1))
                lead_advance(actor=officer, lead=lead, stage="landed", on=dt.date(2019, 1, 20 + n))
    client = client_for(officer)
    # when
    funnel = client.get(reverse("projects:pipeline"))
    board = client.get(reverse("projects:board"))
    # then
    assert [(s.stage, s.count) for s in funnel.context["funnel"]][:3] == [
        ("talks", 4),
        ("signed", 3),
        ("landed", 3),
    ]
    [target] = funnel.context["targets"]
    assert (target.count, target.range, target.met) == (3, "3—5", True)
    columns = {c["stage"]: [card.lead.name for card in c["cards"]] for c in board.context["columns"]}
    assert columns["talks"] == ["台资企业3"]
    assert columns["landed"] == ["台资企业2", "台资企业1", "台资企业0"]  # latest arrival first


def test_the_ledger_is_paged_by_fifty(officer: User, unit_a: Unit) -> None:
    # given 55 projects
    for n in range(55):
        make_project(officer, unit_a, name=f"项目{n:02d}", code=f"2019-{n:02d}")
    client = client_for(officer)
    # when / then: the second page holds the last five; a page past the end shows the last one
    second = client.get(reverse("projects:ledger"), {"page": 2})
    assert [r.project.code for r in second.context["rows"]] == [f"2019-{n}" for n in range(50, 55)]
    assert second.context["page"].paginator.count == 55
    assert "共55个项目" in second.content.decode()
    past = client.get(reverse("projects:ledger"), {"page": 9})
    assert past.context["page"].number == 2


def test_the_lead_units_liaison_marks_a_milestone_reached(
    officer: User, liaison_a: User, liaison_b: User, project_a: Project
) -> None:
    from duban.projects.services.project import milestone_add

    # given a node due in August, not yet reached: the project is flagged
    milestone = milestone_add(
        actor=officer, project=project_a, due=dt.date(2019, 8, 31), title="主管道铺设50%"
    )
    url = reverse("projects:milestone_done", args=[project_a.pk, milestone.pk])
    assert client_for(liaison_b).post(url).status_code == 404  # another unit's liaison
    client = client_for(liaison_a)
    detail = reverse("projects:detail", args=[project_a.pk])
    assert "milestone_overdue" in [f.code for f in client.get(detail).context["row"].flags]
    # when
    response = client.post(url)
    # then
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2019, 9, 16)
    assert "milestone_overdue" not in [f.code for f in client.get(detail).context["row"].flags]
    assert client.get(url).status_code == 405
