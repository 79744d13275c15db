"""The indicators API: scope (404 like missing), roles (403), writes through the services, the import."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook
from pytest_django import DjangoAssertNumQueries

from duban.accounts.services import token_create
from duban.indicators.models import IndicatorValue, Subject, SubjectKind
from duban.indicators.services.targets import target_set
from duban.indicators.services.values import indicator_value_enter
from duban.org.models import User
from tests.indicators.write_fixtures import World, world_fixture  # noqa: F401 - the world fixture

pytestmark = pytest.mark.django_db
BASE = "/api/v1/indicators"


class Api:
    def __init__(self, user: User) -> None:
        _, raw = token_create(actor=user, name="tests")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(BASE + path, body, content_type="application/json")

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.patch(BASE + path, body, content_type="application/json")

    def put(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.put(BASE + path, body, content_type="application/json")

    def upload(self, path: str, data: bytes, **fields: Any) -> Any:
        upload = io.BytesIO(data)
        upload.name = "2019年6月.xlsx"
        return self.client.post(BASE + path, {"file": upload, **fields})


def workbook(rows: list[list[Any]], name: str = "2019年6月") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = name
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_liaison_sees_the_indicators_its_unit_leads_and_404_for_others(
    world: World, liaison_a: User, liaison_b: User
) -> None:
    api = Api(liaison_b)  # unit B leads CPI only
    listed = api.get("/indicators").json()
    assert [i["code"] for i in listed["items"]] == ["CPI"]
    # another unit's indicator answers exactly as a missing one
    hidden, missing = api.get(f"/indicators/{world.gdp.pk}"), api.get("/indicators/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert api.get(f"/indicators/{world.gdp.pk}/values").status_code == 404
    # and writing is not theirs: 404 out of scope first, 403 on what they can see
    assert (
        api.post(
            f"/indicators/{world.gdp.pk}/values",
            {"subject_id": world.zone.pk, "year": 2019, "month": 6, "value": "1"},
        ).status_code
        == 404
    )
    assert (
        api.post(
            f"/indicators/{world.cpi.pk}/values",
            {"subject_id": world.zone.pk, "year": 2019, "month": 6, "value": "1"},
        ).status_code
        == 403
    )
    assert Api(liaison_a).get(f"/indicators/{world.gdp.pk}").status_code == 200


def test_a_statistician_enters_corrects_and_sets_targets(world: World) -> None:
    api = Api(world.statistician)
    prior = api.post(
        f"/indicators/{world.gdp.pk}/values",
        {"subject_id": world.zone.pk, "year": 2018, "month": 6, "value": "136.5"},
    )
    assert prior.status_code == 201, prior.json()
    entered = api.post(
        f"/indicators/{world.gdp.pk}/values",
        {"subject_id": world.zone.pk, "year": 2019, "month": 6, "value": "149.75"},
    )
    body = entered.json()
    assert (Decimal(body["value"]), Decimal(body["growth"]), body["growth_entered"]) == (
        Decimal("149.75"),
        Decimal("9.7"),
        False,
    )
    corrected = api.patch(f"/values/{body['id']}", {"growth": "9.5", "reason": "按可比价"})
    assert corrected.status_code == 200
    assert (Decimal(corrected.json()["growth"]), corrected.json()["growth_entered"]) == (Decimal("9.5"), True)
    target = api.put(f"/indicators/{world.gdp.pk}/targets/2019", {"growth": "8.5"})
    assert target.status_code == 200 and Decimal(target.json()["growth"]) == Decimal("8.5")
    # a second entry for the period is refused in words
    again = api.post(
        f"/indicators/{world.gdp.pk}/values",
        {"subject_id": world.zone.pk, "year": 2019, "month": 6, "value": "150"},
    )
    assert again.status_code == 400 and again.json()["code"] == "duplicate"


def test_bad_values_are_refused_at_the_boundary(world: World) -> None:
    api = Api(world.statistician)
    for body in (
        {"value": "1.23456"},
        {"value": "NaN"},
        {"value": "1", "month": 13},
        {"value": "1", "growth": "1e9"},
    ):
        answer = api.post(
            f"/indicators/{world.gdp.pk}/values",
            {"subject_id": world.zone.pk, "year": 2019, "month": 6, **body},
        )
        assert answer.status_code == 400, body
        assert answer.json()["code"] == "invalid"
    assert not IndicatorValue.objects.exists()


def test_definitions_subjects_and_peer_sets_are_the_statisticians(world: World, supervisor: User) -> None:
    api = Api(world.statistician)
    created = api.post(
        "/indicators",
        {"code": "IND", "name": "规模以上工业增加值", "unit": "亿元", "lead_unit_id": world.gdp.lead_unit_id},
    )
    assert created.status_code == 201, created.json()
    assert api.patch(f"/indicators/{created.json()['id']}", {"category": "主要经济指标"}).json()[
        "category"
    ] == ("主要经济指标")
    assert api.post("/indicators", {"code": "IND", "name": "重复"}).json()["code"] == "duplicate"
    peer = api.post("/subjects", {"name": "集美区", "kind": "peer"})
    assert peer.status_code == 201
    peers = api.patch(f"/peer-sets/{world.city.pk}", {"member_ids": [world.zone.pk, peer.json()["id"]]})
    assert sorted(peers.json()["member_ids"]) == sorted([world.zone.pk, peer.json()["id"]])
    assert Api(supervisor).post("/subjects", {"name": "同安区", "kind": "peer"}).status_code == 403
    assert not Subject.objects.filter(name="同安区").exists()
    assert Subject.objects.filter(kind=SubjectKind.PEER).count() == 3


def test_import_previews_then_confirms(world: World) -> None:
    api = Api(world.statistician)
    data = workbook([["指标", "1-6月累计", "比增%"], ["地区生产总值", 149.75, 9.7]])
    preview = api.upload("/import/preview", data)
    assert preview.status_code == 200, preview.json()
    body = preview.json()
    assert (body["created"], body["updated"], body["changes"][0]["label"]) == (
        1,
        0,
        "地区生产总值 · 本区 · 2019年6月",
    )
    assert not IndicatorValue.objects.exists()  # the preview writes nothing
    # a confirmation with other choices than the preview's is refused
    assert api.post("/import/confirm", {"token": body["token"], "year": 2018}).status_code == 400
    done = api.post("/import/confirm", {"token": body["token"]})
    assert done.status_code == 200, done.json()
    assert done.json()["created"] == 1
    assert IndicatorValue.objects.get().source_row == "'2019年6月'!B2"
    # the token is used up
    assert api.post("/import/confirm", {"token": body["token"]}).status_code == 400


def test_a_refused_workbook_answers_each_problem_by_place(world: World) -> None:
    api = Api(world.statistician)
    answer = api.upload("/import/preview", workbook([["指标", "1-6月累计"], ["地区生产总值", "一百"]]))
    assert answer.status_code == 400
    assert answer.json()["code"] == "import_failed"
    assert answer.json()["fields"] == {"2019年6月 第 2 行，累计": "单元格B2中的“一百”不是数字。"}


def test_a_warning_becomes_an_item_once(world: World, supervisor: User) -> None:
    target_set(actor=world.statistician, definition=world.gdp, year=2019, growth=Decimal("12"))
    indicator_value_enter(
        actor=world.statistician,
        definition=world.gdp,
        subject=world.zone,
        year=2019,
        month=6,
        value=Decimal("149.75"),
        growth=Decimal("9.7"),
    )
    api = Api(supervisor)
    body = {"subject_id": world.zone.pk, "year": 2019, "month": 6, "warning_kind": "below_growth_target"}
    created = api.post(f"/indicators/{world.gdp.pk}/warning-items", body)
    assert created.status_code == 201, created.json()
    assert created.json()["item_title"] == "地区生产总值增幅低于年度目标（本区2019年6月）"
    again = api.post(f"/indicators/{world.gdp.pk}/warning-items", body)
    assert again.status_code == 400
    assert again.json()["fields"]["item"] == str(created.json()["item_id"])
    assert Api(world.statistician).post(f"/indicators/{world.gdp.pk}/warning-items", body).status_code == 403


def test_lists_answer_in_constant_queries(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    api = Api(world.statistician)

    def grow(months: range) -> None:
        for month in months:
            for subject in (world.zone, *world.peers):
                IndicatorValue.objects.create(
                    definition=world.gdp, subject=subject, year=2019, month=month, value=Decimal(month)
                )

    def read() -> None:
        assert api.get(f"/indicators/{world.gdp.pk}/values").status_code == 200
        assert api.get("/indicators").status_code == 200

    grow(range(1, 3))
    read()  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as few:
        read()
    grow(range(3, 12))  # 6 values → 33
    with django_assert_num_queries(len(few.captured_queries)):
        read()


def test_the_overview_gives_standing_warnings_and_sentences_in_scope(world: World, liaison_b: User) -> None:
    # given GDP of the zone and its peers in June 2019, against a 12% growth target
    target_set(actor=world.statistician, definition=world.gdp, year=2019, growth=Decimal("12"))
    for subject, value, growth in (
        (world.zone, "149.75", "9.7"),
        (world.peers[0], "820.4", "7.5"),
        (world.peers[1], "610.2", "8.1"),
    ):
        indicator_value_enter(
            actor=world.statistician,
            definition=world.gdp,
            subject=subject,
            year=2019,
            month=6,
            value=Decimal(value),
            growth=Decimal(growth),
        )
    overview = Api(world.statistician).get("/overview", month="2019-06")
    assert overview.status_code == 200, overview.json()
    body = overview.json()
    gdp = next(r for r in body["rows"] if r["code"] == "GDP")
    assert gdp["value_text"] == "地区生产总值149.75亿元，比增9.7%"
    assert gdp["rank_text"] == "增幅排名全市第一"
    assert gdp["growth_rank"] == {"position": 1, "of": 3, "tied": False}
    assert [w["kind"] for w in gdp["warnings"]] == ["below_growth_target"]
    assert Decimal(gdp["warnings"][0]["figures"]["shortfall"]) == Decimal("2.3")  # 12 − 9.7
    # one indicator's standing answers the same; out of scope is 404
    standing = Api(world.statistician).get(f"/indicators/{world.gdp.pk}/standing", month="2019-06").json()
    assert standing["rank_text"] == "增幅排名全市第一"
    assert Api(liaison_b).get(f"/indicators/{world.gdp.pk}/standing").status_code == 404
    assert [r["code"] for r in Api(liaison_b).get("/overview", month="2019-06").json()["rows"]] == ["CPI"]
