"""Refreshing the cached light of every open item (daily job and after changes)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from duban.supervision.models import Item
from duban.supervision.selectors import light_policy, lights_for
from duban.supervision.workflow import OPEN_STATES

BATCH = 2000


def lights_refresh(*, today: dt.date) -> int:
    """Recompute and store lights of all items; return how many changed.

    Not audited: the light is derived data, recomputed from audited facts.
    """
    policy = light_policy()
    changed = 0
    ids = list(Item.objects.values_list("pk", flat=True).order_by("pk"))
    for start in range(0, len(ids), BATCH):
        batch = list(Item.objects.filter(pk__in=ids[start:start + BATCH]))
        lights = lights_for([i for i in batch if i.state in OPEN_STATES], today=today, policy=policy)
        dirty = []
        for item in batch:
            light = lights.get(item.pk)
            colour = light.colour.value if light else ""
            reasons = [c.value for c in light.conditions] if light else []
            if item.light != colour or item.light_reasons != reasons:
                item.light, item.light_reasons = colour, reasons
                dirty.append(item)
        with transaction.atomic():
            Item.objects.bulk_update(dirty, ["light", "light_reasons"])
        changed += len(dirty)
    return changed
