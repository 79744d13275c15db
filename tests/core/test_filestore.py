"""A stored file lives only as long as its row: rolled back, it is deleted; committed, it stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction

from duban.core.filestore import keep_only_on_commit

pytestmark = pytest.mark.django_db


def _write(storage: FileSystemStorage, name: str) -> str:
    stored = storage.save(name, ContentFile(b"%PDF-1.4"))
    keep_only_on_commit(storage, stored)
    return stored


def test_a_file_written_in_a_rolled_back_savepoint_is_deleted(tmp_path: Path) -> None:
    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(RuntimeError), transaction.atomic():
        name = _write(storage, "a.pdf")
        assert storage.exists(name)
        raise RuntimeError
    assert not storage.exists(name)


def test_a_file_of_a_released_savepoint_waits_for_the_outer_transaction(tmp_path: Path) -> None:
    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(RuntimeError), transaction.atomic():
        with transaction.atomic():
            name = _write(storage, "a.pdf")
        assert storage.exists(name)  # the inner block is done, the transaction is not
        raise RuntimeError
    assert not storage.exists(name)


def test_a_committed_file_is_kept(tmp_path: Path, django_capture_on_commit_callbacks) -> None:
    storage = FileSystemStorage(location=tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        name = _write(storage, "a.pdf")
    assert storage.exists(name)
