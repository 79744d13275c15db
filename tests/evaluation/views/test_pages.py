"""The evaluation pages through HTTP: Chinese, scoped (404 alike), what-if and scenarios, flat queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db.models import Value
from django.db.models.functions import Concat
from django.test import Client
from django.urls import reverse

from duban.audit.models import AuditEvent
from duban.core.roles import Role
from duban.evaluation.models import Scenario, Scheme
from duban.indicators.models import Subject, SubjectKind
from duban.org.models import User
from tests.evaluation.factories import make_hand_scheme, make_scheme_of
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    """A signed-in client with a Chinese-speaking browser (the product's default language)."""
    client = Client(headers={"accept-language": "zh-CN"})
    client.force_login(user)
    return client


@pytest.fixture
def office() -> User:
    return make_user(Role.SUPERVISOR, username="office")


@pytest.fixture
def hand(office: User) -> tuple[Scheme, dict[str, Subject]]:
    """The hand-computed scheme (tests/evaluation/tables.py), with A (甲开发区) as the zone itself."""
    scheme, subjects, _definition = make_hand_scheme(office)
    Subject.objects.filter(pk=subjects["A"].pk).update(kind=SubjectKind.ZONE)
    return scheme, subjects


def _text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_results_table_in_chinese(office: User, hand: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = hand
    response = client_for(office).get(reverse("evaluation:results", args=[scheme.pk]))
    assert response.status_code == 200
    text = _text(response)
    assert "2019年度三主体四指标" in text
    assert "综合得分" in text
    assert "区域内排名" in text
    # best first: 丙 95.12, 乙 69.00, 甲 29.88; the zone's line is marked
    rows = re.findall(r'data-subject="([^"]+)" data-rank="(\d+)"', text)
    assert rows == [("丙开发区", "1"), ("乙开发区", "2"), ("甲开发区", "3")]
    assert "95.12" in text
    assert "69.00" in text
    assert "29.88" in text
    # the zone's summary: 39.12 points short of the median (乙, rank 2)
    assert "距中游水平（第2名）还差39.12分" in text


def test_a_subjects_points_won_and_lost(office: User, hand: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = hand
    url = reverse("evaluation:subject", args=[scheme.pk, subjects["A"].pk])
    response = client_for(office).get(url)
    assert response.status_code == 200
    text = _text(response)
    assert "得分与失分" in text
    # the chart's data is passed as JSON, not inline script; I1 lost most against the mean (−20)
    assert '<script id="contributions-data" type="application/json">' in text
    assert '"values": [-20.0' in text
    assert 'data-code="I1"' in text
    assert "evaluation/evaluation.js" in text


def test_the_gap_analysis_ranks_the_levers(office: User, hand: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = hand
    Scheme.objects.filter(pk=scheme.pk).update(description="目标：2020年年底前进入中游水平。")
    url = reverse("evaluation:gap", args=[scheme.pk, subjects["A"].pk])
    client = client_for(office)
    text = _text(client.get(url))
    assert "差距分析" in text
    assert "目标：2020年年底前进入中游水平。" in text  # the scheme's goal above the gap
    assert 'data-testid="lacking">39.12<' in text
    assert "按其他对象现有得分，距第2名还差39.12分" in text
    codes = re.findall(r'data-testid="lever" data-code="(\w+)"', text)
    assert codes  # ranked by the points a 1% improvement gains, by re-scoring
    # another target: the first rank (丙, 95.12) is 65.25 points away
    first = _text(client.get(url, {"target": "1", "step": "10"}))
    assert 'data-testid="lacking">65.25<' in first
    assert "各指标提升10%可增加的分值" in first
    # a rank past the last falls back to the median
    assert 'data-testid="lacking">39.12<' in _text(client.get(url, {"target": "99"}))


def test_a_what_if_recomputes_ranks_and_saves_a_scenario(
    office: User, hand: tuple[Scheme, dict[str, Subject]]
) -> None:
    scheme, subjects = hand
    client = client_for(office)
    url = reverse("evaluation:what_if", args=[scheme.pk, subjects["A"].pk])
    assert client.get(url).status_code == 200
    # when A's I1 becomes 40 (the best) and I3 120: 75.88 points, first
    form = {"v-I1": "40", "v-I2": "1", "v-I3": "１２０", "v-I4": "5", "do": "compute"}
    text = _text(client.post(url, form))
    assert 'data-testid="after-total">75.88<' in text
    assert 'data-testid="after-rank">1<' in text
    assert "上升2位" in text
    assert "已达到中游水平（第2名）。" in text
    # htmx gets the result panel only
    partial = _text(client.post(url, form, headers={"HX-Request": "true"}))
    assert partial.strip().startswith('<div id="what-if-result"')
    assert "<html" not in partial
    # saving keeps the changed figures under a name, audited
    saved = client.post(url, {**form, "do": "save", "name": "科技补短板"})
    scenario = Scenario.objects.get(name="科技补短板")
    assert saved.status_code == 302
    assert saved["Location"] == reverse("evaluation:scenario", args=[scenario.pk])
    assert {(c["indicator"], c["value"]) for c in scenario.changes} == {("I1", "40"), ("I3", "120")}
    assert AuditEvent.objects.filter(action="scenario.save").count() == 1
    shown = _text(client.get(saved["Location"]))
    assert "情景“科技补短板”" in shown
    assert 'data-testid="after-rank">1<' in shown


def test_a_figure_that_is_not_a_number_is_named_and_nothing_computed(
    office: User, hand: tuple[Scheme, dict[str, Subject]]
) -> None:
    scheme, subjects = hand
    url = reverse("evaluation:what_if", args=[scheme.pk, subjects["A"].pk])
    refused = client_for(office).post(url, {"v-I1": "四十", "v-I3": "120", "do": "save", "name": "x"})
    assert refused.status_code == 400
    text = _text(refused)
    assert "指标一：“四十”不是数字。" in text
    assert 'data-testid="after-rank">3<' in text  # unchanged
    assert 'value="四十"' in text  # what was typed stays in the box
    assert not Scenario.objects.exists()
    # and a scenario without a name is refused
    nameless = client_for(office).post(url, {"v-I1": "40", "do": "save", "name": " "})
    assert nameless.status_code == 400
    assert "请填写情景名称。" in _text(nameless)
    assert not Scenario.objects.exists()
    # htmx shows the refusal inside the result panel it swaps in (a 2xx answer)
    swapped = client_for(office).post(url, {"v-I1": "四十"}, headers={"HX-Request": "true"})
    assert swapped.status_code == 200
    assert "指标一：“四十”不是数字。" in _text(swapped)


def test_out_of_scope_is_404_like_missing(office: User, hand: tuple[Scheme, dict[str, Subject]]) -> None:
    scheme, subjects = hand
    liaison = make_user(Role.LIAISON, username="liaison")
    pages = [
        reverse("evaluation:home"),
        reverse("evaluation:results", args=[scheme.pk]),
        reverse("evaluation:subject", args=[scheme.pk, subjects["A"].pk]),
        reverse("evaluation:gap", args=[scheme.pk, subjects["A"].pk]),
        reverse("evaluation:what_if", args=[scheme.pk, subjects["A"].pk]),
    ]
    for url in pages:
        assert client_for(liaison).get(url).status_code == 404, url
    # a missing scheme and a subject the scheme does not evaluate look the same
    stranger = Subject.objects.create(name="未参评开发区", kind=SubjectKind.PEER)
    assert client_for(office).get(reverse("evaluation:results", args=[scheme.pk + 99])).status_code == 404
    assert client_for(office).get(reverse("evaluation:gap", args=[scheme.pk, stranger.pk])).status_code == 404
    # a scenario is its owner's: another reader gets 404
    client_for(office).post(pages[4], {"v-I1": "40", "do": "save", "name": "我的情景"})
    scenario = Scenario.objects.get()
    leader = make_user(Role.TOP_LEADER, username="secretary")
    assert client_for(leader).get(reverse("evaluation:scenario", args=[scenario.pk])).status_code == 404
    assert client_for(leader).get(pages[1]).status_code == 200


def test_the_home_page_lists_the_schemes(office: User, hand: tuple[Scheme, dict[str, Subject]]) -> None:
    text = _text(client_for(office).get(reverse("evaluation:home")))
    assert "2019年度三主体四指标" in text
    assert "3个评价对象" in text
    assert "考核评价" in text  # the navigation's entry


@pytest.mark.parametrize("page", ["results", "subject", "gap", "what_if"])
def test_query_counts_do_not_grow_with_subjects(
    page: str, office: User, django_assert_max_num_queries: Any
) -> None:
    # given schemes over 4 and over 24 subjects (the factory names both alike: the first is moved aside)
    small = make_scheme_of(office, 4)
    Scheme.objects.filter(pk=small.pk).update(year=2018)
    Subject.objects.filter(name__startswith="对象").update(name=Concat(Value("小"), "name"))
    large = make_scheme_of(office, 24)
    client = client_for(office)
    client.get(reverse("evaluation:home"))  # warm the session

    def url(scheme: Scheme) -> str:
        if page == "results":
            return reverse("evaluation:results", args=[scheme.pk])
        first = scheme.members.order_by("pk").first()
        assert first is not None
        return reverse(f"evaluation:{page}", args=[scheme.pk, first.subject_id])

    # when / then
    with django_assert_max_num_queries(40) as few:
        assert client.get(url(small)).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(large)).status_code == 200
