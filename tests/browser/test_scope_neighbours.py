"""In the browser: an item page neither names nor links neighbours outside the viewer's scope."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from duban.core.roles import Role
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.browser.conftest import log_in, screenshot
from tests.org.factories import make_unit, make_user
from tests.supervision.factories import make_item, make_source

PARENT = "张坂镇牵头的整改总任务"
OWN_CHILD = "经济发展局牵头的子任务"
OTHER_CHILD = "张坂镇牵头的另一子任务"
DRAFT_CHILD = "督查室尚未交办的子任务"


def test_liaison_sees_own_sub_items_and_no_hidden_parent(
    open_page: Callable[[], Page], live_server: LiveServer
) -> None:
    # given a parent led by the town, with children led by the bureau, by the town and a draft
    bureau, town = make_unit(name="经济发展局"), make_unit(name="张坂镇", kind="town")
    supervisor = make_user(Role.SUPERVISOR, username="sup_neighbours")
    liaison = make_user(Role.LIAISON, unit=bureau, username="liaison_neighbours")
    source = make_source(supervisor)
    parent = make_item(supervisor, source, lead_unit=town, title=PARENT)
    own = make_item(supervisor, source, lead_unit=bureau, parent=parent, title=OWN_CHILD)
    grandchild = make_item(supervisor, source, lead_unit=bureau, parent=own, title="经济发展局的细化任务")
    make_item(supervisor, source, lead_unit=town, parent=own, title=OTHER_CHILD)
    make_item(supervisor, source, lead_unit=bureau, parent=own, title=DRAFT_CHILD)
    for item in (parent, own, grandchild):
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)

    # when the bureau's liaison opens their item
    page = open_page()
    log_in(page, live_server.url, liaison.username)
    page.goto(f"{live_server.url}/supervision/items/{own.pk}/")
    screenshot(page, "scope-neighbours-liaison")

    # then the hidden parent is not in the breadcrumb, and only the own sub-item is listed
    body = page.locator("body")
    expect(body).to_contain_text(OWN_CHILD)
    expect(body).not_to_contain_text(PARENT)
    expect(page.locator(f'a[href="/supervision/items/{parent.pk}/"]')).to_have_count(0)
    children = page.get_by_test_id("children")
    expect(children).to_contain_text("经济发展局的细化任务")
    expect(children).not_to_contain_text(OTHER_CHILD)
    expect(children).not_to_contain_text(DRAFT_CHILD)
