"""Importing many items at once (批量导入): the tree services' guarantees in a few statements.

``items_import`` does for a whole ledger what ``item_create`` / ``item_update``
do for one item — same checks, same rows written, same audit events — with a
constant number of queries per batch instead of about fourteen per item:

- permission (``check_register``), every value checked as ``full_clean`` would
  (choices, lengths, required title, deadline not before start) and the tree
  checked (a new number's parent exists, it comes next among its siblings);
  the first problem raises a DomainError naming the row and nothing is written;
- the source row and its items locked (select_for_update) while planning, so
  two imports into one source cannot both append the same number;
- items created level by level with ``bulk_create`` (parents get their ids
  before their children), updated with one executemany UPDATE per set of
  changed fields; numbers and paths as ``ledger_renumber`` would compute them
  (1, 1.2, 1.2.3);
- cooperating units and tags through their M2M tables in bulk;
- deadline history (DeadlineChange) for every new deadline and every change;
- one audit event per created or updated item (``item.create`` / ``item.update``
  with the same before/after pictures as the single-item services), chained by
  ``audit_record_many``;
- stored lights refreshed for the touched items once the transaction commits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from duban.audit.services import AuditEntry, audit_record_many, snapshot
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.core.fields import tag_names
from duban.core.validation import field_label
from duban.org.models import Unit, User
from duban.supervision.models import DeadlineChange, Item, Source, Tag
from duban.supervision.policy import check_register
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.tree import ITEM_FIELDS
from duban.supervision.workflow import DONE_STATES, State

NUMBER_RE = re.compile(r"^[1-9]\d*(\.[1-9]\d*)*$")
BATCH = 500  # rows per statement where the backend allows (SQLite caps by its parameter limit)
IN_BATCH = 900  # ids per ``IN (…)``: under SQLite's 999 parameters
PICTURE_FIELDS = [*ITEM_FIELDS, "number", "state", "parent", "position"]

CONCRETE = {f.name: f for f in Item._meta.concrete_fields}
CooperatingThrough = Item.cooperating_units.through
TagThrough = Item.tags.through


@dataclass(frozen=True)
class ItemRow:
    """One item as an import wants it, by ledger number.

    ``fields`` holds ITEM_FIELDS values. For an existing number only the fields
    given change, and ``None`` relations stay as they are; for a new number
    ``None`` means none. ``label`` is how errors name the row (e.g. "Row 5").
    """

    number: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    cooperating_units: Sequence[Unit] | None = None
    tags: Sequence[str] | None = None
    label: str = ""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass
class _Relations:
    """Cooperating unit ids and tag names per item id."""

    units: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    tags: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))


@dataclass
class _Plan:
    created: list[Item] = field(default_factory=list)
    updated: list[Item] = field(default_factory=list)
    unchanged: int = 0
    changed: dict[int, list[str]] = field(default_factory=dict)  # item pk → fields the row changes
    units: dict[int, set[int]] = field(default_factory=dict)  # id(item) → wanted unit ids
    tags: dict[int, set[str]] = field(default_factory=dict)  # id(item) → wanted tag names
    before: dict[int, dict[str, Any]] = field(default_factory=dict)  # item pk → picture
    old_deadline: dict[int, Any] = field(default_factory=dict)  # item pk → deadline before
    events_order: list[Item] = field(default_factory=list)  # created and updated, by number


def _row_error(row: ItemRow, message: str, fields: Mapping[str, str] | None = None) -> DomainError:
    label = row.label or _("No. %(number)s") % {"number": row.number}
    if fields is not None:
        # Fields by their verbose name (完成时限, not deadline): the message reaches the user.
        message = _("; ").join(
            _("%(row)s: %(message)s") % {"row": field_label(Item, name), "message": problem}
            for name, problem in fields.items()
        )
    detail = message
    message = _("%(row)s: %(message)s") % {"row": label, "message": detail}
    return DomainError(ErrorCode.INVALID, message, fields={label: detail})


def number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


@transaction.atomic
def items_import(
    *, actor: User, source: Source, rows: Sequence[ItemRow], deadline_reason: str = ""
) -> ImportResult:
    """Create or update ``source``'s items from ``rows``; all or nothing.

    The caller has checked the source is in the actor's scope. Rows are applied
    in ledger order whatever their order in ``rows``; ``deadline_reason`` is
    kept with every changed deadline of an existing item.
    """
    check_register(actor)
    # Lock the source, then read its ledger: two imports into one source queue up
    # instead of both appending a "3" (SQLite serialises writers anyway).
    Source.objects.select_for_update().only("pk").get(pk=source.pk)
    existing = {i.number: i for i in Item.objects.select_for_update().filter(source_id=source.pk)}
    current = _relations(source.pk) if any(r.number in existing for r in rows) else _Relations()
    plan = _plan(actor, source, rows, existing, current)
    _write(actor, plan, deadline_reason)
    touched = [i.pk for i in plan.events_order]
    transaction.on_commit(lambda: lights_refresh(today=clock.today(), item_ids=touched))
    return ImportResult(created=len(plan.created), updated=len(plan.updated), unchanged=plan.unchanged)


@dataclass(frozen=True)
class ImportOutcome:
    """What ``items_import`` would do, by ledger number (the import preview)."""

    created: frozenset[str]
    updated: Mapping[str, tuple[str, ...]]  # number → the fields (and relations) it changes
    unchanged: frozenset[str]


def items_import_plan(*, actor: User, source: Source, rows: Sequence[ItemRow]) -> ImportOutcome:
    """Check ``rows`` as ``items_import`` does and say what it would create and change; writes nothing.

    Raises the DomainError ``items_import`` would raise. No lock is taken: the
    import itself checks again under its locks.
    """
    check_register(actor)
    existing = {i.number: i for i in Item.objects.filter(source_id=source.pk)}
    current = _relations(source.pk) if any(r.number in existing for r in rows) else _Relations()
    plan = _plan(actor, source, rows, existing, current)
    updated = {}
    for item in plan.updated:
        relations = [name for name, wanted in (("cooperating_units", plan.units), ("tags", plan.tags))
                     if id(item) in wanted]
        updated[item.number] = (*plan.changed[item.pk], *relations)
    created = frozenset(i.number for i in plan.created)
    return ImportOutcome(
        created=created,
        updated=updated,
        unchanged=frozenset(r.number for r in rows if r.number not in created and r.number not in updated),
    )


def _relations(source_id: int) -> _Relations:
    """The cooperating units and tags of every item of the source (two queries)."""
    found = _Relations()
    for item_id, unit_id in CooperatingThrough.objects.filter(item__source_id=source_id).values_list(
        "item_id", "unit_id"
    ):
        found.units[item_id].add(unit_id)
    for item_id, name in TagThrough.objects.filter(item__source_id=source_id).values_list(
        "item_id", "tag__name"
    ):
        found.tags[item_id].add(name)
    return found


# --- Planning: everything checked, nothing written ---------------------------------------------


def _plan(
    actor: User, source: Source, rows: Sequence[ItemRow], existing: dict[str, Item], current: _Relations
) -> _Plan:
    plan = _Plan()
    by_number: dict[str, Item] = dict(existing)
    next_position: dict[str, int] = defaultdict(int)
    for number, item in existing.items():
        parent_number = number.rpartition(".")[0]
        next_position[parent_number] = max(next_position[parent_number], item.position)
    seen: set[str] = set()
    for row in sorted(rows, key=lambda r: number_key(r.number) if NUMBER_RE.match(r.number) else ()):
        if not NUMBER_RE.match(row.number):
            raise _row_error(row, _("“%(value)s” is not a ledger number") % {"value": row.number})
        if row.number in seen:
            raise _row_error(row, _("“%(number)s” appears twice") % {"number": row.number})
        seen.add(row.number)
        unknown = set(row.fields) - set(ITEM_FIELDS)
        if unknown:
            raise ValueError(f"unknown item fields: {unknown}")
        found = existing.get(row.number)
        if found is None:
            item = _plan_create(actor, source, row, by_number, next_position)
            by_number[row.number] = item
            plan.created.append(item)
            plan.units[id(item)] = _unit_ids(row.cooperating_units or (), item.lead_unit_id)
            plan.tags[id(item)] = _tag_names(row, row.tags or ())
        elif _plan_update(plan, found, row, current):
            item = found
            plan.updated.append(item)
        else:
            plan.unchanged += 1
            continue
        plan.events_order.append(item)
    return plan


def _plan_create(
    actor: User, source: Source, row: ItemRow, by_number: dict[str, Item], next_position: dict[str, int]
) -> Item:
    parent_number, _dot, last = row.number.rpartition(".")
    parent = by_number.get(parent_number) if parent_number else None
    if parent_number and parent is None:
        raise _row_error(
            row,
            _("its parent “%(parent)s” is neither in the rows nor in the ledger") % {"parent": parent_number},
        )
    expected = next_position[parent_number] + 1
    if int(last) != expected:
        wanted = f"{parent_number}.{expected}" if parent_number else str(expected)
        raise _row_error(
            row,
            _("“%(number)s” leaves a gap; the next number here is “%(wanted)s”")
            % {"number": row.number, "wanted": wanted},
        )
    next_position[parent_number] = expected
    item = Item(source=source, parent=parent, position=expected, created_by=actor, **row.fields)
    # As tree._number: the number and the zero-padded path the whole ledger sorts by.
    item.number = f"{parent.number}.{expected}" if parent else str(expected)
    item.path = f"{parent.path}.{expected:04d}" if parent else f"{expected:04d}"
    # Fields left at their defaults are valid by construction; the title is required.
    _validate(row, item, {*row.fields, "title", "number", "path"})
    return item


def _plan_update(plan: _Plan, item: Item, row: ItemRow, current: _Relations) -> bool:
    """Apply the row's changes to ``item`` in memory; False if it changes nothing.

    As item_update: cooperating units never include the (new) lead unit, and
    relations the row does not give stay as they are.
    """
    changed = [name for name, value in row.fields.items() if _differs(item, name, value)]
    lead_id = _fk_id(row.fields["lead_unit"]) if "lead_unit" in row.fields else item.lead_unit_id
    units = None if row.cooperating_units is None else _unit_ids(row.cooperating_units, lead_id)
    if units == current.units.get(item.pk, set()):
        units = None
    tags = None if row.tags is None else _tag_names(row, row.tags)
    if tags == current.tags.get(item.pk, set()):
        tags = None
    if not changed and units is None and tags is None:
        return False
    if item.state in DONE_STATES:  # as item_update: a closed item is reopened before it is edited
        raise _row_error(row, _("the item is “%(state)s” and is not edited; reopen it first")
                         % {"state": State(item.state).label})
    plan.before[item.pk] = _picture(item, current.units.get(item.pk, set()), current.tags.get(item.pk, set()))
    plan.old_deadline[item.pk] = item.deadline
    for name in changed:
        setattr(item, name, row.fields[name])
    _validate(row, item, changed)
    item.version += 1
    plan.changed[item.pk] = changed
    if units is not None:
        plan.units[id(item)] = units
    if tags is not None:
        plan.tags[id(item)] = tags
    return True


def _fk_id(value: models.Model | None) -> Any:
    return value.pk if value is not None else None


def _differs(item: Item, name: str, value: Any) -> bool:
    """Compare foreign keys by id: no query per row."""
    if isinstance(Item._meta.get_field(name), models.ForeignKey):
        return bool(getattr(item, f"{name}_id") != _fk_id(value))
    return bool(getattr(item, name) != value)


def _validate(row: ItemRow, item: Item, names: Iterable[str]) -> None:
    """What full_clean checks of these fields, without its query per foreign key.

    Related rows come from the database already (the importer looked them up),
    and the foreign-key constraints guard them at commit.
    """
    errors: dict[str, str] = {}
    for name in names:
        model_field = Item._meta.get_field(name)
        if isinstance(model_field, models.ForeignKey):
            value = getattr(item, name)
            if value is not None and value.pk is None:
                errors[name] = _("refers to a record that is not saved")
            continue
        assert isinstance(model_field, models.Field)
        try:
            setattr(item, model_field.attname, model_field.clean(getattr(item, model_field.attname), item))
        except ValidationError as exc:
            errors[name] = "; ".join(str(m) for m in exc.messages)
    if item.start_date and item.deadline and item.deadline < item.start_date:
        errors.setdefault("deadline", _("The deadline is before the start date."))
    if errors:
        raise _row_error(row, "", errors)


def _unit_ids(units: Iterable[Unit], lead_id: int | None) -> set[int]:
    return {u.pk for u in units if u.pk != lead_id}


def _tag_names(row: ItemRow, tags: Iterable[str]) -> set[str]:
    """As item_create: a tag too long is refused, never cut."""
    try:
        return set(tag_names(tags))
    except ValidationError as exc:
        raise _row_error(row, "", {"tags": "; ".join(exc.messages)}) from exc


def _picture(item: Item, unit_ids: Iterable[int], tag_names: Iterable[str]) -> dict[str, Any]:
    """As tree._picture, from what is in memory (no query)."""
    data = snapshot(item, PICTURE_FIELDS)
    data["cooperating_units"] = sorted(unit_ids)
    data["tags"] = sorted(tag_names)
    return data


# --- Writing -------------------------------------------------------------------------------------


def _write(actor: User, plan: _Plan, deadline_reason: str) -> None:
    _create_by_level(plan.created)
    _update_rows(plan)
    units, tags = _write_relations(plan)
    now = clock.now()
    DeadlineChange.objects.bulk_create(
        [
            DeadlineChange(item=i, old=None, new=i.deadline, reason="", actor=actor, at=now)
            for i in plan.created
            if i.deadline
        ]
        + [
            DeadlineChange(
                item=i,
                old=plan.old_deadline[i.pk],
                new=i.deadline,
                reason=deadline_reason,
                actor=actor,
                at=now,
            )
            for i in plan.updated
            if i.deadline != plan.old_deadline[i.pk]
        ],
        batch_size=BATCH,
    )
    audit_record_many(actor=actor, events=[_event(i, plan, units, tags) for i in plan.events_order])


def _create_by_level(items: list[Item]) -> None:
    """bulk_create one tree level at a time, so every parent has its id before its children."""
    levels: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        levels[item.number.count(".")].append(item)
    for depth in sorted(levels):
        for item in levels[depth]:
            if item.parent is not None:
                item.parent_id = item.parent.pk
        Item.objects.bulk_create(levels[depth], batch_size=BATCH)


def _update_rows(plan: _Plan) -> None:
    """UPDATE the changed items: one statement per set of changed fields, run with executemany.

    bulk_update builds a CASE per row and field (seconds for 10,000 rows on
    SQLite); one ``.update()`` per row costs a compiled query each. Here each
    set of changed fields compiles one parametrised UPDATE that the driver runs
    for every row. Identifiers come from the model's meta, values are bound
    parameters prepared by their fields, as the ORM would prepare them. The
    rows are locked (select_for_update) and were read at their versions.
    """
    by_fields: dict[tuple[str, ...], list[Item]] = defaultdict(list)
    for item in plan.updated:
        by_fields[tuple(sorted(plan.changed[item.pk]))].append(item)
    qn = connection.ops.quote_name
    updated_at = Item._meta.get_field("updated_at")
    assert isinstance(updated_at, models.Field)
    now = updated_at.get_db_prep_save(clock.now(), connection)
    version, pk = CONCRETE["version"].column, Item._meta.pk.column
    with connection.cursor() as cursor:
        for names, items in by_fields.items():
            fields = [CONCRETE[name] for name in names]
            assignments = "".join(f"{qn(f.column)} = %s, " for f in fields)
            sql = (
                f"UPDATE {qn(Item._meta.db_table)} SET {assignments}"  # noqa: S608 - identifiers from meta
                f"{qn(version)} = {qn(version)} + 1, {qn(updated_at.column)} = %s WHERE {qn(pk)} = %s"
            )
            params = [
                [*(f.get_db_prep_save(getattr(i, f.attname), connection) for f in fields), now, i.pk]
                for i in items
            ]
            cursor.executemany(sql, params)


def _write_relations(plan: _Plan) -> tuple[dict[int, set[int]], dict[int, set[str]]]:
    """Replace the planned items' cooperating units and tags; return them by item id."""
    by_id = {id(i): i for i in plan.events_order}
    units = {by_id[key].pk: ids for key, ids in plan.units.items()}
    tags = {by_id[key].pk: names for key, names in plan.tags.items()}
    replaced_units = [pk for pk in units if pk in plan.before]
    replaced_tags = [pk for pk in tags if pk in plan.before]
    for start in range(0, len(replaced_units), IN_BATCH):
        CooperatingThrough.objects.filter(item_id__in=replaced_units[start : start + IN_BATCH]).delete()
    for start in range(0, len(replaced_tags), IN_BATCH):
        TagThrough.objects.filter(item_id__in=replaced_tags[start : start + IN_BATCH]).delete()
    CooperatingThrough.objects.bulk_create(
        [CooperatingThrough(item_id=pk, unit_id=u) for pk, ids in units.items() for u in sorted(ids)],
        batch_size=BATCH,
    )
    tag_ids = _tag_ids({name for names in tags.values() for name in names})
    TagThrough.objects.bulk_create(
        [TagThrough(item_id=pk, tag_id=tag_ids[n]) for pk, names in tags.items() for n in sorted(names)],
        batch_size=BATCH,
    )
    return units, tags


