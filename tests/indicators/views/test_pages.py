"""The indicator pages: in Chinese, in scope (404 otherwise), and flat in queries as data grows."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from duban.core.roles import Role
from duban.indicators.models import IndicatorDefinition, IndicatorValue, PeerSet, Subject, Target
from duban.org.models import Unit, User
from tests.indicators.scene import grown_scene, hand_scene
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(db: None) -> User:
    return make_user(Role.TOP_LEADER, username="secretary1")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_overview_shows_lights_warnings_and_sentences_in_chinese(unit_a: Unit, leader: User) -> None:
    hand_scene(unit_a)
    response = _client(leader).get("/indicators/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "指标监测" in page and "增幅排名" in page and "双过半" in page
    assert "上半年，全区实现地区生产总值52.8亿元，比增10.0%" in page
    assert "2项主要经济指标中，1项指标进入全市前三，1项指标增幅高于年度目标" in page
    assert "低于序时进度：完成52.80，序时60.00（差7.20）" in page
    assert 'data-light="yellow"' in page
    assert "2=/3" in page  # the shared second place
    assert 'data-testid="export"' in page and 'data-testid="import"' not in page
    statistician = make_user(Role.STATISTICIAN, username="stat9")
    assert 'data-testid="import"' in _client(statistician).get("/indicators/").content.decode()


def test_the_indicator_page_carries_its_charts_data(unit_a: Unit, leader: User) -> None:
    scene = hand_scene(unit_a)
    response = _client(leader).get(f"/indicators/{scene.gdp.pk}/?month=2019-06")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="chart-trend"' in page and 'id="chart-ranks"' in page and 'id="chart-peers"' in page
    assert "增幅并列全市第二" in page and "完成进度与序时目标" in page
    charts = response.context["charts"]
    assert charts["trend"]["expected"][-1] == 60.0 and charts["trend"]["actual"][-1] == 52.8
    assert charts["peers"]["labels"] == ["乙区", "本区", "甲区"]
    assert charts["ranks"]["growth"][-2:] == [1, 2]
    assert json.loads(json.dumps(charts)) == charts  # what json_script writes reads back
    # a month or peer set the page cannot read falls back to the latest, never an error
    for query in ("?month=0001-06", "?month=201²-06", "?peers=²", "?peers=99999999999999", "?month=1951-01"):
        assert _client(leader).get(f"/indicators/{scene.gdp.pk}/{query}").status_code == 200
        assert _client(leader).get(f"/indicators/{query}").status_code == 200


def test_a_liaison_of_another_unit_gets_404_and_sees_nothing(
    unit_a: Unit, liaison_a: User, liaison_b: User
) -> None:
    scene = hand_scene(unit_a)
    assert _client(liaison_b).get(f"/indicators/{scene.gdp.pk}/").status_code == 404
    assert _client(liaison_b).get(f"/indicators/{scene.gdp.pk + 999}/").status_code == 404
    overview = _client(liaison_b).get("/indicators/")
    assert overview.status_code == 200 and "地区生产总值" not in overview.content.decode()
    # the lead unit's own liaison reads it
    assert _client(liaison_a).get(f"/indicators/{scene.gdp.pk}/").status_code == 200


def test_without_an_indicator_role_the_pages_are_404(unit_a: Unit) -> None:
    hand_scene(unit_a)
    nobody = make_user(username="norole")
    assert _client(nobody).get("/indicators/").status_code == 404
    assert Client().get("/indicators/").status_code == 302  # to the login page


def test_a_statistician_enters_and_corrects_a_value(unit_a: Unit, leader: User) -> None:
    scene = hand_scene(unit_a)
    statistician = make_user(Role.STATISTICIAN, username="stat1")
    client = _client(statistician)
    # enter July
    url = f"/indicators/{scene.gdp.pk}/values/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"subject": scene.zone.pk, "year": 2019, "month": 7, "value": "61.6"})
    assert response.status_code == 302
    july = IndicatorValue.objects.get(definition=scene.gdp, subject=scene.zone, year=2019, month=7)
    assert july.value == Decimal("61.6")
    # entering it again is refused on the form, naming why
    again = client.post(url, {"subject": scene.zone.pk, "year": 2019, "month": 7, "value": "62"})
    assert again.status_code == 400 and "更正" in again.content.decode()
    # correct it, with a published growth
    response = client.post(
        f"/indicators/values/{july.pk}/correct/", {"value": "62", "growth": "9.5", "reason": "统计局核定"}
    )
    assert response.status_code == 302
    july.refresh_from_db()
    assert (july.value, july.growth, july.growth_entered) == (Decimal("62"), Decimal("9.5"), True)
    # a leader reads but does not write
    assert _client(leader).get(url).status_code == 403
    assert _client(leader).get(f"/indicators/values/{july.pk}/correct/").status_code == 403


def test_the_office_turns_a_warning_into_an_item_once(unit_a: Unit, supervisor: User) -> None:
    scene = hand_scene(unit_a)
    client = _client(supervisor)
    page = client.get(f"/indicators/{scene.gdp.pk}/?month=2019-06").content.decode()
    assert 'data-testid="warning-to-item"' in page
    response = client.post(
        f"/indicators/{scene.gdp.pk}/warnings/item/", {"kind": "below_expected", "month": "2019-06"}
    )
    assert response.status_code == 302 and "/supervision/items/" in response["Location"]
    page = client.get(f"/indicators/{scene.gdp.pk}/?month=2019-06").content.decode()
    assert 'data-testid="warning-item"' in page  # the page now links the item
    again = client.post(
        f"/indicators/{scene.gdp.pk}/warnings/item/",
        {"kind": "below_expected", "month": "2019-06"},
        follow=True,
    )
    assert "已" in again.content.decode() and again.status_code == 200


# Queries of a page, the session and user included.
QUERY_BOUND = {"overview": 12, "indicator": 14}


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["overview", "indicator"])
def test_queries_do_not_grow_with_peers_periods_and_indicators(
    page: str, unit_a: Unit, leader: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # given a small data set, counted
    client = _client(leader)
    small = grown_scene(unit_a, peers=2, years=1, indicators=2)
    url = "/indicators/" if page == "overview" else f"/indicators/{small.gdp.pk}/"
    expected = _count(client, url)
    # when peers (2 → 8), years (1 → 3) and indicators (2 → 6) grow
    for model in (IndicatorValue, Target, PeerSet, IndicatorDefinition, Subject):
        model.objects.all().delete()
    large = grown_scene(unit_a, peers=8, years=3, indicators=6)
    url = "/indicators/" if page == "overview" else f"/indicators/{large.gdp.pk}/"
    # then the page takes as many queries (a bound, so a new page does not creep up unseen)
    assert expected <= QUERY_BOUND[page]
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_refused_input_is_shown_on_the_form_and_writes_nothing(unit_a: Unit) -> None:
    scene = hand_scene(unit_a)
    client = _client(make_user(Role.STATISTICIAN, username="stat1"))
    before = IndicatorValue.objects.count()
    response = client.post(
        f"/indicators/{scene.gdp.pk}/values/new/",
        {"subject": scene.zone.pk, "year": 2019, "month": 13, "value": "abc"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-field-error="value"' in page and 'data-field-error="month"' in page
    assert IndicatorValue.objects.count() == before
    # a warning the figures do not raise is refused with a message, no item
    supervisor = _client(make_user(Role.SUPERVISOR, username="sup2"))
    answer = supervisor.post(
        f"/indicators/{scene.gdp.pk}/warnings/item/",
        {"kind": "below_growth_target", "month": "2019-06"},
        follow=True,
    )
    assert "没有" in answer.content.decode() or "无" in answer.content.decode()


@pytest.mark.parametrize("role", [Role.STATISTICIAN, Role.SUPERVISOR, Role.TOP_LEADER])
def test_every_link_of_the_indicator_pages_answers(unit_a: Unit, role: Role) -> None:
    # given the hand scene, and a client that follows the links of the indicator pages
    hand_scene(unit_a)
    client = _client(make_user(role, username=f"crawl-{role}"))
    queue, seen = ["/indicators/"], {"/indicators/": 0}
    # when every /indicators/ link shown is opened (each month, each indicator, the forms)
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        seen[url] = response.status_code
        if "html" in response.get("Content-Type", ""):
            for found in re.findall(r'href="(/indicators/[^"#]*)"', response.content.decode()):
                href = found.replace("&amp;", "&")
                if href not in seen:
                    seen[href] = 0
                    queue.append(href)
    # then none is an error or a dead link
    assert len(seen) > 5  # noqa: PLR2004 - the overview, the indicators, their months and forms
    assert {status for status in seen.values()} <= {200}, {u: s for u, s in seen.items() if s != 200}
