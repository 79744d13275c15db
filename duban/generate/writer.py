"""Storing a generated plan through the bulk paths, with its audit rows, in one transaction.

Rows go in with ``bulk_create`` in batches (parents before children, level by
level, so every parent's key is known), audit rows through
``audit_record_many`` (one per row created and per workflow step and report,
as the services would write them, under the actor ``generate``), and lights
are computed at the end by ``lights_refresh`` for all generated items at
once. Nothing is half-written: the whole set commits or none of it.

Extension point: indicators and projects (later issues) add a ``Part`` — a
callable taking the plan, the written ``Keys`` and ``Progress`` and returning
its row counts — to ``PARTS``; ``generate`` runs them in order after the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from duban.audit.services import AuditEntry, audit_record_many, snapshot
from duban.generate import history, names
from duban.generate.shape import ItemSpec, Plan
from duban.org.models import LeaderUnit, Person, Unit, User, UserRole
from duban.supervision.models import Item, ItemTransition, Milestone, ProgressReport, Source, Tag
from duban.supervision.services.lights import lights_refresh

BATCH = 2000
ACTOR = "generate"
ITEM_AUDIT_FIELDS = [
    "kind", "title", "lead_unit", "leader", "responsible", "start_date", "deadline",
    "number", "state", "parent", "position", "report_frequency", "priority",
]  # fmt: skip
# Who takes each workflow step: the office or the lead unit's liaison.
UNIT_ACTIONS = frozenset({"acknowledge", "start", "request_extension", "request_completion"})
M = TypeVar("M", bound=models.Model)
T = TypeVar("T")


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...


@dataclass
class Keys:
    """Primary keys of what was written, by plan index."""

    units: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    users: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    items: list[int] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    supervisor: int = 0


Part = Callable[[Plan, Keys, Progress], dict[str, int]]
PARTS: list[Part] = []  # indicators, projects: see the module docstring


def chunks(rows: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def bulk(model: type[M], rows: Sequence[M], *, audit: Callable[[M], AuditEntry] | None = None) -> list[M]:
    """Insert ``rows`` in batches (keys set on them), with one audit row each if asked."""
    done: list[M] = []
    for batch in chunks(rows):
        done += model.objects.bulk_create(batch)  # type: ignore[attr-defined]
        if audit is not None:
            audit_record_many(actor=ACTOR, events=[audit(row) for row in batch])
    return done


def _created(action: str) -> Callable[[models.Model], AuditEntry]:
    return lambda row: AuditEntry(action=action, obj=row, after=snapshot(row))


def aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """``day`` at that local time (the office's time zone), aware."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def generate(*, plan: Plan, progress: Progress, tag: str = "") -> dict[str, int]:
    """Write ``plan``; return row counts by table.

    ``tag`` (``--force`` on a database with units) is appended to unit names and
    user names, which are unique, so a second set can stand beside the first.
    """
    counts: dict[str, int] = {}
    keys = Keys()
    with transaction.atomic():
        counts |= write_org(plan, keys, tag=tag)
        progress("organisation", 1, 1)
        counts |= write_sources(plan, keys)
        counts |= write_items(plan, keys, progress)
        counts |= write_history(plan, keys, progress)
        backdate(plan, keys)
        for part in PARTS:
            counts |= part(plan, keys, progress)
        lights = lights_refresh(
            today=plan.today, item_ids=keys.items, progress=lambda n: progress("lights", n, len(keys.items))
        )
        counts["lights"] = lights.items
    return counts


def write_org(plan: Plan, keys: Keys, *, tag: str) -> dict[str, int]:
    org = plan.org
    suffix, login_suffix = (f"（{tag}）", f"-{tag}") if tag else ("", "")
    units: list[Unit] = []
    for spec in org.units:  # one at a time: each row's parent is an earlier one (300 rows at most)
        unit = Unit(name=f"{spec.name}{suffix}", short_name=spec.short_name, kind=spec.kind)
        unit.parent_id = units[spec.parent].pk if spec.parent is not None else None
        unit.sort_order = len(units) + 1
        unit.save()
        units.append(unit)
    audit_record_many(actor=ACTOR, events=[_created("unit.create")(u) for u in units])
    keys.units = [u.pk for u in units]
    people = bulk(
        Person,
        [
            Person(name=p.name, position=p.position, unit_id=keys.units[p.unit], sort_order=n + 1)
            for n, p in enumerate(org.people)
        ],
        audit=_created("person.create"),
    )
    keys.people = [p.pk for p in people]
    links = [
        LeaderUnit(leader_id=keys.people[n], unit_id=keys.units[u])
        for n, p in enumerate(org.people)
        for u in p.oversees
    ]
    LeaderUnit.objects.bulk_create(links, batch_size=BATCH)
    password = make_password(_password())  # hashed once: every generated login shares it
    users = bulk(
        User,
        [
            User(
                username=f"{u.username}{login_suffix}",
                person_id=keys.people[u.person],
                unit_id=keys.units[u.unit],
                password=password,
            )
            for u in org.users
        ],
        audit=lambda u: AuditEntry(action="user.create", obj=u, after={"username": u.username}),
    )
    keys.users = [u.pk for u in users]
    roles = [UserRole(user_id=keys.users[n], role=r) for n, u in enumerate(org.users) for r in u.roles]
    UserRole.objects.bulk_create(roles, batch_size=BATCH)
    keys.supervisor = next(keys.users[n] for n, u in enumerate(org.users) if "supervisor" in u.roles)
    return {"units": len(units), "people": len(people), "leader_units": len(links), "users": len(users),
            "user_roles": len(roles)}  # fmt: skip


def _password() -> str:
    # The demo's published password, so one login list serves both (a benchmark set, not a live one).
    from duban.demo.org_data import DEMO_PASSWORD

    return DEMO_PASSWORD


def write_sources(plan: Plan, keys: Keys) -> dict[str, int]:
    rows = [
        Source(
            kind=s.kind,
            title=s.title,
            doc_number=s.doc_number,
            date=s.date,
            issuer=s.issuer,
            created_by_id=keys.supervisor,
        )  # fmt: skip
        for s in plan.sources
    ]
    keys.sources = [s.pk for s in bulk(Source, rows, audit=_created("source.create"))]
    existing = {t.name: t.pk for t in Tag.objects.filter(name__in=names.TAGS)}
    Tag.objects.bulk_create([Tag(name=n) for n in names.TAGS if n not in existing])
    found = {t.name: t.pk for t in Tag.objects.filter(name__in=names.TAGS)}
    keys.tags = [found[n] for n in names.TAGS]
    return {"sources": len(rows)}


def _item_row(spec: ItemSpec, plan: Plan, keys: Keys) -> Item:
    steps = {s.action: s.day for s in history.steps(spec, plan.today)}
    return Item(
        source_id=keys.sources[spec.source],
        parent_id=keys.items[spec.parent] if spec.parent is not None else None,
        kind=spec.kind, position=spec.position, number=spec.number, path=spec.path, title=spec.title,
        lead_unit_id=keys.units[spec.lead_unit],
        leader_id=keys.people[spec.leader] if spec.leader is not None else None,
        responsible_id=keys.people[spec.responsible] if spec.responsible is not None else None,
        start_date=spec.start, deadline=spec.deadline, progress_percent=spec.progress,
        priority=spec.priority, report_frequency=spec.frequency, state=spec.state,
        state_before_suspension="in_progress" if spec.state == "suspended" else "",
        pending_deadline=(
            spec.deadline + dt.timedelta(days=30) if spec.state == "extension_requested" else None
        ),
        assigned_at=aware(steps["assign"]) if "assign" in steps else None,
        acknowledged_at=aware(steps["acknowledge"], 10) if "acknowledge" in steps else None,
        closed_at=aware(steps["sign_off"], 16) if "sign_off" in steps else None,
        created_by_id=keys.supervisor,
    )  # fmt: skip


def _item_created(row: Item, spec: ItemSpec, keys: Keys) -> AuditEntry:
    after = snapshot(row, ITEM_AUDIT_FIELDS) | {"state": "draft"}
    after["cooperating_units"] = sorted(keys.units[u] for u in spec.cooperating)
    after["tags"] = sorted(names.TAGS[t] for t in spec.tags)
    return AuditEntry(action="item.create", obj=row, after=after)


def write_items(plan: Plan, keys: Keys, progress: Progress) -> dict[str, int]:
    """Items level by level (parents first), their cooperating units, tags and milestones."""
    total = len(plan.items)
    keys.items = [0] * total
    levels = sorted({i.depth for i in plan.items})
    # Level by level, so that every parent of a batch already has its key.
    batches = [b for d in levels for b in chunks([n for n in range(total) if plan.items[n].depth == d])]
    for batch in batches:
        rows = Item.objects.bulk_create([_item_row(plan.items[n], plan, keys) for n in batch])
        for n, row in zip(batch, rows, strict=True):
            keys.items[n] = row.pk
        audit_record_many(
            actor=ACTOR,
            events=[_item_created(r, plan.items[n], keys) for n, r in zip(batch, rows, strict=True)],
        )
        progress("items", len([k for k in keys.items if k]), total)
    cooperating = Item.cooperating_units.through
    tagged = Item.tags.through
    links = [
        cooperating(item_id=keys.items[n], unit_id=keys.units[u])
        for n, spec in enumerate(plan.items)
        for u in spec.cooperating
    ]
    tags = [
        tagged(item_id=keys.items[n], tag_id=keys.tags[t]) for n, s in enumerate(plan.items) for t in s.tags
    ]
    milestones = [
        Milestone(item_id=keys.items[n], due=due, title=f"完成{share}%节点任务", percent=share, done_on=done)
        for n, spec in enumerate(plan.items)
        for due, share, done in spec.milestones
    ]
    cooperating.objects.bulk_create(links, batch_size=BATCH)
    tagged.objects.bulk_create(tags, batch_size=BATCH)
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    return {
        "items": total,
        "cooperating_units": len(links),
        "item_tags": len(tags),
        "milestones": len(milestones),
    }


def _history_rows(
    plan: Plan, keys: Keys, n: int, item: Item
) -> tuple[list[ItemTransition], list[ProgressReport], list[AuditEntry]]:
    spec = plan.items[n]
    liaison = keys.users[plan.org.liaison_of[spec.lead_unit]]
    transitions = [
        ItemTransition(
            item_id=item.pk, action=s.action, from_state=s.from_state, to_state=s.to_state,
            actor_id=liaison if s.action in UNIT_ACTIONS else keys.supervisor, at=aware(s.day, 9 + k),
            data={"new_deadline": item.pending_deadline.isoformat()}
            if s.action == "request_extension" and item.pending_deadline else {},
        )
        for k, s in enumerate(history.steps(spec, plan.today))
    ]  # fmt: skip
    events = [
        AuditEntry(action=f"item.{t.action}", obj=item, before={"state": t.from_state},
                   after={"state": t.to_state, "comment": ""})
        for t in transitions
    ]  # fmt: skip
    reports = [
        ProgressReport(
            item_id=item.pk, author_id=liaison, submitted_at=aware(r.day, r.hour, r.minute), due_date=r.day,
            text=r.text, percent=r.percent, problems=r.problems,
        )
        for r in history.reports(spec, history.item_rng(plan.seed, n), plan.today)
    ]  # fmt: skip
    return transitions, reports, events


def write_history(plan: Plan, keys: Keys, progress: Progress) -> dict[str, int]:
    """Workflow steps and progress reports, item batch by item batch, with their audit rows."""
    total = len(plan.items)
    counts = {"transitions": 0, "reports": 0}
    for start in range(0, total, BATCH // 4):
        span = range(start, min(start + BATCH // 4, total))
        items = Item.objects.in_bulk([keys.items[n] for n in span])
        transitions: list[ItemTransition] = []
        reports: list[ProgressReport] = []
        events: list[AuditEntry] = []
        for n in span:
            t, r, e = _history_rows(plan, keys, n, items[keys.items[n]])
            transitions += t
            reports += r
            events += e
        ItemTransition.objects.bulk_create(transitions, batch_size=BATCH)
        ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
        events += [_report_event(r, items[r.item_id]) for r in reports]
        for batch in chunks(events, 5 * BATCH):
            audit_record_many(actor=ACTOR, events=batch)
        counts["transitions"] += len(transitions)
        counts["reports"] += len(reports)
        progress("reports", span.stop, total)
    return counts


def backdate(plan: Plan, keys: Keys) -> None:
    """Sources and their items were entered on the source's date, not today (two UPDATEs a source).

    ``created_at`` is set on insert (``auto_now_add``); pages that count what is new
    (this week's items) should see the generated years, not one day.
    """
    for n, source in enumerate(plan.sources):
        at = aware(source.date, 11)
        Source.objects.filter(pk=keys.sources[n]).update(created_at=at, updated_at=at)
        Item.objects.filter(source_id=keys.sources[n]).update(created_at=at)


def _report_event(report: ProgressReport, item: Item) -> AuditEntry:
    after: dict[str, Any] = {"report": report.pk, "percent": report.percent, "actual_value": None,
                             "corrects": None, "files": 0}  # fmt: skip
    return AuditEntry(action="report.submit", obj=item, after=after)
