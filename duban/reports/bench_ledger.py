"""The supervision benchmarks behind ``duban bench export|bulk|portfolio``.

Each builds a ledger of N items (through the bulk import, so the set-up itself
is quick), then times what a user waits for at that size: the Excel export, a
bulk assignment of every draft, a leader's portfolio page. The command runs
them inside a transaction it rolls back at the end.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from duban.audit.models import AuditEvent
from duban.core import clock
from duban.core.roles import Role
from duban.org.models import LeaderUnit, Person, Unit, User, UserRole
from duban.reports.ledger_import import ledger_import
from duban.reports.ledger_xlsx import ledger_export_write, rows_workbook
from duban.supervision.filters import PAGE_SIZES, ItemFilters
from duban.supervision.models import Item, Source
from duban.supervision.services.bulk_actions import items_assign
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.source import source_create
from duban.supervision.views.portfolio import PER_PAGE
from duban.supervision.workflow import State

HEADERS = ["序号", "事项", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限"]
PER_PROBLEM = 100  # a problem and its 99 measures, as tests/reports/test_ledger_import.py
T = TypeVar("T")
PLAIN_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"


class Out(Protocol):
    def write(self, msg: str) -> None: ...


@dataclass(frozen=True)
class Bench:
    """The throwaway organisation, supervisor and source (rolled back with the rest)."""

    actor: User
    source: Source
    economy: Unit
    town: Unit
    leader: Person
    staff: Person


def fixtures() -> Bench:
    tag = f"{time.time_ns()}"[-8:]  # names unlikely to meet real ones, so lookups stay unambiguous
    economy = Unit.objects.create(
        name=f"基准经济发展局{tag}", short_name=f"基准经发局{tag}", kind="department"
    )
    town = Unit.objects.create(name=f"基准张坂镇{tag}", kind="town")
    leader = Person.objects.create(name=f"基准王明{tag}", position="管委会副主任", unit=economy)
    LeaderUnit.objects.create(leader=leader, unit=economy)
    staff = Person.objects.create(name=f"基准李华{tag}", unit=economy)
    actor = User.objects.create(username=f"bench-{tag}", unit=economy)
    UserRole.objects.create(user=actor, role=Role.SUPERVISOR)
    source = source_create(actor=actor, kind="inspection", title=f"基准 {tag}", date=dt.date(2019, 1, 14))
    return Bench(actor, source, economy, town, leader, staff)


def sheet_rows(
    b: Bench, count: int, *, deadline: str = "2019-12-31", revised: str = ""
) -> Iterator[tuple[str | None, ...]]:
    """Problems (1, 2, …) each with 99 measures (1.1 … 1.99), ``count`` rows in all.

    ``revised`` is appended to every title: a re-import where every row differs.
    """
    made = problem = 0
    while made < count:
        problem += 1
        yield (str(problem), f"问题{problem}{revised}", b.economy.name, None, b.leader.name, None, None)
        made += 1
        for m in range(1, PER_PROBLEM):
            if made >= count:
                return
            yield (
                f"{problem}.{m}",
                f"措施{problem}.{m}{revised}",
                b.town.name,
                b.economy.name,
                b.leader.name,
                b.staff.name,
                deadline,
            )
            made += 1


class Timer:
    """Prints what it times: wall clock, this process's CPU, SQL statements."""

    def __init__(self, out: Out, style: Callable[[str], str] = str) -> None:
        self.out, self.style = out, style

    def step(self, label: str, work: Callable[[], T]) -> T:
        self.out.write(f"{label} …")
        started = time.perf_counter()
        value = work()
        self.out.write(f"  {time.perf_counter() - started:.2f} s")
        return value

    @contextmanager
    def counted(self, label: str, rows: int, unit: str = "rows") -> Iterator[None]:
        self.out.write(f"{label} …")
        started, cpu = time.perf_counter(), time.process_time()
        statements = [0]

        def count(execute: Callable[..., Any], *args: Any) -> Any:
            statements[0] += 1
            return execute(*args)

        # A counting wrapper, not CaptureQueriesContext: the debug cursor that one
        # forces costs an extra quoting query per statement on SQLite.
        with connection.execute_wrapper(count):
            yield
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        # CPU time of this process too: on a busy machine the wall clock also counts
        # other processes' turns (on SQLite all the database work is in-process).
        self.out.write(
            self.style(
                f"  {elapsed:.2f} s for {rows:,} {unit} ({rows / max(elapsed, 1e-9):,.0f} {unit}/s; "
                f"CPU {cpu:.2f} s in this process; {statements[0]:,} statements)"
            )
        )


