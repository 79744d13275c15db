"""Scope matrix: roles × objects × endpoints, on objects on both sides of every boundary.

The fixture is a small tree whose neighbours straddle the boundaries: a parent led
by unit B with children led by A and by B and a draft; a parent led by A with a
child led by B and a draft; files on items on both sides; a leader whose own
account unit is B but who oversees only A (SPEC: "items they lead, units they
oversee", so B's items stay hidden from them). Every endpoint — list pages, item
pages, API reads, downloads, exports, the sub-item list and the breadcrumb — must
show exactly the items in scope and never name or link one outside it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.supervision import policy
from duban.supervision.models import Attachment, Item
from duban.supervision.services.attachment import attachment_store
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

API = "/api/v1/supervision"
MISSING = 987_654


@dataclass
class World:
    items: dict[str, Item]
    files: dict[str, Attachment]
    users: dict[str, User]


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", b"%PDF-1.4 " + name.encode(), content_type="application/pdf")


@pytest.fixture
def world(supervisor: User, unit_a: Unit, unit_b: Unit) -> World:
    # given a tree whose neighbours lie on both sides of every boundary
    source = make_source(supervisor)
    parent_b = make_item(supervisor, source, lead_unit=unit_b, title="乙镇牵头的上级事项")
    child_a = make_item(supervisor, source, lead_unit=unit_a, parent=parent_b, title="甲局牵头的子事项")
    child_b = make_item(supervisor, source, lead_unit=unit_b, parent=parent_b, title="乙镇牵头的子事项")
    parent_a = make_item(supervisor, source, lead_unit=unit_a, title="甲局牵头的上级事项")
    child_of_a_led_by_b = make_item(
        supervisor, source, lead_unit=unit_b, parent=parent_a, title="甲下乙镇子事项"
    )
    draft_under_a = make_item(supervisor, source, lead_unit=unit_a, parent=parent_a, title="督查室草稿子事项")
    for item in (parent_b, child_a, child_b, parent_a, child_of_a_led_by_b):
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    items = {
        "parent_b": parent_b, "child_a": child_a, "child_b": child_b, "parent_a": parent_a,
        "child_of_a_led_by_b": child_of_a_led_by_b, "draft_under_a": draft_under_a,
    }
    files = {name: attachment_store(actor=supervisor, upload=_pdf(name), item=items[name])
             for name in ("parent_b", "child_a", "parent_a")}
    users = {
        "supervisor": supervisor,
        "top": make_user(Role.TOP_LEADER, username="top"),
        "liaison_a": make_user(Role.LIAISON, unit=unit_a, username="m_liaison_a"),
        "liaison_b": make_user(Role.LIAISON, unit=unit_b, username="m_liaison_b"),
        "leader_of_a_in_b": make_user(Role.LEADER, unit=unit_b, oversees=(unit_a,), username="leader_ab"),
        "statistician_a": make_user(Role.STATISTICIAN, unit=make_unit(name="统计局"), username="stat"),
    }
    return World(items, files, users)


ALL = {"parent_b", "child_a", "child_b", "parent_a", "child_of_a_led_by_b", "draft_under_a"}
ASSIGNED = ALL - {"draft_under_a"}
A_LED = {"child_a", "parent_a"}
B_LED = {"parent_b", "child_b", "child_of_a_led_by_b"}
VISIBLE: dict[str, set[str]] = {
    "supervisor": ALL,
    "top": ALL,
    "liaison_a": A_LED,
    "liaison_b": B_LED,
    "leader_of_a_in_b": A_LED,  # own account unit B does not widen the scope
    "statistician_a": set(),
}
ROLES = sorted(VISIBLE)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page_text(response: Any, pk: int) -> str:
    """The page without what differs per request (CSRF token, the path asked for)."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return text.replace(f"/files/{pk}/", "/files/<id>/")


def _body(response: HttpResponseBase) -> str:
    if response.streaming:
        return response.getvalue().decode("utf-8", "replace")
    return response.getvalue().decode()


@pytest.mark.parametrize("who", ROLES)
def test_policy_lists_exactly_the_items_in_scope(world: World, who: str) -> None:
    # when the policy lists the user's items
    visible = set(policy.items_visible(world.users[who]).values_list("title", flat=True))
    # then they are exactly those in scope
    assert visible == {world.items[name].title for name in VISIBLE[who]}


@pytest.mark.parametrize("who", ROLES)
def test_item_pages_and_api_answer_404_outside_scope(world: World, who: str) -> None:
    client = _client(world.users[who])
    for name, item in world.items.items():
        # when the user opens each item's page, its API answer and its timeline
        page = client.get(reverse("supervision:item_detail", args=[item.pk]))
        api = client.get(f"{API}/items/{item.pk}")
        timeline = client.get(reverse("reports:item_timeline", args=[item.pk]))
        # then what is in scope opens and what is not answers 404
        expected = 200 if name in VISIBLE[who] else 404
        assert (page.status_code, api.status_code, timeline.status_code) == (expected,) * 3, name


