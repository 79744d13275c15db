"""The one upload check: Office zips by their parts, containers before unpacking, types from the check."""

from __future__ import annotations

import io

import pytest
from pytest_django.fixtures import Settings

from duban.core import uploads
from duban.core.errors import DomainError, ErrorCode
from tests.zipbombs import CONTENT_TYPES, docx_bomb, zip_of


def _check(data: bytes, name: str, kinds: tuple[str, ...] = uploads.EVIDENCE) -> str:
    return uploads.bytes_check(data, name, kinds=kinds)


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("方案.docx", {"word/document.xml": b"<w:document/>"}),  # no [Content_Types].xml
        ("方案.docx", {"[Content_Types].xml": CONTENT_TYPES}),  # no document
        ("台账.xlsx", {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"}),
        ("台账.xlsx", {"xl/workbook.xml": b"<workbook/>"}),
    ],
)
def test_a_zip_is_an_office_file_only_with_its_parts(name: str, members: dict[str, bytes]) -> None:
    with pytest.raises(DomainError) as caught:
        _check(zip_of(members), name)
    assert caught.value.code == ErrorCode.INVALID_FILE
    assert caught.value.message.startswith(f"{name}：文件内容不是")


def test_a_zip_with_its_parts_is_accepted() -> None:
    docx = zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"})
    assert _check(docx, "方案.docx") == "方案.docx"


@pytest.mark.parametrize("name", ["bomb.docx", "bomb.zip"])
def test_a_container_out_of_proportion_is_refused_unread(name: str) -> None:
    with pytest.raises(DomainError) as caught:
        _check(docx_bomb(), name)
    assert caught.value.code == ErrorCode.INVALID_FILE
    assert caught.value.message.startswith(f"{name}：文件解压后达 64 MB")


def test_containers_are_measured_against_the_upload_limit(settings: Settings) -> None:
    # given a zip unpacking to 700 KB: under the ratio floor, but more than ten times a 64 KB limit
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    text = bytes(range(256)) * (700 * 4)
    data = zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": text})
    assert _check(data, "a.docx") == "a.docx"
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    with pytest.raises(DomainError):
        _check(data, "a.docx")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("报告.pdf", "application/pdf"),
        ("照片.JPG", "image/jpeg"),
        ("方案.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("说明.txt", "text/plain; charset=utf-8"),
        ("页面.html", "text/plain; charset=utf-8"),
        ("无后缀", "application/octet-stream"),
    ],
)
def test_content_type_comes_from_the_checked_kind(name: str, expected: str) -> None:
    assert uploads.content_type(name) == expected


def test_stream_is_left_at_its_start() -> None:
    stream = io.BytesIO(zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w/>"}))
    size = len(stream.getvalue())
    uploads.file_check(name="a.docx", size=size, stream=stream, kinds=uploads.EVIDENCE)
    assert stream.tell() == 0
