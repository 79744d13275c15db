"""``duban backup``: one archive with a database snapshot, the uploads and a manifest."""

from __future__ import annotations

import hashlib
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from duban.audit.models import AuditHead
from duban.core.errors import DomainError, ErrorCode
from duban.ops.backup import backup_create
from duban.org.models import User
from tests.ops.helpers import files_picture, make_data, read_manifest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_archive_holds_snapshot_uploads_and_a_manifest(admin: User, tmp_path: Path) -> None:
    # given
    make_data(admin)
    lines: list[str] = []
    # when
    result = backup_create(output=tmp_path / "b.tar.gz", progress=lines.append)
    # then: the manifest describes exactly what is in the archive
    manifest = read_manifest(result.path)
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["audit_head_seq"] == AuditHead.objects.get().seq == result.manifest.audit_head_seq
    assert manifest["duban_version"] and manifest["created_at"]
    with tarfile.open(result.path, "r:gz") as tar:
        names = set(tar.getnames())
        for member in manifest["members"]:
            data = tar.extractfile(member["path"]).read()  # type: ignore[union-attr]
            assert hashlib.sha256(data).hexdigest() == member["sha256"]
            assert len(data) == member["size"]
    uploads = {f"uploads/{name}" for name in files_picture()}
    assert names == {"manifest.json", manifest["database_member"], *uploads}
    assert result.upload_count == 2
    assert lines, "progress lines were reported"
    # the head's hash anchors the chain outside the database: in the manifest and printed
    head = AuditHead.objects.get()
    assert manifest["audit_head_hash"] == head.last_hash
    assert any(f"审计日志链头 {head.seq}:{head.last_hash}" in line for line in lines)


def test_an_existing_file_is_never_overwritten(admin: User, tmp_path: Path) -> None:
    # given
    target = tmp_path / "b.tar.gz"
    target.write_bytes(b"precious")
    # when / then
    with pytest.raises(DomainError) as err:
        backup_create(output=target)
    assert err.value.code == ErrorCode.BACKUP_FAILED
    assert str(target) in err.value.message
    assert target.read_bytes() == b"precious"


def test_default_path_is_in_backup_dir(admin: User) -> None:
    # when
    result = backup_create()
    # then
    from django.conf import settings as live

    assert result.path.parent == Path(live.BACKUP_DIR)
    assert result.path.name.startswith("duban-") and result.path.name.endswith(".tar.gz")
    assert not list(result.path.parent.glob("*.partial"))


def test_command_prints_progress_and_the_path(admin: User, tmp_path: Path) -> None:
    # given
    make_data(admin)
    out = StringIO()
    target = tmp_path / "cmd.tar.gz"
    # when
    call_command("backup", "--output", str(target), stdout=out)
    # then
    lines = out.getvalue().strip().splitlines()
    assert len(lines) >= 3
    assert lines[-1] == str(target)
    assert target.is_file()


def test_command_turns_a_refusal_into_a_command_error(tmp_path: Path) -> None:
    target = tmp_path / "exists.tar.gz"
    target.write_bytes(b"")
    with pytest.raises(CommandError, match=str(target)):
        call_command("backup", "--output", str(target), stdout=StringIO())
