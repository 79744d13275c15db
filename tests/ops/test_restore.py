"""``duban restore``: round trip, and refusals that leave everything as it was."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from duban.audit.models import AuditEvent
from duban.audit.verify import verify_chain
from duban.core.errors import DomainError, ErrorCode
from duban.ops.backup import backup_create
from duban.ops.restore import restore_archive
from duban.org import services
from duban.org.models import Unit, User
from tests.ops.helpers import db_picture, files_picture, make_data, media_root, read_manifest, rewrite_archive

pytestmark = pytest.mark.django_db(transaction=True)


def _change_everything(admin: User, units: dict[str, Unit]) -> None:
    """Edits through the app, a raw delete behind its back, and file changes of every kind."""
    services.unit_update(actor=admin, unit=units["econ"], short_name="经发局", sort_order=1)
    services.unit_create(actor=admin, name="新设单位", kind="department")
    with connection.cursor() as cur:
        cur.execute("DELETE FROM org_leaderunit")
    root = media_root()
    (root / "photo.jpg").unlink()
    (root / "evidence" / "2019" / "整改报告.pdf").write_bytes(b"overwritten")
    (root / "later.txt").write_text("added after the backup", encoding="utf-8")


def test_round_trip_restores_identical_data_files_and_chain(admin: User, tmp_path: Path) -> None:
    # given: data, uploads, and a backup of them
    units = make_data(admin)
    rows_before, files_before = db_picture(), files_picture()
    backup = backup_create(output=tmp_path / "b.tar.gz")
    # when: everything changes, then the backup is restored
    _change_everything(admin, units)
    assert db_picture() != rows_before and files_picture() != files_before
    lines: list[str] = []
    result = restore_archive(path=backup.path, progress=lines.append)
    # then
    assert db_picture() == rows_before
    assert files_picture() == files_before
    assert result.chain.ok and result.chain_matches_manifest
    assert verify_chain().checked == backup.manifest.audit_head_seq == AuditEvent.objects.count()
    assert result.upload_count == 2
    assert len(lines) >= 5


def test_the_app_keeps_working_after_a_restore(admin: User, tmp_path: Path) -> None:
    # given
    make_data(admin)
    backup = backup_create(output=tmp_path / "b.tar.gz")
    services.unit_create(actor=admin, name="临时单位", kind="department")
    restore_archive(path=backup.path)
    # when: a new change is audited on top of the restored chain
    services.unit_create(actor=admin, name="恢复后新建", kind="department")
    # then
    assert not Unit.objects.filter(name="临时单位").exists()
    result = verify_chain()
    assert result.ok and result.checked == backup.manifest.audit_head_seq + 1


def test_restore_command_reports_an_intact_chain(admin: User, tmp_path: Path) -> None:
    # given
    make_data(admin)
    archive = tmp_path / "b.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    out = StringIO()
    # when
    call_command("restore", str(archive), "--yes", stdout=out)
    # then
    lines = out.getvalue().strip().splitlines()
    seq = read_manifest(archive)["audit_head_seq"]
    assert f"（{seq} 条记录）" in lines[-1]
    assert len(lines) >= 6


def test_restore_command_wants_confirmation(
    admin: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: no terminal to ask on
    make_data(admin)
    archive = backup_create(output=tmp_path / "b.tar.gz").path
    monkeypatch.setattr("sys.stdin", StringIO(""))
    services.unit_create(actor=admin, name="保留单位", kind="department")
    # when / then
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=StringIO())
    assert Unit.objects.filter(name="保留单位").exists()


def _assert_untouched(rows: object, files: object) -> None:
    assert db_picture() == rows
    assert files_picture() == files


def test_a_tampered_upload_is_refused_before_anything_changes(admin: User, tmp_path: Path) -> None:
    # given: a backup whose PDF was altered after it was made
    make_data(admin)
    backup = backup_create(output=tmp_path / "b.tar.gz")
    bad = tmp_path / "bad.tar.gz"
    rewrite_archive(backup.path, bad, replace={"uploads/evidence/2019/整改报告.pdf": b"forged"})
    services.unit_create(actor=admin, name="之后新建", kind="department")
    rows, files = db_picture(), files_picture()
    # when / then
    with pytest.raises(DomainError) as err:
        restore_archive(path=bad)
    assert err.value.code == ErrorCode.BACKUP_FAILED
    assert "uploads/evidence/2019/整改报告.pdf" in err.value.message
    _assert_untouched(rows, files)


def test_a_tampered_database_snapshot_is_refused(admin: User, tmp_path: Path) -> None:
    make_data(admin)
    backup = backup_create(output=tmp_path / "b.tar.gz")
    member = backup.manifest.database_member
    bad = tmp_path / "bad.tar.gz"
    rewrite_archive(backup.path, bad, replace={member: b"not a database"})
    rows, files = db_picture(), files_picture()
    with pytest.raises(CommandError, match=member):
        call_command("restore", str(bad), "--yes", stdout=StringIO())
    _assert_untouched(rows, files)


def test_a_vendor_mismatch_is_refused_with_a_clear_message(admin: User, tmp_path: Path) -> None:
    # given: a manifest claiming the other database vendor
    make_data(admin)
    backup = backup_create(output=tmp_path / "b.tar.gz")
    manifest = read_manifest(backup.path)
    manifest["database_vendor"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    bad = tmp_path / "other.tar.gz"
    rewrite_archive(backup.path, bad, replace={"manifest.json": json.dumps(manifest).encode()})
    rows, files = db_picture(), files_picture()
    # when / then
    with pytest.raises(DomainError) as err:
        restore_archive(path=bad)
    assert "DUBAN_DATABASE_URL" in err.value.message
    _assert_untouched(rows, files)


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"not a tarball", "Cannot read the archive"), (None, "No backup file")],
    ids=["garbage", "missing"],
)
def test_a_file_that_is_no_backup_is_refused(tmp_path: Path, content: bytes | None, expected: str) -> None:
    from django.utils import translation

    path = tmp_path / "x.tar.gz"
    if content is not None:
        path.write_bytes(content)
    with translation.override("en"), pytest.raises(DomainError, match=expected):
        restore_archive(path=path)


@pytest.mark.django_db
def test_restore_refuses_to_run_inside_a_transaction(tmp_path: Path) -> None:
    # A restore replaces the database under Django's connections; inside an atomic block it would be lost.
    with pytest.raises(RuntimeError, match="inside a transaction"):
        restore_archive(path=tmp_path / "any.tar.gz")
