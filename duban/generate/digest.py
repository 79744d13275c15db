"""A fingerprint of the generated rows, the same for the same seed on any database.

Keys differ between databases (and sequences are not rolled back on
PostgreSQL), so every key is taken relative to its table's first row; the
columns that record when a row was written (``created_at``, ``updated_at``)
and password hashes (salted) are left out. Audit rows are counted, not hashed:
they record the moment of writing.
"""

from __future__ import annotations

import hashlib
import json

from django.db import models
from django.db.models import Min

from duban.audit.models import AuditEvent
from duban.org.models import LeaderUnit, Person, Unit, User, UserRole
from duban.supervision.models import Item, ItemTransition, Milestone, ProgressReport, Source, Tag

SKIPPED = {"created_at", "updated_at", "password", "last_login", "date_joined"}


def _tables() -> list[type[models.Model]]:
    return [
        Unit, Person, LeaderUnit, User, UserRole, Source, Item, Item.cooperating_units.through,
        Milestone, ItemTransition, ProgressReport,
    ]  # fmt: skip


def rows_digest() -> str:
    """SHA-256 over every row of the generated tables, keys relative, in key order."""
    tables = _tables()
    keyed: list[type[models.Model]] = [*tables, Tag]
    first: dict[object, int] = {m: m._default_manager.aggregate(low=Min("pk"))["low"] or 0 for m in keyed}
    digest = hashlib.sha256()
    for model in tables:
        fields = [f for f in model._meta.concrete_fields if f.name not in SKIPPED]
        shifts = [_shift(f, model, first) for f in fields]
        for row in (
            model._default_manager.order_by("pk").values_list(*[f.attname for f in fields]).iterator(5000)
        ):
            values = [
                v - s if s is not None and v is not None else v for v, s in zip(row, shifts, strict=True)
            ]
            digest.update(json.dumps(values, default=str, ensure_ascii=False).encode())
        digest.update(f"|{model._meta.label}|".encode())
    digest.update(f"audit:{AuditEvent.objects.count()}".encode())
    return digest.hexdigest()


def _shift(
    field: models.Field[object, object], model: type[models.Model], first: dict[object, int]
) -> int | None:
    """What to subtract from the column: its table's first key, the referenced table's for a key."""
    if field.primary_key and not field.is_relation:
        return first[model]
    if field.is_relation:
        return first.get(field.related_model, 0)
    return None
