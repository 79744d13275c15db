"""The ledger tree: registering items, editing, moving, numbering (1, 1.2, 1.2.3).

Every change that allocates or rewrites a source's numbers (creating, moving,
importing, spawning an occurrence) first takes ``tree_lock`` on the source, so
two of them queue up instead of both taking "the highest position plus one";
the unique constraint on (source, number) is the last line of defence. Lock
order: the source, then item rows, then the audit head.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from duban.audit.services import audit_record, snapshot
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.core.fields import tag_names
from duban.core.validation import validate_value
from duban.org.models import Unit, User
from duban.supervision import policy
from duban.supervision.models import DeadlineChange, Item, Source, Tag
from duban.supervision.models.item import Recurrence
from duban.supervision.policy import check_register
from duban.supervision.services.common import check_version, validate
from duban.supervision.services.lights import light_refresh_on_commit
from duban.supervision.workflow import DONE_STATES, State

ITEM_FIELDS = (
    "kind",
    "title",
    "content",
    "lead_unit",
    "leader",
    "responsible",
    "start_date",
    "deadline",
    "target_value",
    "target_unit",
    "actual_value",
    "priority",
    "report_frequency",
    "recurrence",
    "follow_up_date",
)


def _picture(item: Item) -> dict[str, Any]:
    data = snapshot(item, [*ITEM_FIELDS, "number", "state", "parent", "position"])
    data["cooperating_units"] = sorted(item.cooperating_units.values_list("id", flat=True))
    data["tags"] = sorted(item.tags.values_list("name", flat=True))
    return data


def _set_relations(item: Item, cooperating: Iterable[Unit] | None, tags: Iterable[str] | None) -> None:
    """Call after ``_checked_tags``: the tag names are valid."""
    if cooperating is not None:
        item.cooperating_units.set([u for u in cooperating if u.pk != item.lead_unit_id])
    if tags is not None:
        item.tags.set([Tag.objects.get_or_create(name=n)[0] for n in tags])


def _checked_tags(tags: Iterable[str] | None) -> list[str] | None:
    """The distinct tag names; a tag too long is refused (never cut) before anything is written."""
    if tags is None:
        return None
    return validate_value(tag_names, tags, field="tags", label=_("Tags"))


def check_editable(actor: User, item: Item) -> None:
    """The office edits an item until it is closed or cancelled; a closed one is reopened first."""
    check_register(actor)
    if not policy.may_edit(actor, item):
        check_not_done(item)


def check_not_done(item: Item) -> None:
    """Refuse, saying why, a change to a closed (reopen it first) or cancelled item."""
    if item.state == State.CLOSED:
        raise DomainError(ErrorCode.TRANSITION_NOT_ALLOWED,
                          _("A closed item is not edited; reopen it first."))
    if item.state in DONE_STATES:
        raise DomainError(ErrorCode.TRANSITION_NOT_ALLOWED,
                          _("An item that is “%(state)s” is not edited.")
                          % {"state": State(item.state).label})


def _check_deadline_reason(item: Item, old_deadline: Any, reason: str) -> None:
    """Outside the extension workflow, an assigned item's deadline moves with a reason (kept in its history).

    A draft's deadline is still being drafted: no reason needed.
    """
    if item.deadline != old_deadline and item.state != State.DRAFT and not reason.strip():
        raise DomainError(ErrorCode.REASON_REQUIRED, _("Give a reason for changing the deadline."),
                          field="deadline_reason")


def _check_dates(item: Item) -> None:
    if item.start_date and item.deadline and item.deadline < item.start_date:
        raise DomainError(ErrorCode.INVALID, _("The deadline is before the start date."), field="deadline")


@transaction.atomic
def item_create(
    *,
    actor: User,
    source: Source,
    parent: Item | None = None,
    cooperating_units: Iterable[Unit] = (),
    tags: Iterable[str] = (),
    **fields: Any,
) -> Item:
    """Register an item (立项) at the end of its parent's children (or the source's top level)."""
    check_register(actor)
    if parent is not None and parent.source_id != source.pk:
        raise DomainError(ErrorCode.INVALID, _("The parent item belongs to another source."), field="parent")
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"unknown item fields: {unknown}")
    names = _checked_tags(tags)
    tree_lock(source.pk)
    if parent is not None:
        parent = Item.objects.get(pk=parent.pk)  # its number as it is now that the tree is locked
    item = Item(source=source, parent=parent, created_by=actor, **fields)
    ledger_append(item, parent)
    _check_dates(item)
    validate(item)
    item.save()
    _set_relations(item, cooperating_units, names)
    if item.deadline:
        DeadlineChange.objects.create(
            item=item, old=None, new=item.deadline, reason="", actor=actor, at=clock.now()
        )
    audit_record(actor=actor, action="item.create", obj=item, after=_picture(item))
    _first_occurrence(actor, item)
    return item


def _first_occurrence(actor: User, item: Item) -> None:
    """A recurring item's first occurrence appears when it is saved, not only after the nightly job."""
    # Imported here: recurrence builds on the tree (it numbers occurrences with ledger_append).
    from duban.supervision.services.recurrence import recurrence_first

    recurrence_first(actor=actor, template=item)


