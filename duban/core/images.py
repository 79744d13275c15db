"""Recognising photos (图片) by their content, so that evidence can be previewed safely.

A file is shown in the browser only if its first bytes say PNG, JPEG or GIF; its
name and the type the uploader's browser claimed are hints, never trusted.
"""

from __future__ import annotations

from pathlib import PurePath

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
HEAD_BYTES = max(len(magic) for magic, _type in SIGNATURES)
SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif"})


def image_type(head: bytes) -> str | None:
    """The content type of an image starting with ``head``; None if it is not one we show."""
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def named_as_image(name: str) -> bool:
    """The file's name says it is a photo (pages offer a preview; serving checks the content)."""
    return PurePath(name).suffix.lower() in SUFFIXES
