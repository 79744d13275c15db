"""Orphan files (孤立文件): files under the uploads folder that no row points at.

Since ``core.filestore`` a refused upload deletes its file; what is left from
before, or from a process killed mid-upload, is found here by comparing the files
under ``MEDIA_ROOT`` with the names every ``FileField`` of every model holds.
Files younger than ``min_age`` are never taken: an upload whose transaction has
not committed yet looks like an orphan for that long.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import models

PROGRESS_EVERY = 1000
DEFAULT_MIN_AGE = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Orphan:
    name: str  # relative to MEDIA_ROOT, with forward slashes, as a FileField stores it
    size: int


@dataclass
class OrphanScan:
    """What a scan found: every file counted once, as referenced, recent or orphan."""

    scanned: int = 0
    referenced: int = 0
    recent: int = 0
    orphans: list[Orphan] = field(default_factory=list)

    @property
    def orphan_bytes(self) -> int:
        return sum(o.size for o in self.orphans)


def referenced_names() -> set[str]:
    """Every stored file name any row points at (all FileFields of all models)."""
    names: set[str] = set()
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField):
                column = model_field.name
                query = model._default_manager.exclude(**{column: ""}).values_list(column, flat=True)
                names.update(str(name) for name in query.iterator(chunk_size=2000) if name)
    return names


def _files(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    """Regular files under ``root`` (links are not followed), by name relative to it."""
    for folder, _dirs, files in os.walk(root):
        for file_name in files:
            path = Path(folder, file_name)
            info = path.lstat()
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), info


def orphans_find(
    *, root: Path, min_age: dt.timedelta = DEFAULT_MIN_AGE, progress: Callable[[int], None] | None = None
) -> OrphanScan:
    """Scan ``root`` for files no row points at and older than ``min_age``. Reads only."""
    referenced = referenced_names()
    # Files age by the file system's clock, not by duban's "today" (which may be frozen for a demo).
    cutoff = time.time() - min_age.total_seconds()
    scan = OrphanScan()
    for name, info in _files(root) if root.is_dir() else iter(()):
        scan.scanned += 1
        if name in referenced:
            scan.referenced += 1
        elif info.st_mtime > cutoff:
            scan.recent += 1
        else:
            scan.orphans.append(Orphan(name, info.st_size))
        if progress and scan.scanned % PROGRESS_EVERY == 0:
            progress(scan.scanned)
    return scan


def orphans_delete(*, root: Path, scan: OrphanScan) -> int:
    """Delete the orphans of ``scan`` (each checked again first) and empty folders; returns files deleted."""
    referenced = referenced_names()
    deleted = 0
    for orphan in scan.orphans:
        if orphan.name in referenced:  # attached since the scan
            continue
        (root / orphan.name).unlink(missing_ok=True)
        deleted += 1
    for folder, _dirs, _files_in in os.walk(root, topdown=False):
        path = Path(folder)
        if path != root and not any(path.iterdir()):
            path.rmdir()
    return deleted
