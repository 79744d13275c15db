"""SQLite snapshot and restore against a live WAL database that other connections hold open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from duban.audit.chain import GENESIS
from duban.core.errors import DomainError
from duban.ops import database


def _live_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("CREATE TABLE audit_audithead (id INTEGER PRIMARY KEY, seq INTEGER, last_hash TEXT)")
    conn.execute("INSERT INTO audit_audithead VALUES (1, 7, ?)", ["a" * 64])
    conn.executemany("INSERT INTO note (text) VALUES (?)", [("甲",), ("乙",)])
    return conn


def _notes(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT text FROM note ORDER BY id")]


def test_snapshot_is_consistent_while_a_writer_holds_an_open_transaction(tmp_path: Path) -> None:
    # given: the "app" is mid-transaction with an uncommitted row
    live = tmp_path / "live.sqlite3"
    app = _live_db(live)
    app.execute("BEGIN IMMEDIATE")
    app.execute("INSERT INTO note (text) VALUES ('未提交')")
    snapshot = tmp_path / "snap.sqlite3"
    # when
    head = database.sqlite_snapshot({"NAME": str(live)}, snapshot)
    # then: committed data only, a self-contained file, the head read from the copy
    app.execute("COMMIT")
    copy = sqlite3.connect(snapshot)
    assert _notes(copy) == ["甲", "乙"]
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert head == database.AuditHeadInfo(7, "a" * 64)
    copy.close()
    app.close()


def test_restore_replaces_contents_under_an_open_connection(tmp_path: Path) -> None:
    # given: a snapshot, then changes, while the "app" keeps its connection open
    live = tmp_path / "live.sqlite3"
    app = _live_db(live)
    snapshot = tmp_path / "snap.sqlite3"
    database.sqlite_snapshot({"NAME": str(live)}, snapshot)
    app.execute("DELETE FROM note")
    app.execute("INSERT INTO note (text) VALUES ('之后')")
    # when
    database.sqlite_restore({"NAME": str(live)}, snapshot)
    # then: the open connection sees the restored rows; WAL mode is kept
    assert _notes(app) == ["甲", "乙"]
    assert app.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    app.close()


def test_an_unmigrated_database_has_an_empty_chain_head(tmp_path: Path) -> None:
    live = tmp_path / "empty.sqlite3"
    sqlite3.connect(live).close()
    head = database.sqlite_snapshot({"NAME": str(live)}, tmp_path / "snap.sqlite3")
    assert head == database.AuditHeadInfo(0, GENESIS)


def test_a_missing_database_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="duban migrate"):
        database.sqlite_snapshot({"NAME": str(tmp_path / "nope.sqlite3")}, tmp_path / "snap.sqlite3")


def test_a_corrupt_snapshot_is_refused_and_the_live_database_kept(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    app = _live_db(live)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(DomainError):
        database.sqlite_restore({"NAME": str(live)}, bad)
    assert _notes(app) == ["甲", "乙"]
    app.close()


def test_pg_environment_keeps_the_password_off_the_command_line() -> None:
    env = database._pg_env(
        {
            "NAME": "duban",
            "USER": "u",
            "PASSWORD": "s3cret",
            "HOST": "db",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert (env["PGDATABASE"], env["PGUSER"], env["PGPASSWORD"], env["PGHOST"], env["PGPORT"]) == (
        "duban",
        "u",
        "s3cret",
        "db",
        "5433",
    )
    assert env["PGSSLMODE"] == "require"
