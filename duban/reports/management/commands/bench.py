"""``duban bench import [--rows 10000]``: time the Excel ledger import (SPEC: 10,000 rows in under 10 s).

Everything the benchmark writes — three units, two people, a supervisor, a
source, the imported items and their audit events — is written inside one
transaction that is rolled back at the end: the database is left as it was
(the audit chain included). On SQLite the run holds the write lock for its
duration, so point it at a scratch data directory rather than a live system
(``DUBAN_DATA_DIR=/tmp/bench-import duban migrate`` first).

(``duban bench extract`` is the extractor's benchmark; ``duban.cli`` routes it
before Django starts.)
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from duban.audit.models import AuditEvent
from duban.audit.verify import verify_chain
from duban.core import clock
from duban.org.models import LeaderUnit, Person, Unit, User, UserRole
from duban.org.roles import Role
from duban.reports.ledger_import import ledger_import
from duban.reports.ledger_xlsx import rows_workbook
from duban.supervision.models import DeadlineChange, Item, Source
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.source import source_create

HEADERS = ["序号", "事项", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限"]
PER_PROBLEM = 100  # a problem and its 99 measures, as tests/reports/test_ledger_import.py
T = TypeVar("T")


class _Rollback(Exception):
    """Raised to leave the benchmark's transaction without committing."""


class Command(BaseCommand):
    help = (
        "Benchmark: import a generated N-row ledger sheet (then re-import it with every row "
        "changed), print the figures, and roll everything back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["import"], help="what to benchmark")
        parser.add_argument("--rows", type=int, default=10_000, help="rows in the sheet (default 10000)")
        parser.add_argument("--no-update", action="store_true", help="skip the re-import (updates) pass")
        parser.add_argument("--no-verify", action="store_true", help="skip verifying the audit chain")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = options["rows"]
        if rows < 1:
            raise CommandError("--rows must be at least 1")
        self.stdout.write(
            f"ledger import benchmark: {rows:,} rows on {connection.vendor} "
            f"({connection.settings_dict['NAME']}); everything is rolled back at the end"
        )
        try:
            with transaction.atomic():
                self._run(rows, update=not options["no_update"], verify=not options["no_verify"])
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write("rolled back: the database is as it was")

    def _run(self, rows: int, *, update: bool, verify: bool) -> None:
        bench = _fixtures()
        actor, source = bench.actor, bench.source
        sheet = self._step(
            "generating the workbook in memory", lambda: rows_workbook(HEADERS, _rows(bench, rows))
        )
        self.stdout.write(f"  {len(sheet) / 1024:,.0f} KiB")
        events_before = AuditEvent.objects.count()
        with self._counted("importing (read, check, write, audit)", rows):
            result = ledger_import(actor=actor, source=source, data=sheet, filename="bench.xlsx")
        self.stdout.write(f"  created {result.created:,}, updated {result.updated:,}")
        ids = list(Item.objects.filter(source=source).values_list("pk", flat=True))
        self._step(
            "refreshing lights (after commit in real use)",
            lambda: lights_refresh(today=clock.today(), item_ids=ids),
        )
        if update:
            moved = rows_workbook(HEADERS, _rows(bench, rows, deadline="2020-06-30", revised="（修订）"))
            with self._counted(
                "re-importing with every title changed and every deadline moved (updates)", rows
            ):
                result = ledger_import(actor=actor, source=source, data=moved, filename="bench.xlsx")
            self.stdout.write(f"  created {result.created:,}, updated {result.updated:,}")
        self.stdout.write(
            f"  items {Item.objects.filter(source=source).count():,}, "
            f"deadline changes {DeadlineChange.objects.filter(item__source=source).count():,}, "
            f"audit events written {AuditEvent.objects.count() - events_before:,}"
        )
        if verify:
            checked = self._step("verifying the whole audit chain", verify_chain)
            if not checked.ok:
                raise CommandError(f"audit chain broken at #{checked.broken_seq}: {checked.reason}")
            self.stdout.write(f"  {checked.checked:,} events intact")

    def _step(self, label: str, work: Callable[[], T]) -> T:
        self.stdout.write(f"{label} …")
        started = time.perf_counter()
        value = work()
        self.stdout.write(f"  {time.perf_counter() - started:.2f} s")
        return value

    @contextmanager
    def _counted(self, label: str, rows: int) -> Iterator[None]:
        self.stdout.write(f"{label} …")
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
        self.stdout.write(
            self.style.SUCCESS(
                f"  {elapsed:.2f} s for {rows:,} rows ({rows / elapsed:,.0f} rows/s; "
                f"CPU {cpu:.2f} s in this process; {statements[0]:,} statements)"
            )
        )


@dataclass(frozen=True)
class _Bench:
    """The throwaway organisation, supervisor and source (rolled back with the rest)."""

    actor: User
    source: Source
    economy: str
    town: str
    leader: str
    staff: str


def _fixtures() -> _Bench:
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
    source = source_create(actor=actor, kind="inspection", title=f"导入基准 {tag}", date=dt.date(2019, 1, 14))
    return _Bench(actor, source, economy.name, town.name, leader.name, staff.name)


def _rows(
    b: _Bench, count: int, *, deadline: str = "2019-12-31", revised: str = ""
) -> Iterator[tuple[str | None, ...]]:
    """Problems (1, 2, …) each with 99 measures (1.1 … 1.99), ``count`` rows in all.

    ``revised`` is appended to every title: a re-import where every row differs.
    """
    made = problem = 0
    while made < count:
        problem += 1
        yield (str(problem), f"问题{problem}{revised}", b.economy, None, b.leader, None, None)
        made += 1
        for m in range(1, PER_PROBLEM):
            if made >= count:
                return
            yield (
                f"{problem}.{m}",
                f"措施{problem}.{m}{revised}",
                b.town,
                b.economy,
                b.leader,
                b.staff,
                deadline,
            )
            made += 1
