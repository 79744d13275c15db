"""``duban bench import|export|bulk|portfolio|jobs|web|evaluation``: time what users wait for.

- ``import [--rows 10000]``: the Excel ledger import (SPEC: 10,000 rows in under
  10 s), then a re-import with every row changed;
- ``export [--items 5000]``: the Excel ledger export of that many items;
- ``bulk [--items 5000]``: bulk assign (批量交办) of that many drafts;
- ``portfolio [--items 5000]``: a leader's portfolio page with that many open items;
- ``jobs``: lights of all items, a 10,000-row import, the export of 50,000 items and
  bulk assign of 5,000, on the database as it is (``duban.bench.jobs``);
- ``web``: the load benchmark of the production server against a generated
  database, beside a bare baseline (``duban.bench.web``; README "Speed");
- ``evaluation [--subjects 200] [--indicators 60]``: the evaluation engine on a made-up
  scheme (``duban.evaluation.bench``; issue 10: well under a second), no database.

Everything the ledger benchmarks and ``jobs`` write — units, people, users, a
source, the items and their audit events — is written inside a transaction that is
rolled back at the end: the database is left as it was (the audit chain included).
On SQLite the run holds the write lock for its duration, so point it at a scratch
data directory rather than a live system (``DUBAN_DATA_DIR=/tmp/bench duban migrate``
first). ``web`` keeps what it writes (logins, tokens, the items the API write
creates) in its own database.

(``duban bench extract`` is the extractor's benchmark; ``duban.cli`` routes it
before Django starts.)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from duban.bench.jobs import bench_import, bench_jobs, rolled_back
from duban.bench.webcommand import add_web_arguments, run_web
from duban.evaluation.bench import run_evaluation_bench
from duban.reports.bench_ledger import Timer, bench_bulk, bench_export, bench_portfolio

LEDGER_BENCHES = {"export": bench_export, "bulk": bench_bulk, "portfolio": bench_portfolio}


class Command(BaseCommand):
    help = (
        "Benchmark the ledger import (import), export (export), bulk assign (bulk), a leader's "
        "portfolio (portfolio), the long jobs (jobs) or the web server under load (web)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "what", choices=["import", *LEDGER_BENCHES, "jobs", "web", "evaluation"], help="what to benchmark"
        )
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
        parser.add_argument("--subjects", type=int, default=200, help="evaluation: subjects (default 200)")
        parser.add_argument("--indicators", type=int, default=60, help="evaluation: indicators (default 60)")
        add_web_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        what = options["what"]
        if what == "web":
            run_web(self, options)
            return
        if what == "evaluation":
            run_evaluation_bench(self.stdout.write, options)
            return
        timer = Timer(self.stdout, self.style.SUCCESS)
        if what == "jobs":
            self.stdout.write(
                f"long jobs on {connection.vendor} ({connection.settings_dict['NAME']}); each is rolled back"
            )
            bench_jobs(timer)
            return
        size = options["rows"] if what == "import" else options["items"]
        if size < 1:
            raise CommandError(_("--rows and --items must be at least 1"))
        label = "rows" if what == "import" else "items"
        self.stdout.write(
            f"ledger {what} benchmark: {size:,} {label} on {connection.vendor} "
            f"({connection.settings_dict['NAME']}); everything is rolled back at the end"
        )
        if what == "import":
            update, verify = not options["no_update"], not options["no_verify"]
            rolled_back(lambda: bench_import(timer, size, update=update, verify=verify))
        else:
            rolled_back(lambda: LEDGER_BENCHES[what](timer, size))
        self.stdout.write("rolled back: the database is as it was")
