"""Uploads kept between an import's preview and its confirmation (导入预览暂存).

The preview reads and checks the workbook without writing; the confirmation
must import that very file, so it is kept under ``DATA_DIR/import-staging``
under a random token, for its uploader only and for ``STAGING_SECONDS``.
Confirming reads and checks it again (the data may have changed meanwhile).
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

STAGING_SECONDS = 3600
_TOKEN_BYTES = 24


@dataclass(frozen=True)
class Staged:
    token: str
    filename: str
    data: bytes


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "import-staging"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _paths(token: str) -> tuple[Path, Path] | None:
    if not token.replace("-", "").replace("_", "").isalnum() or len(token) > 64:
        return None
    folder = _folder()
    return folder / f"{token}.bin", folder / f"{token}.json"


def _sweep(folder: Path, now: float) -> None:
    for path in folder.iterdir():
        if now - path.stat().st_mtime > STAGING_SECONDS:
            path.unlink(missing_ok=True)


def stage(*, owner: int, purpose: str, filename: str, data: bytes) -> str:
    """Keep the file for its owner's confirmation; returns the token to confirm with."""
    _sweep(_folder(), time.time())
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    paths = _paths(token)
    assert paths is not None
    paths[0].write_bytes(data)
    paths[1].write_text(json.dumps({"owner": owner, "purpose": purpose, "filename": filename}), "utf-8")
    return token


def staged(*, token: str, owner: int, purpose: str) -> Staged | None:
    """The staged file if ``token`` is the owner's, for this purpose and not expired; else None."""
    paths = _paths(token)
    if paths is None or not paths[1].is_file() or not paths[0].is_file():
        return None
    if time.time() - paths[1].stat().st_mtime > STAGING_SECONDS:
        return None
    meta = json.loads(paths[1].read_text("utf-8"))
    if meta.get("owner") != owner or meta.get("purpose") != purpose:
        return None
    return Staged(token=token, filename=str(meta["filename"]), data=paths[0].read_bytes())


def discard(token: str) -> None:
    paths = _paths(token)
    if paths is not None:
        for path in paths:
            path.unlink(missing_ok=True)
