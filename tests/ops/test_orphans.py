"""``duban orphan_files``: finds files no row points at, lists them (dry run) or deletes them."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from duban.ops import orphans
from duban.org.models import User
from duban.supervision.models import Attachment
from duban.supervision.services.source import source_attach
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db
HOUR = 3600


def _old(path: Path) -> None:
    past = time.time() - 2 * HOUR
    os.utime(path, (past, past))


def _orphan(name: str, data: bytes = b"left behind") -> Path:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    _old(path)
    return path


@pytest.fixture
def attached(supervisor: User) -> Path:
    source = make_source(supervisor)
    source_attach(actor=supervisor, source=source, files=[SimpleUploadedFile("反馈意见.pdf", b"%PDF-1.4 a")])
    path = Path(Attachment.objects.get().file.path)
    _old(path)
    return path


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("orphan_files", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_dry_run_lists_orphans_and_deletes_nothing(attached: Path) -> None:
    # given one attached file and two orphans, one of them just written
    orphan = _orphan("attachments/2019/07/旧文件.pdf")
    fresh = Path(settings.MEDIA_ROOT) / "attachments/2019/07/正在上传.pdf"
    fresh.write_bytes(b"uploading")
    # when
    text = _run()
    # then
    assert "attachments/2019/07/旧文件.pdf\t11" in text
    assert "正在上传" not in text and "反馈意见" not in text
    assert "共 3 个文件：1 个属于附件，1 个刚上传、暂不判断，1 个孤立文件" in text
    assert "未删除任何文件（试运行）" in text
    assert orphan.exists() and fresh.exists() and attached.exists()


def test_delete_removes_only_orphans_and_their_empty_folders(attached: Path) -> None:
    orphan = _orphan("attachments/2018/01/旧文件.pdf")
    text = _run("--delete")
    assert "已删除 1 个孤立文件" in text
    assert not orphan.exists() and not orphan.parent.exists()
    assert attached.exists()
    assert "共 1 个文件：1 个属于附件" in _run()


def test_min_age_zero_takes_fresh_files_too(attached: Path) -> None:
    (Path(settings.MEDIA_ROOT) / "x.bin").write_bytes(b"x")
    assert "x.bin\t1" in _run("--min-age", "0")


def test_progress_is_reported_on_large_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        _orphan(f"many/{n}.txt")
    monkeypatch.setattr(orphans, "PROGRESS_EVERY", 2)
    err = io.StringIO()
    call_command("orphan_files", stdout=io.StringIO(), stderr=err)
    assert "已扫描 2 个文件" in err.getvalue() and "已扫描 4 个文件" in err.getvalue()


def test_no_uploads_folder_is_an_empty_scan(tmp_path: Path, settings) -> None:
    settings.MEDIA_ROOT = tmp_path / "nothing"
    assert "共 0 个文件" in _run()
