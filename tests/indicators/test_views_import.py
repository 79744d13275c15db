"""The workbook pages: upload → preview (nothing written) → confirm; exports; statisticians only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from duban.indicators.models import IndicatorValue
from duban.org.models import User
from tests.indicators.write_fixtures import World, world_fixture  # noqa: F401 - the world fixture

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(rows: list[list[Any]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2019年6月"
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "6月.xlsx"
    return data


def test_upload_preview_then_confirm(world: World) -> None:
    client = signed_in(world.statistician)
    url = reverse("indicators:import")
    assert client.get(url).status_code == 200
    page = client.post(url, {"file": upload([["指标", "1-6月累计", "比增%"], ["地区生产总值", 149.75, 9.7]])})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="import-preview"' in html and "地区生产总值 · 本区 · 2019年6月" in html
    assert not IndicatorValue.objects.exists()
    token = page.context["token"]
    done = client.post(url, {"token": token, "year": "", "subject": ""})
    assert done.status_code == 302
    assert IndicatorValue.objects.get().value == 149.75


def test_a_refused_workbook_lists_its_problems(world: World) -> None:
    client = signed_in(world.statistician)
    page = client.post(
        reverse("indicators:import"), {"file": upload([["指标", "1-6月累计"], ["工业增加值", 1]])}
    )
    assert page.status_code == 400
    assert "未知指标“工业增加值”" in page.content.decode()
    assert not IndicatorValue.objects.exists()


def test_only_statisticians_import(world: World, liaison_a: User) -> None:
    assert signed_in(liaison_a).get(reverse("indicators:import")).status_code == 403


def test_exports_download_the_two_shapes(world: World, liaison_b: User) -> None:
    IndicatorValue.objects.create(definition=world.gdp, subject=world.zone, year=2019, month=6, value=149.75)
    IndicatorValue.objects.create(definition=world.cpi, subject=world.zone, year=2019, month=6, value=102.3)
    client = signed_in(world.statistician)
    zone = client.get(reverse("indicators:export"), {"year": 2019, "month": 6})
    assert zone.status_code == 200
    book = load_workbook(io.BytesIO(zone.content), read_only=True)
    assert book.sheetnames == [f"2019年{m}月" for m in range(1, 7)]
    city = client.get(reverse("indicators:export_city", args=[world.city.pk]), {"year": 2019, "month": 6})
    assert city.status_code == 200
    # a liaison's export holds only the indicators its unit leads (unit B: CPI)
    own = signed_in(liaison_b).get(reverse("indicators:export"), {"year": 2019, "month": 6})
    rows = list(
        load_workbook(io.BytesIO(own.content), read_only=True)["2019年6月"].iter_rows(values_only=True)
    )
    assert [r[0] for r in rows[2:]] == ["居民消费价格指数"]
