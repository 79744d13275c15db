"""Zip bombs and near-Office zips built in the tests (no file shipped): pure, no Django."""

from __future__ import annotations

import functools
import io
import zipfile

CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_CHUNK = b"\x00" * (1024 * 1024)


@functools.cache
def docx_bomb(unpacked_mb: int = 64) -> bytes:
    """A .docx whose document.xml truly inflates to ``unpacked_mb`` MB (about 1,000:1), all parts there."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>')
            for _ in range(unpacked_mb):
                member.write(_CHUNK)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    """A plain zip holding these members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
