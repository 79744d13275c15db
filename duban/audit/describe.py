"""How the audit page reads to a person (审计日志的显示): actions, objects, fields and values in words.

The audit row keeps raw codes (``item.assign``, ``{"state": "draft"}``, ``lead_unit_id: 7``);
the API and the export show them as stored. The page shows 交办, 草稿 → 已交办, 牵头单位:
经济发展局 instead. Audit is the lowest app and imports no app above it, so the words come
from two places:

- a registry the higher apps fill from their ``AppConfig.ready`` (:func:`register_actions`,
  :func:`register_type`): action names, the noun for an object type, how to name many
  objects of a type in one query, and fields that are not model fields (``comment``);
- the models themselves, looked up by label through the app registry: verbose names,
  choices, and what a foreign key points to.

:func:`describe_events` names every object a page of events refers to with one query per
object type (not per event), so the page's query count does not grow with its rows.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.audit.chain import canonical
from duban.audit.models import AuditEvent

Text = str | Promise
#: ids (as stored, text) → display names; must run one query whatever the number of ids.
Namer = Callable[[Collection[str]], Mapping[str, str]]


@dataclass(frozen=True)
class FieldSpec:
    """How one recorded key reads: its label, and what its value means.

    ``refers_to`` names the object type (``org.unit``) the value, or each value of a list,
    is the id of; with ``id_in_text`` (a regex with one group) the id is read out of a text
    value (``in_app:user:19``) and the match is replaced by the name. ``choices`` maps
    stored codes to their labels.
    """

    label: Text
    refers_to: str = ""
    choices: Mapping[str, Text] | None = None
    id_in_text: str = ""


@dataclass(frozen=True)
class TypeSpec:
    """What an app says about one of its object types (``supervision.item``)."""

    noun: Text
    names: Namer | None = None
    fields: Mapping[str, FieldSpec] = field(default_factory=dict)


_ACTIONS: dict[str, Text] = {}
_TYPES: dict[str, TypeSpec] = {}
# Fields many models share and declare without a translated verbose name.
COMMON_LABELS: dict[str, Text] = {
    "id": gettext_lazy("record ID"),
    "created_by": gettext_lazy("registered by"),
    "version": gettext_lazy("version"),
}


def register_actions(actions: Mapping[str, Text]) -> None:
    """Name audit actions (``"item.assign": _("Assign")``); call from ``AppConfig.ready``."""
    _ACTIONS.update(actions)


def register_type(object_type: str, spec: TypeSpec) -> None:
    """Describe an object type (a model label such as ``supervision.item``); call from ``AppConfig.ready``."""
    _TYPES[object_type] = spec


def registered_actions() -> Mapping[str, Text]:
    return dict(_ACTIONS)


def registered_types() -> Mapping[str, TypeSpec]:
    return dict(_TYPES)


def action_label(action: str) -> str:
    """The action in words (交办); the code itself if no app named it."""
    label = _ACTIONS.get(action)
    return str(label) if label is not None else action


def type_noun(object_type: str) -> str:
    """The object type in words (督办事项): registered, else the model's verbose name, else the code."""
    spec = _TYPES.get(object_type)
    if spec is not None:
        return str(spec.noun)
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


# --- The display bundle --------------------------------------------------------------


@dataclass(frozen=True)
class ShownChange:
    """One recorded field: ``before``/``after`` raw (as stored, ``None`` when absent) and in words."""

    name: str
    label: str
    before: str | None
    after: str | None
    shown_before: str | None
    shown_after: str | None


@dataclass(frozen=True)
class DescribedEvent:
    """An audit event as the page shows it."""

    event: AuditEvent
    action_label: str
    object_noun: str
    object_label: str
    changes: list[ShownChange]


def describe_events(
    events: list[AuditEvent], raw_changes: Callable[[AuditEvent], list[Any]]
) -> list[DescribedEvent]:
    """The page's events in words; one query per object type referred to (none per event).

    ``raw_changes(event)`` gives the event's changed fields (name, before, after as text),
    as the API shows them; the values here are read from the event's own JSON.
    """
    wanted: dict[str, set[str]] = defaultdict(set)
    plans = []
    for event in events:
        specs = {name: _field_spec(event.object_type, name) for name in _keys(event)}
        for name, spec in specs.items():
            if spec.refers_to:
                for payload in (event.before, event.after):
                    wanted[spec.refers_to].update(_ids(_value(payload, name), spec.id_in_text))
        if not event.object_repr or _has_namer(event.object_type):
            wanted[event.object_type].add(event.object_id)
        plans.append((event, specs))
    names = {object_type: _names(object_type, ids) for object_type, ids in wanted.items() if ids}
    return [_describe(event, specs, raw_changes(event), names) for event, specs in plans]


def object_label(object_type: str, object_id: str) -> str:
    """One object's name (for the "history of" heading): one query at most."""
    return _names(object_type, {object_id}).get(object_id, f"#{object_id}")


def _describe(
    event: AuditEvent,
    specs: Mapping[str, FieldSpec],
    raw: list[Any],
    names: Mapping[str, Mapping[str, str]],
) -> DescribedEvent:
    changes = []
    order = _field_order(event.object_type)
    for change in sorted(raw, key=lambda c: (order.get(c.name, len(order)), c.name)):
        spec = specs.get(change.name) or _field_spec(event.object_type, change.name)
        changes.append(
            ShownChange(
                name=change.name,
                label=str(spec.label),
                before=change.before,
                after=change.after,
                shown_before=None
                if change.before is None
                else _shown(_value(event.before, change.name), spec, names),
                shown_after=None
                if change.after is None
                else _shown(_value(event.after, change.name), spec, names),
            )
        )
    # The app's current name first (an item's number may have changed), else the name recorded then.
    label = (
        names.get(event.object_type, {}).get(event.object_id) or event.object_repr or f"#{event.object_id}"
    )
    return DescribedEvent(
        event=event,
        action_label=action_label(event.action),
        object_noun=type_noun(event.object_type),
        object_label=label,
        changes=changes,
    )


