"""Sources: list in scope, register and edit (supervisors), a source's page is its ledger."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.org.models import User
from duban.supervision.models import Item, Source
from tests.supervision.factories import make_source
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db


def test_supervisor_registers_and_edits_a_source(supervisor: User) -> None:
    # given
    client = client_for(supervisor)
    data = {
        "kind": "inspection",
        "title": "省委第三巡视组反馈意见",
        "doc_number": "闽委巡〔2019〕3号",
        "date": "2019-01-14",
        "sign_off_mode": "dual_leader",
    }
    # when
    created = client.post(reverse("supervision:source_new"), data)
    source = Source.objects.get()
    edited = client.post(
        reverse("supervision:source_edit", args=[source.pk]), {**data, "issuer": "省委巡视办"}
    )
    # then
    assert created.status_code == 302 and created["Location"] == reverse(
        "supervision:source_ledger", args=[source.pk]
    )
    assert edited.status_code == 302
    source.refresh_from_db()
    assert source.issuer == "省委巡视办"
    page = client.get(created["Location"]).content.decode()
    assert "闽委巡〔2019〕3号" in page


def test_bad_date_is_named_and_nothing_written(supervisor: User) -> None:
    response = client_for(supervisor).post(
        reverse("supervision:source_new"),
        {"kind": "meeting", "title": "会议", "date": "2019-02-30", "sign_off_mode": "single"},
    )
    assert response.status_code == 400
    assert 'data-field-error="date"' in response.content.decode()
    assert not Source.objects.exists()


def test_liaison_lists_only_sources_with_items_in_scope(
    supervisor: User, liaison_a: User, liaison_b: User, item_a: Item
) -> None:
    # given: a second source without items of unit A
    other = make_source(supervisor, title="另一来源")
    # when
    mine = client_for(liaison_a).get(reverse("supervision:source_list")).context["page"].object_list
    # then
    assert [s.pk for s in mine] == [item_a.source_id]
    assert client_for(liaison_a).get(reverse("supervision:source_ledger", args=[other.pk])).status_code == 404
    assert (
        client_for(liaison_b).get(reverse("supervision:source_ledger", args=[item_a.source_id])).status_code
        == 404
    )
