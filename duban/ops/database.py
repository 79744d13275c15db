"""Database snapshot and restore per vendor (SQLite online backup; pg_dump/pg_restore).

Both take the snapshot consistently while the application keeps running:
SQLite's online backup API copies the database inside one read transaction
(WAL lets writers go on); on PostgreSQL a REPEATABLE READ transaction exports
its snapshot and ``pg_dump --snapshot`` dumps exactly that, so the audit head
read in the same transaction belongs to the dump.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from duban.audit.chain import GENESIS
from duban.core.errors import DomainError, ErrorCode

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SUPPORTED = (SQLITE, POSTGRESQL)
MEMBER_NAMES = {SQLITE: "database/duban.sqlite3", POSTGRESQL: "database/duban.pgdump"}
HEAD_SQL = "SELECT seq, last_hash FROM audit_audithead WHERE id = 1"
# How long pg_restore waits for a table lock held by a running worker before giving up.
PG_LOCK_TIMEOUT = "60s"


@dataclass(frozen=True)
class AuditHeadInfo:
    """The audit chain's head inside a snapshot (0 / genesis for an empty chain)."""

    seq: int
    last_hash: str


def _fail(message: str) -> DomainError:
    return DomainError(ErrorCode.BACKUP_FAILED, message)


def check_vendor(vendor: str) -> None:
    if vendor not in SUPPORTED:
        raise _fail(_("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor})


# --- SQLite ------------------------------------------------------------------------


def _sqlite_connect(settings_dict: dict[str, Any], *, timeout: float, must_exist: bool) -> sqlite3.Connection:
    """Open the configured database: a file path, or a ``file:`` URI (Django's in-memory test DB)."""
    name = str(settings_dict["NAME"])
    if name in {"", ":memory:"}:
        raise _fail(_("A private in-memory SQLite database cannot be backed up or restored."))
    if name.startswith("file:"):
        return sqlite3.connect(name, uri=True, timeout=timeout)
    path = Path(name)
    if must_exist and not path.exists():
        raise _fail(_("The SQLite database %(path)s does not exist. Run: duban migrate") % {"path": path})
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(path, timeout=timeout)


def sqlite_snapshot(settings_dict: dict[str, Any], dest: Path) -> AuditHeadInfo:
    """Copy the live database to ``dest`` with the online backup API, in one step."""
    source = _sqlite_connect(settings_dict, timeout=30, must_exist=True)
    target = sqlite3.connect(dest)
    try:
        # pages=-1: one step, so the copy is one consistent read transaction.
        source.backup(target, pages=-1)
        # A self-contained file (no -wal beside it) travels inside the archive.
        target.execute("PRAGMA journal_mode=DELETE")
        return _sqlite_head(target)
    except sqlite3.Error as exc:
        raise _fail(_("SQLite backup failed: %(error)s") % {"error": exc}) from exc
    finally:
        target.close()
        source.close()


def _sqlite_head(conn: sqlite3.Connection) -> AuditHeadInfo:
    try:
        row = conn.execute(HEAD_SQL).fetchone()
    except sqlite3.OperationalError:  # no audit table: an unmigrated database
        row = None
    return AuditHeadInfo(int(row[0]), str(row[1])) if row else AuditHeadInfo(0, GENESIS)


def sqlite_restore(settings_dict: dict[str, Any], snapshot: Path) -> None:
    """Copy ``snapshot`` over the live database with the online backup API.

    Other connections (a running server) see the restored data on their next
    query; the copy waits for their write locks (busy timeout) rather than
    replacing the file under them.
    """
    source = sqlite3.connect(snapshot)
    target = _sqlite_connect(settings_dict, timeout=60, must_exist=False)
    try:
        check = source.execute("PRAGMA integrity_check").fetchone()
        if not check or check[0] != "ok":
            raise _fail(_("The database snapshot in the archive is corrupt: %(detail)s") % {"detail": check})
        source.backup(target, pages=-1)
    except sqlite3.Error as exc:
        raise _fail(
            _("SQLite restore failed: %(error)s. Stop the application and try again.") % {"error": exc}
        ) from exc
    finally:
        target.close()
        source.close()


# --- PostgreSQL --------------------------------------------------------------------


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore (keeps the password off the command line)."""
    env = dict(os.environ)
    mapping = {
        "HOST": "PGHOST",
        "PORT": "PGPORT",
        "USER": "PGUSER",
        "PASSWORD": "PGPASSWORD",
        "NAME": "PGDATABASE",
    }
    for key, var in mapping.items():
        value = settings_dict.get(key)
        if value:
            env[var] = str(value)
    options = settings_dict.get("OPTIONS") or {}
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if options.get(key):
            env[f"PG{key.upper()}"] = str(options[key])
    return env


def _pg_connect_kwargs(settings_dict: dict[str, Any]) -> dict[str, Any]:
    keys = {"NAME": "dbname", "USER": "user", "PASSWORD": "password", "HOST": "host", "PORT": "port"}
    kwargs = {arg: str(settings_dict[key]) for key, arg in keys.items() if settings_dict.get(key)}
    options = settings_dict.get("OPTIONS") or {}
    kwargs.update({k: v for k, v in options.items() if k.startswith("ssl")})
    return kwargs


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise _fail(
            _("%(tool)s was not found. Install the PostgreSQL client (apt-get install postgresql-client).")
            % {"tool": name}
        )
    return path


def _run(args: list[str], *, env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise _fail(
            _(
                "%(what)s failed (exit %(code)s): %(detail)s. Check DUBAN_DATABASE_URL and that the client "
                "tools are not older than the server."
            )
            % {"what": what, "code": done.returncode, "detail": detail}
        )


def pg_snapshot(settings_dict: dict[str, Any], dest: Path) -> AuditHeadInfo:
    """``pg_dump --format=custom`` of an exported snapshot, and the audit head within it."""
    import psycopg

    pg_dump = _tool("pg_dump")
    try:
        with psycopg.connect(**_pg_connect_kwargs(settings_dict)) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with conn.cursor() as cur:
                cur.execute("SELECT pg_export_snapshot()")
                snapshot_row = cur.fetchone()
                cur.execute(HEAD_SQL)
                head_row = cur.fetchone()
            assert snapshot_row is not None
            # The exporting transaction stays open while pg_dump reads its snapshot.
            _run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot_row[0]}", f"--file={dest}"],
                env=_pg_env(settings_dict),
                what="pg_dump",
            )
            conn.rollback()
    except psycopg.Error as exc:
        raise _fail(
            _("Cannot connect to PostgreSQL: %(error)s. Check DUBAN_DATABASE_URL.") % {"error": exc}
        ) from exc
    return AuditHeadInfo(int(head_row[0]), str(head_row[1])) if head_row else AuditHeadInfo(0, GENESIS)


def pg_restore(settings_dict: dict[str, Any], dump: Path) -> None:
    """Replace the database's objects with the dump's, in one transaction (all or nothing)."""
    pg_restore_bin = _tool("pg_restore")
    env = _pg_env(settings_dict)
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={PG_LOCK_TIMEOUT}".strip()
    _run(
        [
            pg_restore_bin,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(dump),
        ],
        env=env,
        what="pg_restore",
    )