def _keys(event: AuditEvent) -> set[str]:
    keys: set[str] = set()
    for payload in (event.before, event.after):
        if isinstance(payload, dict):
            keys.update(payload)
        elif payload is not None:
            keys.add("value")
    return keys


def _value(payload: Any, name: str) -> Any:
    if isinstance(payload, dict):
        return payload.get(name)
    return payload if name == "value" else None


def _ids(value: Any, id_in_text: str = "") -> list[str]:
    if value is None or value == "":
        return []
    values = [str(v) for v in value if v is not None and v != ""] if isinstance(value, list) else [str(value)]
    if id_in_text:
        return [m.group(1) for v in values for m in re.finditer(id_in_text, v)]
    return values


def _shown(value: Any, spec: FieldSpec, names: Mapping[str, Mapping[str, str]]) -> str:
    """A stored value in words: names for ids, labels for codes, 是/否, local time for instants."""
    if value is None:
        return "—"
    if spec.refers_to and spec.id_in_text:
        known = names.get(spec.refers_to, {})

        def named(match: re.Match[str]) -> str:
            return known.get(match.group(1), match.group(0))

        values = value if isinstance(value, list) else [value]
        parts = [re.sub(spec.id_in_text, named, str(v)) for v in values]
    elif spec.refers_to:
        known = names.get(spec.refers_to, {})
        parts = [known.get(i, f"#{i}") for i in _ids(value)]
    elif spec.choices is not None:
        parts = [str(spec.choices.get(str(v), v)) for v in (value if isinstance(value, list) else [value])]
    else:
        return _plain(value)
    return _(", ").join(parts) or "—"


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return _instant(value) or value
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return _(", ").join(str(v) for v in value) or "—"
    return canonical(value)


def _instant(value: str) -> str | None:
    """An ISO instant as local time to the minute ("2019-03-01 09:30"); None if not one."""
    if len(value) < 16 or "T" not in value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return None
    if parsed is None or parsed.tzinfo is None:
        return None
    return localtime(parsed).strftime("%Y-%m-%d %H:%M")


# --- Fields and names from the models --------------------------------------------------


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field_spec(object_type: str, name: str) -> FieldSpec:
    """Registered first; else the model field by name or attname (``lead_unit_id``); else the key."""
    registered = _TYPES[object_type].fields if object_type in _TYPES else {}
    if name in registered:
        return registered[name]
    model = _model(object_type)
    model_field = _model_field(model, name) if model is not None else None
    if model_field is None:
        return FieldSpec(label=name)
    if model_field.name in registered:  # registered by name, recorded by attname (author → author_id)
        return registered[model_field.name]
    label = getattr(model_field, "verbose_name", name)
    if not isinstance(label, Promise):  # Django's automatic English name: use the shared one, if any
        label = COMMON_LABELS.get(model_field.name, label)
    related = getattr(model_field, "related_model", None)
    if related is not None and (
        model_field.many_to_one or model_field.one_to_one or model_field.many_to_many
    ):
        return FieldSpec(label=label, refers_to=related._meta.label_lower)
    choices = getattr(model_field, "flatchoices", None)
    if choices:
        return FieldSpec(label=label, choices={str(k): v for k, v in choices})
    return FieldSpec(label=label)


def _model_field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        pass
    for candidate in model._meta.concrete_fields:
        if candidate.attname == name:
            return candidate
    return None


def _names(object_type: str, ids: Iterable[str]) -> Mapping[str, str]:
    """Names of the objects of one type: the app's namer, else one ``in_bulk`` and ``str()``."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    spec = _TYPES.get(object_type)
    if spec is not None and spec.names is not None:
        return spec.names(ids)
    model = _model(object_type)
    if model is None:
        return {}
    keys: list[Any] = list(ids)
    if _integer_pk(model):
        keys = integer_ids(ids)
    return {str(pk): str(obj) for pk, obj in model._default_manager.in_bulk(keys).items()}


@functools.lru_cache(maxsize=256)
def _field_order(object_type: str) -> dict[str, int]:
    """Field name and attname → position in the model (title before deadline, as the forms show them)."""
    model = _model(object_type)
    if model is None:
        return {}
    order: dict[str, int] = {}
    for index, model_field in enumerate([*model._meta.concrete_fields, *model._meta.many_to_many]):
        order.setdefault(model_field.name, index)
        order.setdefault(model_field.attname, index)
    return order


def _has_namer(object_type: str) -> bool:
    spec = _TYPES.get(object_type)
    return spec is not None and spec.names is not None


def _integer_pk(model: type[models.Model]) -> bool:
    return isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.IntegerField)


def integer_ids(ids: Collection[str]) -> list[int]:
    """The ids that can be primary keys of an integer-keyed model (for namers)."""
    return [int(i) for i in ids if i.isdigit()]


__all__ = [
    "DescribedEvent",
    "FieldSpec",
    "ShownChange",
    "TypeSpec",
    "action_label",
    "describe_events",
    "integer_ids",
    "object_label",
    "register_actions",
    "register_type",
    "registered_actions",
    "registered_types",
    "type_noun",
]
