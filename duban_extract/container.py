"""Zip containers (压缩包检查): .docx, .xlsx and other zips judged from their directory, unread.

The one container check of the project: the upload check (``duban.core.uploads``),
the workbook import (``duban.core.sheets``) and the document loader
(``duban_extract.load``) all call :func:`container_check` before anything
inflates a member. It reads only the zip's central directory, so a bomb is
refused in milliseconds with flat memory.

Sizes are the ones the directory declares. ``zipfile`` (which python-docx and
openpyxl read through) never inflates a member past its declared size — it
fails the CRC instead — so the declared sizes bound what unpacking can cost.

Pure: no Django (``duban`` imports this module, never the reverse).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import IO

CONTENT_TYPES = "[Content_Types].xml"

#: The parts that make a zip an Office Open XML file of each kind.
OOXML_PARTS: dict[str, tuple[str, ...]] = {
    ".docx": (CONTENT_TYPES, "word/document.xml"),
    ".xlsx": (CONTENT_TYPES, "xl/workbook.xml"),
    ".xlsm": (CONTENT_TYPES, "xl/workbook.xml"),
    ".pptx": (CONTENT_TYPES, "ppt/presentation.xml"),
}


@dataclass(frozen=True)
class Limits:
    """How far a container may unpack.

    ``unpacked_max``: bytes all members together may declare. ``ratio_max``:
    declared bytes per stored byte beyond which a container larger than
    ``ratio_floor`` bytes unpacked is out of proportion (Office XML compresses
    about 5-20 times; a deflate bomb, hundreds to a thousand times).
    ``members_max``: members (a real document has tens, a workbook hundreds).
    """

    unpacked_max: int = 200 * 1024 * 1024
    ratio_max: int = 100
    ratio_floor: int = 8 * 1024 * 1024
    members_max: int = 2000


class ContainerErrorCode(StrEnum):
    NOT_ZIP = "not_zip"
    MISSING_PART = "missing_part"
    TOO_MANY_MEMBERS = "too_many_members"
    UNPACKS_TOO_LARGE = "unpacks_too_large"


class ContainerError(Exception):
    """A zip refused before unpacking; ``unpacked`` and ``members`` are what its directory declares."""

    def __init__(
        self, code: ContainerErrorCode, *, unpacked: int = 0, members: int = 0, part: str = ""
    ) -> None:
        self.code = code
        self.unpacked = unpacked
        self.members = members
        self.part = part
        super().__init__(f"{code}: {unpacked} bytes unpacked, {members} members {part}".strip())


@dataclass(frozen=True)
class Directory:
    """What a zip's directory declares."""

    names: frozenset[str]
    members: int
    unpacked: int


def directory(stream: IO[bytes]) -> Directory:
    """Read a zip's directory only (``stream`` seekable; left where it was). Raises NOT_ZIP."""
    start = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ContainerError(ContainerErrorCode.NOT_ZIP) from error
    finally:
        stream.seek(start)
    return Directory(
        names=frozenset(info.filename for info in infos),
        members=len(infos),
        unpacked=sum(info.file_size for info in infos),
    )


def verdict(found: Directory, *, stored: int, parts: Sequence[str] = (), limits: Limits = Limits()) -> None:
    """Judge a directory: raise :class:`ContainerError` for a missing part or a container out of proportion.

    ``stored`` is the container's size in bytes. Pure, table-tested.
    """
    if found.members > limits.members_max:
        raise ContainerError(
            ContainerErrorCode.TOO_MANY_MEMBERS, unpacked=found.unpacked, members=found.members
        )
    too_large = found.unpacked > limits.unpacked_max
    out_of_proportion = found.unpacked > limits.ratio_floor and found.unpacked > limits.ratio_max * max(
        stored, 1
    )
    if too_large or out_of_proportion:
        raise ContainerError(
            ContainerErrorCode.UNPACKS_TOO_LARGE, unpacked=found.unpacked, members=found.members
        )
    for part in parts:
        if part not in found.names:
            raise ContainerError(
                ContainerErrorCode.MISSING_PART, unpacked=found.unpacked, members=found.members, part=part
            )


def container_check(
    stream: IO[bytes], *, size: int, parts: Sequence[str] = (), limits: Limits = Limits()
) -> Directory:
    """Refuse a zip that is not one, lacks one of ``parts``, or would unpack out of proportion; unread."""
    found = directory(stream)
    verdict(found, stored=size, parts=parts, limits=limits)
    return found
