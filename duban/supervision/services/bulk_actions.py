"""Bulk actions of the ledger (批量交办): many items through one workflow action, in a few statements.

``items_assign`` does for the chosen drafts what ``item_transition(action=ASSIGN)``
does for one — same checks, same rows, same audit events — with a constant
number of queries per batch instead of about twelve per item:

- the items read once through scope (``policy.items_visible``) and locked;
  an id outside scope is reported as not found, like a missing one;
- per item the table's state, ``policy.may_act`` and the lead unit are checked;
  every refused row is reported (number, title, message) and nothing is written;
- one UPDATE per batch of ids (state, assigned_at, version + 1, updated_at),
  the ``ItemTransition`` rows with ``bulk_create``, one ``item.assign`` audit
  event per item chained by ``audit_record_many``, all in one transaction;
- stored lights refreshed in bulk (``lights_refresh``) once it commits;
- a recurring template assigns its draft occurrences (``occurrences_assign``),
  as the single transition does; an occurrence chosen with its template is
  left to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from duban.audit.services import AuditEntry, audit_record_many
from duban.core import clock
from duban.org.models import User
from duban.supervision import policy
from duban.supervision.models import Item, ItemTransition
from duban.supervision.models.item import RECURRENCE_TEMPLATE
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.recurrence import occurrences_assign
from duban.supervision.services.tree import tree_lock
from duban.supervision.workflow import TRANSITIONS, Action, State

IN_BATCH = 900  # ids per ``IN (…)``: under SQLite's 999 parameters
BATCH = 500  # rows per INSERT


@dataclass(frozen=True)
class RowError:
    """Why one chosen item was refused; ``item`` is None for an id not found (or out of scope)."""

    item_id: int
    item: Item | None
    message: str


@dataclass(frozen=True)
class BulkResult:
    done: int
    errors: list[RowError] = field(default_factory=list)


@transaction.atomic
def items_assign(*, actor: User, item_ids: Sequence[int]) -> BulkResult:
    """Assign (交办) every chosen draft, all or nothing.

    Returns how many were assigned, or every refused row with nothing written
    (every check runs before the first write).
    """
    ids = list(dict.fromkeys(item_ids))
    _lock_template_trees(ids)
    items = _locked(actor, ids)
    errors = [RowError(pk, None, _("not found")) for pk in ids if pk not in items]
    ordered = sorted(items.values(), key=lambda i: (i.source_id, i.path))
    errors += [RowError(i.pk, i, problem) for i in ordered if (problem := _refusal(actor, i))]
    if errors:
        return BulkResult(0, errors)
    # A recurring template assigns its own draft occurrences (with its fields), as item_transition does.
    templates = [i for i in ordered if i.is_recurrence_template]
    template_ids = {t.pk for t in templates}
    ordered = [i for i in ordered if i.occurrence_of_id not in template_ids]
    now = clock.now()
    chosen = [i.pk for i in ordered]
    for start in range(0, len(chosen), IN_BATCH):
        Item.objects.filter(pk__in=chosen[start : start + IN_BATCH]).update(
            state=State.ASSIGNED, assigned_at=now, version=F("version") + 1, updated_at=now
        )
    ItemTransition.objects.bulk_create(
        [
            ItemTransition(
                item=i,
                action=Action.ASSIGN,
                from_state=State.DRAFT,
                to_state=State.ASSIGNED,
                actor=actor,
                at=now,
                comment="",
                data={},
            )
            for i in ordered
        ],
        batch_size=BATCH,
    )
    for item in ordered:  # in memory as in the database, for the audit events' object names
        item.state, item.assigned_at, item.version = State.ASSIGNED, now, item.version + 1
    audit_record_many(
        actor=actor,
        events=[
            AuditEntry(
                action=f"item.{Action.ASSIGN.value}",
                obj=item,
                before={"state": State.DRAFT.value},
                after={"state": State.ASSIGNED.value, "comment": ""},
            )
            for item in ordered
        ],
    )
    occurrences = [o for template in templates for o in occurrences_assign(actor=actor, template=template)]
    transaction.on_commit(lambda: lights_refresh(today=clock.today(), item_ids=chosen))
    return BulkResult(len(ordered) + len({o.pk for o in occurrences} - set(chosen)))


def _lock_template_trees(ids: list[int]) -> None:
    """Lock the trees of the sources of the chosen recurring templates, in order.

    A template's occurrences take numbers in its source: the source is locked
    before the items, as every writer of the tree does (lock order).
    """
    sources: set[int] = set()
    for start in range(0, len(ids), IN_BATCH):
        templates = Item.objects.filter(RECURRENCE_TEMPLATE, pk__in=ids[start : start + IN_BATCH])
        sources.update(templates.values_list("source_id", flat=True))
    for source_id in sorted(sources):
        tree_lock(source_id)


def _locked(actor: User, ids: list[int]) -> dict[int, Item]:
    """The chosen items within the actor's scope, locked, with what the checks read."""
    found: dict[int, Item] = {}
    for start in range(0, len(ids), IN_BATCH):
        batch = (
            policy.items_visible(actor)
            .filter(pk__in=ids[start : start + IN_BATCH])
            .select_related("source")
            .prefetch_related("approvals")
            .select_for_update(of=("self",))
        )
        found.update((i.pk, i) for i in batch)
    return found


def _refusal(actor: User, item: Item) -> str:
    """What item_transition would refuse about assigning ``item`` ("" if nothing)."""
    state = State(item.state)
    if (state, Action.ASSIGN) not in TRANSITIONS:
        return _("“%(action)s” is not possible while the item is “%(state)s”.") % {
            "action": Action.ASSIGN.label,
            "state": state.label,
        }
    if not policy.may_act(actor, item, Action.ASSIGN):
        return _("You may not “%(action)s” this item.") % {"action": Action.ASSIGN.label}
    if item.lead_unit_id is None:
        return _("Set a lead unit before assigning.")
    return ""
