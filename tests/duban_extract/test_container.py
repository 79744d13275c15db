"""The one container check: a zip judged from its directory before anything unpacks it."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from duban_extract.container import (
    OOXML_PARTS,
    ContainerError,
    ContainerErrorCode,
    Directory,
    Limits,
    container_check,
    verdict,
)
from tests.zipbombs import docx_bomb, zip_of

MB = 1024 * 1024
DOCX = frozenset(OOXML_PARTS[".docx"])


@pytest.mark.parametrize(
    ("found", "stored", "expected"),
    [
        (Directory(DOCX, 2, 40 * 1024), 10 * 1024, None),  # a small letter
        (Directory(DOCX, 30, 150 * MB), 15 * MB, None),  # a long document, 10:1
        (Directory(DOCX, 30, 7 * MB), 10 * 1024, None),  # 700:1 but small: under the floor
        (Directory(DOCX, 3, 300 * MB), 1 * MB, ContainerErrorCode.UNPACKS_TOO_LARGE),  # the 1 MB bomb
        (Directory(DOCX, 3, 9 * MB), 64 * 1024, ContainerErrorCode.UNPACKS_TOO_LARGE),  # 144:1 past the floor
        (Directory(DOCX, 3, 201 * MB), 20 * MB, ContainerErrorCode.UNPACKS_TOO_LARGE),  # over the cap
        (Directory(DOCX, 2001, MB), MB, ContainerErrorCode.TOO_MANY_MEMBERS),
        (Directory(frozenset({"word/document.xml"}), 1, 1024), 512, ContainerErrorCode.MISSING_PART),
        (Directory(frozenset({"[Content_Types].xml"}), 1, 1024), 512, ContainerErrorCode.MISSING_PART),
    ],
)
def test_verdict(found: Directory, stored: int, expected: ContainerErrorCode | None) -> None:
    if expected is None:
        verdict(found, stored=stored, parts=OOXML_PARTS[".docx"], limits=Limits())
        return
    with pytest.raises(ContainerError) as caught:
        verdict(found, stored=stored, parts=OOXML_PARTS[".docx"], limits=Limits())
    assert caught.value.code == expected


def test_a_docx_bomb_is_refused_unread_with_flat_memory() -> None:
    # given a .docx whose document.xml inflates to 64 MB (about 1,000:1), every part present
    data = docx_bomb()
    # when
    tracemalloc.start()
    with pytest.raises(ContainerError) as caught:
        container_check(io.BytesIO(data), size=len(data), parts=OOXML_PARTS[".docx"])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # then
    assert caught.value.code == ContainerErrorCode.UNPACKS_TOO_LARGE
    assert caught.value.unpacked > 64 * MB
    assert peak < MB


def test_a_zip_that_is_not_a_docx_misses_its_parts() -> None:
    data = zip_of({"word/document.xml": b"<w:document/>"})
    with pytest.raises(ContainerError) as caught:
        container_check(io.BytesIO(data), size=len(data), parts=OOXML_PARTS[".docx"])
    assert (caught.value.code, caught.value.part) == (ContainerErrorCode.MISSING_PART, "[Content_Types].xml")


def test_not_a_zip() -> None:
    stream = io.BytesIO(b"PK\x03\x04 not really a zip")
    with pytest.raises(ContainerError) as caught:
        container_check(stream, size=24)
    assert caught.value.code == ContainerErrorCode.NOT_ZIP
    assert stream.tell() == 0
