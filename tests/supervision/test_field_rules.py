"""Values refused alike by forms and API (duban/core/fields.py), each naming its field, nothing written.

Before: a title of zero-width characters was stored, a milestone at 200 %, a
deadline on 9999-12-31, a report text of any length through the API, and a tag
cut silently to 40 characters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from duban.core import clock
from duban.core.errors import DomainError
from duban.org.models import Unit, User
from duban.supervision.models import Item, Milestone, ProgressReport, Source, Tag
from duban.supervision.services.bulk import ItemRow, items_import
from duban.supervision.services.reminders import item_urge
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.api.conftest import ApiClient
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

INVISIBLE_TITLE = " \u200b\u200b \ufeff "
FAR_DEADLINE = "9999-12-31"
LONG_TAG = "标" * 41
LONG_REPORT = "进" * 8001
DATE_RANGE = "2000-01-01 至 2100-12-31"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with clock.frozen(dt.date(2019, 7, 31)):
        yield


@pytest.fixture
def source(supervisor: User) -> Source:
    return make_source(supervisor)


@pytest.fixture
def item(supervisor: User, source: Source, unit_a: Unit, liaison_a: User) -> Item:
    item = make_item(supervisor, source, lead_unit=unit_a, start_date=dt.date(2019, 1, 14))
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    item.refresh_from_db()
    return item


def _form(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _written() -> tuple[int, ...]:
    return (
        Source.objects.count(),
        Item.objects.count(),
        Milestone.objects.count(),
        ProgressReport.objects.count(),
        Tag.objects.count(),
    )


def _refused_by_form(client: Client, url: str, data: dict[str, Any], field: str, words: str) -> None:
    before = _written()
    # when
    response = client.post(url, data)
    # then the form says it on the field, in Chinese, and nothing is written
    assert response.status_code == 400, url
    errors = response.context["form"].errors
    assert field in errors, errors
    assert words in " ".join(errors[field]), errors
    assert words in response.content.decode()
    assert _written() == before


def _refused_by_api(send: Callable[[], Any], field: str, words: str, label: str) -> None:
    before = _written()
    # when
    response = send()
    # then the error names the field (by its Chinese name in the message), and nothing is written
    assert response.status_code in {400, 422}, response.content
    body = response.json()
    assert any(field in name for name in body["fields"]), body
    assert words in str(body["fields"]), body
    assert label in body["message"], body
    assert _written() == before


# --- Titles of only spaces or invisible characters ---------------------------------------


def test_invisible_source_title_is_refused_by_form_and_api(supervisor: User) -> None:
    _refused_by_form(
        _form(supervisor),
        reverse("supervision:source_new"),
        {"kind": "meeting", "title": INVISIBLE_TITLE, "date": "2019-03-01", "sign_off_mode": "single"},
        "title",
        "必填",
    )
    _refused_by_api(
        lambda: ApiClient(supervisor).post(
            "/sources", {"kind": "meeting", "title": INVISIBLE_TITLE, "date": "2019-03-01"}
        ),
        "title",
        "不能为空",
        "标题",
    )


def test_invisible_item_title_is_refused_by_form_and_api(supervisor: User, source: Source) -> None:
    _refused_by_form(
        _form(supervisor),
        reverse("supervision:item_new", args=[source.pk]),
        {
            "kind": "measure",
            "title": INVISIBLE_TITLE,
            "priority": "normal",
            "report_frequency": "none",
            "recurrence": "none",
        },
        "title",
        "必填",
    )
    _refused_by_api(
        lambda: ApiClient(supervisor).post("/items", {"source_id": source.pk, "title": INVISIBLE_TITLE}),
        "title",
        "不能为空",
        "标题",
    )


def test_a_title_is_stored_without_surrounding_invisible_characters(supervisor: User, source: Source) -> None:
    # when
    api = ApiClient(supervisor)
    response = api.post("/items", {"source_id": source.pk, "title": "\u200b 编制规划 \ufeff"})
    # then
    assert response.status_code == 201, response.content
    assert Item.objects.get(pk=response.json()["id"]).title == "编制规划"


# --- Milestone percent ----------------------------------------------------------------------


def test_milestone_percent_200_is_refused_by_form_and_api(supervisor: User, item: Item) -> None:
    _refused_by_form(
        _form(supervisor),
        reverse("supervision:milestone_new", args=[item.pk]),
        {"due": "2019-09-30", "title": "完成初稿", "percent": "200"},
        "percent",
        "100",
    )
    _refused_by_api(
        lambda: ApiClient(supervisor).post(
            f"/items/{item.pk}/milestones", {"due": "2019-09-30", "title": "完成初稿", "percent": 200}
        ),
        "percent",
        "100",
        "",  # the API schema (core/inputs.Percent) refuses it before the service, in its own words
    )


# --- Deadlines in a sane range ---------------------------------------------------------------


def test_deadline_9999_is_refused_by_form_and_api(supervisor: User, source: Source, item: Item) -> None:
    _refused_by_form(
        _form(supervisor),
        reverse("supervision:item_new", args=[source.pk]),
        {
            "kind": "measure",
            "title": "编制规划",
            "deadline": FAR_DEADLINE,
            "priority": "normal",
            "report_frequency": "none",
            "recurrence": "none",
        },
        "deadline",
        DATE_RANGE,
    )
    api = ApiClient(supervisor)
    _refused_by_api(
        lambda: api.post("/items", {"source_id": source.pk, "title": "编制规划", "deadline": FAR_DEADLINE}),
        "deadline",
        DATE_RANGE,
        "完成时限",
    )
    _refused_by_api(
        lambda: api.patch(
            f"/items/{item.pk}",
            {"version": item.version, "deadline": FAR_DEADLINE, "deadline_reason": "调整"},
        ),
        "deadline",
        DATE_RANGE,
        "完成时限",
    )
    item.refresh_from_db()
    assert item.deadline == dt.date(2019, 12, 31)


def test_source_date_and_extension_outside_the_range_are_refused(
    supervisor: User, liaison_a: User, item: Item
) -> None:
    _refused_by_api(
        lambda: ApiClient(supervisor).post(
            "/sources", {"kind": "meeting", "title": "会议", "date": "1900-01-01"}
        ),
        "date",
        DATE_RANGE,
        "日期",
    )
    # an extension asked for 9999-12-31 through the action form and the API
    url = reverse("supervision:item_action", args=[item.pk, Action.REQUEST_EXTENSION.value])
    response = _form(liaison_a).post(
        url, {"comment": "需要更多时间", "new_deadline": FAR_DEADLINE, "version": item.version}
    )
    assert response.status_code == 400
    assert DATE_RANGE in response.content.decode()
    api = ApiClient(liaison_a).post(
        f"/items/{item.pk}/actions/{Action.REQUEST_EXTENSION.value}",
        {"comment": "需要更多时间", "new_deadline": FAR_DEADLINE, "version": item.version},
    )
    assert api.status_code in {400, 422}, api.content
    assert DATE_RANGE in api.json()["message"]
    item.refresh_from_db()
    assert item.pending_deadline is None


# --- Report texts: one limit ---------------------------------------------------------------------


def test_report_text_over_8000_characters_is_refused_by_form_and_api(liaison_a: User, item: Item) -> None:
    _refused_by_form(
        _form(liaison_a),
        reverse("supervision:report_new", args=[item.pk]),
        {"text": LONG_REPORT},
        "text",
        "8000",
    )
    _refused_by_api(
        lambda: ApiClient(liaison_a).multipart(f"/items/{item.pk}/reports", {"text": LONG_REPORT}),
        "text",
        "8000",
        "进展情况",
    )
    item.refresh_from_db()
    assert item.state == "acknowledged"  # the report's start transition is not written either


# --- Tags are refused, not cut ---------------------------------------------------------------------


def test_tag_over_40_characters_is_refused_by_form_and_api(supervisor: User, source: Source) -> None:
    _refused_by_form(
        _form(supervisor),
        reverse("supervision:item_new", args=[source.pk]),
        {
            "kind": "measure",
            "title": "编制规划",
            "tags": f"巡视整改, {LONG_TAG}",
            "priority": "normal",
            "report_frequency": "none",
            "recurrence": "none",
        },
        "tags",
        "40",
    )
    _refused_by_api(
        lambda: ApiClient(supervisor).post(
            "/items", {"source_id": source.pk, "title": "编制规划", "tags": ["巡视整改", LONG_TAG]}
        ),
        "tags",
        "40",
        "标签",
    )


# --- Comments and urging words: refused past their limit, never cut -------------------------------


def test_an_action_comment_over_4000_characters_is_refused_by_form_and_api(
    supervisor: User, item: Item
) -> None:
    from duban.supervision.models import ItemTransition

    steps = ItemTransition.objects.count()
    url = reverse("supervision:item_action", args=[item.pk, Action.SUSPEND.value])
    form = _form(supervisor).post(url, {"comment": "停" * 4001, "version": item.version})
    api = ApiClient(supervisor).post(
        f"/items/{item.pk}/actions/{Action.SUSPEND.value}", {"comment": "停" * 4001, "version": item.version}
    )
    # then both refuse, naming the comment, and the item is not suspended
    assert form.status_code == 400
    assert "4000" in " ".join(form.context["form"].errors["comment"])
    assert api.status_code in {400, 422}, api.content
    assert "comment" in api.json()["fields"] and "4000" in api.json()["fields"]["comment"]
    assert ItemTransition.objects.count() == steps
    item.refresh_from_db()
    assert item.state == "acknowledged"


def test_urging_words_over_500_characters_are_refused_not_cut(supervisor: User, item: Item) -> None:
    from duban.supervision.models import Urge

    # when
    form = _form(supervisor).post(reverse("supervision:urge_new", args=[item.pk]), {"message": "催" * 501})
    api = ApiClient(supervisor).post(f"/items/{item.pk}/urge", {"message": "催" * 501})
    # then
    assert form.status_code == 400
    assert api.status_code in {400, 422}, api.content
    assert "message" in api.json()["fields"] and "500" in api.json()["fields"]["message"]
    assert not Urge.objects.exists()
    # and the service itself (the ledger's bulk urge calls it) refuses rather than cutting
    with pytest.raises(DomainError) as refused:
        item_urge(actor=supervisor, item=item, message="催" * 501)
    assert "附言" in refused.value.message and "500" in refused.value.fields["message"]
    assert not Urge.objects.exists()


# --- The bulk import (ledger spreadsheet, ingestion) keeps the same rules ------------------------------


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (ItemRow(number="1", fields={"title": "编制规划"}, tags=[LONG_TAG], label="第 2 行"), "40"),
        (ItemRow(number="1", fields={"title": "\u200b"}, label="第 2 行"), "标题"),
        (
            ItemRow(
                number="1", fields={"title": "编制规划", "deadline": dt.date(9999, 12, 31)}, label="第 2 行"
            ),
            DATE_RANGE,
        ),
    ],
    ids=["long-tag", "invisible-title", "far-deadline"],
)
def test_the_bulk_import_refuses_the_same_values(
    supervisor: User, source: Source, row: ItemRow, words: str
) -> None:
    before = _written()
    # when
    with pytest.raises(DomainError) as refused:
        items_import(actor=supervisor, source=source, rows=[row])
    # then the row is named, with the problem, and nothing is written
    assert "第 2 行" in refused.value.message and words in refused.value.message
    assert _written() == before
