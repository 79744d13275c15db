"""The ``duban bench web`` command: options, the run's own environment, the printed figures.

The command first re-runs itself in the benchmark's environment (production
settings, the chosen database; :func:`duban.bench.web.bench_env`), so the
logins it writes, the server it starts and the baseline all see one database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from duban.generate.shape import SCALES
from duban.supervision.models import Item

from . import web
from .targets import targets
from .wrk import HEADER, Request

SIZES = ("small", "medium", "large")


def _clients(text: str) -> tuple[int, ...]:
    try:
        counts = tuple(int(c) for c in text.split(",") if c.strip())
    except ValueError:
        counts = ()
    if not counts or min(counts) < 1:
        raise CommandError(
            _("--clients takes client counts separated by commas, e.g. 1,16,64 (not “%(text)s”)")
            % {"text": text}
        )
    return counts


def add_web_arguments(parser: CommandParser) -> None:
    parser.add_argument("--json", action="store_true", help="web: one JSON object on standard output")
    parser.add_argument("--clients", default="1,16,64", help="web: client counts (default 1,16,64)")
    parser.add_argument("--duration", type=float, default=10.0, help="web: seconds per run (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="web: warm-up seconds per case (default 2)")
    parser.add_argument(
        "--database", default="", help="web: a PostgreSQL URL (default: SQLite in --data-dir)"
    )
    parser.add_argument("--size", choices=SIZES, default="medium", help="web: what to generate if empty")
    parser.add_argument("--data-dir", default="", help="web: data directory (default var/bench/SIZE)")
    parser.add_argument(
        "--workers", type=int, default=0, help="web: gunicorn processes (default: 2 per core)"
    )
    parser.add_argument("--threads", type=int, default=1, help="web: threads per process (default 1)")
    parser.add_argument("--cases", default="", help="web: only these cases (names separated by commas)")
    parser.add_argument("--no-baseline", action="store_true", help="web: skip the bare baseline")


def _argv(options: dict[str, Any]) -> list[str]:
    """The command line of the re-run, from the parsed options."""
    argv = ["bench", "web", "--clients", options["clients"], "--duration", str(options["duration"])]
    argv += ["--warmup", str(options["warmup"]), "--size", options["size"]]
    argv += ["--workers", str(options["workers"]), "--threads", str(options["threads"])]
    if options["cases"]:
        argv += ["--cases", options["cases"]]
    for flag in ("json", "no_baseline"):
        if options[flag]:
            argv.append("--" + flag.replace("_", "-"))
    return argv


def run_web(command: BaseCommand, options: dict[str, Any]) -> None:
    if os.environ.get(web.CHILD) != "1":
        size, database = options["size"], options["database"]
        default = Path(settings.BASE_DIR) / "var" / "bench" / ("postgresql" if database else size)
        data_dir = Path(options["data_dir"]).resolve() if options["data_dir"] else default
        env = web.bench_env(database=database, data_dir=data_dir)
        argv = [sys.executable, "-m", "duban.cli", *_argv(options)]
        code = subprocess.call(argv, env=env)  # noqa: S603 - this very command again
        if code:
            raise CommandError(_("duban bench web stopped (exit %(code)s)") % {"code": code})
        return
    _run(command, options)


def _prepare(say: Any, size: str) -> None:
    """Migrate a new database (one that has items is benchmarked as it is), generate, analyse."""
    if Item._meta.db_table not in connection.introspection.table_names():
        call_command("migrate", verbosity=0, interactive=False)
    else:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            say("this database has unapplied migrations (duban migrate): benchmarking it as it is")
    if not Item.objects.exists():
        say(f"the database holds no items: generating {size} (duban generate --size {size})")
        call_command("generate", size=size, stdout=sys.stderr, stderr=sys.stderr)
    call_command("collectstatic", verbosity=0, interactive=False)
    # Planner statistics, as autovacuum keeps them on PostgreSQL (and ``PRAGMA optimize`` on SQLite):
    # a freshly generated database has none, and plans without them are not the ones served.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _size(items: int) -> str:
    """The generated size closest to the database's item count."""
    return min(SCALES, key=lambda name: abs(SCALES[name].items - items))


def _run(command: BaseCommand, options: dict[str, Any]) -> None:
    out = sys.stderr if options["json"] else sys.stdout

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    _prepare(say, options["size"])
    found = targets()
    wanted = {c.strip() for c in options["cases"].split(",") if c.strip()}
    cases = {n: r for n, r in found.cases.items() if not wanted or n in wanted}
    workers = options["workers"] or 2 * (os.cpu_count() or 1)
    clients = _clients(options["clients"])
    plan = web.Plan(clients, options["duration"], options["warmup"], workers, options["threads"])
    items = Item.objects.count()
    vendor, url = connection.vendor, web.database_url()
    connection.close()  # the servers have the database to themselves
    for note in found.notes:
        say(note)
    say(
        f"duban on {vendor} ({items:,} items), gunicorn {plan.workers} processes x {plan.threads} "
        f"thread(s), {plan.seconds:g} s per run at {', '.join(map(str, plan.clients))} clients, "
        "wrk on the same machine"
    )
    bare = {} if options["no_baseline"] else found.baseline
    results, baseline = _drive(bare, cases, plan, url, say)
    if options["json"]:
        report = {
            "database": vendor,
            "size": _size(items),
            "cases": web.as_json(results),
            "baseline": web.as_json(baseline),
        }
        command.stdout.write(json.dumps(report, ensure_ascii=False))


def _drive(
    bare: dict[str, Request], cases: dict[str, Request], plan: web.Plan, url: str, say: Callable[[str], None]
) -> tuple[web.Results, web.Results]:
    say(HEADER)
    log = Path(settings.DATA_DIR) / "bench-gunicorn.log"
    env = dict(os.environ)
    with web.served("duban.wsgi:application", plan, env=env, log=log) as base:
        results = web.drive_all(base, cases, plan, say)
    baseline: web.Results = {}
    bare = {n: r for n, r in bare.items() if n in cases}
    if bare:
        say("bare baseline (no Django: the one query, the same rows as JSON / HTML), same gunicorn:")
        with web.served(
            "duban.bench.baseline:app", plan, env={**env, "BENCH_BASELINE_DB": url}, log=log
        ) as base:
            baseline = web.drive_all(base, bare, plan, say)
        for line in web.ratios(results, baseline):
            say(line)
    return results, baseline
