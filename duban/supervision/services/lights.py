"""Refreshing the cached light of items (daily job, and right after an item changes).

The light is derived data, recomputed from audited facts: refreshing it is not
audited, does not bump the item's version (optimistic locking concerns what
people edit) and does not touch ``updated_at``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.org.models import User
from duban.supervision import policy
from duban.supervision.filters import LIGHT_VALUES
from duban.supervision.lights import Light
from duban.supervision.models import Item, LightSettings
from duban.supervision.selectors import light_policy, lights_for
from duban.supervision.services.common import validate
from duban.supervision.workflow import OPEN_STATES

BATCH = 2000


def _stored(light: Light | None) -> tuple[str, list[str]]:
    if light is None:
        return "", []
    return light.colour.value, [c.value for c in light.conditions]


@dataclass(frozen=True)
class LightsRefreshed:
    """What a refresh did: ``items`` computed for the day, ``changed`` of them to another light."""

    items: int
    changed: int


def lights_refresh(
    *, today: dt.date, item_ids: Sequence[int] | None = None, progress: Callable[[int], None] | None = None
) -> LightsRefreshed:
    """Recompute and store lights of all items (or of ``item_ids``) as of ``today``.

    Three queries per batch of 2,000 items (items, milestones, last reports)
    plus one UPDATE per distinct new (colour, reasons) among those that changed
    or were computed for another day (each stored light carries its day, ``light_on``).
    Derived data: not audited, no version bump.
    """
    policy = light_policy()
    changed = 0
    ids = (
        list(Item.objects.values_list("pk", flat=True).order_by("pk")) if item_ids is None else list(item_ids)
    )
    for start in range(0, len(ids), BATCH):
        batch = list(
            Item.objects.filter(pk__in=ids[start : start + BATCH]).only(
                "pk",
                "state",
                "recurrence",
                "occurrence_of",
                "start_date",
                "assigned_at",
                "deadline",
                "progress_percent",
                "report_frequency",
                "light",
                "light_reasons",
                "light_on",
            )
        )
        lights = lights_for([i for i in batch if i.state in OPEN_STATES], today=today, policy=policy)
        # One UPDATE per distinct (colour, reasons): a handful per batch, far
        # cheaper than bulk_update's per-row CASE on SQLite.
        dirty: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
        for item in batch:
            colour, reasons = _stored(lights.get(item.pk))
            moved = item.light != colour or item.light_reasons != reasons
            changed += moved
            if moved or item.light_on != today:
                dirty[(colour, tuple(reasons))].append(item.pk)
        with transaction.atomic():
            for (colour, reasons_key), pks in dirty.items():
                Item.objects.filter(pk__in=pks).update(
                    light=colour, light_reasons=list(reasons_key), light_on=today
                )
        if progress is not None:
            progress(min(start + BATCH, len(ids)))
    return LightsRefreshed(items=len(ids), changed=changed)


def _stale_ids(today: dt.date) -> list[int]:
    """Items whose stored light may not be today's: open ones computed for another day
    (or never), and not-open ones still showing a light.

    Six small index range reads (state or colour, then the light's day) in one UNION:
    "not today" is no range an index can read, and every list page asks this first.
    """
    reads = []
    for not_today in (Q(light_on__isnull=True), Q(light_on__lt=today), Q(light_on__gt=today)):
        reads.append(Item.objects.filter(not_today, state__in=sorted(OPEN_STATES)).order_by().values("pk"))
        reads.append(Item.objects.filter(not_today, light__in=LIGHT_VALUES).order_by().values("pk"))
    return sorted(row["pk"] for row in reads[0].union(*reads[1:]))


def lights_current(*, today: dt.date | None = None) -> int:
    """Bring every stored light to ``today`` (default: the clock's) before it is read; return how many.

    Called by the reads that list, filter, sort or count by light (``selectors.item_list``,
    the portfolio), so that what a page shows, filters and counts is one value
    whether or not the nightly job ran. When all lights are current this is one
    indexed query; on the first read of a new day it is one bulk refresh.
    """
    today = today or clock.today()
    stale = _stale_ids(today)
    if stale:
        lights_refresh(today=today, item_ids=stale)
    return len(stale)


def item_light_current(*, item: Item, today: dt.date | None = None) -> Light | None:
    """``item``'s light computed now, stored if the stored one differs; for pages showing one item.

    The page and the API answer show this Light (with its expected progress and
    warning date); storing it keeps lists, filters and counts saying the same.
    """
    today = today or clock.today()
    light = lights_for([item], today=today).get(item.pk) if item.state in OPEN_STATES else None
    colour, reasons = _stored(light)
    if item.light != colour or item.light_reasons != reasons or item.light_on != today:
        Item.objects.filter(pk=item.pk).update(light=colour, light_reasons=reasons, light_on=today)
        item.light, item.light_reasons, item.light_on = colour, reasons, today
    return light


def item_light_refresh(*, item_id: int, today: dt.date | None = None) -> str:
    """Recompute one item's light now; return the colour."""
    item = Item.objects.filter(pk=item_id).first()
    if item is None:
        return ""
    light = item_light_current(item=item, today=today)
    return light.colour.value if light is not None else ""


def light_refresh_on_commit(item: Item) -> None:
    """Refresh ``item``'s light once the current transaction commits.

    Services call this at the end of a change that can move the light
    (transitions, reports); outside a transaction it runs at once.
    """
    item_id = item.pk
    transaction.on_commit(lambda: item_light_refresh(item_id=item_id))


LIGHT_FIELDS = ("preset", "near_days", "behind_margin", "far_behind_margin", "escalate_days")


@transaction.atomic
def light_settings_update(*, actor: User, **changes: Any) -> LightSettings:
    """Change the light thresholds and colour preset (supervisors and administrators).

    Every stored light is recomputed under the new settings once the change commits
    (they are marked stale first, so a read in between refreshes them too).
    """
    if not policy.may_configure(actor):
        raise PermissionDenied(_("Only the supervision office or an administrator changes light settings."))
    row = LightSettings.objects.select_for_update().get(pk=LightSettings.current().pk)
    before = {name: getattr(row, name) for name in LIGHT_FIELDS}
    for name, value in changes.items():
        if name not in LIGHT_FIELDS:
            raise ValueError(f"unknown light setting: {name}")
        setattr(row, name, value)
    validate(row)
    if row.far_behind_margin < row.behind_margin:
        raise DomainError(
            ErrorCode.INVALID,
            _("“Far behind” must be at least as far as “behind”."),
            field="far_behind_margin",
        )
    if row.escalate_days < 1:
        raise DomainError(
            ErrorCode.INVALID, _("The ladder step is at least one working day."), field="escalate_days"
        )
    row.save()
    audit_record(
        actor=actor,
        action="settings.lights",
        obj=row,
        before=before,
        after={name: getattr(row, name) for name in LIGHT_FIELDS},
    )
    Item.objects.exclude(light_on=None).update(light_on=None)
    transaction.on_commit(lights_current)
    return row
