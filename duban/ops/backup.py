"""Backup (备份): one archive with a consistent database snapshot and the uploaded files.

Order matters for consistency while the application runs: the database is
snapshotted first, then the uploads are copied. An upload always lands on disk
before the row that refers to it commits, so every file the snapshot refers to
is in the archive; a file uploaded meanwhile is merely extra.
"""

from __future__ import annotations

import os
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.ops import database
from duban.ops.archive import MANIFEST, UPLOADS_DIR, Manifest, MemberInfo, add_bytes, add_file
from duban.ops.version import duban_version

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    size_bytes: int

    @property
    def upload_count(self) -> int:
        return len(self.manifest.upload_members)


def _quiet(_message: str) -> None:
    """Default progress sink: say nothing."""


def default_backup_path() -> Path:
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_DIR) / f"duban-{stamp}.tar.gz"


def _upload_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Regular files under ``root`` (symlinks skipped), with their POSIX path relative to it."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.is_symlink() or not path.is_file():
                continue
            yield path, path.relative_to(root).as_posix()


def backup_create(
    *, output: Path | None = None, progress: Progress = _quiet, alias: str = "default"
) -> BackupResult:
    """Write a backup archive to ``output`` (default: BACKUP_DIR/duban-<time>.tar.gz).

    The archive is written beside its destination and renamed into place only
    when complete; an existing file is never overwritten.
    """
    target = Path(output) if output is not None else default_backup_path()
    if target.exists():
        raise DomainError(
            ErrorCode.BACKUP_FAILED,
            _("%(path)s already exists; choose another --output or remove it first.") % {"path": target},
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    vendor = connection.vendor
    database.check_vendor(vendor)
    member = database.MEMBER_NAMES[vendor]
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".duban-backup-") as tmp:
        snapshot = Path(tmp) / Path(member).name
        progress(_("Snapshotting the %(vendor)s database…") % {"vendor": vendor})
        head = (
            database.sqlite_snapshot(connection.settings_dict, snapshot)
            if vendor == database.SQLITE
            else database.pg_snapshot(connection.settings_dict, snapshot)
        )
        # The head's hash, printed and in the manifest, anchors the chain outside the database.
        progress(
            _("Database snapshot: %(size).1f MB, audit chain head %(seq)s:%(hash)s.")
            % {"size": snapshot.stat().st_size / 1e6, "seq": head.seq, "hash": head.last_hash}
        )
        try:
            with tarfile.open(partial, "w:gz") as tar:
                members = [add_file(tar, source=snapshot, name=member)]
                members += _add_uploads(tar, progress)
                manifest = Manifest(
                    created_at=timezone.localtime(clock.now()).isoformat(),
                    duban_version=duban_version(),
                    database_vendor=vendor,
                    database_member=member,
                    audit_head_seq=head.seq,
                    audit_head_hash=head.last_hash,
                    members=members,
                )
                add_bytes(tar, name=MANIFEST, data=manifest.to_json(), mtime=clock.now().timestamp())
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    size = target.stat().st_size
    progress(_("Backup written: %(path)s (%(size).1f MB).") % {"path": target, "size": size / 1e6})
    return BackupResult(path=target, manifest=manifest, size_bytes=size)


def _add_uploads(tar: tarfile.TarFile, progress: Progress) -> list[MemberInfo]:
    root = Path(settings.MEDIA_ROOT)
    members: list[MemberInfo] = []
    total = 0
    for path, rel in _upload_files(root):
        try:
            info = add_file(tar, source=path, name=f"{UPLOADS_DIR}/{rel}")
        except FileNotFoundError:
            continue  # deleted while we walked: not part of any committed state we need
        members.append(info)
        total += info.size
        if len(members) % 500 == 0:
            progress(_("Uploaded files: %(count)s archived…") % {"count": len(members)})
    progress(
        _("Uploaded files: %(count)s (%(size).1f MB) from %(root)s.")
        % {"count": len(members), "size": total / 1e6, "root": root}
    )
    return members
