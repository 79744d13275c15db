"""Factories for supervision: sources and items, created through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.source import source_create
from duban.supervision.services.tree import item_create


def make_source(actor: User, **kw: Any) -> Source:
    fields: dict[str, Any] = {
        "kind": "inspection",
        "title": "省委巡视反馈意见整改",
        "date": dt.date(2019, 1, 14),
    }
    fields.update(kw)
    return source_create(actor=actor, **fields)


def make_item(actor: User, source: Source, *, lead_unit: Unit | None = None, **kw: Any) -> Item:
    fields: dict[str, Any] = {"title": "编制产业发展规划", "deadline": dt.date(2019, 12, 31)}
    fields.update(kw)
    return item_create(actor=actor, source=source, lead_unit=lead_unit, **fields)
