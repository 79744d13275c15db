"""``duban generate --size small|medium|large [--seed N]``: a large data set for benchmarks.

See ``duban.generate``. Refuses a database that already holds items (unless
``--force``); writes everything in one transaction; prints progress on standard
error and the row counts (and, with ``--digest``, a fingerprint of the rows) on
standard output.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import connection
from django.db.models import Max

from duban.core import clock
from duban.generate import shape
from duban.generate.digest import rows_digest
from duban.generate.writer import generate
from duban.org.models import Unit
from duban.supervision.models import Item


class Bar:
    """Progress on the terminal: one line redrawn on a tty, else a line per stage and each tenth."""

    WIDTH = 30

    def __init__(self, out: OutputWrapper) -> None:
        self.out, self.tty = out, out.isatty()
        self.started = time.perf_counter()
        self.shown: tuple[str, int] = ("", -1)

    def __call__(self, stage: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        step = int(share * 10)
        if not self.tty and (stage, step) == self.shown:
            return
        self.shown = (stage, step)
        filled = int(share * self.WIDTH)
        line = (
            f"generate {stage:<13} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{done:>9,}/{total:,} {time.perf_counter() - self.started:6.1f} s"
        )
        self.out.write(
            f"\r{line}" if self.tty else line, ending="\n" if not self.tty or done >= total else ""
        )
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Generate a benchmark data set (SPEC 'Speed and scale'): units, people, users, sources, "
        "items three levels deep, workflow steps, progress reports, milestones, audit rows and lights."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", required=True, choices=list(shape.SCALES), help="how much to generate")
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed gives the same data (default 1)"
        )
        parser.add_argument(
            "--force", action="store_true", help="generate even if the database already holds items"
        )
        parser.add_argument("--digest", action="store_true", help="print a fingerprint of the generated rows")

    def handle(self, *args: Any, **options: Any) -> None:
        size, seed = options["size"], options["seed"]
        existing = Item.objects.count()
        if existing and not options["force"]:
            raise CommandError(
                f"This database already holds {existing:,} items; duban generate fills an empty one. "
                "Point DUBAN_DATA_DIR (SQLite) or DUBAN_DATABASE_URL (PostgreSQL) at a new database, "
                "run `duban migrate` there and generate again — or add --force to add the set beside "
                "what is there."
            )
        tag = str(Unit.objects.aggregate(top=Max("pk"))["top"] or "") if options["force"] else ""
        today = clock.today()
        scale = shape.SCALES[size]
        self.stdout.write(
            f"generating {size} (seed {seed}, as of {today}) on {connection.vendor}: "
            f"{scale.units} units, {scale.items:,} items, about {scale.reports:,} reports"
        )
        started = time.perf_counter()
        bar = Bar(self.stderr)
        plan = shape.plan(size, seed=seed, today=today)
        bar("plan", 1, 1)
        counts = generate(plan=plan, progress=bar, tag=tag)
        elapsed = time.perf_counter() - started
        for name, count in counts.items():
            self.stdout.write(f"  {name:<18} {count:>9,}")
        self.stdout.write(self.style.SUCCESS(f"done in {elapsed:.1f} s"))
        if options["digest"]:
            self.stdout.write(f"digest {rows_digest()}")
        suffix = f"-{tag}" if tag else ""
        roles: dict[str, str] = {}
        for user in plan.org.users:
            roles.setdefault("+".join(user.roles), f"{user.username}{suffix}")
        logins = ", ".join(f"{name} ({role})" for role, name in roles.items())
        self.stdout.write(f"logins, one per role (the demo's password; more alike by number): {logins}")
