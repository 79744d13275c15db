"""``duban bench import|export|bulk|portfolio``: time what users wait for on a large ledger.

- ``import [--rows 10000]``: the Excel ledger import (SPEC: 10,000 rows in under
  10 s), then a re-import with every row changed;
- ``export [--items 5000]``: the Excel ledger export of that many items;
- ``bulk [--items 5000]``: bulk assign (批量交办) of that many drafts;
- ``portfolio [--items 5000]``: a leader's portfolio page with that many open items.

Everything a benchmark writes — units, people, users, a source, the items and
their audit events — is written inside one transaction that is rolled back at
the end: the database is left as it was (the audit chain included). On SQLite
the run holds the write lock for its duration, so point it at a scratch data
directory rather than a live system (``DUBAN_DATA_DIR=/tmp/bench duban migrate``
first).

(``duban bench extract`` is the extractor's benchmark; ``duban.cli`` routes it
before Django starts.)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from duban.audit.models import AuditEvent
from duban.audit.verify import verify_chain
from duban.core import clock
from duban.reports.bench_ledger import (
    HEADERS,
    Timer,
    bench_bulk,
    bench_export,
    bench_portfolio,
    fixtures,
    sheet_rows,
)
from duban.reports.ledger_import import ledger_import
from duban.reports.ledger_xlsx import rows_workbook
from duban.supervision.models import DeadlineChange, Item
from duban.supervision.services.lights import lights_refresh

LEDGER_BENCHES = {"export": bench_export, "bulk": bench_bulk, "portfolio": bench_portfolio}


class _Rollback(Exception):
    """Raised to leave the benchmark's transaction without committing."""


class Command(BaseCommand):
    help = (
        "Benchmark the ledger import (import), export (export), bulk assign (bulk) or a leader's "
        "portfolio (portfolio) at size, print the figures, and roll everything back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["import", *LEDGER_BENCHES], help="what to benchmark")
        parser.add_argument(
            "--rows", type=int, default=10_000, help="import: rows in the sheet (default 10000)"
        )
        parser.add_argument(
            "--items", type=int, default=5_000, help="export, bulk, portfolio: items (default 5000)"
        )
        parser.add_argument(
            "--no-update", action="store_true", help="import: skip the re-import (updates) pass"
        )
        parser.add_argument("--no-verify", action="store_true", help="import: skip verifying the audit chain")

    def handle(self, *args: Any, **options: Any) -> None:
        what = options["what"]
        size = options["rows"] if what == "import" else options["items"]
        if size < 1:
            raise CommandError("--rows and --items must be at least 1")
        label = "rows" if what == "import" else "items"
        self.stdout.write(
            f"ledger {what} benchmark: {size:,} {label} on {connection.vendor} "
            f"({connection.settings_dict['NAME']}); everything is rolled back at the end"
        )
        timer = Timer(self.stdout, self.style.SUCCESS)
        try:
            with transaction.atomic():
                if what == "import":
                    self._import(
                        timer, size, update=not options["no_update"], verify=not options["no_verify"]
                    )
                else:
                    LEDGER_BENCHES[what](timer, size)
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write("rolled back: the database is as it was")

    def _import(self, timer: Timer, rows: int, *, update: bool, verify: bool) -> None:
        bench = fixtures()
        actor, source = bench.actor, bench.source
        sheet = timer.step(
            "generating the workbook in memory", lambda: rows_workbook(HEADERS, sheet_rows(bench, rows))
        )
        self.stdout.write(f"  {len(sheet) / 1024:,.0f} KiB")
        events_before = AuditEvent.objects.count()
        with timer.counted("importing (read, check, write, audit)", rows):
            result = ledger_import(actor=actor, source=source, data=sheet, filename="bench.xlsx")
        self.stdout.write(f"  created {result.created:,}, updated {result.updated:,}")
        ids = list(Item.objects.filter(source=source).values_list("pk", flat=True))
        timer.step(
            "refreshing lights (after commit in real use)",
            lambda: lights_refresh(today=clock.today(), item_ids=ids),
        )
        if update:
            moved = rows_workbook(HEADERS, sheet_rows(bench, rows, deadline="2020-06-30", revised="（修订）"))
            with timer.counted(
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
            checked = timer.step("verifying the whole audit chain", verify_chain)
            if not checked.ok:
                raise CommandError(f"audit chain broken at #{checked.broken_seq}: {checked.reason}")
            self.stdout.write(f"  {checked.checked:,} events intact")