def ledger_of(timer: Timer, items: int, *, assigned: bool) -> Bench:
    """A source with ``items`` draft items (assigned if asked), lights stored."""
    bench = fixtures()
    sheet = rows_workbook(HEADERS, sheet_rows(bench, items))

    def build() -> None:
        ledger_import(actor=bench.actor, source=bench.source, data=sheet, filename="bench.xlsx")
        ids = list(Item.objects.filter(source=bench.source).values_list("pk", flat=True))
        if assigned:
            items_assign(actor=bench.actor, item_ids=ids)
        # As once the import and the assignment commit (never here: it all rolls back).
        lights_refresh(today=clock.today(), item_ids=ids)

    timer.step(f"setting up {items:,} {'assigned' if assigned else 'draft'} items (bulk import)", build)
    return bench


def _client(user: User) -> Client:
    host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h and not h.startswith(".")), "localhost")
    client = Client(headers={"host": host})
    client.force_login(user)
    return client


def bench_bulk(timer: Timer, items: int) -> None:
    bench = ledger_of(timer, items, assigned=False)
    ids = list(Item.objects.filter(source=bench.source).values_list("pk", flat=True))
    # The page first, with as many rows as one ledger page holds (its largest page size), in a
    # savepoint undone before the service's turn with all of them.
    page_ids = ids[: max(PAGE_SIZES)]
    with transaction.atomic():
        client = _client(bench.actor)
        form = {"op": "assign", "ids": page_ids, "next": reverse("supervision:ledger")}
        label = "bulk assign of a full ledger page, through the page (the POST a supervisor sends)"
        with timer.counted(label, len(page_ids), "items"):
            response = client.post(reverse("supervision:ledger_bulk"), form)
        done = Item.objects.filter(source=bench.source, state=State.ASSIGNED).count()
        timer.out.write(f"  status {response.status_code}, assigned {done:,}")
        transaction.set_rollback(True)
    events_before = AuditEvent.objects.count()
    with timer.counted("bulk assign service alone (checks, transitions, audit)", len(ids), "items"):
        result = items_assign(actor=bench.actor, item_ids=ids)
    timer.step(
        "refreshing their lights in bulk (what runs once it commits)",
        lambda: lights_refresh(today=clock.today(), item_ids=ids),
    )
    assigned = Item.objects.filter(source=bench.source, state=State.ASSIGNED).count()
    timer.out.write(
        f"  assigned {assigned:,} (refused {len(result.errors):,}); "
        f"audit events written {AuditEvent.objects.count() - events_before:,}"
    )


def bench_export(timer: Timer, items: int) -> None:
    bench = ledger_of(timer, items, assigned=True)
    with (
        tempfile.TemporaryFile() as out,
        timer.counted("Excel ledger export (read, lights, write .xlsx)", items, "items"),
    ):
        rows = ledger_export_write(out, user=bench.actor, filters=ItemFilters(), today=clock.today())
        size = out.tell()
    timer.out.write(f"  {rows:,} rows, {size / 1024:,.0f} KiB")


def bench_portfolio(timer: Timer, items: int) -> None:
    bench = ledger_of(timer, items, assigned=True)
    leader = User.objects.create(username=f"{bench.actor.username}-leader", person=bench.leader)
    UserRole.objects.create(user=leader, role=Role.LEADER)
    client = _client(leader)
    url = reverse("supervision:portfolio")
    last = max(1, math.ceil(items / PER_PAGE))
    # The page as served, minus the asset manifest (built by collectstatic, not needed to time a page).
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC}}):
        for page in sorted({1, last}):
            with timer.counted(
                f"leader's portfolio, page {page} of {last} ({items:,} open items)", 1, "pages"
            ):
                response = client.get(url, {"page": page})
            timer.out.write(f"  status {response.status_code}, {len(response.content) / 1024:,.0f} KiB")
