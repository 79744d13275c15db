"""The backup archive format (备份包): one .tar.gz with a manifest.

Layout::

    database/duban.sqlite3 | database/duban.pgdump   the database snapshot
    uploads/<path>                                   every file under MEDIA_ROOT
    manifest.json                                    written last: what, when, checksums

The manifest lists every other member with its size and SHA-256, so a restore
can prove the archive is complete and unaltered before it touches anything.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode

FORMAT = "duban-backup/1"
MANIFEST = "manifest.json"
DATABASE_DIR = "database"
UPLOADS_DIR = "uploads"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class MemberInfo:
    """One archived file: its path inside the archive, size in bytes, SHA-256 (hex)."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds. ``audit_head_seq`` is the last audit event inside the snapshot."""

    created_at: str
    duban_version: str
    database_vendor: str
    database_member: str
    audit_head_seq: int
    audit_head_hash: str
    members: list[MemberInfo] = field(default_factory=list)
    format: str = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data: dict[str, Any] = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT:
                raise DomainError(
                    ErrorCode.BACKUP_FAILED,
                    _("Unknown backup format %(format)r (expected %(expected)s).")
                    % {"format": data.get("format"), "expected": FORMAT},
                )
            members = [MemberInfo(**m) for m in data.pop("members")]
            return cls(members=members, **data)
        except (ValueError, TypeError, KeyError) as exc:
            raise DomainError(
                ErrorCode.BACKUP_FAILED,
                _("The backup's manifest.json is unreadable: %(error)s") % {"error": exc},
            ) from exc

    @property
    def upload_members(self) -> list[MemberInfo]:
        return [m for m in self.members if m.path.startswith(UPLOADS_DIR + "/")]


class HashingReader:
    """Wraps a binary file; hashes and counts exactly the bytes that are read from it.

    Used while archiving so that the checksum in the manifest describes the bytes
    in the archive even if the source file changes meanwhile.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def add_file(tar: tarfile.TarFile, *, source: Path, name: str) -> MemberInfo:
    """Append ``source`` as member ``name``; return its checksum as archived."""
    with source.open("rb") as raw:
        info = tar.gettarinfo(fileobj=raw, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = HashingReader(raw)
        tar.addfile(info, reader)
    return MemberInfo(path=name, size=reader.size, sha256=reader.digest.hexdigest())


def add_bytes(tar: tarfile.TarFile, *, name: str, data: bytes, mtime: float) -> None:
    import io

    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def safe_member_path(name: str) -> PurePosixPath:
    """Refuse absolute paths and ``..`` so extraction stays inside the target directory."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise DomainError(
            ErrorCode.BACKUP_FAILED,
            _("The archive holds an unsafe path %(name)r; it was not made by duban backup.") % {"name": name},
        )
    return path


def extract_all(archive: Path, target: Path) -> tuple[bytes, dict[str, MemberInfo]]:
    """Extract every regular file into ``target``, hashing as it goes.

    Returns the manifest's raw bytes and what was actually found per member.
    """
    found: dict[str, MemberInfo] = {}
    manifest: bytes | None = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for info in tar:
                if info.isdir():
                    continue
                if not info.isfile():
                    raise DomainError(
                        ErrorCode.BACKUP_FAILED,
                        _("The archive member %(name)r is not a regular file.") % {"name": info.name},
                    )
                rel = safe_member_path(info.name)
                source = tar.extractfile(info)
                if source is None:  # pragma: no cover - regular files always have data
                    continue
                if info.name == MANIFEST:
                    manifest = source.read()
                    continue
                found[info.name] = _copy_hashed(source, target / rel, name=info.name)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise DomainError(
            ErrorCode.BACKUP_FAILED,
            _("Cannot read the archive %(path)s (%(error)s). Is it a complete duban backup (.tar.gz)?")
            % {"path": archive, "error": exc},
        ) from exc
    if manifest is None:
        raise DomainError(
            ErrorCode.BACKUP_FAILED,
            _("The archive %(path)s has no manifest.json; it was not made by duban backup.")
            % {"path": archive},
        )
    return manifest, found


def _copy_hashed(source: IO[bytes], dest: Path, *, name: str) -> MemberInfo:
    dest.parent.mkdir(parents=True, exist_ok=True)
    reader = HashingReader(source)
    with dest.open("wb") as out:
        while chunk := reader.read(CHUNK):
            out.write(chunk)
    return MemberInfo(path=name, size=reader.size, sha256=reader.digest.hexdigest())


def check_members(manifest: Manifest, found: dict[str, MemberInfo]) -> None:
    """Every listed member present with its checksum, nothing unlisted: else name the first culprit."""
    listed = {m.path: m for m in manifest.members}
    for path, expected in sorted(listed.items()):
        actual = found.get(path)
        if actual is None:
            raise DomainError(
                ErrorCode.BACKUP_FAILED,
                _("The archive lacks %(name)s, which its manifest lists. Use another backup.")
                % {"name": path},
            )
        if actual != expected:
            raise DomainError(
                ErrorCode.BACKUP_FAILED,
                _("Checksum mismatch for %(name)s: the archive is damaged or altered. Use another backup.")
                % {"name": path},
            )
    extra = sorted(set(found) - set(listed))
    if extra:
        raise DomainError(
            ErrorCode.BACKUP_FAILED,
            _("The archive holds %(name)s, which its manifest does not list. Use another backup.")
            % {"name": extra[0]},
        )
    if manifest.database_member not in listed:
        raise DomainError(
            ErrorCode.BACKUP_FAILED, _("The manifest names no database snapshot. Use another backup.")
        )
