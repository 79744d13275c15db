"""Bulletin pages: the office issues a numbered bulletin and downloads it; readers and outsiders."""

from __future__ import annotations

import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from docx import Document

from duban.audit.models import AuditEvent
from duban.core.roles import Role
from duban.org.models import User
from duban.reports.models import Bulletin, BulletinTemplate
from duban.supervision.models import Item
from tests.org.factories import make_user
from tests.reports.conftest import Org, liaison_of

ISSUE = {"start": "2019-06-01", "end": "2019-07-31"}


def test_the_office_issues_numbered_bulletins_and_downloads_them(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    # when it issues two bulletins
    first = client.post(reverse("reports:bulletin_list"), ISSUE)
    second = client.post(reverse("reports:bulletin_list"), {**ISSUE, "unit": org.town.pk})
    # then they are numbered in the year, audited, and listed
    assert first.status_code == 302, first.context["form"].errors
    assert second.status_code == 302, second.context["form"].errors
    numbers = list(Bulletin.objects.order_by("serial").values_list("number", "scope_label"))
    assert numbers == [("督查通报〔2019〕1号", ""), ("督查通报〔2019〕2号", "张坂镇牵头的")]
    assert AuditEvent.objects.filter(action="bulletin.issue").count() == 2
    page = client.get(reverse("reports:bulletin_list"))
    assert "督查通报〔2019〕2号" in page.content.decode()
    # and the town's bulletin holds only the town's figures
    town = Bulletin.objects.get(serial=2)
    download = client.get(reverse("reports:bulletin_download", args=[town.pk]))
    assert download.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert "张坂镇牵头的督办事项共1项" in text
    assert town.figures["overdue_now"] == 1


def test_a_bulletin_keeps_what_it_said_when_the_ledger_moves_on(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    client.post(reverse("reports:bulletin_list"), ISSUE)
    bulletin = Bulletin.objects.get()
    before = client.get(reverse("reports:bulletin_download", args=[bulletin.pk])).content
    Item.objects.filter(pk=june_ledger[0].pk).update(title="改过的标题")
    assert client.get(reverse("reports:bulletin_download", args=[bulletin.pk])).content == before


def test_a_liaison_reads_bulletins_but_cannot_issue(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    client.post(reverse("reports:bulletin_list"), ISSUE)
    client.force_login(liaison_of(org.town))
    page = client.get(reverse("reports:bulletin_list"))
    assert page.status_code == 200 and 'data-testid="bulletin-form"' not in page.content.decode()
    assert client.post(reverse("reports:bulletin_list"), ISSUE).status_code == 404
    assert Bulletin.objects.count() == 1


def test_a_statistician_gets_404_on_bulletins(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    client.post(reverse("reports:bulletin_list"), ISSUE)
    bulletin = Bulletin.objects.get()
    client.force_login(make_user(Role.STATISTICIAN, username="stat"))
    assert client.get(reverse("reports:bulletin_list")).status_code == 404
    assert client.get(reverse("reports:bulletin_download", args=[bulletin.pk])).status_code == 404


def test_a_wrong_period_is_refused_on_the_form_and_nothing_is_issued(
    client: Client, supervisor: User
) -> None:
    client.force_login(supervisor)
    response = client.post(reverse("reports:bulletin_list"), {"start": "2019-07-31", "end": "2019-06-01"})
    assert response.status_code == 400
    assert "结束日期早于开始日期" in response.content.decode()
    assert not Bulletin.objects.exists()


def test_the_office_adjusts_the_template_and_the_next_bulletin_uses_it(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    data = {
        "issuer": "泉州台商投资区管委会督查室",
        "number_format": "台投督〔{year}〕{serial}号",
        "title_format": "关于{end}督办事项进展情况的通报",
        "recipients": "各部门、各镇：",
        "opening": "现将有关情况通报如下。",
        "next_steps": "抓紧整改。",
        "signature": "督查室",
    }
    assert client.post(reverse("reports:bulletin_template"), data).status_code == 302
    assert BulletinTemplate.current().issuer == "泉州台商投资区管委会督查室"
    assert AuditEvent.objects.filter(action="bulletin.template").count() == 1
    client.post(reverse("reports:bulletin_list"), ISSUE)
    bulletin = Bulletin.objects.get()
    assert (bulletin.number, bulletin.title) == (
        "台投督〔2019〕1号",
        "关于2019年7月31日督办事项进展情况的通报",
    )
    # an empty required field is refused, the template unchanged
    refused = client.post(reverse("reports:bulletin_template"), {**data, "issuer": " "})
    assert refused.status_code == 400
    assert BulletinTemplate.current().issuer == "泉州台商投资区管委会督查室"


def test_the_monday_bulletin_is_issued_once_as_the_named_account(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    from duban.reports.services import bulletin_weekly, last_week
    from duban.supervision.models import Notification

    # given no issuer named: nothing is issued
    monday = dt.date(2019, 8, 5)
    assert bulletin_weekly(today=monday) is None
    # when the office names itself on the template page
    client.force_login(supervisor)
    template = BulletinTemplate.current()
    data = {
        name: getattr(template, name)
        for name in (
            "issuer",
            "number_format",
            "title_format",
            "recipients",
            "opening",
            "next_steps",
            "signature",
        )
    }
    assert (
        client.post(
            reverse("reports:bulletin_template"), {**data, "weekly_issuer": supervisor.pk}
        ).status_code
        == 302
    )
    # then Monday's run issues last week's bulletin once, and readers are told
    first, again = bulletin_weekly(today=monday), bulletin_weekly(today=monday)
    assert first is not None and again is None
    assert (
        (first.period_start, first.period_end)
        == last_week(monday)
        == (dt.date(2019, 7, 29), dt.date(2019, 8, 4))
    )
    assert first.issued_by == supervisor and Bulletin.objects.count() == 1
    told = Notification.objects.filter(kind="digest", title__startswith=first.number)
    assert told.filter(user=liaison_of(org.economy)).exists() and told.filter(user=supervisor).exists()
    # and a liaison cannot be named as the issuer
    refused = client.post(
        reverse("reports:bulletin_template"), {**data, "weekly_issuer": liaison_of(org.town).pk}
    )
    assert refused.status_code == 400