@pytest.mark.parametrize("who", ROLES)
def test_lists_and_exports_name_only_items_in_scope(world: World, who: str) -> None:
    client = _client(world.users[who])
    hidden = {world.items[name].title for name in ALL - VISIBLE[who]}
    shown = {world.items[name].title for name in VISIBLE[who]}
    # when the user reads the ledger page, the API list and the Excel export
    ledger = client.get(reverse("supervision:ledger"))
    api = client.get(f"{API}/items", {"limit": 100})
    export = client.get(reverse("reports:ledger_export"))
    # then every one lists exactly the items in scope
    assert ledger.status_code == 200
    assert not {t for t in hidden if t in ledger.content.decode()}
    if api.status_code == 200:
        assert {row["title"] for row in api.json()["items"]} == shown
    else:
        assert not shown and api.status_code == 404
    if export.status_code == 200:
        data = export.getvalue()
        sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c}
        assert shown <= cells
        assert not hidden & cells


@pytest.mark.parametrize("who", ROLES)
def test_item_page_neither_links_nor_names_a_neighbour_outside_scope(world: World, who: str) -> None:
    client = _client(world.users[who])
    for name in VISIBLE[who]:
        item = world.items[name]
        # when the user opens an item whose parent or children may be out of scope
        body = client.get(reverse("supervision:item_detail", args=[item.pk])).content.decode()
        # then no out-of-scope item is named (sub-items, breadcrumb) or linked
        for other in ALL - VISIBLE[who]:
            hidden = world.items[other]
            assert hidden.title not in body, (name, other)
            assert reverse("supervision:item_detail", args=[hidden.pk]) not in body, (name, other)


def test_sub_items_in_scope_are_still_listed(world: World) -> None:
    # when unit A's liaison opens A's parent item
    client = _client(world.users["liaison_a"])
    body = client.get(reverse("supervision:item_detail", args=[world.items["parent_a"].pk])).content.decode()
    # then the parent shows none of its hidden children, and the office sees all of them
    assert world.items["child_of_a_led_by_b"].title not in body
    office = _client(world.users["supervisor"]).get(
        reverse("supervision:item_detail", args=[world.items["parent_a"].pk])).content.decode()
    assert world.items["child_of_a_led_by_b"].title in office
    assert world.items["draft_under_a"].title in office


def test_breadcrumb_names_a_parent_in_scope(world: World) -> None:
    # when unit B's liaison opens B's child of B's parent
    client = _client(world.users["liaison_b"])
    body = client.get(reverse("supervision:item_detail", args=[world.items["child_b"].pk])).content.decode()
    # then the parent, in scope, is in the breadcrumb
    assert world.items["parent_b"].title[:20] in body
    assert reverse("supervision:item_detail", args=[world.items["parent_b"].pk]) in body


@pytest.mark.parametrize("who", ROLES)
def test_downloads_answer_alike_for_hidden_and_missing_files(world: World, who: str) -> None:
    client = _client(world.users[who])
    missing_page = client.get(reverse("supervision:file", args=[MISSING]))
    missing_api = client.get(f"{API}/attachments/{MISSING}")
    for name, attachment in world.files.items():
        # when the user downloads each file, by page and by API
        page = client.get(reverse("supervision:file", args=[attachment.pk]))
        api = client.get(f"{API}/attachments/{attachment.pk}")
        if name in VISIBLE[who]:
            assert (page.status_code, api.status_code) == (200, 200), name
            assert _body(api) == f"%PDF-1.4 {name}"
        else:
            # then a file of a hidden item answers exactly as a missing one
            assert (page.status_code, api.status_code) == (404, 404), name
            assert api.json() == missing_api.json(), name
            assert _page_text(page, attachment.pk) == _page_text(missing_page, MISSING), name


def test_policy_refuses_hidden_and_missing_files_with_one_message(world: World) -> None:
    liaison_b = world.users["liaison_b"]
    with pytest.raises(NotFound) as hidden:
        policy.access_attachment(liaison_b, world.files["child_a"].pk)
    with pytest.raises(NotFound) as missing:
        policy.access_attachment(liaison_b, MISSING)
    assert str(hidden.value) == str(missing.value)


@pytest.mark.parametrize("who", ROLES)
def test_api_gives_a_parent_id_only_for_a_parent_in_scope(world: World, who: str) -> None:
    client = _client(world.users[who])
    listed = {row["id"]: row for row in client.get(f"{API}/items", {"limit": 100}).json().get("items", [])}
    for name in VISIBLE[who]:
        item = world.items[name]
        # when the API answers an item, in its list and alone
        detail = client.get(f"{API}/items/{item.pk}").json()
        # then the parent's id (the API's link) is there only if the parent is in scope
        parent = next((n for n, i in world.items.items() if i.pk == item.parent_id), None)
        expected = item.parent_id if parent in VISIBLE[who] else None
        assert detail["parent_id"] == expected, name
        assert listed[item.pk]["parent_id"] == expected, name
