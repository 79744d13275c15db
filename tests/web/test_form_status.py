"""Refused forms answer the same status on every form page (duban/web/formview.py's rule).

400 for input the form or the service refuses, 409 for a conflict; the page is
re-rendered with the input and the message. Before, the organisation import,
the source and item forms, the settings pages, the document upload and the
password page answered 200.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from duban.org.models import Unit, User
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db


def _bad_org_workbook() -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "单位"
    sheet.append(["单位名称", "简称", "类型", "上级单位", "排序"])
    sheet.append(["财政局", "", "科室", None, 1])  # unknown kind
    book.create_sheet("人员").append(["姓名", "职务", "所在单位", "电话", "邮箱", "分管单位"])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("org.xlsx", out.getvalue())


def _refusals(admin: User, supervisor: User, unit_a: Unit) -> list[tuple[User, str, dict[str, Any]]]:
    source = make_source(supervisor)
    item = make_item(supervisor, source, lead_unit=unit_a)
    return [
        (admin, reverse("org:import"), {"file": _bad_org_workbook()}),
        (admin, reverse("org:import"), {}),  # no file
        (admin, reverse("org:unit_create"), {"name": "", "kind": "department", "sort_order": 1}),
        (supervisor, reverse("reports:ledger_import"), {"source": source.pk}),
        (supervisor, reverse("supervision:source_new"), {"kind": "meeting", "title": "", "date": "x"}),
        (supervisor, reverse("supervision:item_new", args=[source.pk]), {"title": ""}),
        (supervisor, reverse("supervision:item_move", args=[item.pk]), {"position": "x"}),
        (supervisor, reverse("supervision_config:home"), {"form": "lights", "lights-yellow_days": "x"}),
        (supervisor, reverse("supervision_config:robot_new"), {"name": "", "webhook_url": "nope"}),
        (supervisor, reverse("ingest:run_list"), {"ref_date": "2019-03-01"}),  # no document
        (
            supervisor,
            reverse("accounts:password_change"),
            {"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
        ),
        (supervisor, reverse("accounts:tokens"), {"name": ""}),
    ]


def test_every_refused_form_answers_400(admin: User, supervisor: User, unit_a: Unit) -> None:
    for user, url, data in _refusals(admin, supervisor, unit_a):
        client = Client()
        client.force_login(user)
        # when
        response = client.post(url, data)
        # then
        assert response.status_code == 400, url
        assert "<form" in response.content.decode(), url


def test_a_service_refusal_answers_its_status(supervisor: User, unit_a: Unit) -> None:
    # given an item edited meanwhile by someone else (a stale version)
    source = make_source(supervisor)
    item = make_item(supervisor, source, lead_unit=unit_a)
    client = Client()
    client.force_login(supervisor)
    url = reverse("supervision:item_edit", args=[item.pk])
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    data.update(lead_unit=unit_a.pk, cooperating_units=[], deadline="2019-12-31", version=item.version - 1)
    # when
    response = client.post(url, data)
    # then
    assert response.status_code == 409
