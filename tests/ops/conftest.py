"""Each backup test gets its own MEDIA_ROOT and BACKUP_DIR, so other tests' uploads never leak in."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def _own_media_root(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.BACKUP_DIR = tmp_path / "backups"
