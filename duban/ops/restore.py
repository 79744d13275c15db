"""Restore (恢复) a backup archive: verify first, then database, then uploads, then the chain.

Nothing is touched until the whole archive has been extracted and every
checksum in its manifest matched, and the database vendor matches this
installation's. The database is restored before the uploads: if it fails the
uploads are left as they were.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from duban.audit.verify import Anchor, VerifyResult, verify_chain
from duban.core.errors import DomainError, ErrorCode
from duban.ops import database
from duban.ops.archive import UPLOADS_DIR, Manifest, check_members, extract_all
from duban.ops.version import duban_version

Progress = Callable[[str], None]
VENDOR_NAMES = {database.SQLITE: "SQLite", database.POSTGRESQL: "PostgreSQL"}


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    upload_count: int
    chain: VerifyResult

    @property
    def chain_matches_manifest(self) -> bool:
        """The restored chain is intact and ends exactly where the backup's did."""
        return self.chain.ok and self.chain.checked == self.manifest.audit_head_seq


def _quiet(_message: str) -> None:
    """Default progress sink: say nothing."""


def _vendor_name(vendor: str) -> str:
    return VENDOR_NAMES.get(vendor, vendor)


def archive_verify(*, path: Path, workdir: Path, alias: str = "default") -> Manifest:
    """Extract ``path`` into ``workdir`` and prove it complete, unaltered and restorable here."""
    if not path.is_file():
        raise DomainError(
            ErrorCode.BACKUP_FAILED, _("No backup file at %(path)s. Check the path.") % {"path": path}
        )
    raw, found = extract_all(path, workdir)
    manifest = Manifest.from_json(raw)
    check_members(manifest, found)
    here = connections[alias].vendor
    if manifest.database_vendor != here:
        raise DomainError(
            ErrorCode.BACKUP_FAILED,
            _(
                "This backup holds a %(theirs)s database but this installation uses %(ours)s. "
                "Restore it into an installation configured for %(theirs)s (DUBAN_DATABASE_URL)."
            )
            % {"theirs": _vendor_name(manifest.database_vendor), "ours": _vendor_name(here)},
        )
    return manifest


def restore_archive(*, path: Path, progress: Progress = _quiet, alias: str = "default") -> RestoreResult:
    """Replace the database and MEDIA_ROOT with the archive's, then verify the audit chain.

    Must not run inside a transaction: the database is replaced underneath
    Django's connections, which are closed first.
    """
    if connections[alias].in_atomic_block:
        raise RuntimeError("restore_archive() cannot run inside a transaction")
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    # Extract beside MEDIA_ROOT so the uploads can be moved into place by rename.
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".duban-restore-") as tmp:
        workdir = Path(tmp)
        progress(_("Checking %(path)s…") % {"path": path})
        manifest = archive_verify(path=path, workdir=workdir, alias=alias)
        progress(
            _("Archive intact: made %(when)s by duban %(version)s; %(count)s uploads; audit head #%(seq)s.")
            % {
                "when": manifest.created_at,
                "version": manifest.duban_version,
                "count": len(manifest.upload_members),
                "seq": manifest.audit_head_seq,
            }
        )
        if manifest.duban_version != duban_version():
            progress(
                _("Note: made by duban %(theirs)s, this is %(ours)s; run `duban migrate` after the restore.")
                % {"theirs": manifest.duban_version, "ours": duban_version()}
            )
        _restore_database(manifest, workdir, alias=alias, progress=progress)
        _restore_uploads(workdir / UPLOADS_DIR, media, progress=progress)
    progress(_("Verifying the audit chain…"))
    # Against the manifest's head: the restored chain must end exactly where the backup's did.
    chain = verify_chain(expect=Anchor(manifest.audit_head_seq, manifest.audit_head_hash))
    return RestoreResult(manifest=manifest, upload_count=len(manifest.upload_members), chain=chain)


def _restore_database(manifest: Manifest, workdir: Path, *, alias: str, progress: Progress) -> None:
    snapshot = workdir / manifest.database_member
    settings_dict = connections[alias].settings_dict
    # Our own connections must not hold locks or stale state across the swap.
    connections.close_all()
    progress(_("Restoring the %(vendor)s database…") % {"vendor": _vendor_name(manifest.database_vendor)})
    if manifest.database_vendor == database.SQLITE:
        database.sqlite_restore(settings_dict, snapshot)
    else:
        database.pg_restore(settings_dict, snapshot)
    progress(_("Database restored."))


def _restore_uploads(source: Path, media: Path, *, progress: Progress) -> None:
    """Make MEDIA_ROOT exactly the archived uploads (files added since the backup go)."""
    source.mkdir(parents=True, exist_ok=True)
    progress(_("Restoring uploaded files into %(root)s…") % {"root": media})
    old = media.with_name(f".{media.name}.before-restore")
    if old.exists():
        shutil.rmtree(old)
    try:
        if media.exists():
            media.rename(old)
        source.rename(media)
    except OSError:
        # MEDIA_ROOT may be a mount point that cannot be renamed: replace its contents instead.
        if old.exists() and not media.exists():
            old.rename(media)
        _replace_contents(source, media)
    if old.exists():
        shutil.rmtree(old)
    progress(_("Uploaded files restored."))


def _replace_contents(source: Path, media: Path) -> None:
    media.mkdir(parents=True, exist_ok=True)
    for child in media.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in source.iterdir():
        shutil.move(str(child), str(media / child.name))
