"""Every upload place runs the one upload check (duban/core/uploads.py) and answers a refusal with 400.

Each place gets an oversize file (by the configured ``UPLOAD_MAX_BYTES``) and a
file of the wrong type (by its content, whatever its name); the page names the
file in Chinese and nothing is stored.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from duban.ingest.models import IngestRun
from duban.org.models import Unit, User
from duban.supervision.models import Attachment, Item, ProgressReport, Source
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

LIMIT = 2048


def _xlsx(padding: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["单位名称", "简称", "类型", "上级单位", "排序", "序号", "事项"])
    sheet.append(["财政局" + "局" * padding, "", "部门", None, 1, "1", "事项"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Place:
    """An upload page: who posts, where, with which other fields, under which field name."""

    user: User
    url: str
    field: str
    fields: dict[str, Any]
    stored: Callable[[], bool]


def _places(admin: User, supervisor: User, liaison_a: User, unit_a: Unit) -> dict[str, Place]:
    source = make_source(supervisor)
    item = make_item(supervisor, source, lead_unit=unit_a)
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    return {
        "org-import": Place(
            admin,
            reverse("org:import"),
            "file",
            {},
            lambda: Unit.objects.filter(name__startswith="财政局").exists(),
        ),
        "ledger-import": Place(
            supervisor,
            reverse("reports:ledger_import"),
            "file",
            {"source": source.pk},
            lambda: Item.objects.filter(source=source).count() > 1,
        ),
        "ingest": Place(
            supervisor,
            reverse("ingest:run_list"),
            "file",
            {"ref_date": "2019-03-01"},
            IngestRun.objects.exists,
        ),
        "evidence": Place(
            liaison_a,
            reverse("supervision:report_new", args=[item.pk]),
            "files",
            {"text": "已完成"},
            ProgressReport.objects.exists,
        ),
        "source-annex": Place(
            supervisor,
            reverse("supervision:source_new"),
            "files",
            {"kind": "meeting", "title": "调度会", "date": "2019-03-01", "sign_off_mode": "single"},
            lambda: Source.objects.filter(title="调度会").exists(),
        ),
    }


# A file of the right kind for each place, and one of the right name but the wrong content.
GOOD: dict[str, tuple[str, Callable[[], bytes]]] = {
    "org-import": ("org.xlsx", _xlsx),
    "ledger-import": ("台账.xlsx", _xlsx),
    "ingest": ("方案.docx", _xlsx),
    "evidence": ("报告.pdf", lambda: b"%PDF-1.4 " + b"0" * 4000),
    "source-annex": ("纪要.pdf", lambda: b"%PDF-1.4 " + b"0" * 4000),
}
RENAMED = {
    "org-import": "名单.xlsx",
    "ledger-import": "台账.xlsx",
    "ingest": "方案.docx",
    "evidence": "照片.png",
    "source-annex": "纪要.pdf",
}


def _post(place: Place, name: str, data: bytes) -> Any:
    client = Client()
    client.force_login(place.user)
    return client.post(place.url, {**place.fields, place.field: SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("where", list(GOOD))
def test_an_oversize_file_is_refused_by_the_configured_limit(
    where: str, admin: User, supervisor: User, liaison_a: User, unit_a: Unit, settings: Any
) -> None:
    # given
    place = _places(admin, supervisor, liaison_a, unit_a)[where]
    name, content = GOOD[where]
    data = content() if where not in ("org-import", "ledger-import") else _xlsx(padding=4000)
    settings.UPLOAD_MAX_BYTES = LIMIT
    assert len(data) > LIMIT
    # when
    response = _post(place, name, data)
    # then
    assert response.status_code == 400
    assert f"{name}：文件超过 2 KB。" in response.content.decode()
    assert not place.stored() and not Attachment.objects.exists()


@pytest.mark.parametrize("where", list(GOOD))
def test_a_wrong_type_is_refused_by_its_content(
    where: str, admin: User, supervisor: User, liaison_a: User, unit_a: Unit
) -> None:
    # given a program renamed to the kind the place takes
    place = _places(admin, supervisor, liaison_a, unit_a)[where]
    name = RENAMED[where]
    # when
    response = _post(place, name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100)
    # then
    assert response.status_code == 400
    assert f"{name}：文件内容不是" in response.content.decode()
    assert not place.stored() and not Attachment.objects.exists()


@pytest.mark.parametrize("where", ["org-import", "evidence"])
def test_an_unaccepted_extension_is_refused(
    where: str, admin: User, supervisor: User, liaison_a: User, unit_a: Unit
) -> None:
    place = _places(admin, supervisor, liaison_a, unit_a)[where]
    response = _post(place, "程序.exe", b"MZ\x90\x00")
    assert response.status_code == 400 and "程序.exe：不接受此类文件" in response.content.decode()
    assert not place.stored()


BOMB_NAMES = {
    "org-import": "名单.xlsx",
    "ledger-import": "台账.xlsx",
    "ingest": "方案.docx",
    "evidence": "方案.docx",
    "source-annex": "纪要.docx",
}


def _files_on_disk(root: Any) -> list[Any]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize("where", list(BOMB_NAMES))
def test_a_zip_bomb_is_refused_unread_everywhere(
    where: str, admin: User, supervisor: User, liaison_a: User, unit_a: Unit, settings: Any, tmp_path: Any
) -> None:
    # given an Office zip that would inflate to 64 MB (about 1,000:1)
    from tests.zipbombs import docx_bomb

    settings.MEDIA_ROOT = tmp_path / "uploads"
    place = _places(admin, supervisor, liaison_a, unit_a)[where]
    name = BOMB_NAMES[where]
    # when
    response = _post(place, name, docx_bomb())
    # then
    assert response.status_code == 400
    assert f"{name}：文件解压后达 64 MB" in response.content.decode()
    assert not place.stored() and not Attachment.objects.exists()
    assert _files_on_disk(tmp_path) == []


@pytest.mark.parametrize("where", ["evidence", "source-annex"])
def test_a_refused_second_file_leaves_no_first_file_on_disk(
    where: str, admin: User, supervisor: User, liaison_a: User, unit_a: Unit, settings: Any, tmp_path: Any
) -> None:
    # given a good PDF followed by a program renamed to .pdf
    settings.MEDIA_ROOT = tmp_path / "uploads"
    place = _places(admin, supervisor, liaison_a, unit_a)[where]
    files = [SimpleUploadedFile("好.pdf", b"%PDF-1.4 good"), SimpleUploadedFile("坏.pdf", b"MZ\x90\x00")]
    client = Client()
    client.force_login(place.user)
    # when
    response = client.post(place.url, {**place.fields, place.field: files})
    # then
    assert response.status_code == 400
    assert not place.stored() and not Attachment.objects.exists()
    assert _files_on_disk(tmp_path) == []