@transaction.atomic
def item_update(
    *,
    actor: User,
    item: Item,
    expected_version: int | None = None,
    cooperating_units: Iterable[Unit] | None = None,
    tags: Iterable[str] | None = None,
    deadline_reason: str = "",
    **changes: Any,
) -> Item:
    """Edit an item's fields. ``expected_version`` is the version the editor saw."""
    check_register(actor)
    if item.occurrence_of_id is None and changes.get("recurrence", item.recurrence) != Recurrence.NONE:
        tree_lock(item.source_id)  # saving a template may spawn an occurrence: the source first
    item = Item.objects.select_for_update().get(pk=item.pk)
    check_version(item, expected_version)
    check_editable(actor, item)
    before = _picture(item)
    old_deadline = item.deadline
    for name, value in changes.items():
        if name not in ITEM_FIELDS:
            raise ValueError(f"unknown item field: {name}")
        setattr(item, name, value)
    _check_deadline_reason(item, old_deadline, deadline_reason)
    _check_dates(item)
    validate(item)
    names = _checked_tags(tags)
    item.version += 1
    item.save(update_fields=[*changes, "version", "updated_at"])
    _set_relations(item, cooperating_units, names)
    if item.deadline != old_deadline:
        DeadlineChange.objects.create(
            item=item,
            old=old_deadline,
            new=item.deadline,
            reason=deadline_reason.strip(),
            actor=actor,
            at=clock.now(),
        )
    audit_record(actor=actor, action="item.update", obj=item, before=before, after=_picture(item))
    _first_occurrence(actor, item)
    light_refresh_on_commit(item)
    return item


def tree_lock(source_id: int) -> None:
    """Lock the source's ledger until the transaction ends (call inside it).

    On PostgreSQL this is the source row's lock (SELECT … FOR UPDATE): every
    writer of the source's numbers and positions takes it first and waits for
    the one before it to commit. SQLite has no row locks (select_for_update is a
    no-op there) but serialises writers: duban's SQLite transactions begin
    IMMEDIATE, holding the database's write lock from the first statement.
    """
    Source.objects.select_for_update().only("pk").get(pk=source_id)


def ledger_append(item: Item, parent: Item | None) -> None:
    """Place the unsaved ``item`` after the last of ``parent``'s children (or the top level).

    Sets its position, number and path. Call inside ``tree_lock(item.source_id)``,
    with ``parent`` read after taking it (its number is the prefix).
    """
    siblings = Item.objects.filter(source_id=item.source_id, parent=parent)
    item.position = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1
    _number(item, parent)


def _number(item: Item, parent: Item | None) -> None:
    item.number = f"{parent.number}.{item.position}" if parent else str(item.position)
    item.path = f"{parent.path}.{item.position:04d}" if parent else f"{item.position:04d}"


@transaction.atomic
def item_move(*, actor: User, item: Item, parent: Item | None, position: int) -> Item:
    """Move an item (with its subtree) under ``parent`` at ``position`` (1-based); renumber."""
    check_register(actor)
    tree_lock(item.source_id)
    # The tree as it is now that it is locked, not as the caller read it.
    item = Item.objects.get(pk=item.pk)
    parent = Item.objects.get(pk=parent.pk) if parent is not None else None
    if parent is not None:
        if parent.source_id != item.source_id:
            raise DomainError(ErrorCode.INVALID, _("Items move only within their source."), field="parent")
        node: Item | None = parent
        while node is not None:
            if node.pk == item.pk:
                raise DomainError(ErrorCode.INVALID, _("An item cannot move under itself."), field="parent")
            node = node.parent
    before = {"parent": item.parent_id, "number": item.number}
    siblings = list(
        Item.objects.filter(source_id=item.source_id, parent=parent).exclude(pk=item.pk).order_by("position")
    )
    index = max(0, min(position - 1, len(siblings)))
    siblings.insert(index, item)
    item.parent = parent
    for pos, sibling in enumerate(siblings, start=1):
        sibling.position = pos
    Item.objects.bulk_update(siblings, ["parent", "position"])
    changed = ledger_renumber(source_id=item.source_id)
    item.refresh_from_db()
    audit_record(
        actor=actor,
        action="item.move",
        obj=item,
        before=before,
        after={"parent": item.parent_id, "number": item.number, "renumbered": changed},
    )
    return item


def ledger_renumber(*, source_id: int) -> int:
    """Recompute positions, numbers and paths of a source's whole tree; return rows changed.

    Call inside the transaction of the change that needs it (it is audited
    there), under ``tree_lock(source_id)``.
    """
    items = list(Item.objects.filter(source_id=source_id).order_by("position", "id"))
    children: dict[int | None, list[Item]] = defaultdict(list)
    for it in items:
        children[it.parent_id].append(it)
    changed: list[Item] = []

    def walk(parent: Item | None) -> None:
        for pos, child in enumerate(children[parent.pk if parent else None], start=1):
            old = (child.position, child.number, child.path)
            child.position = pos
            _number(child, parent)
            if (child.position, child.number, child.path) != old:
                changed.append(child)
            walk(child)

    walk(None)
    _numbers_release(changed)
    Item.objects.bulk_update(changed, ["position", "number", "path"])
    return len(changed)


RENUMBER_BATCH = 900  # ids per ``IN (…)``: under SQLite's 999 parameters


def _numbers_release(items: list[Item]) -> None:
    """Give the rows about to be renumbered a placeholder number ("~" and their id).

    The unique (source, number) constraint is checked row by row, so writing a
    swap (1 ↔ 2) directly would collide half-way; placeholders never collide
    with a ledger number (digits and dots) nor with each other.
    """
    placeholder = Concat(Value("~"), Cast("id", output_field=CharField()), output_field=CharField())
    ids = [i.pk for i in items]
    for start in range(0, len(ids), RENUMBER_BATCH):
        Item.objects.filter(pk__in=ids[start : start + RENUMBER_BATCH]).update(number=placeholder)