def _tag_ids(names: set[str]) -> dict[str, int]:
    """Tag ids by name, creating the missing tags (as get_or_create, in bulk)."""
    wanted = sorted(names)
    found: dict[str, int] = {}
    for start in range(0, len(wanted), IN_BATCH):
        found.update(Tag.objects.filter(name__in=wanted[start : start + IN_BATCH]).values_list("name", "id"))
    missing = [n for n in wanted if n not in found]
    if missing:
        Tag.objects.bulk_create([Tag(name=n) for n in missing], batch_size=BATCH, ignore_conflicts=True)
        for start in range(0, len(missing), IN_BATCH):
            found.update(
                Tag.objects.filter(name__in=missing[start : start + IN_BATCH]).values_list("name", "id")
            )
    return found


def _event(item: Item, plan: _Plan, units: dict[int, set[int]], tags: dict[int, set[str]]) -> AuditEntry:
    before = plan.before.get(item.pk)
    unit_ids = units.get(item.pk, before["cooperating_units"] if before else ())
    tag_names = tags.get(item.pk, before["tags"] if before else ())
    after = _picture(item, unit_ids, tag_names)
    if before is None:
        return AuditEntry(action="item.create", obj=item, after=after)
    return AuditEntry(action="item.update", obj=item, before=before, after=after)


# --- After commit --------------------------------------------------------------------------------
