"""Stored files that live only as long as their row (文件随记录提交): nothing left by a refused upload.

A file is written inside the transaction that saves the row pointing at it, so a
full disk or a storage failure refuses the whole write. If that transaction (or
the savepoint the file was written in) does not commit — a second file refused,
a failed check, an audit error — the file is deleted again.

Django offers ``on_commit`` but no rollback hook. The hook used here: the
``on_commit`` callback owns a token; committing runs the callback, which keeps
the file. Rolling back discards the callback (Django drops a rolled-back
savepoint's callbacks, and all of them on a rollback), the token goes with it,
and its finalizer deletes the file. CPython frees the token at once, while the
transaction unwinds. A process killed mid-transaction leaves its files behind:
``duban orphan_files`` finds those.
"""

from __future__ import annotations

import logging
import weakref

from django.core.files.storage import Storage
from django.db import transaction

logger = logging.getLogger(__name__)


class _Pending:
    """Owned by one on_commit callback; its finalizer deletes the file unless the callback ran."""


def _discard(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:  # a finalizer must not raise; the orphan command finds what is left
        logger.warning("could not delete the uncommitted file %s", name, exc_info=True)


def keep_only_on_commit(storage: Storage, name: str, *, using: str | None = None) -> None:
    """Delete the stored file ``name`` unless the current transaction commits.

    Call right after writing the file, inside the transaction (or savepoint)
    that saves the row pointing at it. Outside any transaction the file is kept.
    """
    pending = _Pending()
    finalizer = weakref.finalize(pending, _discard, storage, name)

    def keep(owned: _Pending = pending) -> None:
        finalizer.detach()

    transaction.on_commit(keep, using=using)
