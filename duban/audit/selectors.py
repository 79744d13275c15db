"""Reading the audit trail (留痕查询): filtered, newest first, with readable diffs."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.functional import Promise

from duban.audit.chain import canonical
from duban.audit.describe import DescribedEvent, describe_events
from duban.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilters:
    """What the audit page and API filter by; empty means "any"."""

    object_type: str = ""
    object_id: str = ""
    actor: str = ""
    action: str = ""

    @property
    def is_object_history(self) -> bool:
        return bool(self.object_type and self.object_id)


@dataclass(frozen=True)
class FieldChange:
    """One field of an event, before → after (text; ``None`` when absent)."""

    name: str
    label: str | Promise
    before: str | None
    after: str | None


def audit_event_list(*, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Events matching ``filters``, newest first, actors joined (no per-row queries).

    ``actor`` matches the user name as recorded at the time, or the user's
    current name, so renamed and deleted accounts can still be found.
    """
    events = AuditEvent.objects.select_related("actor", "actor__person").order_by("-seq")
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id:
        events = events.filter(object_id=filters.object_id)
    if filters.actor:
        events = events.filter(Q(actor_label=filters.actor) | Q(actor__username=filters.actor))
    if filters.action:
        events = events.filter(action=filters.action)
    return events


def audit_action_names() -> list[str]:
    """Distinct action names, for the filter's choices (one query)."""
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def _as_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return canonical(value)


@functools.lru_cache(maxsize=256)
def _field_labels(object_type: str) -> dict[str, str | Promise]:
    """attname → verbose name for a model label such as ``org.unit`` ({} if unknown).

    The names stay lazy so each request shows them in its own language.
    """
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    labels: dict[str, str | Promise] = {}
    for field in model._meta.concrete_fields:
        labels[field.attname] = field.verbose_name
    return labels


def event_changes(event: AuditEvent) -> list[FieldChange]:
    """The fields that differ between ``before`` and ``after`` (all of them on create/delete).

    Keys are sorted for a stable display; non-dict payloads show as one "value" field.
    """
    before = (
        event.before
        if isinstance(event.before, dict)
        else ({} if event.before is None else {"value": event.before})
    )
    after = (
        event.after
        if isinstance(event.after, dict)
        else ({} if event.after is None else {"value": event.after})
    )
    labels = _field_labels(event.object_type)
    changes: list[FieldChange] = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if name in before and name in after and old == new:
            continue
        changes.append(
            FieldChange(
                name=name,
                label=labels.get(name, name),
                before=_as_text(old) if name in before else None,
                after=_as_text(new) if name in after else None,
            )
        )
    return changes


def event_rows(events: list[AuditEvent]) -> list[DescribedEvent]:
    """A page of events in words (交办, 草稿 → 已交办, 牵头单位: 某局); one query per object type named."""
    return describe_events(events, event_changes)
