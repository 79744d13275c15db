"""Uploaded names keep their slashes (as ／): ``<script>alert(1)</script>.pdf`` stays recognisable."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from duban.org.models import Unit, User
from duban.supervision.models import Attachment
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from duban.web.uploadnames import name_kept
from tests.supervision.factories import make_item, make_source

BOUNDARY = "duban-boundary-8f3a"
NAME = "<script>alert(1)</script>.pdf"
KEPT = "<script>alert(1)<\uff0fscript>.pdf"


def _multipart(fields: dict[str, str], *, files: dict[str, tuple[str, bytes]]) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    for field, (name, data) in files.items():
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        (NAME, KEPT),
        ("整改报告.pdf", "整改报告.pdf"),
        ("a\\b.pdf", "a\uff3cb.pdf"),
        ("&lt;b&gt;.pdf", "<b>.pdf"),
        ("x\x07y.pdf", "xy.pdf"),
        ("..", None),
        ("", None),
    ],
)
def test_name_kept(sent: str, kept: str | None) -> None:
    assert name_kept(sent) == kept


@pytest.mark.django_db
def test_a_script_named_file_keeps_a_recognisable_escaped_name(
    supervisor: User, liaison_a: User, unit_a: Unit
) -> None:
    # given an item the liaison reports on
    item = make_item(supervisor, make_source(supervisor), lead_unit=unit_a)
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    client = Client()
    client.force_login(liaison_a)
    # when the evidence is uploaded through the page (a body built by hand: the test client cuts names)
    response = client.post(
        reverse("supervision:report_new", args=[item.pk]),
        _multipart({"text": "进展"}, files={"files": (NAME, b"%PDF-1.4 x")}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    # then the name is whole, escaped on the page, exact in the download's filename*
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == KEPT
    page = client.get(reverse("supervision:item_detail", args=[item.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;\uff0fscript&gt;.pdf" in page
    assert "<script>alert" not in page
    download = client.get(reverse("supervision:file", args=[attachment.pk]))
    assert f"filename*=UTF-8''{quote(KEPT, safe='')}" in download["Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"
