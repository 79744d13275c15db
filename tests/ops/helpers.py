"""Shared set-up for the backup/restore tests: data, pictures of it, archive surgery."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models

from duban.audit.models import AuditEvent, AuditHead
from duban.org import services
from duban.org.models import LeaderUnit, Person, Unit, User, UserRole

MODELS: tuple[type[models.Model], ...] = (Unit, Person, LeaderUnit, User, UserRole, AuditEvent, AuditHead)


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def make_data(admin: User) -> dict[str, Unit]:
    """Units through the org services (so audited), a leader, and uploads incl. a Chinese name."""
    committee = services.unit_create(actor=admin, name="管委会", kind="admin_committee")
    econ = services.unit_create(actor=admin, name="经济发展局", kind="department", parent=committee)
    town = services.unit_create(actor=admin, name="张坂镇", kind="town", parent=committee)
    services.person_create(actor=admin, name="李四", position="副主任", unit=committee, oversees=[econ, town])
    root = media_root()
    (root / "evidence" / "2019").mkdir(parents=True, exist_ok=True)
    (root / "evidence" / "2019" / "整改报告.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"x" * 5000)
    return {"committee": committee, "econ": econ, "town": town}


def db_picture() -> dict[str, list[dict[str, Any]]]:
    """Every row of the models that matter, by primary key (what "identical data" means)."""
    return {m._meta.label: [dict(r) for r in m._default_manager.order_by("pk").values()] for m in MODELS}


def files_picture() -> dict[str, bytes]:
    root = media_root()
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def rewrite_archive(source: Path, dest: Path, *, replace: dict[str, bytes]) -> None:
    """Copy a backup, swapping the bytes of some members (to simulate damage or tampering)."""
    with tarfile.open(source, "r:gz") as tin, tarfile.open(dest, "w:gz") as tout:
        for info in tin:
            data = tin.extractfile(info).read() if info.isfile() else b""  # type: ignore[union-attr]
            if info.name in replace:
                data = replace[info.name]
            copy = tarfile.TarInfo(info.name)
            copy.size = len(data)
            tout.addfile(copy, io.BytesIO(data))


def read_manifest(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return dict(json.loads(member.read()))
